import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { openDatabase, type Database, type Executor } from './database';
import { GroupCommit, type Outcome } from './group-commit';

let database: Database;
/** What the logger wrote, one parsed line each. */
const logged: Array<{ level: number; msg: string; batch?: string; items?: number; failedBatches?: number; err?: { message?: string } }> = [];
const log = pino({ level: 'info' }, { write: (line: string) => void logged.push(JSON.parse(line)) });

beforeAll(async () => {
  database = await openDatabase({ kind: 'pglite', dir: 'memory://' }, log);
  await database.db.execute(sql`create table entries (id text primary key, amount integer not null check (amount >= 0))`);
});
afterAll(() => database.close());

async function stored(): Promise<Map<string, number>> {
  const result = (await database.db.execute(sql`select id, amount from entries`)) as unknown as { rows: Array<{ id: string; amount: number }> };
  return new Map(result.rows.map((r) => [r.id, r.amount]));
}

interface Entry {
  id: string;
  amount: number;
}

/**
 * Entries written in one statement per batch. A negative amount is refused on its own terms; `failBatches` makes the
 * batch's statement fail as a broken one would (or with `refusal`, as a business refusal does).
 */
function entries(name: string, failBatches?: 'statement' | 'refusal', paced?: { cycleMs: number; held: Promise<void> }) {
  const batches: string[][] = [];
  const insert = (db: Executor, rows: Entry[]) =>
    db.execute(sql`insert into entries (id, amount) values ${sql.join(rows.map((r) => sql`(${r.id}, ${r.amount})`), sql`, `)}`);
  const commit = new GroupCommit<Entry, string>({
    name,
    database,
    log,
    together: async (tx, items) => {
      batches.push(items.map((i) => i.id));
      if (paced && batches.length === 1) await paced.held;
      if (failBatches === 'refusal') throw new AppError('insufficient_funds', 'There is not enough money in the wallet.');
      // A column that does not exist: the database refuses the statement.
      if (failBatches === 'statement') await tx.execute(sql`update entries set no_such_column = 1`);
      const written = items.filter((i) => i.amount >= 0);
      if (written.length > 0) await insert(tx, written);
      return items.map((i): Outcome<string> => (i.amount >= 0 ? { done: `stored ${i.id}` } : { refused: new AppError('validation_failed', `${i.id} is negative`) }));
    },
    alone: async (item) => {
      if (item.amount < 0) throw new AppError('validation_failed', `${item.id} is negative`);
      await insert(database.db, [item]);
      return `stored ${item.id} alone`;
    },
    cycleMs: paced?.cycleMs,
  });
  return { commit, batches };
}

const settled = (promises: Array<Promise<string>>) =>
  Promise.all(promises.map((p) => p.then((value) => ({ value }), (err: unknown) => ({ error: err instanceof Error ? err.message : String(err) }))));

describe('group commit', () => {
  it('writes items that arrive together in one batch, each with its own answer, and a refusal is only its own', async () => {
    const { commit, batches } = entries('entries');
    const items = [{ id: 'a1', amount: 1 }, { id: 'a2', amount: -5 }, { id: 'a3', amount: 3 }, { id: 'a4', amount: 4 }];
    const answers = await settled(items.map((item) => commit.run(item)));
    expect(batches).toEqual([['a1', 'a2', 'a3', 'a4']]);
    expect(answers).toEqual([{ value: 'stored a1' }, { error: 'a2 is negative' }, { value: 'stored a3' }, { value: 'stored a4' }]);
    const rows = await stored();
    expect(['a1', 'a2', 'a3', 'a4'].map((id) => rows.get(id))).toEqual([1, undefined, 3, 4]);
  });

  it('writes every item of a batch that the database refuses on its own, and logs the failed batch as a warning', async () => {
    const { commit, batches } = entries('broken entries', 'statement');
    logged.length = 0;
    const answers = await settled(['b1', 'b2', 'b3'].map((id) => commit.run({ id, amount: 2 })));
    expect(batches).toEqual([['b1', 'b2', 'b3']]);
    expect(answers).toEqual([{ value: 'stored b1 alone' }, { value: 'stored b2 alone' }, { value: 'stored b3 alone' }]);
    // The failed batch wrote nothing of its own: each entry is there once, from its own write.
    const rows = await stored();
    expect(['b1', 'b2', 'b3'].map((id) => rows.get(id))).toEqual([2, 2, 2]);
    const warnings = logged.filter((line) => line.level === 40);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ batch: 'broken entries', items: 3, failedBatches: 1, msg: 'A batch of broken entries failed; its items are written one by one.' });
    expect(warnings[0]!.err?.message).toContain('no_such_column');
    // Another failed batch within the minute is counted, not logged again.
    const again = await settled(['b4', 'b5'].map((id) => commit.run({ id, amount: 2 })));
    expect(again).toEqual([{ value: 'stored b4 alone' }, { value: 'stored b5 alone' }]);
    expect(logged.filter((line) => line.level === 40)).toHaveLength(1);
  });

  it('does not log a batch that fails for a refusal, and still answers each item on its own', async () => {
    const { commit } = entries('refused entries', 'refusal');
    logged.length = 0;
    const answers = await settled([commit.run({ id: 'c1', amount: 1 }), commit.run({ id: 'c2', amount: -1 })]);
    expect(answers).toEqual([{ value: 'stored c1 alone' }, { error: 'c2 is negative' }]);
    expect(logged.filter((line) => line.level >= 40)).toEqual([]);
  });

  it('writes an item that arrives alone at once, as a batch of one', async () => {
    const { commit, batches } = entries('single entries');
    expect(await commit.run({ id: 'd1', amount: 7 })).toBe('stored d1');
    expect(batches).toEqual([['d1']]);
    expect((await stored()).get('d1')).toBe(7);
    // Refused on its own terms, it is refused as one of a batch would be.
    await expect(commit.run({ id: 'd2', amount: -1 })).rejects.toThrow('d2 is negative');
    expect(batches).toEqual([['d1'], ['d2']]);
  });

  it('paces batches that follow one another: what arrives while one is written, and soon after it, goes into the next together', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const { commit, batches } = entries('paced entries', undefined, { cycleMs: 400, held });
    const first = commit.run({ id: 'e1', amount: 1 });
    while (batches.length === 0) await new Promise((resolve) => setImmediate(resolve));
    // e2 arrives while e1's batch is written; e3 a moment after that batch has committed.
    const second = commit.run({ id: 'e2', amount: 2 });
    release();
    expect(await first).toBe('stored e1');
    await new Promise((resolve) => setTimeout(resolve, 30));
    const third = commit.run({ id: 'e3', amount: 3 });
    expect(await Promise.all([second, third])).toEqual(['stored e2', 'stored e3']);
    expect(batches).toEqual([['e1'], ['e2', 'e3']]);
    const rows = await stored();
    expect(['e1', 'e2', 'e3'].map((id) => rows.get(id))).toEqual([1, 2, 3]);
  });
});
