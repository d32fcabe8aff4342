import { and, eq, isNull, lt } from 'drizzle-orm';
import type { Executor } from '../../db/database';
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
