import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database, type Executor } from '../src/platform/db/database';
import { createLogger } from '../src/platform/log';
import { scratchDatabase } from './support/scratch-database';
import { testEngine } from './support/test-server';

if (testEngine === 'pglite') console.log('skipping "transactions that deadlock" on PGlite: it runs one transaction at a time, so two never wait for each other; it runs in the PostgreSQL pass');

let database: Database;
let drop: () => Promise<void>;
beforeAll(async () => {
  if (testEngine !== 'postgres') return;
  const scratch = await scratchDatabase(process.env.TEST_DATABASE_URL!, 'retry');
  drop = scratch.drop;
  database = await openDatabase({ kind: 'postgres', url: scratch.url }, createLogger('silent'));
  await database.db.execute(sql`create table counters (id int primary key, n int not null)`);
});
afterAll(async () => {
  await database?.close();
  await drop?.();
});

const counts = async () =>
  ((await database.db.execute(sql`select id, n from counters order by id`)) as unknown as { rows: Array<{ id: number; n: number }> }).rows;

describe.runIf(testEngine === 'postgres')('transactions that deadlock', () => {
  it('run again whole when PostgreSQL gives up on one of two that wait for each other, and only the committed attempt’s after-commit tasks run', async () => {
    await database.db.execute(sql`insert into counters values (1, 0), (2, 0)`);
    let arrived = 0;
    let bothLocked!: () => void;
    const barrier = new Promise<void>((resolve) => (bothLocked = resolve));
    const runs: string[] = [];
    const committed: string[] = [];
    // Each adds one to both rows, in opposite orders, once the other holds its first row: a deadlock on the first try.
    const crossing = (name: string, first: number, second: number) =>
      database.transaction(async (tx: Executor) => {
        runs.push(name);
        await database.afterCommit(tx, async () => void committed.push(name));
        await tx.execute(sql`update counters set n = n + 1 where id = ${first}`);
        if (++arrived === 2) bothLocked();
        await barrier;
        await tx.execute(sql`update counters set n = n + 1 where id = ${second}`);
        return name;
      });

    expect(await Promise.all([crossing('a', 1, 2), crossing('b', 2, 1)])).toEqual(['a', 'b']);
    expect(runs.sort()).toHaveLength(3);
    expect(committed.sort()).toEqual(['a', 'b']);
    expect(await counts()).toEqual([
      { id: 1, n: 2 },
      { id: 2, n: 2 },
    ]);
  });

  it('does not run again a transaction that failed for any other reason', async () => {
    let runs = 0;
    const failed = await database
      .transaction(async (tx) => {
        runs++;
        await tx.execute(sql`insert into counters values (1, 0)`);
      })
      .catch((err: unknown) => err);
    expect(failed).toBeInstanceOf(Error);
    expect(runs).toBe(1);
  });
});
