import type { Card } from '@maum/protocol';
import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { z } from 'zod';

const time = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const money = (name: string) => bigint(name, { mode: 'number' });

/** A seller: a brand or a small business. Both kinds get the same options and pay no fee; only the label differs. */
export const sellers = pgTable(
  'sellers',
  {
    id: text('id').primaryKey(),
    ownerId: text('owner_id').notNull(),
    kind: text('kind', { enum: ['brand', 'small_business'] }).notNull(),
    businessName: text('business_name').notNull(),
    registrationNumber: text('registration_number').notNull(),
    contactEmail: text('contact_email').notNull(),
    contactPhone: text('contact_phone').notNull(),
    status: text('status', { enum: ['pending', 'approved', 'rejected', 'suspended'] }).notNull(),
    reason: text('reason'),
    createdAt: time('created_at').notNull(),
    reviewedAt: time('reviewed_at'),
    reviewedBy: text('reviewed_by'),
    lastSettledAt: time('last_settled_at'),
  },
  (t) => [uniqueIndex('sellers_owner_key').on(t.ownerId), index('sellers_status_idx').on(t.status, t.createdAt)],
);

/** Who acts for a seller: its owner, and the staff the owner adds. */
export const sellerStaff = pgTable(
  'seller_staff',
  {
    sellerId: text('seller_id')
      .notNull()
      .references(() => sellers.id),
    userId: text('user_id').notNull(),
    createdAt: time('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.sellerId, t.userId] }), index('seller_staff_user_idx').on(t.userId)],
);

/** Pictures uploaded by a seller for its channel, posts and products (WebP, metadata stripped). */
export const commerceImages = pgTable('commerce_images', {
  id: text('id').primaryKey(),
  sellerId: text('seller_id').notNull(),
  createdAt: time('created_at').notNull(),
});

export const channels = pgTable(
  'channels',
  {
    id: text('id').primaryKey(),
    sellerId: text('seller_id')
      .notNull()
      .references(() => sellers.id),
    /** The account that speaks for the channel in its chats. */
    accountId: text('account_id').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull(),
    category: text('category').notNull(),
    profileImage: text('profile_image'),
    coverImage: text('cover_image'),
    followers: integer('followers').notNull().default(0),
    createdAt: time('created_at').notNull(),
    updatedAt: time('updated_at').notNull(),
  },
  (t) => [uniqueIndex('channels_seller_key').on(t.sellerId), uniqueIndex('channels_account_key').on(t.accountId)],
);

export const channelFollows = pgTable(
  'channel_follows',
  {
    channelId: text('channel_id')
      .notNull()
      .references(() => channels.id),
    userId: text('user_id').notNull(),
    notify: boolean('notify').notNull(),
    createdAt: time('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.channelId, t.userId] }), index('channel_follows_user_idx').on(t.userId)],
);

export const channelPosts = pgTable(
  'channel_posts',
  {
    id: text('id').primaryKey(),
    channelId: text('channel_id')
      .notNull()
      .references(() => channels.id),
    text: text('text').notNull(),
    imageIds: jsonb('image_ids').$type<string[]>().notNull(),
    dealProductIds: jsonb('deal_product_ids').$type<string[]>(),
    dealStartsAt: time('deal_starts_at'),
    dealEndsAt: time('deal_ends_at'),
    createdAt: time('created_at').notNull(),
    /** Set once every follower who allows it has the post in their channel chat. */
    deliveredAt: time('delivered_at'),
  },
  (t) => [index('channel_posts_channel_idx').on(t.channelId, t.createdAt), index('channel_posts_undelivered_idx').on(t.deliveredAt)],
);

/** A customer's 1:1 chat with a channel, as the channel's staff see it in their shared inbox. */
export const channelConversations = pgTable(
  'channel_conversations',
  {
    roomId: text('room_id').primaryKey(),
    channelId: text('channel_id')
      .notNull()
      .references(() => channels.id),
    customerId: text('customer_id').notNull(),
    status: text('status', { enum: ['open', 'resolved'] }).notNull(),
    assigneeId: text('assignee_id'),
    /** The room's last seq when it was marked resolved; a later message from the customer opens it again. */
    resolvedSeq: integer('resolved_seq'),
    createdAt: time('created_at').notNull(),
  },
  (t) => [uniqueIndex('channel_conversations_customer_key').on(t.channelId, t.customerId)],
);

export const shopProducts = pgTable(
  'shop_products',
  {
    id: text('id').primaryKey(),
    sellerId: text('seller_id')
      .notNull()
      .references(() => sellers.id),
    name: text('name').notNull(),
    description: text('description').notNull(),
    imageIds: jsonb('image_ids').$type<string[]>().notNull(),
    giftListing: text('gift_listing', { enum: ['none', 'delivery', 'exchange'] }).notNull(),
    /** The gift-shop product of an `exchange` listing (kept when unlisted, so listing again reuses it). */
    giftProductId: text('gift_product_id'),
    active: boolean('active').notNull(),
    createdAt: time('created_at').notNull(),
    updatedAt: time('updated_at').notNull(),
  },
  (t) => [index('shop_products_seller_idx').on(t.sellerId, t.createdAt), index('shop_products_gift_idx').on(t.giftListing)],
);

/**
 * Stock per variant. `reserved` is what unpaid checkouts hold; available = on hand − reserved. The CHECKs make
 * overselling impossible whatever the order of concurrent statements: a reservation is a conditional UPDATE that
 * the database refuses once nothing is left.
 */
export const variants = pgTable(
  'shop_variants',
  {
    id: text('id').primaryKey(),
    productId: text('product_id')
      .notNull()
      .references(() => shopProducts.id),
    name: text('name').notNull(),
    price: money('price').notNull(),
    position: integer('position').notNull(),
    onHand: integer('on_hand').notNull(),
    reserved: integer('reserved').notNull().default(0),
    sold: integer('sold').notNull().default(0),
  },
  (t) => [
    index('shop_variants_product_idx').on(t.productId, t.position),
    check('shop_variants_stock_check', sql`${t.reserved} >= 0 and ${t.reserved} <= ${t.onHand} and ${t.sold} >= 0`),
  ],
);

/** A seller's coupon code. `uses` is claimed by a conditional UPDATE when an order is paid, never counted and then written. */
export const couponCodes = pgTable(
  'coupon_codes',
  {
    id: text('id').primaryKey(),
    sellerId: text('seller_id')
      .notNull()
      .references(() => sellers.id),
    code: text('code').notNull(),
    kind: text('kind', { enum: ['percent', 'fixed'] }).notNull(),
    value: integer('value').notNull(),
    minOrder: money('min_order').notNull(),
    startsAt: time('starts_at').notNull(),
    endsAt: time('ends_at').notNull(),
    totalLimit: integer('total_limit'),
    perUserLimit: integer('per_user_limit'),
    uses: integer('uses').notNull().default(0),
    createdAt: time('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('coupon_codes_code_key').on(t.sellerId, t.code),
    check('coupon_codes_uses_check', sql`${t.uses} >= 0 and (${t.totalLimit} is null or ${t.uses} <= ${t.totalLimit})`),
  ],
);

export const couponCodeUses = pgTable(
  'coupon_code_uses',
  {
    couponId: text('coupon_id')
      .notNull()
      .references(() => couponCodes.id),
    userId: text('user_id').notNull(),
    uses: integer('uses').notNull(),
  },
  (t) => [primaryKey({ columns: [t.couponId, t.userId] }), check('coupon_code_uses_check', sql`${t.uses} >= 0`)],
);

export type AddressValue = { name: string; phone: string; postalCode: string; line1: string; line2: string };
export type CardValue = z.infer<typeof Card>;

export const shopOrders = pgTable(
  'shop_orders',
  {
    id: text('id').primaryKey(),
    buyerId: text('buyer_id').notNull(),
    sellerId: text('seller_id')
      .notNull()
      .references(() => sellers.id),
    status: text('status', {
      enum: ['pending_payment', 'awaiting_address', 'paid', 'preparing', 'shipped', 'delivered', 'completed', 'cancelled', 'expired', 'refused'],
    }).notNull(),
    subtotal: money('subtotal').notNull(),
    discount: money('discount').notNull(),
    total: money('total').notNull(),
    couponId: text('coupon_id'),
    couponCode: text('coupon_code'),
    address: jsonb('address').$type<AddressValue>(),
    giftRecipientId: text('gift_recipient_id'),
    giftCard: jsonb('gift_card').$type<CardValue>(),
    carrier: text('carrier'),
    trackingNumber: text('tracking_number'),
    reservedUntil: time('reserved_until'),
    createdAt: time('created_at').notNull(),
    paidAt: time('paid_at'),
    shippedAt: time('shipped_at'),
    deliveredAt: time('delivered_at'),
    completedAt: time('completed_at'),
    cancelledAt: time('cancelled_at'),
  },
  (t) => [
    index('shop_orders_buyer_idx').on(t.buyerId, t.createdAt),
    index('shop_orders_recipient_idx').on(t.giftRecipientId),
    index('shop_orders_seller_idx').on(t.sellerId, t.createdAt),
    index('shop_orders_reserved_idx').on(t.status, t.reservedUntil),
  ],
);

export const shopOrderLines = pgTable(
  'shop_order_lines',
  {
    orderId: text('order_id')
      .notNull()
      .references(() => shopOrders.id),
    position: integer('position').notNull(),
    variantId: text('variant_id')
      .notNull()
      .references(() => variants.id),
    productId: text('product_id').notNull(),
    productName: text('product_name').notNull(),
    variantName: text('variant_name').notNull(),
    imageId: text('image_id'),
    unitPrice: money('unit_price').notNull(),
    quantity: integer('quantity').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orderId, t.position] })],
);

