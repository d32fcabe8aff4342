import { describe, expect, it } from 'vitest';
import { whyNotRedeemable } from './redeemable';

const now = Date.parse('2026-05-01T00:00:00Z');
const later = '2026-06-01T00:00:00Z';

describe('whether a looked-up coupon can be redeemed', () => {
  it('can while it is issued, accepted or partly used and not expired', () => {
    expect(whyNotRedeemable({ status: 'issued', expiresAt: later }, now)).toBeNull();
    expect(whyNotRedeemable({ status: 'accepted', expiresAt: later }, now)).toBeNull();
    expect(whyNotRedeemable({ status: 'partially_used', expiresAt: later }, now)).toBeNull();
  });

  it('names the reason the store would be given otherwise', () => {
    expect(whyNotRedeemable({ status: 'used', expiresAt: later }, now)).toBe('coupon_used');
    expect(whyNotRedeemable({ status: 'expired', expiresAt: later }, now)).toBe('coupon_expired');
    expect(whyNotRedeemable({ status: 'accepted', expiresAt: '2026-04-30T23:59:59Z' }, now)).toBe('coupon_expired');
    expect(whyNotRedeemable({ status: 'refunded', expiresAt: later }, now)).toBe('coupon_not_usable');
    expect(whyNotRedeemable({ status: 'cancelled', expiresAt: later }, now)).toBe('coupon_not_usable');
  });
});
