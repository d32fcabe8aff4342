import { describe, expect, it } from 'vitest';
import type { Coupon, Gift } from '@maum/protocol';
import { boxTab, canCancel, daysUntil, occasionProduct, pinGroups, priceRangeById } from './format';

const now = Date.parse('2026-05-01T12:00:00Z');

function received(status: Gift['status'], coupon: Partial<Coupon> | null): Pick<Gift, 'status' | 'coupon'> {
  return {
    status,
    coupon: coupon ? ({ status: 'accepted', expiresAt: '2026-08-01T00:00:00Z', ...coupon } as Coupon) : null,
  };
}

describe('gift box tabs', () => {
  it('keeps coupons that can still be used under usable', () => {
    expect(boxTab(received('accepted', { status: 'accepted' }), now)).toBe('usable');
    expect(boxTab(received('delivered', { status: 'issued' }), now)).toBe('usable');
    expect(boxTab(received('accepted', { status: 'partially_used' }), now)).toBe('usable');
    expect(boxTab(received('delivered', null), now)).toBe('usable');
  });

  it('puts used, refunded and refused ones under used', () => {
    expect(boxTab(received('accepted', { status: 'used' }), now)).toBe('used');
    expect(boxTab(received('accepted', { status: 'refunded' }), now)).toBe('used');
    expect(boxTab(received('refused', { status: 'refused' }), now)).toBe('used');
    expect(boxTab(received('cancelled', null), now)).toBe('used');
  });

  it('moves a coupon past its date to expired before the server marks it', () => {
    expect(boxTab(received('accepted', { status: 'expired' }), now)).toBe('expired');
    expect(boxTab(received('accepted', { status: 'accepted', expiresAt: '2026-05-01T11:59:59Z' }), now)).toBe('expired');
  });
});

describe('gift formatting', () => {
  it('groups a PIN in fours', () => {
    expect(pinGroups('123456789012')).toBe('1234 5678 9012');
    expect(pinGroups('12345')).toBe('1234 5');
    expect(pinGroups('1234 5678-9012')).toBe('1234 5678 9012');
  });

  it('counts days left, a part of a day as a day', () => {
    expect(daysUntil('2026-05-02T12:00:00Z', now)).toBe(1);
    expect(daysUntil('2026-05-02T13:00:00Z', now)).toBe(2);
    expect(daysUntil('2026-04-01T00:00:00Z', now)).toBe(0);
  });

  it('lets a sender cancel only until the gift is accepted', () => {
    expect(canCancel({ status: 'scheduled' })).toBe(true);
    expect(canCancel({ status: 'delivered' })).toBe(true);
    expect(canCancel({ status: 'accepted' })).toBe(false);
    expect(canCancel({ status: 'exchanged' })).toBe(false);
  });

  it('knows the price ranges by their id', () => {
    expect(priceRangeById('5to10')).toEqual({ id: '5to10', minPrice: 5000, maxPrice: 9999 });
    expect(priceRangeById('nope')).toBeUndefined();
  });
});

describe('the product a gift for an event starts with', () => {
  it('is the friend\'s first wish, else the first birthday pick, else the most popular', () => {
    expect(occasionProduct(['wish', 'wish2'], ['cake'], ['top'])).toBe('wish');
    expect(occasionProduct([], ['cake', 'cake2'], ['top'])).toBe('cake');
    expect(occasionProduct(undefined, ['cake'], ['top'])).toBe('cake');
    expect(occasionProduct(undefined, [], ['top'])).toBe('top');
    expect(occasionProduct(undefined, undefined, undefined)).toBeUndefined();
  });
});
