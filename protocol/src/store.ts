import { z } from 'zod';
import { endpoint } from './http';
import { CouponKind, CouponStatus } from './gifts';
import { Amount, Money } from './wallet';

export const Pin = z.string().regex(/^\d{12}$/, '12 digits');
export const STORE_KEY_HEADER = 'x-store-key';

export const CouponAtStore = z
  .object({
    productName: z.string(),
    brandName: z.string(),
    option: z.string().nullable(),
    kind: CouponKind,
    status: CouponStatus,
    balance: Money,
    faceValue: Money,
    expiresAt: z.string(),
  })
  .meta({ id: 'CouponAtStore' });

export const Redemption = z
  .object({ id: z.string(), amount: Money, coupon: CouponAtStore, createdAt: z.string(), voidedAt: z.string().nullable() })
  .meta({ id: 'Redemption' });
export type Redemption = z.infer<typeof Redemption>;

const tags = ['store'];

export const storeApi = {
  redeem: endpoint({
    method: 'POST', path: '/api/store/redemptions', auth: 'store', tags, status: 201, idempotent: true,
    summary:
      'Redeem a coupon by its PIN: an exchange coupon is used up; a cash coupon has `amount` taken off its balance. ' +
      'Errors: coupon_not_found, coupon_other_brand, coupon_expired, coupon_used, coupon_balance_too_low, coupon_not_usable.',
    body: z.object({ pin: Pin, amount: Amount.optional() }),
    response: Redemption,
  }),
  void: endpoint({
    method: 'POST', path: '/api/store/redemptions/:redemptionId/void', auth: 'store', tags,
    summary: 'Reverse a redemption made today by this store',
    params: z.object({ redemptionId: z.string().regex(/^rdm_[0-9a-z]{26}$/) }),
    response: Redemption,
  }),
} as const;
