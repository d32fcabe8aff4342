import { z } from 'zod';
import { RoomId } from './chat';
import { endpoint } from './http';
import { Money, PayoutStatus } from './wallet';

/**
 * Subscriptions: the host of an open room sells monthly tiers and keeps every won of them (Maum's fee is 0, and the
 * ledger shows it). A tier unlocks the room itself (a subscribers-only room) or, in a room anyone may join, the
 * host's subscriber posts and a badge. A period is one calendar month from the day it starts; renewals are charged
 * from the wallet at the period's end, with a grace period (access kept, a daily retry) when the wallet is short.
 */

export const SubscriptionTierId = z.string().regex(/^stt_[0-9a-z]{26}$/, 'a subscription tier id');
export const SubscriptionId = z.string().regex(/^sub_[0-9a-z]{26}$/, 'a subscription id');
export const SubscriberPostId = z.string().regex(/^spo_[0-9a-z]{26}$/, 'a subscriber post id');

export const MAX_TIERS_PER_ROOM = 3;
export const TIER_MIN_PRICE = 500;
export const TIER_MAX_PRICE = 1_000_000;
/** A price change is announced this many days before the first period it applies to. */
export const PRICE_NOTICE_DAYS = 7;
/** The withdrawal right for digital content: a full refund within this many days of a first payment, if unused. */
export const REFUND_WINDOW_DAYS = 7;

/**
 * Periods are calendar months counted from an anchor: the n-th month after 31 January is the last day of a shorter
 * month (28 or 29 February, 30 April), and the month after that is the 31st again, so periods never drift. Times of
 * day are kept. The server renews by it; a client shows by it when a month bought now would end.
 */
export function addMonths(anchor: Date, months: number): Date {
  const y = anchor.getUTCFullYear();
  const m = anchor.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const day = Math.min(anchor.getUTCDate(), lastDay);
  return new Date(Date.UTC(y, m, day, anchor.getUTCHours(), anchor.getUTCMinutes(), anchor.getUTCSeconds(), anchor.getUTCMilliseconds()));
}

export const TierPrice = z.number().int().min(TIER_MIN_PRICE).max(TIER_MAX_PRICE);

export const SubscriptionTier = z
  .object({
    id: z.string(),
    roomId: z.string(),
    name: z.string(),
    /** Per period (a month), as a new subscriber would pay it today. */
    price: Money,
    perks: z.string(),
    /** Closed tiers take no new subscribers; current ones continue. */
    closed: z.boolean(),
    /** A price change announced ahead: the periods that start on or after `from` cost `price`. */
    nextPrice: z.object({ price: Money, from: z.string() }).nullable(),
  })
  .meta({ id: 'SubscriptionTier' });
export type SubscriptionTier = z.infer<typeof SubscriptionTier>;

/**
 * Where a subscription stands, as the ledger and the clock say it now:
 * - `active`: paid to `periodEnd`, renewed then;
 * - `cancelled`: paid to `periodEnd`, not renewed (access to the end);
 * - `grace`: the renewal failed for want of money; access is kept until `graceUntil`, with a retry each day;
 * - `lapsed`: the grace ran out unpaid; subscribing again restores access at once;
 * - `ended`: cancelled, and the paid period is over;
 * - `refunded`: the money came back, and access with it went.
 */
export const subscriptionStatuses = ['active', 'cancelled', 'grace', 'lapsed', 'ended', 'refunded'] as const;
export const SubscriptionStatus = z.enum(subscriptionStatuses);
export type SubscriptionStatus = z.infer<typeof SubscriptionStatus>;

export const Subscription = z
  .object({
    id: z.string(),
    roomId: z.string(),
    roomName: z.string(),
    tier: z.object({ id: z.string(), name: z.string() }),
    status: SubscriptionStatus,
    /** Whether the subscriber may read what the tier unlocks right now. */
    access: z.boolean(),
    /** The period paid last (or the one in grace). */
    periodStart: z.string(),
    periodEnd: z.string(),
    graceUntil: z.string().nullable(),
    /** The next charge, exactly as the scheduler will make it; null when none is coming. */
    nextCharge: z.object({ at: z.string(), amount: Money }).nullable(),
    /** Whether a full refund may be asked for now (a first payment within 7 days, unused). */
    refundable: z.boolean(),
    /** Charged in all, and refunded in all, read from the ledger. */
    paid: Money,
    refunded: Money,
    createdAt: z.string(),
  })
  .meta({ id: 'Subscription' });
export type Subscription = z.infer<typeof Subscription>;

export const RoomSubscriptions = z
  .object({
    roomId: z.string(),
    /** Only subscribers (and the host and co-hosts) may read and write in the room. */
    subscribersOnly: z.boolean(),
    tiers: z.array(SubscriptionTier),
    /** The caller's own subscription to this room, the latest one; null if none or not signed in. */
    mine: Subscription.nullable(),
    /** Whether the caller manages tiers and sees earnings here (the host, or a co-host with that right). */
    manages: z.boolean(),
  })
  .meta({ id: 'RoomSubscriptions' });
export type RoomSubscriptions = z.infer<typeof RoomSubscriptions>;

export const SubscriberPost = z
  .object({
    id: z.string(),
    roomId: z.string(),
    createdAt: z.string(),
    /** False for someone without access: they see that a post exists, and nothing of it. */
    unlocked: z.boolean(),
    text: z.string().nullable(),
  })
  .meta({ id: 'SubscriberPost' });
export type SubscriberPost = z.infer<typeof SubscriberPost>;

export const SubscriberBadge = z.object({ memberId: z.string(), tier: z.string() }).meta({ id: 'SubscriberBadge' });
export type SubscriberBadge = z.infer<typeof SubscriberBadge>;

export const Payout = z
  .object({
    id: z.string(),
    amount: Money,
    /** Read from the ledger's fee account for this payout: 0. */
    fee: Money,
    provider: z.string(),
    status: PayoutStatus,
    /** The provider's reference, once it has taken the payout. */
    payoutReference: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Payout' });
export type Payout = z.infer<typeof Payout>;

/** A room's earnings, for its host (or a co-host with the right): every figure is read from the subscriptions and the ledger. */
export const RoomEarnings = z
  .object({
    roomId: z.string(),
    tiers: z.array(z.object({ tier: SubscriptionTier, subscribers: z.number().int() })),
    /** Monthly recurring revenue: what the subscriptions that will renew cost per month. */
    mrr: Money,
    /** Subscriptions that ended, lapsed or were refunded in the last 30 days, and that as a share of those live then. */
    churn: z.object({ count: z.number().int(), rate: z.number() }),
    /** Renewals due in the next 7 days. */
    renewalsDue: z.object({ count: z.number().int(), amount: Money }),
    /** Subscriptions in grace now: a renewal failed and is retried daily. */
    failedRenewals: z.number().int(),
    charged: Money,
    refunded: Money,
    /** Read from the ledger's fee account for this room's charges and refunds: always ₩0. */
    feesPaid: Money,
    /** The latest charges and refunds, newest first: one line each. */
    payments: z.array(
      z.object({ kind: z.enum(['charge', 'refund']), amount: Money, displayName: z.string(), tier: z.string(), period: z.number().int(), at: z.string() }),
    ),
    subscribers: z.array(
      z.object({
        displayName: z.string(),
        tier: z.string(),
        status: SubscriptionStatus,
        since: z.string(),
        periodEnd: z.string(),
        nextChargeAt: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'RoomEarnings' });
export type RoomEarnings = z.infer<typeof RoomEarnings>;

/** What a host is owed across their rooms, and what was paid out, read from the host's payable in the ledger. */
export const HostPayouts = z
  .object({
    /** Charges less refunds, in all. */
    earned: Money,
    payable: Money,
    paidOut: Money,
    feesPaid: Money,
    payouts: z.array(Payout),
  })
  .meta({ id: 'HostPayouts' });
export type HostPayouts = z.infer<typeof HostPayouts>;

export const TierBody = z
  .object({
    name: z.string().trim().min(1).max(30),
    price: TierPrice,
    perks: z.string().trim().max(500).default(''),
  })
  .strict();

/** A change to a tier. A new price applies from periods starting 7 days from now at the earliest, and subscribers are told. */
export const TierChangeBody = z
  .object({
    name: z.string().trim().min(1).max(30).optional(),
    perks: z.string().trim().max(500).optional(),
    price: TierPrice.optional(),
    closed: z.boolean().optional(),
  })
  .strict();

const tags = ['subscriptions'];
const roomParams = z.object({ roomId: RoomId });
const tierParams = z.object({ roomId: RoomId, tierId: SubscriptionTierId });
const subscriptionParams = z.object({ subscriptionId: SubscriptionId });

export const subscriptionsApi = {
  room: endpoint({
    method: 'GET', path: '/api/open/rooms/:roomId/subscriptions', auth: 'optional', tags,
    summary: 'A room’s tiers, whether it is for subscribers only, and your own subscription to it', params: roomParams, response: RoomSubscriptions,
  }),
  subscribe: endpoint({
    method: 'POST', path: '/api/open/rooms/:roomId/subscriptions', auth: 'user', tags, status: 201, idempotent: true,
    summary: 'Subscribe to a tier, paying the first month from your wallet; access starts at once (also restores a lapsed subscription, or pays one in grace)',
    params: roomParams, body: z.object({ tierId: SubscriptionTierId }).strict(), response: Subscription,
  }),
  settings: endpoint({
    method: 'PUT', path: '/api/open/rooms/:roomId/subscriptions/settings', auth: 'user', tags,
    summary: 'Make the room for subscribers only, or open it again (the host, or a co-host with "earnings")',
    params: roomParams, body: z.object({ subscribersOnly: z.boolean() }).strict(), response: RoomSubscriptions,
  }),
  createTier: endpoint({
    method: 'POST', path: '/api/open/rooms/:roomId/tiers', auth: 'user', tags, status: 201,
    summary: 'Add a tier (at most 3 a room)', params: roomParams, body: TierBody, response: SubscriptionTier,
  }),
  changeTier: endpoint({
    method: 'PATCH', path: '/api/open/rooms/:roomId/tiers/:tierId', auth: 'user', tags,
    summary: 'Rename a tier, change its perks, close it to new subscribers, or change its price from a period 7 days ahead',
    params: tierParams, body: TierChangeBody, response: SubscriptionTier,
  }),
  posts: endpoint({
    method: 'GET', path: '/api/open/rooms/:roomId/posts', auth: 'user', tags,
    summary: 'The host’s posts for subscribers, newest first (locked for anyone else)', params: roomParams,
    response: z.object({ posts: z.array(SubscriberPost) }),
  }),
  createPost: endpoint({
    method: 'POST', path: '/api/open/rooms/:roomId/posts', auth: 'user', tags, status: 201,
    summary: 'Post for subscribers (the host, or a co-host with "earnings")', params: roomParams,
    body: z.object({ text: z.string().trim().min(1).max(4000) }).strict(), response: SubscriberPost,
  }),
  badges: endpoint({
    method: 'GET', path: '/api/open/rooms/:roomId/badges', auth: 'user', tags,
    summary: 'Which members carry a subscriber badge, and of which tier (members only)', params: roomParams,
    response: z.object({ badges: z.array(SubscriberBadge) }),
  }),
  earnings: endpoint({
    method: 'GET', path: '/api/open/rooms/:roomId/earnings', auth: 'user', tags,
    summary: 'Subscribers by tier, MRR, churn, renewals due, failed renewals and fees paid (₩0)', params: roomParams, response: RoomEarnings,
  }),
  mine: endpoint({
    method: 'GET', path: '/api/subscriptions', auth: 'user', tags,
    summary: 'Your subscriptions', response: z.object({ subscriptions: z.array(Subscription) }),
  }),
  one: endpoint({
    method: 'GET', path: '/api/subscriptions/:subscriptionId', auth: 'user', tags,
    summary: 'One of your subscriptions', params: subscriptionParams, response: Subscription,
  }),
  cancel: endpoint({
    method: 'POST', path: '/api/subscriptions/:subscriptionId/cancel', auth: 'user', tags,
    summary: 'Stop renewing: nothing more is charged, and access lasts to the end of the paid period', params: subscriptionParams, response: Subscription,
  }),
  refund: endpoint({
    method: 'POST', path: '/api/subscriptions/:subscriptionId/refund', auth: 'user', tags, idempotent: true,
    summary: 'Withdraw within 7 days of a first payment, if nothing paid for was used yet: the whole payment comes back',
    params: subscriptionParams, response: Subscription,
  }),
  payouts: endpoint({
    method: 'GET', path: '/api/subscriptions/payouts', auth: 'user', tags,
    summary: 'What your rooms earned, what is payable, and the payouts, read from the ledger', response: HostPayouts,
  }),
  payOut: endpoint({
    method: 'POST', path: '/api/subscriptions/payouts', auth: 'user', tags, status: 201,
    summary: 'Pay out what your rooms earned now (it is also paid out on schedule)', response: Payout.nullable(),
  }),
} as const;
