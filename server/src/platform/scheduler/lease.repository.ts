import { and, eq, or, sql } from 'drizzle-orm';
import type { Executor } from '../db/database';
import { leases } from './lease.schema';

/** All SQL for leases. */
export class LeaseRepository {
  constructor(private readonly db: Executor) {}

  /**
   * Takes or renews the lease in one statement: it succeeds when nobody holds it, when `holder` already does, or
   * when the last holder's time ran out. Two nodes racing both run the statement; the database lets one win.
   */
  async acquire(name: string, holder: string, now: Date, until: Date): Promise<boolean> {
    const rows = await this.db
      .insert(leases)
      .values({ name, holder, expiresAt: until })
      .onConflictDoUpdate({
        target: leases.name,
        set: { holder, expiresAt: until },
        setWhere: or(eq(leases.holder, holder), sql`${leases.expiresAt} <= ${now}`),
      })
      .returning({ holder: leases.holder });
    return rows.length > 0;
  }

  async release(name: string, holder: string): Promise<void> {
    await this.db.delete(leases).where(and(eq(leases.name, name), eq(leases.holder, holder)));
  }

  async holderOf(name: string, now: Date): Promise<string | undefined> {
    const [row] = await this.db.select().from(leases).where(eq(leases.name, name));
    return row && row.expiresAt > now ? row.holder : undefined;
  }
}
