// Shared pieces of the commerce benchmarks (checkout, gifts, redeem): a keep-alive HTTP client, a server started
// and filled through the API, a closed-loop load runner, and the baseline's direct database access.
import http from 'node:http';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import WebSocket from 'ws';
import type { BenchLine } from './registry';
import { percentile, startMaum, type Child, type Engine, type MaumServer } from './support';

/** The server's PostgreSQL pool (server/src/platform/db/database.ts); the baselines' pool is the same size. */
export const SERVER_POOL = 10;

/** Plain node:http with keep-alive: the load generator shares the machine, so it should cost little CPU. */
export class HttpClient {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 512 });

  /** `server`'s output is quoted when it answers 500. */
  constructor(
    private readonly port: number,
    private readonly server?: Child,
  ) {}

  /** The error for an unexpected answer, with the server's last log lines when it failed on its side. */
  failure(method: string, route: string, res: { status: number; text: string }): Error {
    const log = res.status >= 500 && this.server ? `\nserver log:\n${this.server.output().slice(-3000)}` : '';
    return new Error(`${method} ${route}: ${res.status} ${res.text}${log}`);
  }

  request(method: string, route: string, options: { token?: string; headers?: Record<string, string>; body?: unknown } = {}): Promise<{ status: number; text: string }> {
    const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
    const headers: Record<string, string | number> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (payload !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = Buffer.byteLength(payload);
    }
    return new Promise((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: this.port, method, path: route, headers, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(payload);
    });
  }

  /** A request that must succeed; answers its JSON body. */
  async json(method: string, route: string, options: { token?: string; headers?: Record<string, string>; body?: unknown } = {}) {
    const res = await this.request(method, route, options);
    if (res.status >= 300) throw this.failure(method, route, res);
    return (res.text ? JSON.parse(res.text) : null) as any; // eslint-disable-line @typescript-eslint/no-explicit-any
  }

  close(): void {
    this.agent.destroy();
  }
}

/** An account signed up through the API, with the session its sign-up opened. */
export interface Account {
  userId: string;
  handle: string;
  token: string;
}

export async function signUp(client: HttpClient, handle: string, displayName = handle): Promise<Account> {
  const res = await client.json('POST', '/api/auth/signup', { body: { handle, displayName, password: 'bench-pass-1' } });
  return { userId: res.user.id as string, handle, token: res.token as string };
}

export interface Prepared<World> {
  server: MaumServer;
  client: HttpClient;
  world: World;
}

/** A server of its own (see `startMaum`), filled by `setUp` through the API; disposed of if that fails. */
export async function prepare<World>(
  engine: Engine,
  prefix: string,
  options: { demo: boolean },
  setUp: (server: MaumServer, client: HttpClient) => Promise<World>,
): Promise<Prepared<World>> {
  const server = await startMaum(engine, process.env.DATABASE_URL, prefix, options);
  note(`${prefix} on ${engine}: server started`);
  try {
    const client = new HttpClient(server.port, server.child);
    return { server, client, world: await setUp(server, client) };
  } catch (err) {
    await server.dispose();
    throw err;
  }
}

/** Runs `items` through `work` with at most `limit` at a time. */
export async function inParallel<T, R>(items: T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await work(items[i]!, i);
      }
    }),
  );
  return results;
}

export interface LoadResult {
  count: number;
  perSecond: number;
  /** Latencies in ms, sorted. */
  latencies: number[];
  /** CPU this process (the load generator, or the baseline's driver) used meanwhile, in cores. */
  cores: number;
  /** An open loop's latencies by when each operation was due (ms from the start), in the order they finished. */
  byDue?: Array<{ due: number; ms: number }>;
  /** When an open loop started (ms since the epoch), to line its windows up with other logs. */
  startedAt?: number;
}

/**
 * A closed loop: `concurrency` workers each start their next operation when the previous one is done, until
 * `seconds` have passed (or `cap` operations were started). `work` answers the operation's latency in ms.
 * Throughput counts from the start until the last operation finished.
 */
export async function closedLoop(
  concurrency: number,
  seconds: number,
  work: (worker: number, index: number) => Promise<number>,
  cap = Infinity,
): Promise<LoadResult> {
  const latencies: number[] = [];
  let next = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      while (performance.now() < deadline && next < cap) latencies.push(await work(worker, next++));
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  latencies.sort((a, b) => a - b);
  return { count: latencies.length, perSecond: latencies.length / elapsed, latencies, cores: (used.user + used.system) / 1e6 / elapsed };
}

/**
 * An open loop at `rate` operations a second for `seconds`, by at most `concurrency` workers: operation i is due at
 * i / rate, and runs on the next free worker. Its latency counts from when it was due, so time spent waiting for a
 * worker (the system falling behind) counts too. `work` answers the operation's own latency in ms. With
 * `warmSeconds`, the loop first runs that long at the same rate unmeasured, as a closed loop's warm-up does, so that
 * what is measured is the load as it holds, not the step into it. `cap` bounds the operations, the warm-up's with
 * them (which take at most a sixth of it).
 */
export async function pacedLoop(
  concurrency: number,
  rate: number,
  seconds: number,
  work: (worker: number, index: number) => Promise<number>,
  { warmSeconds = 0, cap = Infinity }: { warmSeconds?: number; cap?: number } = {},
): Promise<LoadResult> {
  const warm = Math.min(Math.floor(rate * warmSeconds), Math.floor(cap / 6));
  const total = Math.min(cap, warm + Math.max(1, Math.floor(rate * seconds)));
  const latencies: number[] = [];
  const byDue: Array<{ due: number; ms: number }> = [];
  let next = 0;
  const begun = performance.now();
  // When the first measured operation is due; the measured ones' due times count from it.
  const measuredFrom = begun + (warm / rate) * 1000;
  let cpu = process.cpuUsage();
  let startedAt = Date.now();
  let started = measuredFrom;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      while (next < total) {
        const index = next++;
        const due = begun + (index / rate) * 1000;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        if (index === warm) {
          cpu = process.cpuUsage();
          startedAt = Date.now();
          started = performance.now();
        }
        const late = performance.now() - due;
        const ms = late + (await work(worker, index));
        if (index < warm) continue;
        latencies.push(ms);
        byDue.push({ due: due - measuredFrom, ms });
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  latencies.sort((a, b) => a - b);
  return { count: latencies.length, perSecond: latencies.length / elapsed, latencies, cores: (used.user + used.system) / 1e6 / elapsed, byDue, startedAt };
}

/** How long each window of an open loop's latencies is, in its note. */
const WINDOW_MS = 500;

/**
 * An open loop's p99 and worst latency per half second, by when the operations were due, as a note: it tells a
 * load the system kept up with throughout from one it fell behind in for a moment (a stall of the machine, say).
 */
export function noteOverTime(label: string, result: LoadResult): void {
  if (!result.byDue) return;
  const windows: number[][] = [];
  for (const { due, ms } of result.byDue) (windows[Math.floor(due / WINDOW_MS)] ??= []).push(ms);
  const shown = [...windows].map((w) => {
    if (!w) return '-';
    w.sort((a, b) => a - b);
    return `${Math.round(percentile(w, 99))}/${Math.round(w[w.length - 1]!)}`;
  });
  const from = result.startedAt ? ` from ${new Date(result.startedAt).toISOString().slice(11, 23)}` : '';
  note(`${label}: p99/max ms per ${WINDOW_MS / 1000} s${from}: ${shown.join(' ')}`);
}

/** p50 and p99 of a load at half of Maum's peak against the baseline at the same rate. */
export function halfPeakLines(prefix: string, maum: LoadResult, baseline: LoadResult): BenchLine[] {
  noteOverTime(`${prefix} at half of peak`, maum);
  return [
    line(`${prefix}_p50_ms_at_half_peak`, percentile(maum.latencies, 50), 'ms', percentile(baseline.latencies, 50)),
    line(`${prefix}_p99_ms_at_half_peak`, percentile(maum.latencies, 99), 'ms', percentile(baseline.latencies, 99)),
  ];
}

/** The database the way the baseline talks to it: each statement straight through the driver. */
export interface Sql {
  query(text: string, params?: unknown[]): Promise<Array<Record<string, unknown>>>;
  /** `begin`, the statements, `commit` (or `rollback` if `work` throws), on one connection. */
  transaction<T>(work: (query: Sql['query']) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** `pg` with a pool of `max` connections: the same driver and pool size as the server's. */
export function postgresSql(url: string, max: number): Sql {
  const pool = new pg.Pool({ connectionString: url, max });
  pool.on('error', () => {}); // an idle connection cut when the database is dropped
  return {
    query: async (text, params) => (await pool.query(text, params)).rows,
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await work(async (text, params) => (await client.query(text, params)).rows);
        await client.query('commit');
        return result;
      } catch (err) {
        await client.query('rollback').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/**
 * The stopped server's database as a baseline talks to it: pg with the server's pool size on PostgreSQL, PGlite in
 * this process otherwise.
 */
export function baselineSql(server: MaumServer): Promise<Sql> {
  return server.engine === 'postgres' ? Promise.resolve(postgresSql(server.database, SERVER_POOL)) : pgliteSql(server.database);
}

/** The token hash of each account's open session (the one its sign-up made), by user id: what a baseline looks up. */
export async function sessionTokenHashes(sql: Sql, userIds: string[]): Promise<Map<string, string>> {
  const hashes = new Map<string, string>();
  for (const userId of userIds) {
    const [session] = await sql.query(`select "token_hash" from "sessions" where "user_id" = $1 and "revoked_at" is null limit 1`, [userId]);
    if (!session) throw new Error(`no open session for ${userId}`);
    hashes.set(userId, String(session.token_hash));
  }
  return hashes;
}

/** PGlite in this process, on the server's data directory (migrated and filled by the server). */
export async function pgliteSql(dir: string): Promise<Sql> {
  const client = await PGlite.create(dir);
  return {
    query: async (text, params) => (await client.query<Record<string, unknown>>(text, params)).rows,
    transaction: (work) => client.transaction((tx) => work(async (text, params) => (await tx.query<Record<string, unknown>>(text, params)).rows)),
    close: () => client.close(),
  };
}

export async function openSocket(port: number, token: string, lang?: string): Promise<WebSocket> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`, { perMessageDeflate: false });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const caughtUp = new Promise<void>((resolve) => {
    const listener = (data: WebSocket.RawData) => {
      if (data.toString().startsWith('{"t":"caught_up"')) {
        ws.off('message', listener);
        resolve();
      }
    };
    ws.on('message', listener);
  });
  ws.send(JSON.stringify({ t: 'hello', token, cursors: {}, ...(lang ? { lang } : {}) }));
  await caughtUp;
  return ws;
}

export function line(metric: string, value: number, unit: string, baseline: number): BenchLine {
  const round = (n: number) => Number(n.toFixed(2));
  return { metric, value: round(value), unit, baseline: round(baseline), ratio: Number((value / baseline).toFixed(3)) };
}

/** Throughput, p50 and p99 of one load against its baseline. */
export function loadLines(prefix: string, unit: string, maum: LoadResult, baseline: LoadResult): BenchLine[] {
  return [
    line(`${prefix}_per_s`, maum.perSecond, unit, baseline.perSecond),
    line(`${prefix}_p50_ms`, percentile(maum.latencies, 50), 'ms', percentile(baseline.latencies, 50)),
    line(`${prefix}_p99_ms`, percentile(maum.latencies, 99), 'ms', percentile(baseline.latencies, 99)),
  ];
}

/** Progress on stderr when BENCH_VERBOSE is set. */
export function note(message: string): void {
  if (process.env.BENCH_VERBOSE) process.stderr.write(`${new Date().toISOString().slice(11, 23)} ${message}\n`);
}
