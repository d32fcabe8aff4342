import {
  MAX_TIERS_PER_ROOM,
  PRICE_NOTICE_DAYS,
  REFUND_WINDOW_DAYS,
  type HostPayouts,
  type Payout,
  type RoomEarnings,
  type RoomSubscriptions,
  type SubscriberBadge,
  type SubscriberPost,
  type Subscription,
  type SubscriptionCardEvent,
  type SubscriptionTier,
} from '@maum/protocol';
import { requireSystem, requireUser, type Actor, type UserActor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { isTransactionConflict, type Database, type Executor } from '../../platform/db/database';
import { AppError } from '../../platform/errors';
import { newId } from '../../platform/ids';
import type { AccountsDirectory } from '../accounts';
import { CURRENCY, toPayout, type LedgerService, type PayoutsService } from '../ledger';
import { addDays, addMonths, unusedShare } from './periods';
import type { OwedReceipts, ReceiptCards, RoomSeats, SubscribedRoom, SubscribedRooms } from './subscriptions.ports';
import { LIVE_STATUSES, type PaymentRow, type SubscriptionRow, type SubscriptionsRepository, type TierRow } from './subscriptions.repository';

const won = (amount: number) => ({ amount, currency: CURRENCY as 'KRW' });
const DAY_MS = 86_400_000;
/** Due subscriptions handled in one transaction by the scheduler. */
const RENEWAL_BATCH = 500;
/**
 * Batches renewed side by side on PostgreSQL, each on its own connection (`SKIP LOCKED` hands them different rows):
 * while one waits for the database, the other's statements run, and the server's second core works too.
 */
const RENEWAL_LANES = 2;

export interface SubscriptionsConfig {
  /** Days of grace after a failed renewal, with access kept and one retry a day (3 by default). */
  graceDays: number;
  /** How often each host's earnings are paid out. */
  payoutIntervalMs: number;
}

/** What the tier costs for a period that starts at `at`: the announced new price once it applies. */
export function priceAt(tier: TierRow, at: Date): number {
  return tier.nextPrice !== null && tier.nextPriceFrom !== null && at >= tier.nextPriceFrom ? tier.nextPrice : tier.price;
}

/** Where a subscription stands at `now` (the stored status, moved on by the clock where the scheduler has yet to). */
export function statusAt(row: SubscriptionRow, now: Date): SubscriptionRow['status'] {
  if (row.status === 'cancelled' && row.periodEnd <= now) return 'ended';
  if (row.status === 'grace' && row.graceUntil && row.graceUntil <= now) return 'lapsed';
  return row.status;
}

/** Whether the subscriber may read what the tier unlocks at `now`. */
export function hasAccess(row: SubscriptionRow, now: Date): boolean {
  const status = statusAt(row, now);
  return status === 'active' || status === 'cancelled' || status === 'grace';
}

/**
 * Subscriptions that room hosts sell. Every charge, renewal and refund is one ledger transfer between the
 * subscriber's wallet and the host's payable, written in the same transaction as the subscription's new state, its
 * payment row and its receipt card; the fee account is never touched. What the API says of a subscription (status,
 * access, next charge) is computed from the same row the scheduler renews from, so the two cannot disagree.
 */
export class SubscriptionsService {
  constructor(
    private readonly deps: {
      database: Database;
      repo: SubscriptionsRepository;
      rooms: SubscribedRooms;
      seats: RoomSeats;
      cards: ReceiptCards;
      people: AccountsDirectory;
      ledger: LedgerService;
      payouts: PayoutsService;
      config: SubscriptionsConfig;
      clock: Clock;
    },
  ) {}

  private get repo() {
    return this.deps.repo;
  }

  private now(): Date {
    return this.deps.clock.now();
  }

  // ─── Access ──────────────────────────────────────────────────────────────────────────────────────────────────────

  private async existingRoom(roomId: string, userId: string | null): Promise<SubscribedRoom> {
    const room = await this.deps.rooms.room(roomId, userId);
    if (!room) throw new AppError('not_found', 'No such open room.');
    return room;
  }

  /** The room, if the caller manages its subscriptions: its host, or a co-host granted "earnings". */
  private async managed(actor: Actor, roomId: string): Promise<{ me: UserActor; room: SubscribedRoom }> {
    const me = requireUser(actor);
    const room = await this.existingRoom(roomId, me.userId);
    if (!manages(room)) throw new AppError('forbidden', 'Only the room’s host, or a co-host allowed to, manages its subscriptions.');
    return { me, room };
  }

  private async mine(me: UserActor, subscriptionId: string): Promise<SubscriptionRow> {
    const row = await this.repo.find(subscriptionId);
    // Someone else's subscription is answered as if there were none.
    if (!row || row.userId !== me.userId) throw new AppError('not_found', 'No such subscription.');
    return row;
  }

  // ─── Reading ─────────────────────────────────────────────────────────────────────────────────────────────────────

  async room(actor: Actor, roomId: string): Promise<RoomSubscriptions> {
    const userId = actor.kind === 'user' ? actor.userId : null;
    const room = await this.existingRoom(roomId, userId);
    const [tiers, subscribersOnly, own] = await Promise.all([
      this.repo.tiersOf(roomId),
      this.repo.subscribersOnly(roomId),
      userId ? this.repo.findOf(roomId, userId) : undefined,
    ]);
    return {
      roomId,
      subscribersOnly,
      tiers: tiers.map((t) => this.toTier(t)),
      mine: own ? (await this.present([own]))[0]! : null,
      manages: manages(room),
    };
  }

  async list(actor: Actor): Promise<Subscription[]> {
    const me = requireUser(actor);
    return this.present(await this.repo.ofUser(me.userId));
  }

  async one(actor: Actor, subscriptionId: string): Promise<Subscription> {
    const me = requireUser(actor);
    return (await this.present([await this.mine(me, subscriptionId)]))[0]!;
  }

  /** Whether `userId` may read and write in the room now: anyone in an open room; subscribers, hosts and co-hosts in a subscribers-only one. */
  async mayEnter(actor: Actor, roomId: string, userId: string): Promise<boolean> {
    requireSystem(actor, 'Only OpenLink asks who may enter a room.');
    if (!(await this.repo.subscribersOnly(roomId))) return true;
    const own = await this.repo.findOf(roomId, userId);
    return own !== undefined && hasAccess(own, this.now());
  }

  /** Looks up what refunds inside OpenLink's transaction need (the receipts' sender), before that transaction opens. */
  async prepare(actor: Actor): Promise<void> {
    requireSystem(actor, 'Only OpenLink prepares for removals.');
    await this.deps.cards.sender();
  }

  /** The subscriber opened what their subscription unlocks (a subscribers-only room's messages): a refund is no longer a withdrawal. */
  async markUsed(actor: Actor, roomId: string, userId: string): Promise<void> {
    requireSystem(actor, 'Only server flows record use.');
    await this.repo.markUsed(roomId, userId, this.now());
  }

  // ─── Subscribing ─────────────────────────────────────────────────────────────────────────────────────────────────

  /**
   * Subscribes the caller to a tier, paying the first month from the wallet; access starts at once. The same call
   * pays a subscription in grace (its period continues), and restores one that lapsed, ended or was refunded (a new
   * month from now). A cancelled subscription still running is resumed without a charge.
   */
  async subscribe(actor: Actor, roomId: string, tierId: string): Promise<Subscription> {
    const me = requireUser(actor);
    const room = await this.existingRoom(roomId, me.userId);
    if (room.closed) throw new AppError('room_closed', 'This room has closed.');
    if (room.role === 'host') throw new AppError('validation_failed', 'You host this room.');
    const tier = (await this.repo.tiersByIds([tierId])).get(tierId);
    if (!tier || tier.roomId !== roomId) throw new AppError('not_found', 'This room has no such tier.');
    const sender = await this.deps.cards.sender();
    const row = await this.deps.database.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      const now = this.now();
      let current = await repo.lockOf(roomId, me.userId);
      if (!current) {
        if (tier.closed) throw tierClosed();
        const fresh = newSubscription({ roomId, userId: me.userId, tierId, now });
        // Two first subscriptions at once: one is inserted, the other waits on its lock and then finds it.
        if (!(await repo.insert(fresh))) current = await repo.lockOf(roomId, me.userId);
        else return this.charge(tx, fresh, { tier, room, sender, event: 'charged', start: now, restart: true });
      }
      const existing = current!;
      const status = statusAt(existing, now);
      if (status === 'cancelled') {
        if (existing.tierId !== tierId) throw new AppError('already_subscribed', 'You are subscribed to another tier of this room until the period ends.');
        return repo.update(existing.id, { status: 'active', cancelledAt: null });
      }
      if (status === 'active') throw new AppError('already_subscribed', 'You are already subscribed to this room.');
      if (status === 'grace') {
        const dueTier = (await repo.tiersByIds([existing.tierId])).get(existing.tierId)!;
        return this.charge(tx, existing, { tier: dueTier, room, sender, event: 'charged', start: existing.periodEnd, restart: false });
      }
      if (tier.closed) throw tierClosed();
      return this.charge(tx, { ...existing, tierId }, { tier, room, sender, event: 'charged', start: now, restart: true });
    });
    return (await this.present([row]))[0]!;
  }

  /**
   * Charges the period after `row.period`, starting at `start`, inside `tx`: the transfer from the wallet to the
   * host's payable, the payment row, the subscription's new state, the receipt card, and (in a subscribers-only room)
   * the member's access, all together. `restart` begins a new anchor (a first payment, or a restore after a lapse).
   * Throws `insufficient_funds`, rolling all of it back.
   */
  private async charge(
    tx: Executor,
    row: SubscriptionRow,
    at: { tier: TierRow; room: { roomId: string; name: string; hostId: string }; sender: string; event: SubscriptionCardEvent; start: Date; restart: boolean },
  ): Promise<SubscriptionRow> {
    const repo = this.repo.with(tx);
    const now = this.now();
    const period = row.period + 1;
    const amount = priceAt(at.tier, at.start);
    const payment: PaymentRow = { id: newId('spy'), subscriptionId: row.id, roomId: row.roomId, period, kind: 'charge', amount, payeeId: at.room.hostId, createdAt: now };
    if ((await repo.insertPayments([payment])) === 0) {
      // This period was charged already (a retried run): nothing moves again.
      return (await repo.find(row.id))!;
    }
    await this.deps.ledger.transfer(tx, {
      debit: { kind: 'user_wallet', ownerId: row.userId },
      credit: { kind: 'host_payable', ownerId: at.room.hostId },
      amount,
      currency: CURRENCY,
      kind: 'subscription',
      reference: payment.id,
      idempotencyKey: `subscription:${row.id}:${period}:charge`,
    });
    const anchorAt = at.restart ? at.start : row.anchorAt;
    const anchorPeriod = at.restart ? period : row.anchorPeriod;
    const next: SubscriptionRow = {
      ...row,
      status: 'active',
      period,
      anchorAt,
      anchorPeriod,
      periodStart: at.start,
      periodEnd: addMonths(anchorAt, period - anchorPeriod + 1),
      periodPrice: amount,
      graceUntil: null,
      retryAt: null,
      cancelledAt: null,
      endedAt: null,
      ...(at.restart && { firstPaidAt: now, usedAt: null }),
    };
    const saved = await repo.update(row.id, next);
    await this.deps.seats.restore(tx, row.roomId, [row.userId]);
    await this.receipt(tx, saved, at, { event: at.event, amount, until: null });
    return saved;
  }

  private async receipt(
    tx: Executor,
    row: SubscriptionRow,
    at: { tier: TierRow; room: { name: string }; sender: string },
    card: { event: SubscriptionCardEvent; amount: number; until: Date | null; key?: string },
  ): Promise<void> {
    await this.deps.cards.post(tx, this.receiptCard(row, at, card));
  }

  private receiptCard(
    row: SubscriptionRow,
    at: { tier: TierRow; room: { name: string }; sender: string },
    card: { event: SubscriptionCardEvent; amount: number; until: Date | null; key?: string },
  ) {
    return {
      fromUserId: at.sender,
      toUserId: row.userId,
      clientMsgId: `subscription:${row.id}:${row.period}:${card.key ?? card.event}`,
      card: {
        type: 'subscription' as const,
        event: card.event,
        subscriptionId: row.id,
        roomName: at.room.name,
        tierName: at.tier.name,
        amount: card.amount,
        periodEnd: row.periodEnd.toISOString(),
        until: card.until?.toISOString() ?? null,
      },
    };
  }

  // ─── Cancelling and refunds ──────────────────────────────────────────────────────────────────────────────────────

  /** Stops renewals: nothing more is charged; access lasts to the end of the paid period (in grace, it ends now). */
  async cancel(actor: Actor, subscriptionId: string): Promise<Subscription> {
    const me = requireUser(actor);
    await this.mine(me, subscriptionId);
    const row = await this.deps.database.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      const now = this.now();
      const current = (await repo.lock(subscriptionId))!;
      const status = statusAt(current, now);
      if (status === 'active') return repo.update(current.id, { status: 'cancelled', cancelledAt: now });
      if (status === 'grace') {
        const ended = await repo.update(current.id, { status: 'ended', cancelledAt: now, endedAt: now, graceUntil: null, retryAt: null });
        await this.suspendIfGated(tx, ended);
        return ended;
      }
      return current;
    });
    return (await this.present([row]))[0]!;
  }

  /**
   * The withdrawal right for digital content: within 7 days of a first payment, if nothing it unlocked was used, the
   * whole payment comes back and access ends.
   */
  async refund(actor: Actor, subscriptionId: string): Promise<Subscription> {
    const me = requireUser(actor);
    await this.mine(me, subscriptionId);
    const sender = await this.deps.cards.sender();
    const row = await this.deps.database.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      const now = this.now();
      const current = (await repo.lock(subscriptionId))!;
      const status = statusAt(current, now);
      if (status === 'refunded') return current;
      if (!(status === 'active' || status === 'cancelled') || current.period !== current.anchorPeriod || now.getTime() - current.firstPaidAt.getTime() > REFUND_WINDOW_DAYS * DAY_MS) {
        throw new AppError('refund_window_over', `A first payment can be withdrawn within ${REFUND_WINDOW_DAYS} days; this one cannot any more.`);
      }
      if (current.usedAt !== null) throw new AppError('subscription_used', 'What this subscription unlocks was already used, so it cannot be withdrawn.');
      const charge = (await repo.chargeOf(current.id, current.period))!;
      return this.refundPeriod(tx, current, { amount: charge.amount, payeeId: charge.payeeId, sender, now });
    });
    return (await this.present([row]))[0]!;
  }

  /** Refunds `amount` of the current period to the subscriber, ends the subscription and its access, and sends the receipt. */
  private async refundPeriod(tx: Executor, row: SubscriptionRow, at: { amount: number; payeeId: string; sender: string; now: Date }): Promise<SubscriptionRow> {
    const repo = this.repo.with(tx);
    if (at.amount > 0) {
      const payment: PaymentRow = { id: newId('spy'), subscriptionId: row.id, roomId: row.roomId, period: row.period, kind: 'refund', amount: at.amount, payeeId: at.payeeId, createdAt: at.now };
      if ((await repo.insertPayments([payment])) > 0) {
        await this.deps.ledger.transfer(tx, {
          debit: { kind: 'host_payable', ownerId: at.payeeId },
          credit: { kind: 'user_wallet', ownerId: row.userId },
          amount: at.amount,
          currency: CURRENCY,
          kind: 'subscription_refund',
          reference: payment.id,
          idempotencyKey: `subscription:${row.id}:${row.period}:refund`,
        });
      }
    }
    const ended = await repo.update(row.id, { status: 'refunded', endedAt: at.now, graceUntil: null, retryAt: null });
    await this.suspendIfGated(tx, ended);
    const tier = await repo.tiersByIds([row.tierId]);
    const room = await this.deps.rooms.rooms([row.roomId], tx);
    if (at.amount > 0) await this.receipt(tx, ended, { tier: tier.get(row.tierId)!, room: room.get(row.roomId) ?? { name: '' }, sender: at.sender }, { event: 'refunded', amount: at.amount, until: null });
    return ended;
  }

  /**
   * A member left a room by the host's hand: without a logged reason, the unused part of their paid period comes
   * back pro rata; with one, nothing does. Either way the subscription ends now. Runs in OpenLink's transaction.
   */
  async memberRemoved(actor: Actor, tx: Executor, input: { roomId: string; userId: string; reason: string }): Promise<void> {
    requireSystem(actor, 'Only OpenLink removes members.');
    const repo = this.repo.with(tx);
    const row = await repo.lockOf(input.roomId, input.userId);
    if (!row || !(LIVE_STATUSES as readonly string[]).includes(row.status)) return;
    const now = this.now();
    if (input.reason.trim() !== '') {
      await repo.update(row.id, { status: 'ended', cancelledAt: now, endedAt: now, graceUntil: null, retryAt: null });
      return;
    }
    await this.refundUnused(tx, row, now);
  }

  /** A room closed: every live subscription gets the unused part of its paid period back, and the tiers close. */
  async roomClosed(actor: Actor, tx: Executor, roomId: string): Promise<void> {
    requireSystem(actor, 'Only OpenLink closes rooms.');
    const repo = this.repo.with(tx);
    const now = this.now();
    for (const row of await repo.lockLiveOfRoom(roomId)) await this.refundUnused(tx, row, now);
    await repo.closeTiersOf(roomId);
  }

  private async refundUnused(tx: Executor, row: SubscriptionRow, now: Date): Promise<void> {
    const charge = await this.repo.with(tx).chargeOf(row.id, row.period);
    // In grace the period was never paid: there is nothing to give back.
    const paid = statusAt(row, now) === 'grace' || !charge ? 0 : charge.amount;
    const amount = unusedShare(paid, row.periodStart, row.periodEnd, now);
    await this.refundPeriod(tx, row, { amount, payeeId: charge?.payeeId ?? '', sender: await this.deps.cards.sender(), now });
  }

  // ─── The scheduler ───────────────────────────────────────────────────────────────────────────────────────────────

  /**
   * Renews what is due, under the scheduler's lease: each due subscription is locked (another node's run skips it),
   * and its period charged once (the payment's key is the subscription and the period). A short wallet starts the
   * grace period (access kept, a notice in chat), then one retry a day, then the lapse. Cancelled subscriptions end
   * at their period's end. Answers how many subscriptions it moved.
   */
  async renewDue(actor: Actor): Promise<number> {
    requireSystem(actor, 'Only the scheduler renews subscriptions.');
    if (!(await this.repo.anyDue(this.now()))) return 0;
    const sender = await this.deps.cards.sender();
    const receipts: OwedReceipts[] = [];
    const lane = async () => {
      let done = 0;
      for (;;) {
        const moved = await this.renewBatch(sender, receipts);
        done += moved;
        if (moved < RENEWAL_BATCH) return done;
      }
    };
    const lanes = await Promise.allSettled(Array.from({ length: this.deps.database.engine === 'postgres' ? RENEWAL_LANES : 1 }, lane));
    // The money first, then the receipts it owes: posting them alongside would slow every batch down.
    this.deps.cards.postOwed(receipts);
    const failed = lanes.find((l) => l.status === 'rejected');
    if (failed) throw failed.reason;
    return lanes.reduce((sum, l) => sum + (l.status === 'fulfilled' ? l.value : 0), 0);
  }

  /**
   * One batch of due subscriptions, in one transaction. The subscribers' wallets are locked and read in one statement,
   * so who can pay is known before anything moves; everyone who can is charged together (`chargeMany`), and the rest
   * one by one: grace, a retry, the lapse, or the end of a cancelled one.
   */
  private async renewBatch(sender: string, receipts: OwedReceipts[]): Promise<number> {
    const { renewed, owed } = await this.deps.database.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      const now = this.now();
      const due = await repo.lockDue(now, RENEWAL_BATCH);
      if (due.length === 0) return { renewed: 0, owed: undefined };
      // One after another: a transaction's connection runs one statement at a time.
      const tiers = await repo.tiersByIds([...new Set(due.map((r) => r.tierId))]);
      const rooms = await this.deps.rooms.rooms([...new Set(due.map((r) => r.roomId))], tx);
      const wallets = await this.deps.ledger.lockBalances(tx, 'user_wallet', due.map((r) => r.userId), CURRENCY);
      const payers: Renewal[] = [];
      const short: Renewal[] = [];
      for (const row of due) {
        const room = rooms.get(row.roomId);
        if (row.status === 'cancelled' || !room) {
          const ended = await repo.update(row.id, { status: 'ended', endedAt: row.periodEnd });
          await this.suspendIfGated(tx, ended);
          continue;
        }
        const tier = tiers.get(row.tierId)!;
        const renewal = { row, amount: priceAt(tier, row.periodEnd), at: { tier, room: { roomId: row.roomId, ...room }, sender } };
        const left = wallets.get(row.userId) ?? 0;
        if (left >= renewal.amount) {
          wallets.set(row.userId, left - renewal.amount);
          payers.push(renewal);
        } else short.push(renewal);
      }
      for (const renewal of short) await this.chargeFailed(tx, renewal, now);
      // The charges last: they lock the host's payable, which every batch of the room shares, until the commit.
      let owed: OwedReceipts | undefined;
      try {
        owed = await this.deps.database.savepoint(tx, (sp) => this.chargeMany(sp, payers, now));
      } catch (err) {
        // A deadlock ends the whole transaction, which runs again.
        if (isTransactionConflict(err)) throw err;
        // Something the batch did not expect (a period charged meanwhile through another way): one by one instead.
        for (const renewal of payers) await this.renewOne(tx, renewal, now);
      }
      return { renewed: due.length, owed };
    });
    // Only the receipts of a transaction that committed are posted.
    if (owed) receipts.push(owed);
    return renewed;
  }

  /** Renews many due subscriptions in a few statements: their payments, their transfers, their next periods and receipts. */
  private async chargeMany(tx: Executor, renewals: Renewal[], now: Date): Promise<OwedReceipts> {
    const repo = this.repo.with(tx);
    const payments: PaymentRow[] = renewals.map(({ row, amount, at }) => ({
      id: newId('spy'), subscriptionId: row.id, roomId: row.roomId, period: row.period + 1, kind: 'charge', amount, payeeId: at.room.hostId, createdAt: now,
    }));
    if ((await repo.insertPayments(payments)) !== payments.length) throw new Error('a period in this batch was charged already');
    const next = renewals.map(({ row, amount }) => ({
      ...row,
      status: 'active' as const,
      period: row.period + 1,
      periodStart: row.periodEnd,
      periodEnd: addMonths(row.anchorAt, row.period + 1 - row.anchorPeriod + 1),
      periodPrice: amount,
      graceUntil: null,
      retryAt: null,
    }));
    await repo.renewMany(next);
    const owed = await this.deps.cards.oweMany(
      tx,
      next.map((row, i) => this.receiptCard(row, renewals[i]!.at, { event: 'renewed', amount: renewals[i]!.amount, until: null })),
    );
    // The transfers last, so the host's payable stays locked only from here to the commit.
    await this.deps.ledger.transferMany(
      tx,
      renewals.map(({ row, amount, at }, i) => ({
        debit: { kind: 'user_wallet', ownerId: row.userId },
        credit: { kind: 'host_payable', ownerId: at.room.hostId },
        amount,
        currency: CURRENCY,
        kind: 'subscription',
        reference: payments[i]!.id,
        idempotencyKey: `subscription:${row.id}:${row.period + 1}:charge`,
      })),
    );
    return owed;
  }

  /** Charges one due renewal inside a savepoint of the batch's transaction, so a short wallet fails it alone. */
  private async renewOne(tx: Executor, renewal: Renewal, now: Date): Promise<void> {
    try {
      await this.deps.database.savepoint(tx, (sp) => this.charge(sp, renewal.row, { ...renewal.at, event: 'renewed', start: renewal.row.periodEnd, restart: false }));
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'insufficient_funds') throw err;
      await this.chargeFailed(tx, renewal, now);
    }
  }

  /** A renewal the wallet could not pay: grace (access kept, a notice), then a retry a day, then the lapse. */
  private async chargeFailed(tx: Executor, { row, amount, at }: Renewal, now: Date): Promise<void> {
    const repo = this.repo.with(tx);
    if (row.status === 'active') {
      const graceUntil = addDays(row.periodEnd, this.deps.config.graceDays);
      const retryAt = new Date(Math.min(addDays(row.periodEnd, 1).getTime(), graceUntil.getTime()));
      const grace = await repo.update(row.id, { status: 'grace', graceUntil, retryAt });
      await this.receipt(tx, grace, at, { event: 'payment_failed', amount, until: graceUntil });
      return;
    }
    // A retry in grace failed: another tomorrow, or the lapse once the grace is over.
    if (row.graceUntil && row.retryAt && row.retryAt < row.graceUntil) {
      await repo.update(row.id, { retryAt: new Date(Math.min(addDays(row.retryAt, 1).getTime(), row.graceUntil.getTime())) });
      return;
    }
    const lapsed = await repo.update(row.id, { status: 'lapsed', endedAt: now, graceUntil: null, retryAt: null });
    await this.suspendIfGated(tx, lapsed);
    await this.receipt(tx, lapsed, at, { event: 'lapsed', amount, until: null });
  }

  private async suspendIfGated(tx: Executor, row: SubscriptionRow): Promise<void> {
    if (await this.repo.with(tx).subscribersOnly(row.roomId)) await this.deps.seats.suspend(tx, row.roomId, [row.userId]);
  }

  /** Pays out every host whose rooms earned something and who was not paid within the interval. */
  async payOutDue(actor: Actor): Promise<number> {
    requireSystem(actor, 'Only the scheduler pays hosts out on schedule.');
    return this.deps.payouts.payAllDue('host_payable', new Date(this.now().getTime() - this.deps.config.payoutIntervalMs));
  }

  // ─── Hosts ───────────────────────────────────────────────────────────────────────────────────────────────────────

  async createTier(actor: Actor, roomId: string, input: { name: string; price: number; perks: string }): Promise<SubscriptionTier> {
    const { room } = await this.managed(actor, roomId);
    if (room.closed) throw new AppError('room_closed', 'This room has closed.');
    const row: TierRow = { id: newId('stt'), roomId, name: input.name, price: input.price, nextPrice: null, nextPriceFrom: null, perks: input.perks, closed: false, createdAt: this.now() };
    await this.deps.database.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      await repo.lockRoom(roomId);
      if ((await repo.tiersOf(roomId)).length >= MAX_TIERS_PER_ROOM) throw new AppError('tier_limit_reached', `A room has at most ${MAX_TIERS_PER_ROOM} tiers.`);
      await repo.insertTier(row);
    });
    return this.toTier(row);
  }

  /**
   * Renames a tier, changes its perks, closes or reopens it, or changes its price. A new price applies to periods
   * that start 7 days from now or later, and every live subscriber of the tier is told in chat now.
   */
  async changeTier(actor: Actor, roomId: string, tierId: string, input: { name?: string; perks?: string; price?: number; closed?: boolean }): Promise<SubscriptionTier> {
    const { room } = await this.managed(actor, roomId);
    const tier = (await this.repo.tiersByIds([tierId])).get(tierId);
    if (!tier || tier.roomId !== roomId) throw new AppError('not_found', 'This room has no such tier.');
    const sender = await this.deps.cards.sender();
    const saved = await this.deps.database.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      const now = this.now();
      const patch: Partial<TierRow> = {
        ...(input.name !== undefined && { name: input.name }),
        ...(input.perks !== undefined && { perks: input.perks }),
        ...(input.closed !== undefined && { closed: input.closed }),
      };
      const current = priceAt(tier, now);
      if (input.price !== undefined && input.price !== current) {
        // An earlier change that has applied becomes the price; the new one is announced ahead.
        const from = addDays(now, PRICE_NOTICE_DAYS);
        Object.assign(patch, { price: current, nextPrice: input.price, nextPriceFrom: from });
        const updated = await repo.updateTier(tierId, patch);
        for (const sub of await repo.liveOfRoom(roomId)) {
          if (sub.tierId !== tierId || sub.status === 'cancelled') continue;
          await this.receipt(tx, sub, { tier: updated, room, sender }, { event: 'price_changing', amount: input.price, until: from, key: `price:${now.getTime()}` });
        }
        return updated;
      }
      if (input.price !== undefined && tier.nextPrice !== null && (tier.nextPriceFrom === null || tier.nextPriceFrom > now)) {
        // Back to today's price before the announced one applied: the change is withdrawn.
        Object.assign(patch, { nextPrice: null, nextPriceFrom: null });
      }
      return Object.keys(patch).length > 0 ? repo.updateTier(tierId, patch) : tier;
    });
    return this.toTier(saved);
  }

  /**
   * Makes the room for subscribers only, suspending in chat every member without access (but its hosts), or opens it
   * again, restoring everyone suspended.
   */
  async setSubscribersOnly(actor: Actor, roomId: string, subscribersOnly: boolean): Promise<RoomSubscriptions> {
    await this.managed(actor, roomId);
    const members = await this.deps.rooms.members(roomId);
    await this.deps.database.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      await repo.lockRoom(roomId);
      await repo.setSubscribersOnly(roomId, subscribersOnly, this.now());
      const now = this.now();
      const live = new Set((await repo.liveOfRoom(roomId)).filter((r) => hasAccess(r, now)).map((r) => r.userId));
      const outside = members.filter((m) => m.role === 'member' && !live.has(m.userId)).map((m) => m.userId);
      if (subscribersOnly) await this.deps.seats.suspend(tx, roomId, outside);
      else await this.deps.seats.restore(tx, roomId, members.map((m) => m.userId));
    });
    return this.room(actor, roomId);
  }

  async posts(actor: Actor, roomId: string): Promise<SubscriberPost[]> {
    const me = requireUser(actor);
    const room = await this.existingRoom(roomId, me.userId);
    const rows = await this.repo.postsOf(roomId, 100);
    const own = await this.repo.findOf(roomId, me.userId);
    const unlocked = manages(room) || room.role === 'host' || room.role === 'cohost' || (own !== undefined && hasAccess(own, this.now()));
    if (unlocked && own && rows.length > 0 && !manages(room)) await this.repo.markUsed(roomId, me.userId, this.now());
    return rows.map((r) => ({ id: r.id, roomId, createdAt: r.createdAt.toISOString(), unlocked, text: unlocked ? r.text : null }));
  }

  async createPost(actor: Actor, roomId: string, text: string): Promise<SubscriberPost> {
    const { me } = await this.managed(actor, roomId);
    const row = { id: newId('spo'), roomId, authorId: me.userId, text, createdAt: this.now() };
    await this.repo.insertPost(row);
    return { id: row.id, roomId, createdAt: row.createdAt.toISOString(), unlocked: true, text };
  }

  /** Subscriber badges of a room's members, for its members. */
  async badges(actor: Actor, roomId: string): Promise<SubscriberBadge[]> {
    const me = requireUser(actor);
    const room = await this.existingRoom(roomId, me.userId);
    if (room.role === null) throw new AppError('forbidden', 'You are not in this room.');
    const now = this.now();
    const live = (await this.repo.liveOfRoom(roomId)).filter((r) => hasAccess(r, now));
    const [tiers, memberIds] = await Promise.all([this.repo.tiersByIds([...new Set(live.map((r) => r.tierId))]), this.deps.rooms.memberIds(roomId, live.map((r) => r.userId))]);
    return live.flatMap((r) => {
      const memberId = memberIds.get(r.userId);
      return memberId ? [{ memberId, tier: tiers.get(r.tierId)?.name ?? '' }] : [];
    });
  }

  async earnings(actor: Actor, roomId: string): Promise<RoomEarnings> {
    await this.managed(actor, roomId);
    const now = this.now();
    const [tiers, rows, paymentIds, churn, latest] = await Promise.all([
      this.repo.tiersOf(roomId),
      this.repo.ofRoom(roomId),
      this.repo.paymentIdsOfRoom(roomId),
      this.repo.churnSince(roomId, addDays(now, -30)),
      this.repo.latestPaymentsOfRoom(roomId, 50),
    ]);
    const [totals, fees, names] = await Promise.all([
      this.repo.totals(rows.map((r) => r.id)),
      this.deps.ledger.flowsByReference({ kind: 'fee_revenue' }, CURRENCY, paymentIds),
      this.deps.people.profiles(rows.map((r) => r.userId)),
    ]);
    const byTier = new Map(tiers.map((t) => [t.id, t]));
    const live = rows.filter((r) => hasAccess(r, now));
    const renewing = rows.filter((r) => statusAt(r, now) === 'active');
    const dueSoon = renewing.filter((r) => r.periodEnd <= addDays(now, 7));
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    return {
      roomId,
      tiers: tiers.map((t) => ({ tier: this.toTier(t), subscribers: live.filter((r) => r.tierId === t.id).length })),
      mrr: won(sum(renewing.map((r) => priceAt(byTier.get(r.tierId)!, r.periodEnd)))),
      churn: { count: churn.ended, rate: churn.liveAtStart === 0 ? 0 : Math.round((churn.ended / churn.liveAtStart) * 1000) / 1000 },
      renewalsDue: { count: dueSoon.length, amount: won(sum(dueSoon.map((r) => priceAt(byTier.get(r.tierId)!, r.periodEnd)))) },
      failedRenewals: rows.filter((r) => statusAt(r, now) === 'grace').length,
      charged: won(sum(rows.map((r) => totals.get(r.id)?.charged ?? 0))),
      refunded: won(sum(rows.map((r) => totals.get(r.id)?.refunded ?? 0))),
      feesPaid: won(fees.credited - fees.debited),
      payments: latest.map((p) => {
        const sub = rows.find((r) => r.id === p.subscriptionId);
        return {
          kind: p.kind,
          amount: won(p.amount),
          displayName: (sub && names.get(sub.userId)?.displayName) ?? '',
          tier: (sub && byTier.get(sub.tierId)?.name) ?? '',
          period: p.period,
          at: p.createdAt.toISOString(),
        };
      }),
      subscribers: rows.map((r) => ({
        displayName: names.get(r.userId)?.displayName ?? '',
        tier: byTier.get(r.tierId)?.name ?? '',
        status: statusAt(r, now),
        since: r.createdAt.toISOString(),
        periodEnd: r.periodEnd.toISOString(),
        nextChargeAt: statusAt(r, now) === 'active' ? r.periodEnd.toISOString() : statusAt(r, now) === 'grace' ? (r.retryAt?.toISOString() ?? null) : null,
      })),
    };
  }

  /** The caller's earnings as a host across rooms, read from their payable in the ledger. */
  async hostPayouts(actor: Actor): Promise<HostPayouts> {
    const me = requireUser(actor);
    const payee = { kind: 'host_payable' as const, id: me.userId };
    const [statement, payouts] = await Promise.all([this.deps.payouts.statement(payee), this.deps.payouts.payoutsOf(payee, 50)]);
    const fees = await this.deps.ledger.flowsByReference({ kind: 'fee_revenue' }, CURRENCY, payouts.map((p) => p.id));
    return {
      earned: won(statement.credited - statement.debited),
      payable: won(statement.payable),
      paidOut: won(statement.paidOut),
      feesPaid: won(fees.credited - fees.debited),
      payouts: payouts.map(toPayout),
    };
  }

  async payOut(actor: Actor): Promise<Payout | null> {
    const me = requireUser(actor);
    const row = await this.deps.database.transaction((tx) => this.deps.payouts.payOut(tx, { kind: 'host_payable', id: me.userId }));
    return row ? toPayout(await this.deps.payouts.present(row.id)) : null;
  }

  // ─── Presenting ──────────────────────────────────────────────────────────────────────────────────────────────────

  private toTier(t: TierRow): SubscriptionTier {
    const now = this.now();
    const price = priceAt(t, now);
    const announced = t.nextPrice !== null && t.nextPriceFrom !== null && t.nextPriceFrom > now;
    return {
      id: t.id,
      roomId: t.roomId,
      name: t.name,
      price: won(price),
      perks: t.perks,
      closed: t.closed,
      nextPrice: announced ? { price: won(t.nextPrice!), from: t.nextPriceFrom!.toISOString() } : null,
    };
  }

  private async present(rows: SubscriptionRow[]): Promise<Subscription[]> {
    if (rows.length === 0) return [];
    const now = this.now();
    const [tiers, rooms, totals] = await Promise.all([
      this.repo.tiersByIds([...new Set(rows.map((r) => r.tierId))]),
      this.deps.rooms.rooms([...new Set(rows.map((r) => r.roomId))]),
      this.repo.totals(rows.map((r) => r.id)),
    ]);
    return rows.map((r) => {
      const tier = tiers.get(r.tierId)!;
      const status = statusAt(r, now);
      const nextCharge =
        status === 'active' ? { at: r.periodEnd.toISOString(), amount: won(priceAt(tier, r.periodEnd)) }
        : status === 'grace' && r.retryAt ? { at: r.retryAt.toISOString(), amount: won(priceAt(tier, r.periodEnd)) }
        : null;
      return {
        id: r.id,
        roomId: r.roomId,
        roomName: rooms.get(r.roomId)?.name ?? '',
        tier: { id: tier.id, name: tier.name },
        status,
        access: hasAccess(r, now),
        periodStart: r.periodStart.toISOString(),
        periodEnd: r.periodEnd.toISOString(),
        graceUntil: status === 'grace' ? (r.graceUntil?.toISOString() ?? null) : null,
        nextCharge,
        refundable:
          (status === 'active' || status === 'cancelled') && r.period === r.anchorPeriod && r.usedAt === null && now.getTime() - r.firstPaidAt.getTime() <= REFUND_WINDOW_DAYS * DAY_MS,
        paid: won(totals.get(r.id)?.charged ?? 0),
        refunded: won(totals.get(r.id)?.refunded ?? 0),
        createdAt: r.createdAt.toISOString(),
      };
    });
  }
}

/** A due renewal: the subscription, what it costs, and what its receipt names. */
interface Renewal {
  row: SubscriptionRow;
  amount: number;
  at: { tier: TierRow; room: { roomId: string; name: string; hostId: string }; sender: string };
}

const manages = (room: SubscribedRoom) => room.role === 'host' || (room.role === 'cohost' && room.rights.includes('earnings'));
const tierClosed = () => new AppError('tier_closed', 'This tier takes no new subscribers.');

/** A subscription not yet charged: period 0, to be charged as period 1 at once. */
function newSubscription(input: { roomId: string; userId: string; tierId: string; now: Date }): SubscriptionRow {
  return {
    id: newId('sub'),
    roomId: input.roomId,
    userId: input.userId,
    tierId: input.tierId,
    status: 'active',
    period: 0,
    anchorAt: input.now,
    anchorPeriod: 1,
    periodStart: input.now,
    periodEnd: input.now,
    periodPrice: 0,
    graceUntil: null,
    retryAt: null,
    firstPaidAt: input.now,
    usedAt: null,
    cancelledAt: null,
    endedAt: null,
    createdAt: input.now,
  };
}
