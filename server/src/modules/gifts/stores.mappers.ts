import type { CouponAtStore, Redemption } from '@maum/protocol';
import { CURRENCY } from '../ledger';
import type { CouponRow, ProductWithBrand } from './gifts.repository';
import type { RedemptionRow, StoreRow } from './stores.repository';

export function toCouponAtStore(coupon: CouponRow, product: ProductWithBrand): CouponAtStore {
  return {
    productName: product.product.name,
    brandName: product.brand.name,
    option: coupon.option,
    kind: coupon.kind,
    status: coupon.status,
    balance: { amount: coupon.balance, currency: CURRENCY },
    faceValue: { amount: coupon.faceValue, currency: CURRENCY },
    expiresAt: coupon.expiresAt.toISOString(),
  };
}

export function toRedemption(row: RedemptionRow, store: StoreRow, coupon: CouponRow, product: ProductWithBrand): Redemption {
  return {
    id: row.id,
    storeName: store.name,
    amount: { amount: row.amount, currency: CURRENCY },
    createdAt: row.createdAt.toISOString(),
    voidedAt: row.voidedAt?.toISOString() ?? null,
    coupon: toCouponAtStore(coupon, product),
  };
}
