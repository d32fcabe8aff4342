import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../log';
import { openDatabase, type Database } from './database';

/** Two embedded databases with the same table of balances: one is vacuumed between rounds of updates, one is not. */
let vacuumed: Database;
let leftAlone: Database;

beforeAll(async () => {
  const open = () => openDatabase({ kind: 'pglite', dir: 'memory://' }, createLogger('silent'));
  [vacuumed, leftAlone] = await Promise.all([open(), open()]);
  for (const database of [vacuumed, leftAlone]) {
    await database.db.execute(sql`create table balances (id integer primary key, balance integer not null, updated_at timestamptz not null)`);
    await database.db.execute(sql`create index balances_updated on balances (updated_at)`);
    await database.db.execute(sql`create table notes (id integer primary key, text text not null)`);
    await database.db.execute(sql`insert into balances select i, 0, now() from generate_series(1, 2000) as i`);
  }
});
afterAll(() => Promise.all([vacuumed.close(), leftAlone.close()]));

/** The table's size on disk with its indexes, in bytes. */
async function size(database: Database): Promise<number> {
  const result = (await database.db.execute(sql`select pg_total_relation_size('balances')::int as bytes`)) as unknown as { rows: Array<{ bytes: number }> };
  return result.rows[0]!.bytes;
}

/** Every row updated, as wallets' balances are: each update leaves a dead version of the row and an index entry. */
async function updateAll(database: Database, round: number): Promise<void> {
  await database.db.execute(sql`update balances set balance = balance + 1, updated_at = now() + make_interval(secs => ${round})`);
}

describe('the embedded database', () => {
  it('stays the same size when its rows are updated over and over and it is vacuumed between rounds; without, it grows', async () => {
    for (let round = 1; round <= 2; round++) {
      await Promise.all([updateAll(vacuumed, round), updateAll(leftAlone, round)]);
      // Only the updated table: the untouched one is left alone.
      expect(await vacuumed.vacuum()).toBe(1);
    }
    const [settled, before] = await Promise.all([size(vacuumed), size(leftAlone)]);
    for (let round = 3; round <= 12; round++) {
      await Promise.all([updateAll(vacuumed, round), updateAll(leftAlone, round)]);
      await vacuumed.vacuum();
    }
    expect(await size(vacuumed)).toBeLessThanOrEqual(settled * 1.1);
    expect(await size(leftAlone)).toBeGreaterThan(before * 3);
    // What was updated reads the same either way.
    for (const database of [vacuumed, leftAlone]) {
      const sum = (await database.db.execute(sql`select sum(balance)::int as total from balances`)) as unknown as { rows: Array<{ total: number }> };
      expect(sum.rows[0]!.total).toBe(2000 * 12);
    }
  });

  it('leaves a table alone until enough of it has changed, as autovacuum would (50 rows and a fifth of the table)', async () => {
    const update = (ids: number) => vacuumed.db.execute(sql`update balances set balance = balance + 1 where id <= ${ids}`);
    await vacuumed.vacuum();
    await update(100);
    expect(await vacuumed.vacuum()).toBe(0);
    await update(400);
    expect(await vacuumed.vacuum()).toBe(1);
    expect(await vacuumed.vacuum()).toBe(0);
  });
});
