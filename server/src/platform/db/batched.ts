import DataLoader from 'dataloader';
import { getTableColumns, is, sql, type InferSelectModel } from 'drizzle-orm';
import { PgTransaction, type PgColumn, type PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from './database';
import { Pace } from './pace';
import { preparedOn } from './prepared';

/** A read by key whose keys, asked for by requests at about the same moment, are read in one statement. */
export interface BatchedRead<K, V> {
  load(key: K): Promise<V>;
  loadMany(keys: readonly K[]): Promise<V[]>;
}

/** The most keys one statement reads; more wait for the next. */
const MAX_KEYS = 500;
/** One read's statements start at most this often (`Pace`). */
const READ_CYCLE_MS = 5;

const reads = new WeakMap<Executor, Map<string, BatchedRead<unknown, unknown>>>();

function asError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}

/**
 * The reads that every request makes before it writes (its session, the product it buys, whether the people it
 * names are friends), batched across requests: keys are read together by `read`, one statement for all of them, and
 * each caller gets its own key's answer. One statement of a read runs at a time; the keys asked for while it runs
 * (or, when none runs, during the current turn of the event loop) go together into the next. Under load that is one
 * round trip for dozens of requests instead of one each; alone, a read waits one turn of the loop. Statements that
 * follow one another are paced (`Pace`): keys asked for while a statement runs are read by the next one at the
 * earliest 5 ms after it started. Should the statement fail, each key is read again on its own, so a failure is only
 * ever the failing key's.
 *
 * `read` answers one value per key, in the keys' order (a key may come more than once). Inside a transaction nothing
 * is shared: `read` runs at once for the caller's keys, on the transaction. Like `preparedOn`, the batcher lives as long
 * as the executor, so `name` must be unique to what `read` reads.
 */
export function batchedOn<K, V>(db: Executor, name: string, read: (db: Executor, keys: K[]) => Promise<V[]>): BatchedRead<K, V> {
  let byName = reads.get(db);
  if (!byName) reads.set(db, (byName = new Map()));
  let found = byName.get(name) as BatchedRead<K, V> | undefined;
  if (found) return found;
  if (is(db, PgTransaction)) {
    found = { load: async (key) => (await read(db, [key]))[0]!, loadMany: (keys) => read(db, [...keys]) };
  } else {
    let reading = false;
    let waiting = false;
    const due: Array<() => void> = [];
    const pace = new Pace(READ_CYCLE_MS);
    const start = () => {
      reading = true;
      pace.started();
      due.shift()!();
    };
    // Keys asked for while no statement runs or waits are read at once.
    const asked = (dispatch: () => void) => {
      due.push(dispatch);
      if (!reading && !waiting) start();
    };
    // Keys asked for while one ran are read next, as soon as the pace allows.
    const ended = () => {
      reading = false;
      if (due.length === 0) return;
      const wait = pace.due();
      if (wait === 0) return start();
      waiting = true;
      setTimeout(() => {
        waiting = false;
        start();
      }, wait);
    };
    const loader = new DataLoader<K, V>(
      async (keys) => {
        try {
          return await read(db, [...keys]);
        } catch (err) {
          if (keys.length === 1) return [asError(err)];
          return Promise.all(keys.map((key) => read(db, [key]).then(([value]) => value as V | Error, asError)));
        } finally {
          setImmediate(ended);
        }
      },
      {
        cache: false,
        maxBatchSize: MAX_KEYS,
        // The next turn of the loop, after the requests whose bodies were read in this one have asked for their keys.
        batchScheduleFn: (dispatch) =>
          setImmediate(() => asked(dispatch)),
      },
    );
    found = {
      load: (key) => loader.load(key),
      loadMany: async (keys) => {
        const values = await loader.loadMany(keys);
        const failed = values.find((v): v is Error => v instanceof Error);
        if (failed) throw failed;
        return values as V[];
      },
    };
  }
  byName.set(name, found as BatchedRead<unknown, unknown>);
  return found;
}

/** Lines `rows` up with `keys`: for each key, the row whose `keyOf` it is (or undefined). */
export function rowPerKey<K, R>(keys: readonly K[], rows: R[], keyOf: (row: R) => K): Array<R | undefined> {
  const byKey = new Map(rows.map((row) => [keyOf(row), row]));
  return keys.map((key) => byKey.get(key));
}

/** Lines `rows` up with `keys`: for each key, every row whose `keyOf` it is. */
export function rowsPerKey<K, R>(keys: readonly K[], rows: R[], keyOf: (row: R) => K): R[][] {
  const byKey = new Map<K, R[]>();
  for (const row of rows) {
    const list = byKey.get(keyOf(row));
    if (list) list.push(row);
    else byKey.set(keyOf(row), [row]);
  }
  return keys.map((key) => byKey.get(key) ?? []);
}

/**
 * For each key, the row of `table` whose unique `column` holds it (or undefined), in one prepared statement named
 * `name`: the `read` of a `batchedOn` that looks rows up by id, or by another unique key.
 */
export async function rowsByUniqueKey<T extends PgTable>(db: Executor, name: string, table: T, column: PgColumn, keys: string[]): Promise<Array<InferSelectModel<T> | undefined>> {
  const statement = preparedOn(db, name, (on) =>
    on
      .select()
      .from(table as PgTable)
      .where(sql`${column} = any(${sql.placeholder('keys')})`),
  );
  const property = Object.entries(getTableColumns(table)).find(([, c]) => c === column)![0];
  const rows = (await statement.execute({ keys })) as Array<Record<string, unknown>>;
  return rowPerKey(keys, rows, (row) => row[property]) as Array<InferSelectModel<T> | undefined>;
}
