import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

const time = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const won = (name: string) => bigint(name, { mode: 'number' });

/** A room's subscription settings: whether only subscribers (and its hosts) may read and write in it. */
export const subscriptionRooms = pgTable('subscription_rooms', {
  roomId: text('room_id').primaryKey(),
  subscribersOnly: boolean('subscribers_only').notNull(),
  updatedAt: time('updated_at').notNull(),
});

/** A monthly tier a room's host sells; at most 3 a room. */
export const subscriptionTiers = pgTable(
  'subscription_tiers',
  {
    id: text('id').primaryKey(),
    roomId: text('room_id').notNull(),
    name: text('name').notNull(),
    price: won('price').notNull(),
    /** A price change announced ahead: periods starting on or after `next_price_from` cost `next_price`. */
    nextPrice: won('next_price'),
    nextPriceFrom: time('next_price_from'),
    perks: text('perks').notNull(),
    closed: boolean('closed').notNull().default(false),
    createdAt: time('created_at').notNull(),
  },
  (t) => [index('subscription_tiers_room_idx').on(t.roomId, t.createdAt), check('subscription_tiers_price_positive', sql`${t.price} > 0`)],
);

export const subscriptionStatuses = ['active', 'cancelled', 'grace', 'lapsed', 'ended', 'refunded'] as const;

/**
 * One person's subscription to one room (one row per person and room: subscribing again after it ended restores it).
 * Period `period` is [period_start, period_end); periods are calendar months counted from `anchor_at`, which is where
 * period `anchor_period` began (a restore after a lapse starts a new anchor).
 */
export const subscriptions = pgTable(
  'subscriptions',
  {
    id: text('id').primaryKey(),
    roomId: text('room_id').notNull(),
    userId: text('user_id').notNull(),
    tierId: text('tier_id').notNull(),
    status: text('status', { enum: subscriptionStatuses }).notNull(),
    period: integer('period').notNull(),
    anchorAt: time('anchor_at').notNull(),
    anchorPeriod: integer('anchor_period').notNull(),
    periodStart: time('period_start').notNull(),
    periodEnd: time('period_end').notNull(),
    /** What the current period cost (0 while it is in grace, unpaid). */
    periodPrice: won('period_price').notNull(),
    /** In grace: access is kept until then; the next retry is at `retry_at`. */
    graceUntil: time('grace_until'),
    retryAt: time('retry_at'),
    /** When the payment that began the current anchor was made (the one the withdrawal right is about). */
    firstPaidAt: time('first_paid_at').notNull(),
    /** When the subscriber first used what the subscription unlocks since `first_paid_at`. */
    usedAt: time('used_at'),
    cancelledAt: time('cancelled_at'),
    /** When access ended (lapsed, ended, refunded, removed), for churn. */
    endedAt: time('ended_at'),
    createdAt: time('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('subscriptions_room_user_key').on(t.roomId, t.userId),
    index('subscriptions_user_idx').on(t.userId),
    index('subscriptions_due_idx').on(t.status, t.periodEnd),
    index('subscriptions_retry_idx').on(t.status, t.retryAt),
    index('subscriptions_room_status_idx').on(t.roomId, t.status),
  ],
);

/**
 * Every charge and refund of a subscription, with the ledger transfer that moved it. A period is charged once and
 * refunded at most once: the keys make it so, whoever tries at the same moment.
 */
export const subscriptionPayments = pgTable(
  'subscription_payments',
  {
    id: text('id').primaryKey(),
    subscriptionId: text('subscription_id').notNull(),
    roomId: text('room_id').notNull(),
    period: integer('period').notNull(),
    kind: text('kind', { enum: ['charge', 'refund'] }).notNull(),
    amount: won('amount').notNull(),
    /** The host whose payable the money went to (or came back from). */
    payeeId: text('payee_id').notNull(),
    createdAt: time('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('subscription_payments_period_key').on(t.subscriptionId, t.period, t.kind),
    index('subscription_payments_room_idx').on(t.roomId, t.createdAt),
  ],
);

/** A host's post for a room's subscribers. */
export const subscriberPosts = pgTable(
  'subscriber_posts',
  {
    id: text('id').primaryKey(),
    roomId: text('room_id').notNull(),
    authorId: text('author_id').notNull(),
    text: text('text').notNull(),
    createdAt: time('created_at').notNull(),
  },
  (t) => [index('subscriber_posts_room_idx').on(t.roomId, t.createdAt)],
);
