import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database';
import { ledgerAccounts, ledgerPayouts, type payeeKinds } from './ledger.schema';

export type PayeeKind = (typeof payeeKinds)[number];
export type PayoutRow = typeof ledgerPayouts.$inferSelect;

/** All SQL for payouts. */
export class PayoutsRepository {
  constructor(private readonly db: Executor) {}

  with(tx: Executor): PayoutsRepository {
    return new PayoutsRepository(tx);
  }

  /**
   * Holds the payee's payout lock to the end of the transaction, so two payouts at once (a click and the scheduler,
   * on two nodes) read the payable one after the other and the second finds nothing left.
   */
  async lockPayee(kind: PayeeKind, payeeId: string): Promise<void> {
    await this.db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`payout:${kind}:${payeeId}`}, 0))`);
  }

  async insert(row: PayoutRow): Promise<void> {
    await this.db.insert(ledgerPayouts).values(row);
  }

  async find(id: string): Promise<PayoutRow | null> {
    const [row] = await this.db.select().from(ledgerPayouts).where(eq(ledgerPayouts.id, id));
    return row ?? null;
  }

  /**
   * Takes a pending payout that is due (see `dueBy`) to ask its provider: counts the attempt and marks it taken now, so
   * that another node's job leaves it alone until it is due again. Answers null when it is not due.
   */
  async claimDue(id: string, now: Date, retryMs: number): Promise<PayoutRow | null> {
    const [row] = await this.db
      .update(ledgerPayouts)
      .set({ attempts: sql`${ledgerPayouts.attempts} + 1`, updatedAt: now })
      .where(and(eq(ledgerPayouts.id, id), dueBy(now, retryMs)))
      .returning();
    return row ?? null;
  }

  /** Ends a pending payout as paid (with the provider's reference) or failed; false when it had already ended. */
  async finish(id: string, end: { status: 'paid'; payoutReference: string } | { status: 'failed' }, now: Date): Promise<boolean> {
    const ended = await this.db
      .update(ledgerPayouts)
      .set({ ...end, updatedAt: now })
      .where(and(eq(ledgerPayouts.id, id), eq(ledgerPayouts.status, 'pending')))
      .returning({ id: ledgerPayouts.id });
    return ended.length > 0;
  }

  /** Pending payouts due to be asked for (see `dueBy`), the longest waiting first. */
  async pendingDue(now: Date, retryMs: number, limit: number): Promise<string[]> {
    const rows = await this.db
      .select({ id: ledgerPayouts.id })
      .from(ledgerPayouts)
      .where(dueBy(now, retryMs))
      .orderBy(asc(ledgerPayouts.updatedAt))
      .limit(limit);
    return rows.map((r) => r.id);
  }

  async payoutsOf(kind: PayeeKind, payeeId: string, limit: number): Promise<PayoutRow[]> {
    return this.db
      .select()
      .from(ledgerPayouts)
      .where(and(eq(ledgerPayouts.payeeKind, kind), eq(ledgerPayouts.payeeId, payeeId)))
      .orderBy(desc(ledgerPayouts.createdAt), desc(ledgerPayouts.id))
      .limit(limit);
  }

  /** Payees of `kind` whose payable holds money and who were not paid out since `before`. */
  async payeesDue(kind: PayeeKind, before: Date, limit: number): Promise<string[]> {
    const rows = await this.db
      .select({ ownerId: ledgerAccounts.ownerId })
      .from(ledgerAccounts)
      .where(
        and(
          eq(ledgerAccounts.kind, kind),
          sql`not exists (select 1 from ${ledgerPayouts} where ${ledgerPayouts.payeeKind} = ${kind} and ${ledgerPayouts.payeeId} = ${ledgerAccounts.ownerId} and ${ledgerPayouts.createdAt} > ${before})`,
        ),
      )
      .groupBy(ledgerAccounts.ownerId)
      .having(sql`sum(${ledgerAccounts.balance}) > 0`)
      .limit(limit);
    return rows.map((r) => r.ownerId);
  }
}

/**
 * A pending payout is due at once until it was first asked for; after that, `retryMs` after it was last taken, doubled
 * for each further attempt up to 64 × `retryMs`, so a provider that stays down is asked less and less often.
 */
function dueBy(now: Date, retryMs: number): SQL {
  const wait = sql`case when ${ledgerPayouts.attempts} = 0 then 0 else ${retryMs}::bigint * power(2, least(${ledgerPayouts.attempts} - 1, 6))::bigint end`;
  return and(eq(ledgerPayouts.status, 'pending'), sql`${ledgerPayouts.updatedAt} + ${wait} * interval '1 millisecond' <= ${now.toISOString()}::timestamptz`)!;
}
