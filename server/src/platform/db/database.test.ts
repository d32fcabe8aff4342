import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../log';
import { openDatabase, type Database } from './database';

let database: Database;

beforeAll(async () => {
  database = await openDatabase({ kind: 'pglite', dir: 'memory://' }, createLogger('silent'));
  for (const table of ['vacuumed', 'left_alone']) {
    await database.db.execute(sql.raw(`create table ${table} (id integer primary key, balance integer not null, updated_at timestamptz not null)`));
    await database.db.execute(sql.raw(`create index ${table}_updated on ${table} (updated_at)`));
    await database.db.execute(sql.raw(`insert into ${table} select i, 0, now() from generate_series(1, 2000) as i`));
  }
});
afterAll(() => database.close());

/** The table's size on disk with its indexes, in bytes. */
async function size(table: string): Promise<number> {
  const result = (await database.db.execute(sql`select pg_total_relation_size(${table}::regclass)::int as bytes`)) as unknown as { rows: Array<{ bytes: number }> };
  return result.rows[0]!.bytes;
}

/** Every row updated, as wallets' balances are: each update leaves a dead version of the row and an index entry. */
async function updateAll(table: string, round: number): Promise<void> {
  await database.db.execute(sql.raw(`update ${table} set balance = balance + 1, updated_at = now() + interval '${round} seconds'`));
}

describe('the embedded database', () => {
  it('stays the same size when its rows are updated over and over, once vacuumed between rounds; without, it grows', async () => {
    for (let round = 1; round <= 2; round++) {
      for (const table of ['vacuumed', 'left_alone']) await updateAll(table, round);
      expect(await database.vacuum()).toBeGreaterThanOrEqual(2);
    }
    const settled = await size('vacuumed');
    const before = await size('left_alone');
    for (let round = 3; round <= 12; round++) {
      for (const table of ['vacuumed', 'left_alone']) await updateAll(table, round);
      // Only the first table is vacuumed between rounds from here on (vacuum() would do both).
      await database.db.execute(sql`vacuum vacuumed`);
    }
    expect(await size('vacuumed')).toBeLessThanOrEqual(settled * 1.1);
    expect(await size('left_alone')).toBeGreaterThan(before * 3);
  });

  it('vacuums every table of the schema, and what was updated reads the same afterwards', async () => {
    const tables = (await database.db.execute(sql`select count(*)::int as n from pg_tables where schemaname = 'public'`)) as unknown as { rows: Array<{ n: number }> };
    expect(await database.vacuum()).toBe(tables.rows[0]!.n);
    const sums = (await database.db.execute(sql`select (select sum(balance) from vacuumed)::int as a, (select sum(balance) from left_alone)::int as b`)) as unknown as {
      rows: Array<{ a: number; b: number }>;
    };
    expect(sums.rows[0]).toEqual({ a: 2000 * 12, b: 2000 * 12 });
  });
});
