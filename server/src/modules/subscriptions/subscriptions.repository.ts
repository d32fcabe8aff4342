import { and, asc, desc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database';
import { insertMany, unnestOf } from '../../platform/db/bulk';
import { subscriberPosts, subscriptionPayments, subscriptionRooms, subscriptions, subscriptionTiers } from './subscriptions.schema';

export type TierRow = typeof subscriptionTiers.$inferSelect;
export type SubscriptionRow = typeof subscriptions.$inferSelect;
export type PaymentRow = typeof subscriptionPayments.$inferSelect;
export type PostRow = typeof subscriberPosts.$inferSelect;

/** Statuses in which the subscriber may still read what the tier unlocks (until the period or the grace ends). */
export const LIVE_STATUSES = ['active', 'cancelled', 'grace'] as const;

/** All SQL for subscriptions, their tiers, payments and posts. */
export class SubscriptionsRepository {
  constructor(private readonly db: Executor) {}

  with(tx: Executor): SubscriptionsRepository {
    return new SubscriptionsRepository(tx);
  }

  /** Holds a room's subscriptions lock to the end of the transaction (tier counts, the subscribers-only switch). */
  async lockRoom(roomId: string): Promise<void> {
    await this.db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`subscriptions:${roomId}`}, 0))`);
  }

  // Rooms and tiers

  async subscribersOnly(roomId: string): Promise<boolean> {
    const [row] = await this.db.select().from(subscriptionRooms).where(eq(subscriptionRooms.roomId, roomId));
    return row?.subscribersOnly ?? false;
  }

  async setSubscribersOnly(roomId: string, subscribersOnly: boolean, now: Date): Promise<void> {
    await this.db
      .insert(subscriptionRooms)
      .values({ roomId, subscribersOnly, updatedAt: now })
      .onConflictDoUpdate({ target: subscriptionRooms.roomId, set: { subscribersOnly, updatedAt: now } });
  }

  async tiersOf(roomId: string): Promise<TierRow[]> {
    return this.db.select().from(subscriptionTiers).where(eq(subscriptionTiers.roomId, roomId)).orderBy(asc(subscriptionTiers.createdAt), asc(subscriptionTiers.id));
  }

  async tiersByIds(ids: string[]): Promise<Map<string, TierRow>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.select().from(subscriptionTiers).where(inArray(subscriptionTiers.id, ids));
    return new Map(rows.map((r) => [r.id, r]));
  }

  async insertTier(row: TierRow): Promise<void> {
    await this.db.insert(subscriptionTiers).values(row);
  }

  async updateTier(id: string, patch: Partial<TierRow>): Promise<TierRow> {
    const [row] = await this.db.update(subscriptionTiers).set(patch).where(eq(subscriptionTiers.id, id)).returning();
    return row!;
  }

  async closeTiersOf(roomId: string): Promise<void> {
    await this.db.update(subscriptionTiers).set({ closed: true }).where(eq(subscriptionTiers.roomId, roomId));
  }

  // Subscriptions

  async find(id: string): Promise<SubscriptionRow | undefined> {
    const [row] = await this.db.select().from(subscriptions).where(eq(subscriptions.id, id));
    return row;
  }

  /** The subscription, locked to the end of the transaction. */
  async lock(id: string): Promise<SubscriptionRow | undefined> {
    const [row] = await this.db.select().from(subscriptions).where(eq(subscriptions.id, id)).for('update');
    return row;
  }

  async findOf(roomId: string, userId: string): Promise<SubscriptionRow | undefined> {
    const [row] = await this.db.select().from(subscriptions).where(and(eq(subscriptions.roomId, roomId), eq(subscriptions.userId, userId)));
    return row;
  }

  async lockOf(roomId: string, userId: string): Promise<SubscriptionRow | undefined> {
    const [row] = await this.db.select().from(subscriptions).where(and(eq(subscriptions.roomId, roomId), eq(subscriptions.userId, userId))).for('update');
    return row;
  }

  /** Inserts a first subscription; false when one for this person and room was made at the same moment. */
  async insert(row: SubscriptionRow): Promise<boolean> {
    const rows = await this.db.insert(subscriptions).values(row).onConflictDoNothing().returning({ id: subscriptions.id });
    return rows.length > 0;
  }

  async update(id: string, patch: Partial<SubscriptionRow>): Promise<SubscriptionRow> {
    const [row] = await this.db.update(subscriptions).set(patch).where(eq(subscriptions.id, id)).returning();
    return row!;
  }

  async ofUser(userId: string): Promise<SubscriptionRow[]> {
    return this.db.select().from(subscriptions).where(eq(subscriptions.userId, userId)).orderBy(desc(subscriptions.createdAt));
  }

  async ofRoom(roomId: string): Promise<SubscriptionRow[]> {
    return this.db.select().from(subscriptions).where(eq(subscriptions.roomId, roomId)).orderBy(asc(subscriptions.createdAt));
  }

  async liveOfRoom(roomId: string): Promise<SubscriptionRow[]> {
    return this.db.select().from(subscriptions).where(and(eq(subscriptions.roomId, roomId), inArray(subscriptions.status, [...LIVE_STATUSES])));
  }

  /** Live subscriptions of a room, locked (a room closing refunds them). */
  async lockLiveOfRoom(roomId: string): Promise<SubscriptionRow[]> {
    return this.db
      .select()
      .from(subscriptions)
      .where(and(eq(subscriptions.roomId, roomId), inArray(subscriptions.status, [...LIVE_STATUSES])))
      .for('update');
  }

  /**
   * Subscriptions with work due at `now`, locked and skipping any another node holds: renewals (active, the period
   * over), retries in grace, and cancelled ones whose period is over. Oldest due first.
   */
  async lockDue(now: Date, limit: number, lock = true): Promise<SubscriptionRow[]> {
    // One query per kind of work, each walking its own index (status, then the time it is due by) to its limit.
    const due = (status: SubscriptionRow['status'], by: typeof subscriptions.periodEnd | typeof subscriptions.retryAt, max: number) => {
      const query = this.db.select().from(subscriptions).where(and(eq(subscriptions.status, status), lte(by, now))).orderBy(asc(by), asc(subscriptions.id)).limit(max);
      return lock ? query.for('update', { skipLocked: true }) : query;
    };
    const renewals = await due('active', subscriptions.periodEnd, limit);
    const retries = renewals.length < limit ? await due('grace', subscriptions.retryAt, limit - renewals.length) : [];
    const ends = renewals.length + retries.length < limit ? await due('cancelled', subscriptions.periodEnd, limit - renewals.length - retries.length) : [];
    return [...renewals, ...retries, ...ends];
  }

  /** Whether any subscription has work due at `now`. */
  async anyDue(now: Date): Promise<boolean> {
    return (await this.lockDue(now, 1, false)).length > 0;
  }

  /** Moves renewed subscriptions into their next period, in one statement. */
  async renewMany(rows: Array<Pick<SubscriptionRow, 'id' | 'period' | 'periodStart' | 'periodEnd' | 'periodPrice'>>): Promise<void> {
    if (rows.length === 0) return;
    const { from, select } = unnestOf(subscriptions, rows, ['id', 'period', 'periodStart', 'periodEnd', 'periodPrice'], 'v');
    const [id, period, periodStart, periodEnd, periodPrice] = select;
    await this.db.execute(sql`
      update ${subscriptions} set status = 'active', period = ${period}, period_start = ${periodStart}, period_end = ${periodEnd},
        period_price = ${periodPrice}, grace_until = null, retry_at = null
      from ${from}
      where ${subscriptions.id} = ${id}`);
  }

  /** Of `roomIds`, those for subscribers only. */
  async subscribersOnlyAmong(roomIds: string[]): Promise<Set<string>> {
    if (roomIds.length === 0) return new Set();
    const rows = await this.db
      .select({ roomId: subscriptionRooms.roomId })
      .from(subscriptionRooms)
      .where(and(inArray(subscriptionRooms.roomId, roomIds), eq(subscriptionRooms.subscribersOnly, true)));
    return new Set(rows.map((r) => r.roomId));
  }

  async markUsed(roomId: string, userId: string, now: Date): Promise<void> {
    await this.db
      .update(subscriptions)
      .set({ usedAt: now })
      .where(and(eq(subscriptions.roomId, roomId), eq(subscriptions.userId, userId), isNull(subscriptions.usedAt), inArray(subscriptions.status, [...LIVE_STATUSES])));
  }

  // Payments

  /** Records payments; answers the ones recorded now (a period already charged, or refunded, is not again). */
  /** Records payments whose (subscription, period, kind) was not recorded before; answers how many it recorded. */
  async insertPayments(rows: PaymentRow[]): Promise<number> {
    return insertMany(this.db, subscriptionPayments, rows, { skipConflicts: true });
  }

  async chargeOf(subscriptionId: string, period: number): Promise<PaymentRow | undefined> {
    const [row] = await this.db
      .select()
      .from(subscriptionPayments)
      .where(and(eq(subscriptionPayments.subscriptionId, subscriptionId), eq(subscriptionPayments.period, period), eq(subscriptionPayments.kind, 'charge')));
    return row;
  }

  /** Charged and refunded in all, per subscription. */
  async totals(subscriptionIds: string[]): Promise<Map<string, { charged: number; refunded: number }>> {
    if (subscriptionIds.length === 0) return new Map();
    const rows = await this.db
      .select({
        id: subscriptionPayments.subscriptionId,
        charged: sql<string>`coalesce(sum(case when ${subscriptionPayments.kind} = 'charge' then ${subscriptionPayments.amount} else 0 end), 0)`,
        refunded: sql<string>`coalesce(sum(case when ${subscriptionPayments.kind} = 'refund' then ${subscriptionPayments.amount} else 0 end), 0)`,
      })
      .from(subscriptionPayments)
      .where(inArray(subscriptionPayments.subscriptionId, subscriptionIds))
      .groupBy(subscriptionPayments.subscriptionId);
    return new Map(rows.map((r) => [r.id, { charged: Number(r.charged), refunded: Number(r.refunded) }]));
  }

  async latestPaymentsOfRoom(roomId: string, limit: number): Promise<PaymentRow[]> {
    return this.db
      .select()
      .from(subscriptionPayments)
      .where(eq(subscriptionPayments.roomId, roomId))
      .orderBy(desc(subscriptionPayments.createdAt), desc(subscriptionPayments.id))
      .limit(limit);
  }

  /** The ids of a room's payments (the ledger's references for them). */
  async paymentIdsOfRoom(roomId: string): Promise<string[]> {
    const rows = await this.db.select({ id: subscriptionPayments.id }).from(subscriptionPayments).where(eq(subscriptionPayments.roomId, roomId));
    return rows.map((r) => r.id);
  }

  // Posts

  async insertPost(row: PostRow): Promise<void> {
    await this.db.insert(subscriberPosts).values(row);
  }

  async postsOf(roomId: string, limit: number): Promise<PostRow[]> {
    return this.db.select().from(subscriberPosts).where(eq(subscriberPosts.roomId, roomId)).orderBy(desc(subscriberPosts.createdAt), desc(subscriberPosts.id)).limit(limit);
  }

  /** Subscriptions ended (lapsed, ended, refunded) since `since`, and live ones created before it, for churn. */
  async churnSince(roomId: string, since: Date): Promise<{ ended: number; liveAtStart: number }> {
    const [row] = await this.db
      .select({
        ended: sql<string>`count(*) filter (where ${subscriptions.endedAt} >= ${since})`,
        liveAtStart: sql<string>`count(*) filter (where ${subscriptions.createdAt} < ${since} and (${subscriptions.endedAt} is null or ${subscriptions.endedAt} >= ${since}))`,
      })
      .from(subscriptions)
      .where(eq(subscriptions.roomId, roomId));
    return { ended: Number(row?.ended ?? 0), liveAtStart: Number(row?.liveAtStart ?? 0) };
  }
}
