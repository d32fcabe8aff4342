import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchedOn } from './batched';
import type { Executor } from './database';

let client: PGlite;
let db: Executor;

beforeAll(async () => {
  client = await PGlite.create();
  db = drizzle(client) as unknown as Executor;
  await db.execute(sql`create table people (id text primary key, name text not null)`);
  await db.execute(sql`insert into people select 'p' || i, 'Person ' || i from generate_series(1, 100) as i`);
});
afterAll(() => client.close());

async function names(on: Executor, ids: string[]): Promise<Array<{ id: string; name: string }>> {
  const result = (await on.execute(sql`select id, name from people where id in ${ids}`)) as unknown as { rows: Array<{ id: string; name: string }> };
  return result.rows;
}

/** A read of names by id whose statements the test counts, as one of `batchedOn`'s callers would write it. */
function namesReader(name: string) {
  const statements: string[][] = [];
  const read = batchedOn(db, name, async (on, ids: string[]) => {
    statements.push(ids);
    const byId = new Map((await names(on, ids)).map((row) => [row.id, row.name]));
    return ids.map((id) => byId.get(id));
  });
  return { read, statements };
}

describe('reads batched across requests', () => {
  it('reads the keys asked for in one turn of the event loop in one statement, each caller getting its own answer', async () => {
    const { read, statements } = namesReader('names-one-turn');
    const ids = [...Array.from({ length: 60 }, (_, i) => `p${i + 1}`), 'p7', 'nobody'];
    const answers = await Promise.all(ids.map((id) => read.load(id)));
    expect(answers.slice(0, 60)).toEqual(Array.from({ length: 60 }, (_, i) => `Person ${i + 1}`));
    expect(answers.slice(60)).toEqual(['Person 7', undefined]);
    expect(statements).toHaveLength(1);
    expect(await read.loadMany(['p3', 'p2'])).toEqual(['Person 3', 'Person 2']);
  });

  it('fails only the key whose read fails, reading the others again on their own', async () => {
    const { read, statements } = namesReader('names-one-bad');
    // PostgreSQL's text cannot hold NUL, so a batch with this key fails as a whole.
    const asked = ['p1', 'p\u0000', 'p2', 'p3'].map((id) => read.load(id).then((name) => ({ name }), (error: unknown) => ({ error })));
    const answers = await Promise.all(asked);
    expect(answers[0]).toEqual({ name: 'Person 1' });
    expect(answers[1]).toHaveProperty('error');
    expect(answers[2]).toEqual({ name: 'Person 2' });
    expect(answers[3]).toEqual({ name: 'Person 3' });
    expect(statements[0]).toHaveLength(4);
    expect(statements.slice(1).every((ids) => ids.length === 1)).toBe(true);
    await expect(read.loadMany(['p4', 'p\u0000'])).rejects.toThrow();
  });

  it('keys asked for in later turns wait for a statement of their own', async () => {
    const { read, statements } = namesReader('names-two-turns');
    const first = read.load('p10');
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    const second = read.load('p11');
    expect(await Promise.all([first, second])).toEqual(['Person 10', 'Person 11']);
    expect(statements).toEqual([['p10'], ['p11']]);
  });

  it('reads on a transaction at once and alone, seeing what it has written and not yet committed', async () => {
    const outside = namesReader('names-in-transaction');
    await db.transaction(async (tx) => {
      await tx.execute(sql`insert into people values ('new', 'Newcomer')`);
      const inside = batchedOn(tx, 'names-in-transaction', async (on, ids: string[]) => {
        const rows = await names(on, ids);
        return ids.map((id) => rows.find((row) => row.id === id)?.name);
      });
      expect(await inside.load('new')).toBe('Newcomer');
      expect(await inside.loadMany(['p1', 'new'])).toEqual(['Person 1', 'Newcomer']);
      throw new Error('roll back');
    }).catch(() => {});
    expect(await outside.read.load('new')).toBeUndefined();
    expect(outside.statements).toEqual([['new']]);
  });
});
