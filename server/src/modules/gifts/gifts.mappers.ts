import type { Coupon, Gift, GiftProduct, PublicProfile } from '@maum/protocol';
import type { CouponRow, GiftRow, ProductWithBrand } from './gifts.repository';

export function toProduct({ product, brand }: ProductWithBrand): GiftProduct {
  return {
    id: product.id,
    brand: { id: brand.id, name: brand.name, category: brand.category, color: brand.color },
    name: product.name,
    kind: product.kind,
    price: { amount: product.price, currency: 'KRW' },
    faceValue: { amount: product.faceValue, currency: 'KRW' },
    options: product.options,
    validityDays: product.validityDays,
    imageUrl: `/api/shop/products/${product.id}/image`,
    tags: product.tags,
    popularity: product.popularity,
  };
}

export function toCoupon(
  row: CouponRow,
  product: ProductWithBrand,
  pin: string | null,
  may: { extendable: boolean; refundable: boolean },
): Coupon {
  return {
    id: row.id,
    product: toProduct(product),
    option: row.option,
    status: row.status,
    balance: { amount: row.balance, currency: 'KRW' },
    pin,
    expiresAt: row.expiresAt.toISOString(),
    extensions: row.extensions,
    extendable: may.extendable,
    refundable: may.refundable,
  };
}

export function toGift(
  row: GiftRow,
  people: Map<string, PublicProfile>,
  product: ProductWithBrand,
  coupon: Coupon | null,
): Gift {
  const unknown = (id: string): PublicProfile => ({ id, handle: 'unknown', displayName: 'Unknown', statusMessage: '', avatarUrl: null });
  return {
    id: row.id,
    orderId: row.orderId,
    sender: people.get(row.senderId) ?? unknown(row.senderId),
    recipient: people.get(row.recipientId) ?? unknown(row.recipientId),
    product: toProduct(product),
    option: row.option,
    card: { template: row.cardTemplate as Gift['card']['template'], text: row.cardText },
    status: row.status,
    deliverAt: row.deliverAt.toISOString(),
    coupon,
    createdAt: row.createdAt.toISOString(),
  };
}
