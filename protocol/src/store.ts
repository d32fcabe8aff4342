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
export type CouponAtStore = z.infer<typeof CouponAtStore>;

export const Redemption = z
  .object({
    id: z.string(),
    storeName: z.string(),
    amount: Money,
    coupon: CouponAtStore,
    createdAt: z.string(),
    voidedAt: z.string().nullable(),
  })
  .meta({ id: 'Redemption' });
export type Redemption = z.infer<typeof Redemption>;

export const StoreInfo = z
  .object({ id: z.string(), name: z.string(), brand: z.object({ id: z.string(), name: z.string(), color: z.string() }) })
  .meta({ id: 'StoreInfo' });
export type StoreInfo = z.infer<typeof StoreInfo>;

/** What a brand was paid for redeemed coupons, with the fee read from the ledger (it is always 0). */
export const SellerStatement = z
  .object({
    brand: z.object({ id: z.string(), name: z.string() }),
    from: z.string(),
    to: z.string(),
    redemptions: z.array(Redemption),
    /** Redeemed amounts, less voided ones. */
    gross: Money,
    /** The platform's fee on these redemptions, summed from the ledger's fee account. */
    fee: Money,
    /** What the ledger credited to the brand's payable for these redemptions. */
    net: Money,
    /** The brand's payable balance now (all time). */
    payableBalance: Money,
  })
  .meta({ id: 'SellerStatement' });
export type SellerStatement = z.infer<typeof SellerStatement>;

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
  me: endpoint({
    method: 'GET', path: '/api/store/me', auth: 'store', tags,
    summary: 'The store this key or staff session acts for', response: StoreInfo,
  }),
  lookup: endpoint({
    method: 'GET', path: '/api/store/coupons/:pin', auth: 'store', tags,
    summary: 'Look a coupon up by its PIN before redeeming it. Rate-limited per store, and every look-up is audited. ' +
      'Errors: coupon_not_found, coupon_other_brand, rate_limited.',
    params: z.object({ pin: Pin }), response: CouponAtStore,
  }),
  statement: endpoint({
    method: 'GET', path: '/api/store/statement', auth: 'store', tags,
    summary: 'The brand’s seller statement: redemptions at all its stores in a period (default: the last 30 days), and the fee (₩0)',
    query: z.object({ from: z.iso.datetime({ offset: true }).optional(), to: z.iso.datetime({ offset: true }).optional() }),
    response: SellerStatement,
  }),
  void: endpoint({
    method: 'POST', path: '/api/store/redemptions/:redemptionId/void', auth: 'store', tags,
    summary: 'Reverse a redemption made today by this store',
    params: z.object({ redemptionId: z.string().regex(/^rdm_[0-9a-z]{26}$/) }),
    response: Redemption,
  }),
} as const;
