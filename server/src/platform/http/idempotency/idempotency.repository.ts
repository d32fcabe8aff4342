import { and, eq, isNull, lt, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/database';
import { unnestOf, type Together } from '../../db/bulk';
import { idempotencyKeys } from './idempotency.schema';

export type IdempotencyRow = typeof idempotencyKeys.$inferSelect;

/** All SQL for idempotency keys. */
export class IdempotencyRepository {
  constructor(private readonly db: Executor) {}

  with(tx: Executor): IdempotencyRepository {
    return new IdempotencyRepository(tx);
  }

  /** Records a finished answer for a key that nobody holds (a refusal after its transaction rolled back). */
  async remember(scope: string, key: string, fingerprint: string, now: Date, status: number, response: unknown): Promise<void> {
    await this.db.insert(idempotencyKeys).values({ scope, key, fingerprint, createdAt: now, status, response }).onConflictDoNothing();
  }

  /** Claims the key for this request; answers false when it was claimed before. */
  async claim(scope: string, key: string, fingerprint: string, now: Date): Promise<boolean> {
    const rows = await this.db
      .insert(idempotencyKeys)
      .values({ scope, key, fingerprint, createdAt: now })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });
    return rows.length > 0;
  }

  /**
   * Claims many keys in one statement, a query of `readTogether`: answers those it claimed. A key given with its
   * `status` and `response` is claimed answered.
   */
  claimManyQuery(
    keys: Array<{ scope: string; key: string; fingerprint: string; status?: number; response?: unknown }>,
    now: Date,
  ): Together<Array<{ scope: string; key: string }>> {
    const { from, select } = unnestOf(idempotencyKeys, keys.map((k) => ({ ...k, createdAt: now })), ['scope', 'key', 'fingerprint', 'createdAt', 'status', 'response']);
    const query = sql`
      insert into ${idempotencyKeys} (scope, key, fingerprint, created_at, status, response) select ${sql.join(select, sql`, `)} from ${from}
      on conflict do nothing returning scope, key`;
    return { query, read: (rows) => rows.map((row) => ({ scope: String(row.scope), key: String(row.key) })) };
  }

  /** The write (for `writeTogether`) that records many answers. */
  completeManyWrites(answers: Array<{ scope: string; key: string; status: number; response: unknown }>): SQL[] {
    if (answers.length === 0) return [];
    const { from, select } = unnestOf(idempotencyKeys, answers, ['scope', 'key', 'status', 'response'], 'a');
    const [scope, key, status, response] = select;
    return [
      sql`
      update ${idempotencyKeys} set status = ${status}, response = ${response} from ${from}
      where ${idempotencyKeys.scope} = ${scope} and ${idempotencyKeys.key} = ${key}`,
    ];
  }

  /** The write (for `writeTogether`) that deletes many keys claimed by the same transaction, answered or not. */
  releaseManyWrites(keys: Array<{ scope: string; key: string }>): SQL[] {
    if (keys.length === 0) return [];
    const { from, select } = unnestOf(idempotencyKeys, keys, ['scope', 'key'], 'r');
    const [scope, key] = select;
    return [
      sql`
      delete from ${idempotencyKeys} using ${from}
      where ${idempotencyKeys.scope} = ${scope} and ${idempotencyKeys.key} = ${key}`,
    ];
  }

  async find(scope: string, key: string): Promise<IdempotencyRow | undefined> {
    const [row] = await this.db.select().from(idempotencyKeys).where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)));
    return row;
  }

  async complete(scope: string, key: string, status: number, response: unknown): Promise<void> {
    await this.db
      .update(idempotencyKeys)
      .set({ status, response })
      .where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)));
  }

  async release(scope: string, key: string): Promise<void> {
    await this.db.delete(idempotencyKeys).where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key), isNull(idempotencyKeys.status)));
  }

  /** Takes over a claim left unfinished since before `staleBefore` (its request died with its process). */
  async takeOver(scope: string, key: string, staleBefore: Date, now: Date): Promise<boolean> {
    const rows = await this.db
      .update(idempotencyKeys)
      .set({ createdAt: now })
      .where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key), isNull(idempotencyKeys.status), lt(idempotencyKeys.createdAt, staleBefore)))
      .returning({ key: idempotencyKeys.key });
    return rows.length > 0;
  }
}
