import { describe, expect, it } from 'vitest';
import type { SubscriptionTier } from '@maum/protocol';
import { tierChanges, tierFrom } from './tiers';

const tier: SubscriptionTier = {
  id: 'stt_00000000000000000000000000',
  roomId: 'room_1',
  name: 'Supporter',
  price: { amount: 4900, currency: 'KRW' },
  perks: 'Weekly notes',
  closed: false,
  nextPrice: null,
};

describe('a tier as the host writes it', () => {
  it('takes a whole price in won within the limits, and trims the words', () => {
    expect(tierFrom({ name: ' Supporter ', price: '4900', perks: ' Notes ' })).toEqual({ name: 'Supporter', price: 4900, perks: 'Notes' });
    expect(tierFrom({ name: 'Supporter', price: '', perks: '' })).toBeNull();
    expect(tierFrom({ name: 'Supporter', price: '499', perks: '' })).toBeNull();
    expect(tierFrom({ name: 'Supporter', price: '4900.5', perks: '' })).toBeNull();
    expect(tierFrom({ name: 'Supporter', price: '1000001', perks: '' })).toBeNull();
    expect(tierFrom({ name: '  ', price: '4900', perks: '' })).toBeNull();
  });

  it('sends only what changed, and a price only when it differs from the one announced last', () => {
    expect(tierChanges(tier, { name: 'Supporter', price: 4900, perks: 'Weekly notes' })).toEqual({});
    expect(tierChanges(tier, { name: 'Fan', price: 5900, perks: 'Weekly notes' })).toEqual({ name: 'Fan', price: 5900 });
    const announced: SubscriptionTier = { ...tier, nextPrice: { price: { amount: 5900, currency: 'KRW' }, from: '2026-04-01T00:00:00.000Z' } };
    expect(tierChanges(announced, { name: 'Supporter', price: 5900, perks: 'Weekly notes' })).toEqual({});
    expect(tierChanges(announced, { name: 'Supporter', price: 4900, perks: 'Weekly notes' })).toEqual({ price: 4900 });
  });
});
