import type { CouponStatus } from '@maum/protocol';

/**
 * Why a coupon just looked up cannot be redeemed, as the error code the server would answer with; null when it
 * can. Saves the staff a refused attempt, and says the same thing the refusal would.
 */
export function whyNotRedeemable(coupon: { status: CouponStatus; expiresAt: string }, now: number): 'coupon_used' | 'coupon_expired' | 'coupon_not_usable' | null {
  if (coupon.status === 'used') return 'coupon_used';
  if (coupon.status === 'expired') return 'coupon_expired';
  if (coupon.status !== 'issued' && coupon.status !== 'accepted' && coupon.status !== 'partially_used') return 'coupon_not_usable';
  return Date.parse(coupon.expiresAt) <= now ? 'coupon_expired' : null;
}
