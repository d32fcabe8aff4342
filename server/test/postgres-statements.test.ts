import { eq, sql } from 'drizzle-orm';
import { integer, pgTable, text } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database, type Executor } from '../src/platform/db/database';
import { createLogger } from '../src/platform/log';
import { scratchDatabase } from './support/scratch-database';
import { testEngine } from './support/test-server';

/**
 * On PostgreSQL, a statement that runs again and again is parsed and planned once per connection (StatementNames):
 * PostgreSQL's own list of the connection's prepared statements shows it.
 */
const onPostgres = testEngine === 'postgres';
if (!onPostgres) console.log('skipping the PostgreSQL statement tests: they run in the PostgreSQL pass');

describe.runIf(onPostgres)('statements on PostgreSQL', () => {
  let database: Database;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const scratch = await scratchDatabase(process.env.TEST_DATABASE_URL!, 'statements');
    drop = scratch.drop;
    database = await openDatabase({ kind: 'postgres', url: scratch.url }, createLogger('silent'));
  });
  afterAll(async () => {
    await database?.close();
    await drop?.();
  });

  const rows = async (db: Executor, query: ReturnType<typeof sql>) => ((await db.execute(query)) as unknown as { rows: Array<Record<string, unknown>> }).rows;
  /** Statements prepared on the connection `db` runs on whose text holds `marker`. */
  const preparedWith = async (db: Executor, marker: string) =>
    (await rows(db, sql`select name from pg_prepared_statements where strpos(statement, ${marker}) > 0 and strpos(statement, 'pg_prepared_statements') = 0`)).map((r) => String(r.name));

  it('prepares a statement with parameters on its connection from its third run, and answers each run its own values', async () => {
    await database.transaction(async (tx) => {
      const answers: number[] = [];
      const prepared: number[] = [];
      for (let i = 1; i <= 5; i++) {
        answers.push(Number((await rows(tx, sql`select ${i}::int * 10 as tenfold_a`))[0]!.tenfold_a));
        prepared.push((await preparedWith(tx, 'tenfold_a')).length);
      }
      expect(answers).toEqual([10, 20, 30, 40, 50]);
      expect(prepared).toEqual([0, 0, 1, 1, 1]);
    });
  });

  it('answers a query builder\'s rows, mapped to its fields, before and after its statement is prepared', async () => {
    const notes = pgTable('statement_notes', { id: integer('id').primaryKey(), body: text('body').notNull() });
    await database.db.execute(sql`create table statement_notes (id integer primary key, body text not null)`);
    await database.db.execute(sql`insert into statement_notes values (1, 'one'), (2, 'two'), (3, 'three'), (4, 'four')`);
    await database.transaction(async (tx) => {
      const found = [];
      for (let id = 1; id <= 4; id++) found.push(await tx.select({ id: notes.id, text: notes.body }).from(notes).where(eq(notes.id, id)));
      expect(found).toEqual([[{ id: 1, text: 'one' }], [{ id: 2, text: 'two' }], [{ id: 3, text: 'three' }], [{ id: 4, text: 'four' }]]);
      expect(await preparedWith(tx, 'statement_notes')).toHaveLength(1);
    });
  });

  it('prepares a statement again on a connection that lost it', async () => {
    await database.transaction(async (tx) => {
      for (let i = 1; i <= 3; i++) await rows(tx, sql`select ${i}::int as lost_d`);
      const [name] = await preparedWith(tx, 'lost_d');
      expect(name).toMatch(/^maum_auto_\d+$/);
      // As a pooler that discards the connection's statements would.
      await rows(tx, sql.raw(`deallocate ${name!}`));
      expect(await preparedWith(tx, 'lost_d')).toEqual([]);
      const lost = await tx.transaction((inner) => rows(inner, sql`select ${4}::int as lost_d`)).catch((err: unknown) => err);
      expect(lost).toBeInstanceOf(Error);
      expect(Number((await rows(tx, sql`select ${5}::int as lost_d`))[0]!.lost_d)).toBe(5);
      expect(await preparedWith(tx, 'lost_d')).toHaveLength(1);
    });
  });

  it('sends a statement without parameters as it is', async () => {
    await database.transaction(async (tx) => {
      for (let i = 0; i < 5; i++) await rows(tx, sql`select 1 as plain_b`);
      expect(await preparedWith(tx, 'plain_b')).toEqual([]);
    });
  });

  it('answers the same statement on every connection of the pool at once', async () => {
    const answers = await Promise.all(
      Array.from({ length: 60 }, async (_, i) => Number((await rows(database.db, sql`select ${i}::int as shared_c from pg_sleep(0.01)`))[0]!.shared_c)),
    );
    expect(answers).toEqual(Array.from({ length: 60 }, (_, i) => i));
  });
});
