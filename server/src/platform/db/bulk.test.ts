import { sql } from 'drizzle-orm';
import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../log';
import { placeholderRows, readTogether, writesWith, writeTogether, type Together } from './bulk';
import { openDatabase, type Database } from './database';
import { preparedSqlOn } from './prepared';

let database: Database;

beforeAll(async () => {
  database = await openDatabase({ kind: 'pglite', dir: 'memory://' }, createLogger('silent'));
  await database.db.execute(sql`create table claims (key text primary key, at timestamptz not null)`);
  await database.db.execute(sql`create table stock (id text primary key, left_over integer not null)`);
  await database.db.execute(sql`insert into claims values ('taken', '2026-01-01T00:00:00Z')`);
  await database.db.execute(sql`insert into stock values ('a', 1), ('b', 0), ('c', 5)`);
});
afterAll(() => database.close());

/** Claims `keys`; answers those claimed now (not before). */
const claim = (keys: string[], at: Date): Together<string[]> => ({
  query: sql`insert into claims select k, ${at.toISOString()}::timestamptz from unnest(${sql.param(keys)}::text[]) as k on conflict do nothing returning key, at`,
  read: (rows) => rows.map((row) => `${String(row.key)}@${new Date(String(row.at)).toISOString()}`),
});

/** Takes one of each of `ids` that has any left; answers how many it took. */
const take = (ids: string[]): Together<number> => ({
  query: sql`update stock set left_over = left_over - 1 where id = any(${sql.param(ids)}::text[]) and left_over > 0 returning id`,
  read: (rows) => rows.length,
});

const claimsCount: Together<number> = { query: sql`select count(*)::int as n from claims`, read: (rows) => Number(rows[0]!.n) };

describe('readTogether', () => {
  it('runs writes and reads from different places as one statement, each answered its own rows, all on one snapshot', async () => {
    const at = new Date('2026-12-06T10:00:00.123Z');
    const [claimed, taken, before] = await readTogether(database.db, [claim(['taken', 'new', 'new'], at), take(['a', 'b']), claimsCount] as const);
    expect(claimed).toEqual(['new@2026-12-06T10:00:00.123Z']);
    expect(taken).toBe(1);
    // The count ran on the statement's snapshot, before the claim it ran beside.
    expect(before).toBe(1);
    const [after] = await readTogether(database.db, [claimsCount] as const);
    expect(after).toBe(2);
  });

  it('answers a query without rows as its read makes of none', async () => {
    const [claimed, taken] = await readTogether(database.db, [claim([], new Date()), take([])] as const);
    expect(claimed).toEqual([]);
    expect(taken).toBe(0);
  });

  it('fails as a whole when one of its queries fails, and writes nothing', async () => {
    const broken: Together<number> = { query: sql`select 1 / 0 as n`, read: (rows) => rows.length };
    await expect(readTogether(database.db, [take(['c']), broken] as const)).rejects.toThrow();
    const [left] = await readTogether(database.db, [{ query: sql`select left_over from stock where id = 'c'`, read: (rows) => Number(rows[0]!.left_over) }] as const);
    expect(left).toBe(5);
  });
});

const parcels = pgTable('parcels', { id: text('id').primaryKey(), weight: integer('weight').notNull(), sentAt: timestamp('sent_at', { withTimezone: true }) });

describe('placeholderRows in a statement prepared once', () => {
  it("inserts each call's rows through the same text, cells as their columns map them, and only where its condition holds", async () => {
    await database.db.execute(sql`create table parcels (id text primary key, weight integer not null, sent_at timestamptz)`);
    const rows = placeholderRows(parcels, ['id', 'weight', 'sentAt'], 'p');
    let built = 0;
    const insert = () =>
      preparedSqlOn(database.db, 'test_insert_parcels', () => {
        built++;
        return sql`with added as (${rows.insert(sql`${sql.placeholder('allowed')}::boolean`)} returning id) select count(*)::int as n from added`;
      });
    const sentAt = new Date('2026-12-06T10:00:00.5Z');
    const first = await insert().execute({ allowed: true, ...rows.values([{ id: 'p1', weight: 3, sentAt }, { id: 'p2', weight: 0, sentAt: null }]) });
    const second = await insert().execute({ allowed: true, ...rows.values([{ id: 'p3', weight: 7, sentAt: undefined }]) });
    const refused = await insert().execute({ allowed: false, ...rows.values([{ id: 'p4', weight: 1, sentAt }]) });
    expect([first, second, refused].map((r) => Number(r.rows[0]!.n))).toEqual([2, 1, 0]);
    expect(built).toBe(1);
    const stored = await database.db.select().from(parcels).orderBy(parcels.id);
    expect(stored).toEqual([
      { id: 'p1', weight: 3, sentAt },
      { id: 'p2', weight: 0, sentAt: null },
      { id: 'p3', weight: 7, sentAt: null },
    ]);
  });
});

describe('writesWith', () => {
  const left = async (id: string) => {
    const [n] = await readTogether(database.db, [{ query: sql`select left_over from stock where id = ${id}`, read: (rows) => Number(rows[0]!.left_over) }] as const);
    return n;
  };
  /**
   * Takes `n` of 'c' in a statement of its own `with` queries, with `writes` carried along; answers what is left, and
   * fails (a division by zero) when that is below 0.
   */
  const takeWith = async (n: number, writes: ReturnType<typeof sql>[]) => {
    const result = (await database.db.execute(
      sql`with taken as (update stock set left_over = left_over - ${n} where id = 'c' returning left_over)${writesWith(writes)}
        select (select left_over from taken) / (select count(*) from taken where left_over >= 0) as left_over`,
    )) as unknown as { rows: Array<{ left_over: number }> };
    return Number(result.rows[0]!.left_over);
  };
  const addClaim = (key: string) => sql`insert into claims values (${key}, now())`;
  const claimed = async (key: string) => {
    const [n] = await readTogether(database.db, [{ query: sql`select count(*)::int as n from claims where key = ${key}`, read: (rows) => Number(rows[0]!.n) }] as const);
    return n;
  };

  it("carries writeTogether's writes in a statement that answers, and writes them with it", async () => {
    const before = await left('c');
    expect(await takeWith(1, [addClaim('carried-1'), addClaim('carried-2')])).toBe(before - 1);
    expect([await claimed('carried-1'), await claimed('carried-2')]).toEqual([1, 1]);
    expect(await takeWith(1, [])).toBe(before - 2);
    await writeTogether(database.db, [addClaim('alone-1'), addClaim('alone-2')]);
    expect([await claimed('alone-1'), await claimed('alone-2')]).toEqual([1, 1]);
  });

  it('writes none of them when the statement fails, nor when one of them does', async () => {
    const before = await left('c');
    await expect(takeWith(before + 1, [addClaim('lost-1')])).rejects.toThrow();
    await expect(takeWith(1, [addClaim('lost-2'), addClaim('taken')])).rejects.toThrow();
    expect([await claimed('lost-1'), await claimed('lost-2'), await left('c')]).toEqual([0, 0, before]);
  });
});
