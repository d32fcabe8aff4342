import { describe, expect, it } from 'vitest';
import { readCard } from './cards';

const id = (prefix: string) => `${prefix}_01j0000000000000000000000a`;

describe('chat cards as the web reads them', () => {
  const gift = {
    type: 'gift',
    event: 'sent',
    giftId: id('gft'),
    productName: 'Americano (Tall)',
    brandName: 'Moonbean Coffee',
    imageUrl: '/api/shop/products/prd_1/image',
    card: { template: 'birthday', text: 'Happy birthday!' },
    expiresAt: null,
    daysLeft: null,
  };

  it('reads every type the server sends', () => {
    expect(readCard({ text: 'Gift: Americano (Tall)', card: gift })).toEqual({ text: 'Gift: Americano (Tall)', card: gift });
    const post = { type: 'post', postId: 'pst_1', channelId: id('chn'), text: 'Sale', imageUrls: ['/a'], deal: { productIds: ['i'], startsAt: '2029-12-01T00:00:00Z', endsAt: '2030-01-01T00:00:00Z' } };
    expect(readCard({ text: 'Sale', card: post }).card).toEqual(post);
    const certificate = { type: 'certificate', certId: id('crt'), productName: 'Lamp', serial: 'HJ-1', sellerName: 'Hanji', imageUrl: null };
    expect(readCard({ text: 'Lamp · HJ-1', card: certificate }).card).toEqual(certificate);
    const delivery = { type: 'delivery_gift', event: 'accepted', orderId: id('sor'), productName: 'Mug', channelName: 'Clay', imageUrl: null, card: { template: 'love', text: '' } };
    expect(readCard({ text: 'Gift: Mug (Clay)', card: delivery }).card).toEqual(delivery);
  });

  it('keeps only the text of a card it cannot trust or does not know, so the message still says something', () => {
    const unknown = { text: 'A newer kind of card', card: { type: 'sticker_pack', id: 1 } };
    expect(readCard(unknown)).toEqual({ text: 'A newer kind of card', card: null });
    // Links a client would follow must stay on this server, and ids must be ids.
    for (const imageUrl of ['https://tracker.example/p.gif', '//evil.example/x', '/\\evil.example/x']) {
      expect(readCard({ text: 't', card: { ...gift, imageUrl } }).card).toBeNull();
    }
    expect(readCard({ text: 't', card: { type: 'certificate', certId: '../../admin', productName: '', serial: '', sellerName: '', imageUrl: null } }).card).toBeNull();
    expect(readCard({ text: 't', card: { ...gift, event: 'exploded' } }).card).toBeNull();
    expect(readCard({})).toEqual({ text: '', card: null });
  });
});
