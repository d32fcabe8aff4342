import { spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { createApp, type App, type AppOptions } from '../../src/app';
import type { Clock } from '../../src/platform/clock';
import { loadConfig, type Config } from '../../src/platform/config';
import { createLogger, type Logger } from '../../src/platform/log';
import type { PaymentsPort } from '../../src/platform/payments/payments';
import { scratchDatabase } from './scratch-database';

/**
 * Which database the integration suite runs on. `MAUM_TEST_DB=postgres` (with TEST_DATABASE_URL pointing at a
 * server where we may create databases) gives each test server its own fresh PostgreSQL database; otherwise each
 * gets a PGlite of its own, a copy of the migrated one that support/global-setup.ts made for the run.
 */
export const testEngine = process.env.MAUM_TEST_DB === 'postgres' ? 'postgres' : 'pglite';
/** In the PostgreSQL pass, servers fan out through NATS (a scale-out deployment) when TEST_NATS_URL is set. */
export const testNatsUrl = testEngine === 'postgres' ? process.env.TEST_NATS_URL : undefined;

export interface Reply<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

export interface TestServer {
  app: App;
  url: string;
  /** The environment a second server process needs to join this one (same database, bus and media). */
  env: Record<string, string>;
  /**
   * Calls the running server over real HTTP. `body` objects are sent as JSON; strings and FormData as they are.
   * `from` is the client's own address (any 127.x.y.z on Linux), for someone on another address than 127.0.0.1.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read loosely typed JSON bodies
  request<T = any>(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown; headers?: Record<string, string>; from?: string },
  ): Promise<Reply<T>>;
  /** Stops this server and starts a new one on the same database and data directory (see `durable`). */
  restart(): Promise<TestServer>;
  close(): Promise<void>;
}

let snapshot: Promise<Blob> | undefined;
/** The run's migrated PGlite snapshot, read once and kept; undefined when none was made (a fresh PGlite then). */
function pgliteSnapshot(): Promise<Blob> | undefined {
  const file = inject('pgliteSnapshot');
  if (!file) return undefined;
  return (snapshot ??= readFile(file).then((bytes) => new Blob([bytes])));
}

/**
 * Puts a copy of the run's migrated PGlite database where a server with this DATA_DIR keeps its database, so it
 * opens that instead of creating a cluster of its own (its migrations still run, and find nothing to do). Without
 * a prepared database (outside the suite's global setup) the directory is left as it was.
 */
export async function prepareDataDir(dataDir: string): Promise<string> {
  const migrated = inject('pgliteDataDir');
  if (migrated) await cp(migrated, path.join(dataDir, 'db'), { recursive: true });
  return dataDir;
}

function postgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('MAUM_TEST_DB=postgres needs TEST_DATABASE_URL');
  return scratchDatabase(adminUrl, 'test');
}

/** Tests sign everyone up from 127.0.0.1: the per-address sign-up limit is lifted, unless a test sets its own. */
// Tests sign many people up: their passwords are hashed with Argon2id at its lightest, not a server's cost.
const manySignUps = { SIGNUP_LIMIT_PER_IP: '1000000', PASSWORD_HASH_MEMORY_KIB: '1024', PASSWORD_HASH_PASSES: '1' };

/**
 * A server on a database of its own. `durable` keeps an embedded database on disk rather than in memory, so that
 * `restart` can bring a new server up on what the old one left (PostgreSQL databases always are). `log` replaces the
 * server's logger (one that writes to stdout at LOG_LEVEL), for a test that reads what the server logged.
 */
export async function startTestServer(env: Record<string, string> = {}, options: { clock?: Clock; durable?: boolean; log?: Logger; payments?: PaymentsPort } = {}): Promise<TestServer> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'maum-test-'));
  const postgres = testEngine === 'postgres' ? await postgresDatabase() : undefined;
  const shared: Record<string, string> = { LOG_LEVEL: 'warn', DATA_DIR: dataDir, ...manySignUps };
  if (postgres) shared.DATABASE_URL = postgres.url;
  if (postgres && testNatsUrl) {
    shared.NATS_URL = testNatsUrl;
    shared.NATS_SUBJECT_PREFIX = path.basename(dataDir).replace(/[^A-Za-z0-9_-]/g, '_');
  }
  Object.assign(shared, env);
  const config = loadConfig(shared);
  if (!postgres && options.durable) {
    await prepareDataDir(dataDir);
    config.database = { kind: 'pglite', dir: path.join(dataDir, 'db'), thread: shared.PGLITE_THREAD === 'true' };
  } else if (!postgres) {
    const loadDataDir = await pgliteSnapshot();
    // With a snapshot, a PgliteFromSnapshot: openDatabase starts the in-memory database from it.
    config.database = { kind: 'pglite', dir: 'memory://', thread: shared.PGLITE_THREAD === 'true', ...(loadDataDir && { loadDataDir }) };
  }
  return serve(config, shared, { clock: options.clock, log: options.log, payments: options.payments }, async () => {
    await postgres?.drop();
    await rm(dataDir, { recursive: true, force: true });
  });
}

/**
 * Throws, naming what broke, unless the server's books balance: every currency's balances sum to 0 and no person's
 * wallet is below 0. Every test server checks this before it closes or restarts, so any test file that moved money
 * in a way that breaks the ledger fails, whatever its own assertions were.
 */
export async function checkLedger(app: App): Promise<void> {
  const { totals, negativeWallets } = await app.services.ledger.invariants({ kind: 'system' });
  const unbalanced = totals.filter((t) => t.total !== 0);
  if (unbalanced.length > 0 || negativeWallets.length > 0) {
    throw new Error(`LEDGER INVARIANTS BROKEN on this test server: ${JSON.stringify({ unbalanced, negativeWallets })}`);
  }
}

async function serve(config: Config, env: Record<string, string>, options: Pick<AppOptions, 'clock' | 'log' | 'payments'>, dropData: () => Promise<void>): Promise<TestServer> {
  const app = await createApp(config, { ...options, log: options.log ?? createLogger(config.logLevel) });
  await app.http.listen({ port: 0, host: '127.0.0.1' });
  const address = app.http.server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  const url = `http://127.0.0.1:${address.port}`;
  let closed = false;

  return {
    app,
    url,
    env,
    request: requestTo(url),
    async restart() {
      const { database } = config;
      if (database.kind === 'pglite' && database.dir.startsWith('memory://')) {
        throw new Error('restart() needs a server whose database outlives it: this one is on an in-memory PGlite and would come back empty; start it with { durable: true }');
      }
      await checkLedger(app);
      closed = true;
      await app.close();
      return serve(config, env, options, dropData);
    },
    async close() {
      if (closed) return;
      closed = true;
      // The data goes whatever the check finds; the check's failure is then the test file's.
      const ledger = await checkLedger(app).then(
        () => undefined,
        (err: unknown) => err,
      );
      await app.close();
      await dropData();
      if (ledger) throw ledger;
    },
  };
}

/** `fetch` from a given local address (fetch itself cannot choose one without undici's Agent). */
/** `TestServer.request`, aimed at `base` (the server itself, or a load balancer in front of it). */
export function requestTo(base: string): TestServer['request'] {
  return async (method, target, opts = {}) => {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let body: string | FormData | undefined;
    if (typeof opts.body === 'string' || opts.body instanceof FormData) body = opts.body;
    else if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers['content-type'] ??= 'application/json';
    }
    const init = { method, headers, body };
    const res = opts.from ? await fetchFrom(opts.from, base + target, init) : await fetch(base + target, init);
    const text = await res.text();
    const type = res.headers.get('content-type') ?? '';
    return { status: res.status, headers: res.headers, body: type.includes('json') && text ? JSON.parse(text) : text };
  };
}

async function fetchFrom(localAddress: string, target: string, init: RequestInit): Promise<Response> {
  const outgoing = new Request(target, init);
  const payload = Buffer.from(await outgoing.arrayBuffer());
  const headers = { ...Object.fromEntries(outgoing.headers), 'content-length': String(payload.length) };
  return new Promise((resolve, reject) => {
    const req = httpRequest(target, { method: outgoing.method, headers, localAddress }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        const answer = new Headers();
        for (const [name, value] of Object.entries(res.headers)) {
          for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) answer.append(name, one);
        }
        resolve(new Response([204, 205, 304].includes(status) ? null : Buffer.concat(chunks), { status, headers: answer }));
      });
    });
    req.on('error', reject);
    req.end(payload);
  });
}

export interface ServerProcess {
  url: string;
  pid: number;
  /** What the process has printed so far (its log), to explain a failure. */
  output(): string;
  stop(): Promise<number | null>;
}

/** Starts `maum serve` as a separate process with the given environment; answers once it listens. */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const root = path.resolve(import.meta.dirname, '../../..');
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts', 'serve'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: '', NATS_URL: '', ...manySignUps, ...env, PORT: '0', HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server process did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /running at http:\/\/localhost:(\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server process exited (${code}):\n${output}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    output: () => output,
    stop: async () => {
      // A process that already ended (by itself, or killed by a signal) has nothing left to stop.
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      return exited;
    },
  };
}

let counter = 0;
/** A handle no other test in this file uses. */
export function uniqueHandle(base = 'user'): string {
  counter += 1;
  return `${base}${counter}${Math.random().toString(36).slice(2, 6)}`.slice(0, 20);
}

export const PASSWORD = 'correct-horse-7';

export async function signUp(server: TestServer, handle = uniqueHandle(), displayName = handle) {
  const res = await server.request<{ token: string; user: { id: string; handle: string; friendCode: string } }>(
    'POST',
    '/api/auth/signup',
    { body: { handle, displayName, password: PASSWORD } },
  );
  if (res.status !== 201) throw new Error(`sign-up failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { token: res.body.token, user: res.body.user, handle };
}

/** Signs a person in again (say, after the clock has outlived their session); their token is replaced. */
export async function signIn(server: TestServer, person: { handle: string; token: string }): Promise<void> {
  const res = await server.request<{ token: string }>('POST', '/api/auth/login', { body: { handle: person.handle, password: PASSWORD } });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${JSON.stringify(res.body)}`);
  person.token = res.body.token;
}
