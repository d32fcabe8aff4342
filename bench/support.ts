import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { openDatabase, type Database } from '../server/src/platform/db/database';
import { newId, randomToken } from '../server/src/platform/ids';
import { createLogger } from '../server/src/platform/log';
import { scratchDatabase } from '../server/test/support/scratch-database';

export const root = path.resolve(import.meta.dirname, '..');

export interface Child {
  process: ChildProcess;
  port: number;
  /** Memory after a full GC, as the child reports it on SIGUSR2: resident, and what JS holds (heap + buffers). */
  memory(): Promise<{ rss: number; js: number }>;
  /** Everything the child has printed so far (stdout and stderr). */
  output(): string;
  stop(): Promise<void>;
}

/** Starts a TypeScript entry point as its own process and waits until it prints a port (`pattern`'s group 1). */
export async function startChild(args: string[], env: Record<string, string>, pattern: RegExp): Promise<Child> {
  // BENCH_CPU_PROFILE=<dir> writes a V8 CPU profile of each child there when it exits (node --cpu-prof).
  const profile = process.env.BENCH_CPU_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE}`] : [];
  const child = spawn(process.execPath, [...profile, '--expose-gc', '--import', 'tsx', ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no port from ${args.join(' ')}:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = pattern.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited (${code}):\n${output}`)));
  });
  return {
    process: child,
    port,
    memory: async () => {
      const from = output.length;
      child.kill('SIGUSR2');
      const deadline = Date.now() + 10_000;
      for (;;) {
        const match = /memory (\{.*\})\n/.exec(output.slice(from));
        if (match) {
          const usage = JSON.parse(match[1]!) as { rss: number; heapUsed: number; external: number };
          return { rss: usage.rss, js: usage.heapUsed + usage.external };
        }
        if (Date.now() > deadline) throw new Error('the server did not report its memory');
        await sleep(50);
      }
    },
    output: () => output,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export type Engine = 'pglite' | 'postgres';

/** A Maum server in its own process, on a fresh database; with `demo`, it has the demo data (`serve --demo`). */
export interface MaumServer {
  engine: Engine;
  port: number;
  child: Child;
  /** The environment the server runs with, for CLI commands against the same database. */
  env: Record<string, string>;
  /** The PGlite directory, or the PostgreSQL URL, of the server's database. */
  database: string;
  /**
   * VACUUM ANALYZE on the server's database, so that each measured phase starts without the previous one's dead
   * rows (PGlite has no autovacuum). Only on PostgreSQL while the server runs: PGlite belongs to the server then.
   */
  vacuum(): Promise<void>;
  /** Runs `npm run maum -- <args>` against the server's database; answers its standard output. */
  cli(args: string[]): Promise<string>;
  stopServer(): Promise<void>;
  /** Stops the server if it runs, then drops its database and data directory. */
  dispose(): Promise<void>;
}

export async function startMaum(
  engine: Engine,
  postgresUrl: string | undefined,
  prefix: string,
  options: {
    demo: boolean;
    /** More environment for the server (e.g. TRANSLATE_URL), over the benchmark defaults below. */
    env?: Record<string, string>;
    /** Fills the fresh, migrated database before the server starts (rows no API makes fast enough, such as accounts). */
    seed?: (database: Database) => Promise<void>;
  } = { demo: true },
): Promise<MaumServer> {
  const dataDir = await mkdtemp(path.join(tmpdir(), `maum-${prefix}-`));
  let database = path.join(dataDir, 'db');
  let dropDatabase = async () => {};
  const env: Record<string, string> = {
    DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    // BENCH_LOG_LEVEL=warn shows the server's warnings (a failed batch of money, say) in a failure's quoted log.
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'error',
    DATABASE_URL: '',
    NATS_URL: '',
    // The load comes from one address with many sockets, many of them one account's (idle connections): lift the
    // frame limits per socket and per account and the sockets per account, and the per-address sign-up limit for
    // the many people a benchmark signs up.
    WS_FRAMES_PER_SECOND: '100000',
    WS_FRAME_BURST: '100000',
    WS_USER_FRAMES_PER_SECOND: '100000',
    WS_USER_FRAME_BURST: '100000',
    WS_MAX_SOCKETS_PER_USER: '100000',
    SIGNUP_LIMIT_PER_IP: '1000000',
    ...options.env,
  };
  if (engine === 'postgres') {
    if (!postgresUrl) throw new Error('set DATABASE_URL to a PostgreSQL server where databases may be created');
    const scratch = await scratchDatabase(postgresUrl, prefix);
    database = env.DATABASE_URL = scratch.url;
    dropDatabase = scratch.drop;
  }
  if (options.seed) {
    try {
      const seeding = await openDatabase(engine === 'postgres' ? { kind: 'postgres', url: database } : { kind: 'pglite', dir: database }, createLogger('silent'), 'seed');
      try {
        await seeding.migrate();
        await options.seed(seeding);
      } finally {
        await seeding.close();
      }
    } catch (err) {
      await dropDatabase();
      await rm(dataDir, { recursive: true, force: true });
      throw err;
    }
  }
  const child = await startChild(['server/src/main.ts', 'serve', ...(options.demo ? ['--demo'] : [])], env, /running at http:\/\/localhost:(\d+)/);
  return {
    engine,
    port: child.port,
    child,
    env,
    database,
    async vacuum() {
      if (engine !== 'postgres') return;
      const client = new pg.Client({ connectionString: database });
      await client.connect();
      await client.query('vacuum analyze');
      await client.end();
    },
    cli: (args) =>
      new Promise((resolve, reject) => {
        execFile(process.execPath, ['--import', 'tsx', 'server/src/main.ts', ...args], { cwd: root, env: { ...process.env, ...env } }, (err, stdout, stderr) => {
          if (err) reject(new Error(`maum ${args.join(' ')}: ${err.message}\n${stderr}`));
          else resolve(stdout);
        });
      }),
    stopServer: () => child.stop(),
    async dispose() {
      await child.stop();
      await dropDatabase();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Inserts `rows` (column name → value, the same columns in each) into `table`, a few thousand per statement: each
 * batch travels as one JSON parameter and is read back as the table's own row type, so arrays and timestamps arrive
 * typed, and columns left out take their defaults.
 */
export async function bulkInsert(database: Database, table: string, rows: Array<Record<string, unknown>>, batch = 2000): Promise<void> {
  if (rows.length === 0) return;
  const columns = sql.raw(Object.keys(rows[0]!).map((c) => `"${c}"`).join(', '));
  for (let i = 0; i < rows.length; i += batch) {
    const json = JSON.stringify(rows.slice(i, i + batch));
    await database.db.execute(sql`insert into ${sql.identifier(table)} (${columns}) select ${columns} from json_populate_recordset(null::${sql.identifier(table)}, ${json}::json)`);
  }
}

/** An account made by `seedAccounts`, with an open session. */
export interface SeededAccount {
  userId: string;
  handle: string;
  token: string;
}

/**
 * `count` accounts with one session each, written straight into the database: signing up hashes a password with
 * Argon2 (a fifth of a second of a core each here), which would take minutes for the thousands of people a room
 * benchmark needs. Nobody signs in to them with a password; the benchmark holds their session tokens.
 */
export async function seedAccounts(database: Database, prefix: string, count: number): Promise<SeededAccount[]> {
  const now = new Date();
  const expires = new Date(now.getTime() + 86_400_000);
  const accounts = Array.from({ length: count }, (_, i) => ({ userId: newId('usr'), handle: `${prefix}${i}`, token: randomBytes(32).toString('base64url') }));
  await bulkInsert(
    database,
    'users',
    accounts.map((a, i) => ({
      id: a.userId,
      handle: a.handle,
      display_name: `Bench ${prefix} ${i}`,
      password_hash: '!',
      friend_code: randomToken(20),
      created_at: now,
      updated_at: now,
    })),
  );
  await bulkInsert(
    database,
    'sessions',
    accounts.map((a) => ({
      id: newId('ses'),
      user_id: a.userId,
      token_hash: createHash('sha256').update(a.token).digest('hex'),
      device_name: 'Bench',
      created_at: now,
      last_seen_at: now,
      expires_at: expires,
    })),
  );
  return accounts;
}
