import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import type { Config } from '../config';
import type { Logger } from '../log';
import { lockDataDir } from './data-dir-lock';
import { PGliteThread } from './pglite-thread';
import { PreparedPglite } from './pglite-prepared';
import { StatementNames } from './pg-prepared';

/** Anything a repository can run SQL on: the database itself, or a transaction passed down by a flow. */
export type Executor = PgDatabase<PgQueryResultHKT>;

export interface Database {
  readonly engine: 'pglite' | 'postgres';
  readonly db: Executor;
  /**
   * Runs `work` in one transaction; repositories called with `tx` take part in it. Once it has committed, the tasks
   * `afterCommit` queued on `tx` run, before this answers. Should PostgreSQL roll it back for a deadlock or a
   * serialization failure (`isTransactionConflict`), `work` runs again whole, in a new transaction, up to three times
   * in all; so `work` changes nothing outside the database before its commit, or passes `once`, and then fails instead.
   */
  transaction<T>(work: (tx: Executor) => Promise<T>, options?: { once?: boolean }): Promise<T>;
  /**
   * Runs `task` once `tx` has committed (at once when `tx` is the database itself, outside any transaction); a
   * transaction that fails drops its tasks. A task's failure is logged and never undoes or fails what committed, so
   * a task is something whose owed work was written in `tx` and that a retrying job finishes (an outbox).
   */
  afterCommit(tx: Executor, task: () => Promise<void>): Promise<void>;
  /**
   * Runs `work` in a savepoint of the transaction `tx`: if it throws, what it wrote is undone and the transaction goes
   * on. Tasks it queued with `afterCommit` run when `tx` commits, unless the savepoint was undone.
   */
  savepoint<T>(tx: Executor, work: (sp: Executor) => Promise<T>): Promise<T>;
  migrate(): Promise<void>;
  /**
   * Vacuums the tables that PostgreSQL's autovacuum would (see VACUUM_DUE), one statement each so that requests run
   * in between; answers how many. PGlite has no autovacuum, so without this the dead versions of updated rows, and
   * their index entries, would stay for good: its files would grow and its statements slow down with every write (a
   * gift purchase took a third longer after twenty thousand others). Each VACUUM holds the embedded database for its
   * whole run (tens of milliseconds for a table of any size), so the tables that barely changed are left alone. On
   * PostgreSQL autovacuum does it, and this answers 0.
   */
  vacuum(): Promise<number>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

const migrationsFolder = path.resolve(import.meta.dirname, '../../../drizzle');
// Any fixed number: serialises migrations when several nodes start against one PostgreSQL at once.
const MIGRATION_LOCK = 7_202_611;

/**
 * An in-memory PGlite that starts from a data directory saved with `dumpDataDir()` instead of an empty one. The
 * integration tests start each server from one migrated snapshot; `migrate()` still runs on it and finds nothing
 * left to apply.
 */
export interface PgliteFromSnapshot {
  kind: 'pglite';
  dir: 'memory://';
  thread?: boolean;
  loadDataDir: Blob;
}

/**
 * PGlite under the data directory by default, PostgreSQL when DATABASE_URL is set. Same migrations for both.
 * `command` names what this process runs (`serve`, `migrate`, …), for the message another process gets when it
 * finds the PGlite data folder in use (see lockDataDir).
 */
export async function openDatabase(config: Config['database'] | PgliteFromSnapshot, log: Logger, command = 'serve'): Promise<Database> {
  if (config.kind === 'postgres') return openPostgres(config.url, log);
  return openPglite(config.dir, config.thread ?? false, command, log, 'loadDataDir' in config ? config.loadDataDir : undefined);
}

/**
 * PostgreSQL gives up on one of two transactions that wait for each other (a deadlock), or that a serializable
 * snapshot cannot order, and rolls it back: run whole again, it goes through. How often `transaction` tries.
 */
const TRANSACTION_ATTEMPTS = 3;
const DEADLOCK = '40P01';
const SERIALIZATION_FAILURE = '40001';

/** `transaction` and `afterCommit` for a database, whichever the engine. */
function committing(db: Executor, log: Logger): Pick<Database, 'transaction' | 'afterCommit' | 'savepoint'> {
  const queued = new WeakMap<Executor, Array<() => Promise<void>>>();
  const run = async (task: () => Promise<void>) => {
    try {
      await task();
    } catch (err) {
      log.error({ err }, 'a task after a commit failed; what it owed stays written for its job to finish');
    }
  };
  return {
    async transaction(work, options) {
      const attempts = options?.once ? 1 : TRANSACTION_ATTEMPTS;
      for (let attempt = 1; ; attempt++) {
        const tasks: Array<() => Promise<void>> = [];
        let result;
        try {
          result = await db.transaction((tx) => {
            queued.set(tx, tasks);
            return work(tx);
          });
        } catch (err) {
          if (attempt >= attempts || !isTransactionConflict(err)) throw err;
          log.info({ code: postgresErrorOf(err)?.code, attempt }, 'a transaction met another one head-on and was rolled back; it runs again');
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));
          continue;
        }
        for (const task of tasks) await run(task);
        return result;
      }
    },
    async afterCommit(tx, task) {
      if (tx === db) return run(task);
      const tasks = queued.get(tx);
      // A savepoint's executor is not the transaction's: its tasks would have nowhere to wait for the commit.
      if (!tasks) throw new Error('afterCommit needs the database or the executor of a transaction it opened');
      tasks.push(task);
    },
    async savepoint(tx, work) {
      const outer = queued.get(tx);
      if (!outer) throw new Error('savepoint needs the executor of a transaction this database opened');
      const tasks: Array<() => Promise<void>> = [];
      const result = await tx.transaction((sp) => {
        queued.set(sp, tasks);
        return work(sp);
      });
      outer.push(...tasks);
      return result;
    },
  };
}

/**
 * The tables PostgreSQL's autovacuum would vacuum now, by its own settings: more dead rows than its threshold plus its
 * share of the live ones, more rows inserted since the last vacuum than the insert threshold (-1: never) plus its share
 * (a vacuum marks their pages all-visible), or a transaction id or multixact old enough that the table must be frozen.
 */
const VACUUM_DUE = sql`
  select quote_ident(s.schemaname) || '.' || quote_ident(s.relname) as name
  from pg_stat_user_tables s join pg_class c on c.oid = s.relid
  where s.schemaname = 'public' and (
    s.n_dead_tup > current_setting('autovacuum_vacuum_threshold')::float8 + current_setting('autovacuum_vacuum_scale_factor')::float8 * s.n_live_tup
    or (current_setting('autovacuum_vacuum_insert_threshold')::float8 >= 0 and s.n_ins_since_vacuum >
      current_setting('autovacuum_vacuum_insert_threshold')::float8 + current_setting('autovacuum_vacuum_insert_scale_factor')::float8 * s.n_live_tup)
    or age(c.relfrozenxid) > current_setting('autovacuum_freeze_max_age')::float8
    or mxid_age(c.relminmxid) > current_setting('autovacuum_multixact_freeze_max_age')::float8)
  order by s.relname`;

/**
 * PGlite in this thread, or (`thread`) on a worker thread of its own: there the database and the HTTP and socket
 * work each have a core, which serves more at peak, but every statement crosses between threads, which adds latency
 * below it (see PGliteThread).
 */
async function openPglite(dir: string, thread: boolean, command: string, log: Logger, loadDataDir?: Blob): Promise<Database> {
  const inMemory = dir.startsWith('memory://');
  if (!inMemory) await mkdir(dir, { recursive: true });
  // One process at a time: PGlite has no server of its own to share its files between processes.
  const unlock = inMemory ? async () => {} : await lockDataDir(dir, command);
  let client: PGlite;
  try {
    client = thread ? (await PGliteThread.start(dir, loadDataDir)).asPGlite() : await PGlite.create(dir, { loadDataDir });
  } catch (err) {
    await unlock();
    throw err;
  }
  // Statements are prepared once (PreparedPglite); on its own thread, the thread does that.
  const db = drizzlePglite(thread ? client : (new PreparedPglite(client) as unknown as PGlite)) as unknown as Executor;
  return {
    engine: 'pglite',
    db,
    ...committing(db, log),
    migrate: () => migratePglite(drizzlePglite(client), { migrationsFolder }),
    vacuum: async () => {
      // A backend's counts of inserted and dead rows reach pg_stat_user_tables only when flushed.
      await db.execute(sql`select pg_stat_force_next_flush()`);
      const tables = (await db.execute(VACUUM_DUE)) as unknown as { rows: Array<{ name: string }> };
      // VACUUM alone: ANALYZE reads a sample of each table, tens of milliseconds for a large one, in which no request runs.
      for (const { name } of tables.rows) await db.execute(sql.raw(`vacuum ${name}`));
      return tables.rows.length;
    },
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    close: async () => {
      try {
        await client.close();
      } finally {
        await unlock();
      }
    },
  };
}

async function openPostgres(url: string, log: Logger): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // Statements that run again and again are parsed and planned once per connection.
  const names = new StatementNames(log);
  pool.on('connect', (client) => names.nameOn(client));
  pool.on('error', (err) => log.error({ err }, 'an idle database connection failed'));
  const db = drizzlePg(pool) as unknown as Executor;
  return {
    engine: 'postgres',
    db,
    ...committing(db, log),
    migrate: async () => {
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
        await migratePg(drizzlePg(client), { migrationsFolder });
      } finally {
        await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
        client.release();
      }
    },
    vacuum: async () => 0,
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    close: () => pool.end(),
  };
}

/** The error PostgreSQL raised (its SQLSTATE `code`, and the constraint it names), whichever driver passed it on. */
export function postgresErrorOf(error: unknown): { code: string; constraint?: string } | undefined {
  let e: unknown = error;
  // Drizzle wraps driver errors, and an AppError may wrap that; the driver's error is a cause, its code a SQLSTATE.
  for (let depth = 0; e && depth < 4; depth++) {
    const candidate = e as { code?: unknown; constraint?: string; cause?: unknown };
    if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code)) return { code: candidate.code, constraint: candidate.constraint };
    e = candidate.cause;
  }
  return undefined;
}

/** Whether PostgreSQL rolled a transaction back for a deadlock or a serialization failure: run again, it goes through. */
export function isTransactionConflict(error: unknown): boolean {
  const code = postgresErrorOf(error)?.code;
  return code === DEADLOCK || code === SERIALIZATION_FAILURE;
}

/** PostgreSQL's unique_violation, whichever driver raised it. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const found = postgresErrorOf(error);
  return found?.code === '23505' && (constraint === undefined || found.constraint === constraint);
}
