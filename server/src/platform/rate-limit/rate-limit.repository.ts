import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../db/database';
import { batchedOn, rowPerKey } from '../db/batched';
import { preparedOn } from '../db/prepared';
import { rateLimits } from './rate-limit.schema';

export interface Window {
  count: number;
  windowStart: Date;
}

/** All SQL for rate-limit windows. */
export class RateLimitRepository {
  constructor(private readonly db: Executor) {}

  /** Counts one hit in `key`'s window, starting a new window if the old one is over; one atomic upsert. */
  async hit(key: string, now: Date, windowMs: number): Promise<Window> {
    const expired = sql`${rateLimits.windowStart} <= ${new Date(now.getTime() - windowMs)}`;
    const [row] = await this.db
      .insert(rateLimits)
      .values({ key, windowStart: now, count: 1 })
      .onConflictDoUpdate({
        target: rateLimits.key,
        set: {
          count: sql`case when ${expired} then 1 else ${rateLimits.count} + 1 end`,
          windowStart: sql`case when ${expired} then ${now} else ${rateLimits.windowStart} end`,
        },
      })
      .returning({ count: rateLimits.count, windowStart: rateLimits.windowStart });
    return row!;
  }

  /** Records that `key` happened at `now`: its window then starts at `now` (see RateLimiter.note). */
  async touch(key: string, now: Date): Promise<void> {
    await this.db
      .insert(rateLimits)
      .values({ key, windowStart: now, count: 1 })
      .onConflictDoUpdate({ target: rateLimits.key, set: { count: sql`${rateLimits.count} + 1`, windowStart: now } });
  }

  async find(key: string): Promise<Window | undefined> {
    return batchedOn(this.db, 'rate_limit_windows', windowsOf).load(key);
  }

  async clear(key: string): Promise<void> {
    await this.db.delete(rateLimits).where(eq(rateLimits.key, key));
  }
}

async function windowsOf(db: Executor, keys: string[]): Promise<Array<Window | undefined>> {
  const statement = preparedOn(db, 'rate_limit_windows', (on) =>
    on
      .select({ key: rateLimits.key, count: rateLimits.count, windowStart: rateLimits.windowStart })
      .from(rateLimits)
      .where(sql`${rateLimits.key} = any(${sql.placeholder('keys')})`),
  );
  return rowPerKey(keys, await statement.execute({ keys }), (row) => row.key).map((row) => row && { count: row.count, windowStart: row.windowStart });
}
