import { and, desc, eq, sql } from 'drizzle-orm';
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
