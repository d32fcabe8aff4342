import { and, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database';
import { ledgerPayouts, type payeeKinds } from './ledger.schema';

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
}
