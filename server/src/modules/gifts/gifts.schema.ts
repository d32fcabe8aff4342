import { bigint, boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

const time = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const brands = pgTable('brands', {
  id: text('id').primaryKey(),
  name: text('name').notNull().unique('brands_name_key'),
  category: text('category', { enum: ['cafe', 'bakery', 'convenience', 'beauty', 'chicken', 'ice_cream', 'shop'] }).notNull(),
  color: text('color').notNull(),
  createdAt: time('created_at').notNull(),
});

export const products = pgTable(
  'gift_products',
  {
    id: text('id').primaryKey(),
    brandId: text('brand_id')
      .notNull()
      .references(() => brands.id),
    name: text('name').notNull(),
    kind: text('kind', { enum: ['exchange', 'cash'] }).notNull(),
    price: bigint('price', { mode: 'number' }).notNull(),
    faceValue: bigint('face_value', { mode: 'number' }).notNull(),
    options: jsonb('options').$type<Array<{ name: string; values: string[] }>>().notNull(),
    validityDays: integer('validity_days').notNull(),
    imageKey: text('image_key').notNull(),
    tags: jsonb('tags').$type<string[]>().notNull(),
    popularity: integer('popularity').notNull().default(0),
    /** A seller can take its product out of the shop; coupons already bought stay good. */
    listed: boolean('listed').notNull().default(true),
    createdAt: time('created_at').notNull(),
  },
  (t) => [index('gift_products_brand_idx').on(t.brandId)],
);

export const wishes = pgTable(
  'wishes',
  {
    userId: text('user_id').notNull(),
    productId: text('product_id')
      .notNull()
      .references(() => products.id),
    createdAt: time('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.productId] })],
);

export const giftOrders = pgTable('gift_orders', {
  id: text('id').primaryKey(),
  senderId: text('sender_id').notNull(),
  productId: text('product_id')
    .notNull()
    .references(() => products.id),
  total: bigint('total', { mode: 'number' }).notNull(),
  createdAt: time('created_at').notNull(),
});

/** One recipient's gift. It reaches their chat at `deliver_at` (now, or a scheduled time). */
export const gifts = pgTable(
  'gifts',
  {
    id: text('id').primaryKey(),
    orderId: text('order_id')
      .notNull()
      .references(() => giftOrders.id),
    senderId: text('sender_id').notNull(),
    recipientId: text('recipient_id').notNull(),
    productId: text('product_id')
      .notNull()
      .references(() => products.id),
    option: text('option'),
    cardTemplate: text('card_template').notNull(),
    cardText: text('card_text').notNull(),
    price: bigint('price', { mode: 'number' }).notNull(),
    status: text('status', { enum: ['scheduled', 'delivered', 'accepted', 'refused', 'cancelled', 'exchanged'] }).notNull(),
    deliverAt: time('deliver_at').notNull(),
    createdAt: time('created_at').notNull(),
  },
  (t) => [
    // A gift box and the gifts sent are read newest first, a page at a time (keyset paging on these).
    index('gifts_recipient_idx').on(t.recipientId, t.deliverAt, t.id),
    index('gifts_sender_idx').on(t.senderId, t.createdAt, t.id),
    index('gifts_due_idx').on(t.status, t.deliverAt),
  ],
);

/**
 * The voucher a gift turns into. Its 12-digit PIN is never stored. A random salt (CSPRNG) is, and the PIN is
 * derived from it under a server secret (HMAC), so the holder's app can be shown it again; for a store's look-up,
 * a second HMAC of the PIN is stored and indexed. A copy of this table without the secret gives no PIN away.
 */
export const coupons = pgTable(
  'coupons',
  {
    id: text('id').primaryKey(),
    giftId: text('gift_id')
      .notNull()
      .references(() => gifts.id),
    holderId: text('holder_id').notNull(),
    productId: text('product_id')
      .notNull()
      .references(() => products.id),
    option: text('option'),
    kind: text('kind', { enum: ['exchange', 'cash'] }).notNull(),
    faceValue: bigint('face_value', { mode: 'number' }).notNull(),
    balance: bigint('balance', { mode: 'number' }).notNull(),
    pinSalt: text('pin_salt').notNull(),
    pinHash: text('pin_hash').notNull().unique('coupons_pin_hash_key'),
    status: text('status', {
      enum: ['issued', 'accepted', 'partially_used', 'used', 'refused', 'cancelled', 'refunded', 'expired'],
    }).notNull(),
    expiresAt: time('expires_at').notNull(),
    extensions: integer('extensions').notNull().default(0),
    /** The last expiry notice sent, as days before expiry (30, then 7); null before the first. */
    lastNoticeDays: integer('last_notice_days'),
    createdAt: time('created_at').notNull(),
    updatedAt: time('updated_at').notNull(),
  },
  (t) => [
    index('coupons_holder_idx').on(t.holderId),
    index('coupons_gift_idx').on(t.giftId),
    index('coupons_status_expiry_idx').on(t.status, t.expiresAt),
  ],
);

/** A shop of a brand where coupons are redeemed. Its API key is stored only as SHA-256. */
export const stores = pgTable('stores', {
  id: text('id').primaryKey(),
  brandId: text('brand_id')
    .notNull()
    .references(() => brands.id),
  name: text('name').notNull(),
  apiKeyHash: text('api_key_hash').notNull().unique('stores_api_key_hash_key'),
  createdAt: time('created_at').notNull(),
});

export const storeStaff = pgTable(
  'store_staff',
  {
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id),
    userId: text('user_id').notNull(),
    createdAt: time('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.userId] }), index('store_staff_user_idx').on(t.userId)],
);

export const redemptions = pgTable(
  'redemptions',
  {
    id: text('id').primaryKey(),
    couponId: text('coupon_id')
      .notNull()
      .references(() => coupons.id),
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    createdAt: time('created_at').notNull(),
    voidedAt: time('voided_at'),
  },
  (t) => [index('redemptions_store_idx').on(t.storeId, t.createdAt), index('redemptions_coupon_idx').on(t.couponId)],
);

/** Every look-up of a coupon by PIN at a store, and every redemption refused for an unknown PIN: who, when, what came of it. */
export const pinLookups = pgTable(
  'pin_lookups',
  {
    id: text('id').primaryKey(),
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id),
    /** The staff member whose session made the look-up; null for a store's API key. */
    staffId: text('staff_id'),
    /** The coupon found, if any. The PIN itself is never recorded. */
    couponId: text('coupon_id'),
    action: text('action', { enum: ['lookup', 'redeem'] }).notNull(),
    outcome: text('outcome').notNull(),
    createdAt: time('created_at').notNull(),
  },
  (t) => [index('pin_lookups_store_idx').on(t.storeId, t.createdAt)],
);
