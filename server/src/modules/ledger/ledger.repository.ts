import { and, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database';
import { anyOf, insertRows, unnestOf, writesWith, type Together } from '../../platform/db/bulk';
import { type accountKinds, ledgerAccounts, ledgerTransfers } from './ledger.schema';

export type AccountKind = (typeof accountKinds)[number];
export type AccountRow = typeof ledgerAccounts.$inferSelect;
export type TransferRow = typeof ledgerTransfers.$inferSelect;

/** All SQL for ledger accounts and transfers. */
export class LedgerRepository {
  constructor(private readonly db: Executor) {}

  with(tx: Executor): LedgerRepository {
    return new LedgerRepository(tx);
  }

  /** The account (one stripe of it) of that kind and owner, made on first use. */
  async account(kind: AccountKind, ownerId: string, currency: string, stripe: number, make: () => typeof ledgerAccounts.$inferInsert): Promise<AccountRow> {
    const where = and(eq(ledgerAccounts.kind, kind), eq(ledgerAccounts.ownerId, ownerId), eq(ledgerAccounts.currency, currency), eq(ledgerAccounts.stripe, stripe));
    const [found] = await this.db.select().from(ledgerAccounts).where(where);
    if (found) return found;
    await this.db.insert(ledgerAccounts).values(make()).onConflictDoNothing();
    const [row] = await this.db.select().from(ledgerAccounts).where(where);
    return row!;
  }

  /** Every account (each stripe) of the kinds and owners given, in one query on the accounts' key. */
  async accountsOf(kinds: AccountKind[], ownerIds: string[], currency: string): Promise<AccountRow[]> {
    if (kinds.length === 0 || ownerIds.length === 0) return [];
    return this.db
      .select()
      .from(ledgerAccounts)
      .where(and(inArray(ledgerAccounts.kind, kinds), anyOf(ledgerAccounts.ownerId, ownerIds), eq(ledgerAccounts.currency, currency)));
  }

  /** Every stripe of an account that exists so far. */
  async stripes(kind: AccountKind, ownerId: string, currency: string): Promise<AccountRow[]> {
    return this.db
      .select()
      .from(ledgerAccounts)
      .where(and(eq(ledgerAccounts.kind, kind), eq(ledgerAccounts.ownerId, ownerId), eq(ledgerAccounts.currency, currency)))
      .orderBy(ledgerAccounts.stripe);
  }

  /** What moved into and out of accounts (the stripes of one) by transfers whose reference is one of `references`. */
  async totalsByReference(accountIds: string[], references: string[]): Promise<{ credited: number; debited: number }> {
    if (references.length === 0 || accountIds.length === 0) return { credited: 0, debited: 0 };
    const [row] = await this.db
      .select({
        credited: sql<string>`coalesce(sum(case when ${inArray(ledgerTransfers.creditAccountId, accountIds)} then ${ledgerTransfers.amount} else 0 end), 0)`,
        debited: sql<string>`coalesce(sum(case when ${inArray(ledgerTransfers.debitAccountId, accountIds)} then ${ledgerTransfers.amount} else 0 end), 0)`,
      })
      .from(ledgerTransfers)
      .where(
        and(
          or(inArray(ledgerTransfers.creditAccountId, accountIds), inArray(ledgerTransfers.debitAccountId, accountIds)),
          inArray(ledgerTransfers.reference, references),
        ),
      );
    return { credited: Number(row?.credited ?? 0), debited: Number(row?.debited ?? 0) };
  }

  /** Net money into accounts (credits less debits) per reference, for each of `references` that moved any. */
  async netPerReference(accountIds: string[], references: string[]): Promise<Map<string, number>> {
    if (references.length === 0 || accountIds.length === 0) return new Map();
    const rows = await this.db
      .select({
        reference: ledgerTransfers.reference,
        net: sql<string>`coalesce(sum(case when ${inArray(ledgerTransfers.creditAccountId, accountIds)} then ${ledgerTransfers.amount} else 0 end), 0) - coalesce(sum(case when ${inArray(ledgerTransfers.debitAccountId, accountIds)} then ${ledgerTransfers.amount} else 0 end), 0)`,
      })
      .from(ledgerTransfers)
      .where(and(or(inArray(ledgerTransfers.creditAccountId, accountIds), inArray(ledgerTransfers.debitAccountId, accountIds)), inArray(ledgerTransfers.reference, references)))
      .groupBy(ledgerTransfers.reference);
    return new Map(rows.map((r) => [r.reference!, Number(r.net)]));
  }

  /** What moved into and out of accounts (the stripes of one), per kind of transfer. */
  async totalsByKind(accountIds: string[]): Promise<Map<string, { credited: number; debited: number }>> {
    if (accountIds.length === 0) return new Map();
    const rows = await this.db
      .select({
        kind: ledgerTransfers.kind,
        credited: sql<string>`coalesce(sum(case when ${inArray(ledgerTransfers.creditAccountId, accountIds)} then ${ledgerTransfers.amount} else 0 end), 0)`,
        debited: sql<string>`coalesce(sum(case when ${inArray(ledgerTransfers.debitAccountId, accountIds)} then ${ledgerTransfers.amount} else 0 end), 0)`,
      })
      .from(ledgerTransfers)
      .where(or(inArray(ledgerTransfers.creditAccountId, accountIds), inArray(ledgerTransfers.debitAccountId, accountIds)))
      .groupBy(ledgerTransfers.kind);
    return new Map(rows.map((r) => [r.kind, { credited: Number(r.credited), debited: Number(r.debited) }]));
  }

  /**
   * Accounts of one kind and currency, stripe 0, of each of `ownerIds` that has one; with `lock`, locked to the end of
   * the transaction.
   */
  async accountsOfOwners(kind: AccountKind, ownerIds: string[], currency: string, lock: boolean): Promise<AccountRow[]> {
    if (ownerIds.length === 0) return [];
    const query = this.db.select().from(ledgerAccounts).where(walletsOf(kind, ownerIds, currency)).orderBy(ledgerAccounts.id);
    // As an update of the balance locks it: a transfer being recorded against the account (a foreign key's share
    // lock) does not stand in the way, so two batches that both record transfers cannot wait for each other.
    return lock ? query.for('no key update') : query;
  }

  /** The balances of the stripe-0 accounts of `kind` of `ownerIds`, unlocked, as a query of `readTogether`. */
  balancesOfOwnersQuery(kind: AccountKind, ownerIds: string[], currency: string): Together<Array<{ ownerId: string; balance: number }>> {
    const query = this.db.select({ ownerId: ledgerAccounts.ownerId, balance: ledgerAccounts.balance }).from(ledgerAccounts).where(walletsOf(kind, ownerIds, currency)).getSQL();
    return { query, read: (rows) => rows.map((row) => ({ ownerId: String(row.owner_id), balance: Number(row.balance) })) };
  }

  /**
   * Records many transfers and moves their accounts' balances by `deltas` (negative: a debit), in one statement. The
   * accounts are locked in the order of their ids first, so two batches changing the same accounts wait for each other
   * instead of deadlocking (the transfers that reference them do not conflict with that lock). The database refuses a
   * balance below 0 where it may not go (the CHECK), failing the whole statement. A transfer whose idempotency key was
   * used before is skipped: answers how many were recorded. `writes` (`writeTogether`'s) are carried by the same
   * statement, after the balances have moved, as its answer reads them first.
   */
  async insertTransfersMoving(rows: Array<typeof ledgerTransfers.$inferInsert>, deltas: Map<string, number>, writes: SQL[] = []): Promise<number> {
    if (rows.length === 0) throw new Error('a statement that moves money records at least one transfer');
    const moves = unnestOf(ledgerAccounts, [...deltas].map(([id, balance]) => ({ id, balance })), ['id', 'balance'], 'v');
    const [id, delta] = moves.select;
    const result = (await this.db.execute(sql`
      with recorded as (${insertRows(ledgerTransfers, rows, { skipConflicts: true })} returning 1),
      locked as (select ${ledgerAccounts.id} from ${ledgerAccounts} where ${anyOf(ledgerAccounts.id, [...deltas.keys()])} order by ${ledgerAccounts.id} for no key update),
      moved as (
        update ${ledgerAccounts} set balance = ${ledgerAccounts.balance} + ${delta}
        from ${moves.from}, locked where ${ledgerAccounts.id} = ${id} and locked.id = ${ledgerAccounts.id} returning 1)${writesWith(writes)}
      select (select count(*) from recorded)::int as recorded, (select count(*) from moved)::int as moved`)) as unknown as {
      rows: Array<{ recorded: number; moved: number }>;
    };
    const counts = result.rows[0]!;
    if (counts.moved !== deltas.size) throw new Error(`moved ${counts.moved} of ${deltas.size} ledger accounts`);
    return Number(counts.recorded);
  }

  async findTransferByKey(idempotencyKey: string): Promise<TransferRow | undefined> {
    const [row] = await this.db.select().from(ledgerTransfers).where(eq(ledgerTransfers.idempotencyKey, idempotencyKey));
    return row;
  }

  /** Records the transfer unless its idempotency key was used before; answers whether it did. */
  async insertTransfer(row: typeof ledgerTransfers.$inferInsert): Promise<boolean> {
    const inserted = await this.db.insert(ledgerTransfers).values(row).onConflictDoNothing().returning({ id: ledgerTransfers.id });
    return inserted.length > 0;
  }

  /**
   * Takes `amount` off an account in one statement: it succeeds only if the account may go negative or holds
   * enough, so two concurrent spends can never both pass on the same money.
   */
  async debit(accountId: string, amount: number): Promise<boolean> {
    const rows = await this.db
      .update(ledgerAccounts)
      .set({ balance: sql`${ledgerAccounts.balance} - ${amount}` })
      .where(and(eq(ledgerAccounts.id, accountId), or(eq(ledgerAccounts.allowNegative, true), sql`${ledgerAccounts.balance} >= ${amount}`)))
      .returning({ id: ledgerAccounts.id });
    return rows.length > 0;
  }

  async credit(accountId: string, amount: number): Promise<void> {
    await this.db
      .update(ledgerAccounts)
      .set({ balance: sql`${ledgerAccounts.balance} + ${amount}` })
      .where(eq(ledgerAccounts.id, accountId));
  }

  async transfersOf(accountId: string, limit: number): Promise<TransferRow[]> {
    return this.db
      .select()
      .from(ledgerTransfers)
      .where(or(eq(ledgerTransfers.debitAccountId, accountId), eq(ledgerTransfers.creditAccountId, accountId)))
      .orderBy(desc(ledgerTransfers.createdAt), desc(ledgerTransfers.id))
      .limit(limit);
  }

  /**
   * The standing invariants, read in one snapshot: the sum of all balances per currency (0 when the books balance),
   * and each person's account (wallet or points, summed over its stripes) that is below 0.
   */
  async invariants(): Promise<{
    totals: Array<{ currency: string; total: number }>;
    negative: Array<{ ownerId: string; kind: AccountKind; currency: string; balance: number }>;
  }> {
    const result = (await this.db.execute(sql`
      select 'total' as what, '' as owner_id, '' as kind, currency, coalesce(sum(balance), 0) as balance
      from ${ledgerAccounts} group by currency
      union all
      select 'negative', owner_id, kind, currency, sum(balance)
      from ${ledgerAccounts} where kind in ('user_wallet', 'user_points')
      group by owner_id, kind, currency having sum(balance) < 0`)) as unknown as {
      rows: Array<{ what: string; owner_id: string; kind: AccountKind; currency: string; balance: string }>;
    };
    return {
      totals: result.rows.filter((r) => r.what === 'total').map((r) => ({ currency: r.currency, total: Number(r.balance) })),
      negative: result.rows.filter((r) => r.what === 'negative').map((r) => ({ ownerId: r.owner_id, kind: r.kind, currency: r.currency, balance: Number(r.balance) })),
    };
  }

  /** Sum of all balances per currency, and every account whose balance differs from the sum of its transfers. */
  async audit(): Promise<{ totals: Array<{ currency: string; total: number }>; mismatches: Array<{ id: string; balance: number; expected: number }> }> {
    const totals = await this.db
      .select({ currency: ledgerAccounts.currency, total: sql<string>`coalesce(sum(${ledgerAccounts.balance}), 0)` })
      .from(ledgerAccounts)
      .groupBy(ledgerAccounts.currency);
    const mismatches = (await this.db.execute(sql`
      select a.id, a.balance, coalesce(c.total, 0) - coalesce(d.total, 0) as expected
      from ${ledgerAccounts} a
      left join (select credit_account_id as id, sum(amount) as total from ${ledgerTransfers} group by credit_account_id) c on c.id = a.id
      left join (select debit_account_id as id, sum(amount) as total from ${ledgerTransfers} group by debit_account_id) d on d.id = a.id
      where a.balance <> coalesce(c.total, 0) - coalesce(d.total, 0)`)) as unknown as { rows: Array<{ id: string; balance: string; expected: string }> };
    return {
      totals: totals.map((t) => ({ currency: t.currency, total: Number(t.total) })),
      mismatches: mismatches.rows.map((m) => ({ id: m.id, balance: Number(m.balance), expected: Number(m.expected) })),
    };
  }
}

/** The stripe-0 accounts (the only ones a wallet has) of `kind` of `ownerIds`. */
function walletsOf(kind: AccountKind, ownerIds: string[], currency: string): SQL | undefined {
  return and(eq(ledgerAccounts.kind, kind), anyOf(ledgerAccounts.ownerId, ownerIds), eq(ledgerAccounts.currency, currency), eq(ledgerAccounts.stripe, 0));
}
