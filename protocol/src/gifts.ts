import { z } from 'zod';
import { PublicProfile, UserId } from './accounts';
import { endpoint } from './http';
import { ProfileEventId } from './profiles';
import { Amount, Money } from './wallet';

/** `shop`: brands and small businesses that sell on Maum and list products here as exchange coupons. */
export const giftCategories = ['cafe', 'bakery', 'convenience', 'beauty', 'chicken', 'ice_cream', 'shop'] as const;
export const GiftCategory = z.enum(giftCategories);
export type GiftCategory = z.infer<typeof GiftCategory>;

export const ProductId = z.string().regex(/^prd_[0-9a-z]{26}$/, 'a product id');
export const GiftId = z.string().regex(/^gft_[0-9a-z]{26}$/, 'a gift id');
export const CouponId = z.string().regex(/^cpn_[0-9a-z]{26}$/, 'a coupon id');

export const Brand = z
  .object({ id: z.string(), name: z.string(), category: GiftCategory, color: z.string() })
  .meta({ id: 'Brand' });
export type Brand = z.infer<typeof Brand>;

/** An exchange coupon is for one product; a cash coupon is worth `faceValue` won, usable in parts. */
export const CouponKind = z.enum(['exchange', 'cash']);

export const GiftProduct = z
  .object({
    id: z.string(),
    brand: Brand,
    name: z.string(),
    kind: CouponKind,
    price: Money,
    faceValue: Money,
    options: z.array(z.object({ name: z.string(), values: z.array(z.string()) })),
    validityDays: z.number().int(),
    imageUrl: z.string(),
    tags: z.array(z.string()),
    popularity: z.number().int(),
  })
  .meta({ id: 'GiftProduct' });
export type GiftProduct = z.infer<typeof GiftProduct>;

export const cardTemplates = ['thanks', 'birthday', 'congrats', 'cheer', 'love', 'plain'] as const;
export const CardTemplate = z.enum(cardTemplates);
export const Card = z.object({ template: CardTemplate, text: z.string().trim().max(200).default('') });

export const couponStatuses = ['issued', 'accepted', 'partially_used', 'used', 'refused', 'cancelled', 'refunded', 'expired'] as const;
export const CouponStatus = z.enum(couponStatuses);
export type CouponStatus = z.infer<typeof CouponStatus>;

export const giftStatuses = ['scheduled', 'delivered', 'accepted', 'refused', 'cancelled', 'exchanged'] as const;
export const GiftStatus = z.enum(giftStatuses);

export const Coupon = z
  .object({
    id: z.string(),
    product: GiftProduct,
    option: z.string().nullable(),
    status: CouponStatus,
    balance: Money,
    /** Shown only to the holder. */
    pin: z.string().nullable(),
    expiresAt: z.string(),
    extensions: z.number().int(),
    /** The holder may extend it now (valid, not used up, within the extension limits). */
    extendable: z.boolean(),
    /** The holder may claim a refund now (see the refund quote for how much). */
    refundable: z.boolean(),
  })
  .meta({ id: 'Coupon' });
export type Coupon = z.infer<typeof Coupon>;

export const Gift = z
  .object({
    id: z.string(),
    orderId: z.string(),
    sender: PublicProfile,
    recipient: PublicProfile,
    product: GiftProduct,
    option: z.string().nullable(),
    card: Card,
    status: GiftStatus,
    deliverAt: z.string(),
    coupon: Coupon.nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Gift' });
export type Gift = z.infer<typeof Gift>;

/** A page of a list of gifts, newest first: pass the last gift's id as `before` for the next one. */
export const GiftPageQuery = z.object({
  before: GiftId.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(100),
});
export type GiftPageQuery = z.infer<typeof GiftPageQuery>;
export const GiftPage = z.object({ gifts: z.array(Gift), hasMore: z.boolean() });
export type GiftPage = z.infer<typeof GiftPage>;

export const GiftOrderBody = z.object({
  productId: ProductId,
  option: z.string().max(40).optional(),
  recipientIds: z.array(UserId).min(1).max(10),
  card: Card,
  /** Deliver later (ISO time); omitted means now. */
  deliverAt: z.iso.datetime({ offset: true }).optional(),
  /** A gift for a friend's event, sent from its celebration wall to that friend alone. */
  occasion: z.object({ profileEventId: ProfileEventId }).strict().optional(),
  /**
   * Top the wallet up by this much from the payment provider (Sandbox: no real money moves) as part of this payment,
   * when it is short: the top-up and the purchase happen together or not at all, under the request's one
   * Idempotency-Key, so a retry tops up and charges once.
   */
  topUp: z.object({ amount: Amount }).optional(),
});

export const GiftOrder = z
  .object({ id: z.string(), total: Money, gifts: z.array(Gift), createdAt: z.string() })
  .meta({ id: 'GiftOrder' });
export type GiftOrder = z.infer<typeof GiftOrder>;

export const RefundTarget = z.enum(['wallet', 'points']);
export type RefundTarget = z.infer<typeof RefundTarget>;

/** One way a coupon can be refunded now, under the voucher policy rule named by `rule`. */
export const RefundOption = z
  .object({ to: RefundTarget, amount: Money, percent: z.number(), rule: z.string() })
  .meta({ id: 'RefundOption' });
export type RefundOption = z.infer<typeof RefundOption>;

export const RefundQuote = z
  .object({
    options: z.array(RefundOption),
    /** Why there is no option, when `options` is empty. */
    reason: z.string().nullable(),
  })
  .meta({ id: 'RefundQuote' });
export type RefundQuote = z.infer<typeof RefundQuote>;

export const BarcodeFormat = z.enum(['code128', 'qr']);

const tags = ['gifts'];
const giftParams = z.object({ giftId: GiftId });

export const ProductQuery = z.object({
  category: GiftCategory.optional(),
  q: z.string().trim().max(40).optional(),
  tag: z.string().max(20).optional(),
  brandId: z.string().max(40).optional(),
  minPrice: z.coerce.number().int().min(0).optional(),
  maxPrice: z.coerce.number().int().min(0).optional(),
  sort: z.enum(['popular', 'price_asc', 'price_desc']).default('popular'),
});

export const giftsApi = {
  home: endpoint({
    method: 'GET', path: '/api/shop/home', auth: 'user', tags,
    summary: 'Shop home: popular ranking, categories, birthday picks and friends with a birthday soon',
    response: z.object({
      popular: z.array(GiftProduct),
      birthday: z.array(GiftProduct),
      categories: z.array(z.object({ category: GiftCategory, count: z.number().int() })),
      birthdaysSoon: z.array(z.object({ friend: PublicProfile, birthday: z.string(), inDays: z.number().int() })),
    }),
  }),
  products: endpoint({
    method: 'GET', path: '/api/shop/products', auth: 'user', tags,
    summary: 'Search and filter the gift shop', query: ProductQuery,
    response: z.object({ products: z.array(GiftProduct) }),
  }),
  product: endpoint({
    method: 'GET', path: '/api/shop/products/:productId', auth: 'user', tags,
    summary: 'One product', params: z.object({ productId: ProductId }), response: GiftProduct,
  }),
  productImage: endpoint({
    method: 'GET', path: '/api/shop/products/:productId/image', auth: 'none', tags,
    summary: 'The product picture (WebP)', params: z.object({ productId: ProductId }),
  }),
  wishlist: endpoint({
    method: 'GET', path: '/api/wishlist/:userId', auth: 'user', tags,
    summary: 'A wish list: your own, or a friend’s who has added you',
    params: z.object({ userId: UserId }), response: z.object({ products: z.array(GiftProduct) }),
  }),
  wish: endpoint({
    method: 'PUT', path: '/api/wishlist/me/:productId', auth: 'user', tags, status: 204,
    summary: 'Add to your wish list', params: z.object({ productId: ProductId }),
  }),
  unwish: endpoint({
    method: 'DELETE', path: '/api/wishlist/me/:productId', auth: 'user', tags, status: 204,
    summary: 'Remove from your wish list', params: z.object({ productId: ProductId }),
  }),
  order: endpoint({
    method: 'POST', path: '/api/gifts', auth: 'user', tags, status: 201, idempotent: true,
    summary: 'Buy a gift for 1–10 friends, paid from your wallet (topped up in the same payment when `topUp` is given); each gets it in your direct chat',
    body: GiftOrderBody, response: GiftOrder,
  }),
  sent: endpoint({
    method: 'GET', path: '/api/gifts/sent', auth: 'user', tags,
    summary: 'Gifts you sent, newest first; `before` (the last gift of the previous page) pages backwards',
    query: GiftPageQuery, response: GiftPage,
  }),
  box: endpoint({
    method: 'GET', path: '/api/gifts/box', auth: 'user', tags,
    summary: 'Your gift box: gifts you received, newest first, with their coupons; `before` (the last gift of the previous page) pages backwards',
    query: GiftPageQuery, response: GiftPage,
  }),
  gift: endpoint({
    method: 'GET', path: '/api/gifts/:giftId', auth: 'user', tags,
    summary: 'One gift (its sender or recipient only)', params: giftParams, response: Gift,
  }),
  accept: endpoint({
    method: 'POST', path: '/api/gifts/:giftId/accept', auth: 'user', tags,
    summary: 'Accept a gift: its coupon is yours to use', params: giftParams, response: Gift,
  }),
  refuse: endpoint({
    method: 'POST', path: '/api/gifts/:giftId/refuse', auth: 'user', tags,
    summary: 'Refuse a gift: the sender gets 100% back', params: giftParams, response: Gift,
  }),
  cancel: endpoint({
    method: 'POST', path: '/api/gifts/:giftId/cancel', auth: 'user', tags,
    summary: 'Cancel a gift you sent, until it is accepted, for 100% back', params: giftParams, response: Gift,
  }),
  exchange: endpoint({
    method: 'POST', path: '/api/gifts/:giftId/exchange', auth: 'user', tags, idempotent: true,
    summary: 'Exchange a received gift for another product of the same brand; the difference moves through your wallet',
    params: giftParams, body: z.object({ productId: ProductId, option: z.string().max(40).optional() }), response: Gift,
  }),
  barcode: endpoint({
    method: 'GET', path: '/api/gifts/:giftId/barcode', auth: 'user', tags,
    summary: 'The coupon PIN as a PNG barcode (Code 128) or QR code, for the holder to show at a store',
    params: giftParams, query: z.object({ format: BarcodeFormat.default('code128') }),
  }),
  extend: endpoint({
    method: 'POST', path: '/api/gifts/:giftId/extend', auth: 'user', tags,
    summary: 'Extend a valid coupon you hold by the policy’s extension period (3 months by default)',
    params: giftParams, response: Gift,
  }),
  refundQuote: endpoint({
    method: 'GET', path: '/api/gifts/:giftId/refund', auth: 'user', tags,
    summary: 'How a coupon you hold can be refunded now, under the voucher policy',
    params: giftParams, response: RefundQuote,
  }),
  refund: endpoint({
    method: 'POST', path: '/api/gifts/:giftId/refund', auth: 'user', tags, idempotent: true,
    summary: 'Refund a coupon you hold: after expiry to your wallet (90%, or 95% over ₩50,000) or as points (100%); ' +
      'a cash coupon’s remaining balance once most of it is used',
    params: giftParams, body: z.object({ to: RefundTarget }),
    response: z.object({ gift: Gift, refund: RefundOption }),
  }),
} as const;
