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

/** Anything a repository can run SQL on: the database itself, or a transaction passed down by a flow. */
export type Executor = PgDatabase<PgQueryResultHKT>;

export interface Database {
  readonly engine: 'pglite' | 'postgres';
  readonly db: Executor;
  /** Runs `work` in one transaction; repositories called with `tx` take part in it. */
  transaction<T>(work: (tx: Executor) => Promise<T>): Promise<T>;
  migrate(): Promise<void>;
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
  loadDataDir: Blob;
}

/**
 * PGlite under the data directory by default, PostgreSQL when DATABASE_URL is set. Same migrations for both.
 * `command` names what this process runs (`serve`, `migrate`, …), for the message another process gets when it
 * finds the PGlite data folder in use (see lockDataDir).
 */
export async function openDatabase(config: Config['database'] | PgliteFromSnapshot, log: Logger, command = 'serve'): Promise<Database> {
  if (config.kind === 'postgres') return openPostgres(config.url, log);
  return openPglite(config.dir, command, 'loadDataDir' in config ? config.loadDataDir : undefined);
}

async function openPglite(dir: string, command: string, loadDataDir?: Blob): Promise<Database> {
  const inMemory = dir.startsWith('memory://');
  if (!inMemory) await mkdir(dir, { recursive: true });
  // One process at a time: PGlite has no server of its own to share its files between processes.
  const unlock = inMemory ? async () => {} : await lockDataDir(dir, command);
  let client: PGlite;
  try {
    client = await PGlite.create(dir, { loadDataDir });
  } catch (err) {
    await unlock();
    throw err;
  }
  const db = drizzlePglite(client) as unknown as Executor;
  return {
    engine: 'pglite',
    db,
    transaction: (work) => db.transaction(work),
    migrate: () => migratePglite(drizzlePglite(client), { migrationsFolder }),
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
  pool.on('error', (err) => log.error({ err }, 'an idle database connection failed'));
  const db = drizzlePg(pool) as unknown as Executor;
  return {
    engine: 'postgres',
    db,
    transaction: (work) => db.transaction(work),
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
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    close: () => pool.end(),
  };
}

/** PostgreSQL's unique_violation, whichever driver raised it. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  let e: unknown = error;
  // Drizzle wraps driver errors; the driver's error is the cause.
  for (let depth = 0; e && depth < 3; depth++) {
    const candidate = e as { code?: string; constraint?: string; cause?: unknown };
    if (candidate.code === '23505') return constraint === undefined || candidate.constraint === constraint;
    e = candidate.cause;
  }
  return false;
}
