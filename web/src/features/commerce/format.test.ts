import { describe, expect, it } from 'vitest';
import { addLine, groupByChannel, parseCart, setQuantity, type CartLine } from './cart';
import { canCancelOrder, checkAddress, imageIdFromUrl, nextSellerStep, timelineIndex } from './format';

const line = (variantId: string, channelId: string, quantity = 1, unitPrice = 1000): CartLine => ({
  variantId,
  productId: `p-${variantId}`,
  channelId,
  channelName: `Channel ${channelId}`,
  productName: 'Mug',
  variantName: 'White',
  unitPrice,
  imageUrl: null,
  quantity,
});

describe('cart', () => {
  it('adds to a line already there, up to 99', () => {
    const lines = addLine(addLine([], line('a', 'c1', 60)), line('a', 'c1', 60));
    expect(lines).toHaveLength(1);
    expect(lines[0]!.quantity).toBe(99);
  });

  it('drops a line set to zero', () => {
    expect(setQuantity([line('a', 'c1')], 'a', 0)).toEqual([]);
  });

  it('groups lines by channel, each with its subtotal, for one checkout per seller', () => {
    const groups = groupByChannel([line('a', 'c1', 2), line('b', 'c2'), line('c', 'c1', 1, 500)]);
    expect(groups.map((g) => [g.channelId, g.lines.length, g.subtotal])).toEqual([
      ['c1', 2, 2500],
      ['c2', 1, 1000],
    ]);
  });

  it('reads a damaged store as an empty cart and skips odd lines', () => {
    expect(parseCart('{oops')).toEqual([]);
    expect(parseCart(JSON.stringify([line('a', 'c1'), { variantId: 3 }]))).toHaveLength(1);
  });
});

describe('orders', () => {
  it('places statuses on the timeline', () => {
    expect(timelineIndex('pending_payment')).toBe(-1);
    expect(timelineIndex('shipped')).toBe(2);
    expect(timelineIndex('completed')).toBe(4);
  });

  it('allows cancelling until shipping', () => {
    expect(canCancelOrder('preparing')).toBe(true);
    expect(canCancelOrder('shipped')).toBe(false);
  });

  it('names the seller’s next step', () => {
    expect(nextSellerStep('paid')).toBe('prepare');
    expect(nextSellerStep('preparing')).toBe('ship');
    expect(nextSellerStep('shipped')).toBe('deliver');
    expect(nextSellerStep('delivered')).toBeNull();
  });
});

describe('addresses', () => {
  it('accepts a Korean address and strips the phone’s dashes', () => {
    const result = checkAddress({ name: 'Rami', phone: '010-1234-5678', postalCode: '04790', line1: '1 Seongsu-ro', line2: '' });
    expect(result).toMatchObject({ ok: true, address: { phone: '01012345678' } });
  });

  it('names each field that is wrong', () => {
    const result = checkAddress({ name: '', phone: '123', postalCode: '4790', line1: 'ab', line2: '' });
    expect(result).toEqual({ ok: false, fields: ['name', 'phone', 'postalCode', 'line1'] });
  });
});

describe('a product picture kept through an edit', () => {
  it('is sent back by the id in its address, and no other address passes', () => {
    const id = 'a1b2c3d4e5f6g7h8i9j0k1l2';
    expect(imageIdFromUrl(`/api/commerce/images/${id}`)).toBe(id);
    expect(imageIdFromUrl(`/api/commerce/images/${id}-thumb`)).toBeNull();
    expect(imageIdFromUrl(`https://elsewhere.example/api/commerce/images/${id}`)).toBeNull();
    expect(imageIdFromUrl('/api/commerce/images/../secrets')).toBeNull();
  });
});
