// The machine's own limit for a money transaction: pgbench's built-in TPC-B-like transaction on the database under
// test, through the same driver and pool as a benchmark's baseline. A benchmark reports its figures against it too,
// so that they read as "this share of what the database does with the simplest transfer".
import { closedLoop, line, note, noteOverTime, pacedLoop, postgresSql, SERVER_POOL, type LoadResult, type Sql } from './commerce';
import type { BenchLine } from './registry';
import { percentile, type MaumServer } from './support';

/** pgbench's scale factor: 1 branch, 10 tellers and 100,000 accounts per unit. */
const SCALE = 1;
const BRANCHES = 1 * SCALE;
const TELLERS = 10 * SCALE;
const ACCOUNTS = 100_000 * SCALE;

/** pgbench's tables and column layouts (`pgbench -i`), history first as pgbench makes them; all but history are filled to 100%. */
const TABLES: Array<{ name: string; columns: string; fillfactor: boolean }> = [
  { name: 'pgbench_history', columns: 'tid int,bid int,aid int,delta int,mtime timestamp,filler char(22)', fillfactor: false },
  { name: 'pgbench_tellers', columns: 'tid int not null,bid int,tbalance int,filler char(84)', fillfactor: true },
  { name: 'pgbench_accounts', columns: 'aid int not null,bid int,abalance int,filler char(84)', fillfactor: true },
  { name: 'pgbench_branches', columns: 'bid int not null,bbalance int,filler char(88)', fillfactor: true },
];

/**
 * `pgbench -i -I dtGvp` at scale 1: drops and creates the tables, fills them on the server (one insert … select
 * generate_series per table, in one transaction), vacuums and analyzes them, then adds the primary keys.
 */
async function createSchema(sql: Sql): Promise<void> {
  await dropSchema(sql);
  for (const table of TABLES) await sql.query(`create table ${table.name}(${table.columns})${table.fillfactor ? ' with (fillfactor=100)' : ''}`);
  await sql.transaction(async (q) => {
    await q(`insert into pgbench_branches(bid,bbalance) select bid, 0 from generate_series(1, ${BRANCHES}) as bid`);
    await q(`insert into pgbench_tellers(tid,bid,tbalance) select tid, (tid - 1) / ${TELLERS / BRANCHES} + 1, 0 from generate_series(1, ${TELLERS}) as tid`);
    await q(`insert into pgbench_accounts(aid,bid,abalance,filler) select aid, (aid - 1) / ${ACCOUNTS / BRANCHES} + 1, 0, '' from generate_series(1, ${ACCOUNTS}) as aid`);
  });
  for (const table of ['pgbench_branches', 'pgbench_tellers', 'pgbench_accounts', 'pgbench_history']) await sql.query(`vacuum analyze ${table}`);
  await sql.query('alter table pgbench_branches add primary key (bid)');
  await sql.query('alter table pgbench_tellers add primary key (tid)');
  await sql.query('alter table pgbench_accounts add primary key (aid)');
}

async function dropSchema(sql: Sql): Promise<void> {
  await sql.query(`drop table if exists ${TABLES.map((t) => t.name).join(', ')}`);
}

/** pgbench's `random(lo, hi)`: uniform over the integers from lo to hi, both included. */
const random = (lo: number, hi: number) => lo + Math.floor(Math.random() * (hi - lo + 1));

/**
 * The transaction of pgbench's built-in `tpcb-like` script, with its variables drawn as the script's `\set` lines
 * draw them and written into the statements' text as pgbench's default (simple) query mode does. Answers its
 * latency in ms: from taking a connection off the pool (waiting for one included, as in the other baselines) to
 * the commit.
 */
async function transaction(sql: Sql): Promise<number> {
  const aid = random(1, ACCOUNTS);
  const bid = random(1, BRANCHES);
  const tid = random(1, TELLERS);
  const delta = random(-5000, 5000);
  const started = performance.now();
  await sql.transaction(async (q) => {
    await q(`UPDATE pgbench_accounts SET abalance = abalance + ${delta} WHERE aid = ${aid}`);
    await q(`SELECT abalance FROM pgbench_accounts WHERE aid = ${aid}`);
    await q(`UPDATE pgbench_tellers SET tbalance = tbalance + ${delta} WHERE tid = ${tid}`);
    await q(`UPDATE pgbench_branches SET bbalance = bbalance + ${delta} WHERE bid = ${bid}`);
    await q(`INSERT INTO pgbench_history (tid, bid, aid, delta, mtime) VALUES (${tid}, ${bid}, ${aid}, ${delta}, CURRENT_TIMESTAMP)`);
  });
  return performance.now() - started;
}

type Shape = { concurrency: number; seconds: number; warmSeconds: number };

/** A TPC-B run: its peak (a closed loop), and `half`, an open loop at half of that peak right after it. */
export interface TpcbResult extends LoadResult {
  half: LoadResult;
}

/**
 * One TPC-B run on tables made by `createSchema`: `concurrency` workers run the transaction in a closed loop for
 * `warmSeconds` (unmeasured), pgbench's pre-run vacuum of branches and tellers and truncation of history follow, then
 * they run it for `seconds` between two checkpoints, and every table is vacuumed after. At scale 1 every transaction
 * updates the one branch row, so transactions queue on its lock, as in `pgbench -s 1`. An open loop at half of the
 * run's throughput follows, as Maum's load at half of its peak follows its peak: its p99 is the machine's own floor
 * for a money transaction's latency at half load.
 */
async function run(sql: Sql, shape: Shape): Promise<TpcbResult> {
  await closedLoop(shape.concurrency, shape.warmSeconds, () => transaction(sql));
  await sql.query('vacuum pgbench_branches');
  await sql.query('vacuum pgbench_tellers');
  await sql.query('truncate pgbench_history');
  // Beside Maum, each side's leftover work is done before the other is measured: the pages Maum (or the warm-up) left
  // dirty are written now, and after the run the tens of thousands of updated accounts are vacuumed (autovacuum would
  // otherwise set off on them while Maum runs) and the pages the run dirtied are written.
  await checkpoint(sql);
  const result = await closedLoop(shape.concurrency, shape.seconds, () => transaction(sql));
  note(`tpcb: ${result.count} transactions, ${result.perSecond.toFixed(1)}/s, this process used ${result.cores.toFixed(2)} cores`);
  const half = await pacedLoop(shape.concurrency, result.perSecond / 2, shape.seconds, () => transaction(sql), { warmSeconds: shape.warmSeconds });
  noteOverTime('tpcb at half of peak', half);
  await sql.query('vacuum pgbench_accounts, pgbench_tellers, pgbench_branches, pgbench_history');
  await checkpoint(sql);
  return { ...result, half };
}

/** CHECKPOINT, which takes a superuser or pg_checkpoint: a role without either runs the benchmark without them. */
async function checkpoint(sql: Sql): Promise<void> {
  try {
    await sql.query('checkpoint');
  } catch (err) {
    if ((err as { code?: string }).code !== '42501') throw err;
    note('tpcb: no checkpoint, as this role may not run one');
  }
}

/**
 * TPC-B as pgbench runs it at scale 1, on the database behind `sql` (a baseline's handle: pg with the server's pool
 * size on PostgreSQL, PGlite in this process): the schema is made and filled, the transaction is run once (`run`),
 * and the tables are dropped afterwards.
 */
export async function tpcbLoad(sql: Sql, shape: Shape): Promise<TpcbResult> {
  await createSchema(sql);
  try {
    note(`tpcb: ${ACCOUNTS} accounts ready`);
    return await run(sql, shape);
  } finally {
    await dropSchema(sql);
  }
}

/** Several runs as one, and their loads at half of peak as one. */
function together(runs: TpcbResult[]): TpcbResult {
  return { ...merged(runs), half: merged(runs.map((r) => r.half)) };
}

/** Several loads as one: their mean throughput, and their latencies together (for percentiles). */
function merged(runs: LoadResult[]): LoadResult {
  const mean = (of: (r: LoadResult) => number) => runs.reduce((sum, r) => sum + of(r), 0) / runs.length;
  return {
    count: runs.reduce((sum, r) => sum + r.count, 0),
    perSecond: mean((r) => r.perSecond),
    latencies: runs.flatMap((r) => r.latencies).sort((a, b) => a - b),
    cores: mean((r) => r.cores),
  };
}

/**
 * The TPC-B baseline of each of Maum's peaks. On PostgreSQL it runs beside the server (idle meanwhile), right before
 * each peak and right after it and its load at half of it (`around`), and a peak is compared with the mean of those
 * two runs: a shared machine's speed drifts by a third within minutes, and the mean of two runs that bracket the peak
 * takes most of that drift out of the ratio. PGlite is one process's database, which cannot be opened beside the server: there TPC-B runs
 * once, after the server has stopped, as the baseline of every peak (`baselines`).
 */
export class TpcbAround {
  private readonly bracketed: TpcbResult[] = [];

  private constructor(
    private readonly shape: Shape,
    /** The handle TPC-B runs through beside the server; none on PGlite. */
    private readonly beside: Sql | undefined,
  ) {}

  static async open(server: MaumServer, shape: Shape): Promise<TpcbAround> {
    if (server.engine !== 'postgres') return new TpcbAround(shape, undefined);
    const sql = postgresSql(server.database, SERVER_POOL);
    try {
      await createSchema(sql);
    } catch (err) {
      await sql.close();
      throw err;
    }
    note(`tpcb: ${ACCOUNTS} accounts ready, beside the server`);
    return new TpcbAround(shape, sql);
  }

  /**
   * Measures Maum with `measure` (its peak, and the load at half of it right after, as they always run), between two
   * TPC-B runs on PostgreSQL.
   */
  async around<T>(measure: () => Promise<T>): Promise<T> {
    if (!this.beside) return measure();
    const before = await run(this.beside, this.shape);
    const maum = await measure();
    const after = await run(this.beside, this.shape);
    this.bracketed.push(together([before, after]));
    return maum;
  }

  /** The baseline of each peak `around` measured, in order; on PGlite, one run on `sql` made now serves them all. */
  async baselines(sql: Sql, peaks: number): Promise<TpcbResult[]> {
    if (this.beside) return this.bracketed;
    const once = await tpcbLoad(sql, this.shape);
    return Array.from({ length: peaks }, () => once);
  }

  async close(): Promise<void> {
    if (!this.beside) return;
    try {
      await dropSchema(this.beside);
    } finally {
      await this.beside.close();
    }
  }
}

/**
 * Maum's throughput and p99 against TPC-B's (`<prefix>_per_s_vs_tpcb`, `<prefix>_p99_ms_vs_tpcb`): the value is
 * Maum's figure in `unit`, the baseline TPC-B's transactions per second (or p99 in ms) at the same concurrency: on
 * PostgreSQL the mean of the runs right before and right after Maum's peak (`TpcbAround`). With them, Maum's p99 at
 * half of its peak against TPC-B's at half of its own (`<prefix>_p99_ms_at_half_peak_vs_tpcb`): what the machine
 * itself gives a transaction at half load, as it runs now.
 */
export function tpcbLines(prefix: string, unit: string, maum: LoadResult, maumHalf: LoadResult, tpcb: TpcbResult): BenchLine[] {
  return [
    line(`${prefix}_per_s_vs_tpcb`, maum.perSecond, unit, tpcb.perSecond),
    line(`${prefix}_p99_ms_vs_tpcb`, percentile(maum.latencies, 99), 'ms', percentile(tpcb.latencies, 99)),
    line(`${prefix}_p99_ms_at_half_peak_vs_tpcb`, percentile(maumHalf.latencies, 99), 'ms', percentile(tpcb.half.latencies, 99)),
  ];
}
