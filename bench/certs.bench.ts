import { createHash, createPublicKey, randomBytes, verify as nativeVerify } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { base64Decode, formatCheckpoint, parseNote, parseVerifierKey, verifyBundle, verifyConsistency, verifyInclusion, type LogEntry, type ProofBundle } from '@maum/protocol';
import { sql } from 'drizzle-orm';
import { inclusionProof, LogRepository, LogSigner, rightEdge, rootHash, TransparencyLog } from '../server/src/modules/certs';
import { systemClock } from '../server/src/platform/clock';
import { openDatabase, type Database } from '../server/src/platform/db/database';
import { newId } from '../server/src/platform/ids';
import { createLogger } from '../server/src/platform/log';
import { line, note, pgliteSql, postgresSql, type Sql } from './commerce';
import type { Bench, BenchLine } from './registry';
import { scratchDatabase } from '../server/test/support/scratch-database';
import { percentile, type Engine } from './support';

interface Shape {
  warmSeconds: number;
  seconds: number;
  /** Appends in flight at once, each waiting for the checkpoint that covers it. */
  concurrency: number;
  /** The tree size inclusion proofs are timed at, and its name in the metric. */
  tree: { size: number; label: string };
  proofs: number;
  bundles: number;
}

// The quick run times proofs at a smaller tree: building a million entries' hashes alone takes longer than it may run.
const FULL: Shape = { warmSeconds: 2, seconds: 10, concurrency: 6000, tree: { size: 1_000_000, label: '1m' }, proofs: 2000, bundles: 500 };
const QUICK: Shape = { warmSeconds: 0.3, seconds: 1.2, concurrency: 6000, tree: { size: 100_000, label: '100k' }, proofs: 200, bundles: 50 };
/** The defaults an operator gets (TLOG_BATCH_MS, TLOG_BATCH_SIZE). */
const BATCH = { ms: 500, size: 1000 };
const logger = createLogger('silent');

interface Fresh {
  database: Database;
  /** The driver straight onto the same database, for baselines (PGlite: only once `database` is closed). */
  raw(): Promise<Sql>;
  dispose(): Promise<void>;
}

async function freshDatabase(engine: Engine): Promise<Fresh> {
  if (engine === 'postgres') {
    const scratch = await scratchDatabase(process.env.DATABASE_URL!, 'certs');
    const database = await openDatabase({ kind: 'postgres', url: scratch.url }, logger);
    await database.migrate();
    return {
      database,
      raw: async () => postgresSql(scratch.url, 1),
      dispose: async () => {
        await database.close().catch(() => {});
        await scratch.drop();
      },
    };
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'maum-certs-'));
  const database = await openDatabase({ kind: 'pglite', dir }, logger);
  await database.migrate();
  let closed = false;
  const close = async () => {
    if (!closed) await database.close();
    closed = true;
  };
  return {
    database,
    raw: async () => {
      await close();
      return pgliteSql(dir);
    },
    dispose: async () => {
      await close().catch(() => {});
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function entry(n: number): LogEntry {
  return {
    kind: 'issue',
    certificateId: newId('crt'),
    product: { id: `prd_${n % 1000}`, name: 'Limited sneaker' },
    seller: { id: 'brd_bench', name: 'Bench brand' },
    serial: `SN-${n}`,
    attributes: { size: '270', colour: 'white' },
    mediaHash: createHash('sha256').update(String(n)).digest('hex'),
    issuedAt: '2026-03-01T09:00:00.000Z',
    owner: `own_${createHash('sha256').update(`owner ${n}`).digest('hex')}`,
  };
}

/** `concurrency` appenders, each appending again as soon as its last entry is covered by a checkpoint. */
async function appendLoad(log: TransparencyLog, shape: Shape, seconds: number, counter: { next: number }): Promise<number> {
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  let done = 0;
  await Promise.all(
    Array.from({ length: shape.concurrency }, async () => {
      while (performance.now() < deadline) {
        await log.append(entry(counter.next++));
        done++;
      }
    }),
  );
  return done / ((performance.now() - started) / 1000);
}

/**
 * The baseline: batches of the same entry bytes inserted straight through the driver, one transaction and one
 * statement per batch of BATCH.size rows (columns as arrays, the fastest way both drivers take many rows).
 */
async function rawInserts(raw: Sql, seconds: number): Promise<number> {
  await raw.query('create table bench_raw_entries (idx bigint primary key, data bytea not null)');
  const data = Buffer.from(JSON.stringify(entry(0)));
  let next = 0;
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  while (performance.now() < deadline) {
    const indices = Array.from({ length: BATCH.size }, (_, i) => next + i);
    const hex = indices.map(() => data.toString('hex'));
    await raw.transaction((q) => q('insert into bench_raw_entries (idx, data) select i, decode(d, $3) from unnest($1::bigint[], $2::text[]) as t(i, d)', [indices, hex, 'hex']));
    next += BATCH.size;
  }
  return next / ((performance.now() - started) / 1000);
}

/** The longest time between two consecutive checkpoints while appends were flowing. */
async function longestCheckpointGap(database: Database): Promise<number> {
  const rows = (await database.db.execute(sql`select created_at from log_checkpoints where size > 0 order by size`)) as unknown as {
    rows: Array<{ created_at: string | Date }>;
  };
  const times = rows.rows.map((r) => new Date(r.created_at).getTime());
  return times.slice(1).reduce((max, t, i) => Math.max(max, t - times[i]!), 0);
}

/**
 * Grows the log from `from` to `size` entries straight in its tables, level by level in SQL (RFC 9162 hashing done by
 * the database), and signs a checkpoint: a large tree in seconds, so proofs are timed against that many stored hashes.
 */
async function extendTree(database: Database, signer: LogSigner, from: number, size: number): Promise<void> {
  const run = (text: string) => database.db.execute(sql.raw(text));
  await run(`insert into log_entries (idx, data) select i, convert_to('{"n":' || i || '}', 'UTF8') from generate_series(${from}, ${size - 1}) i`);
  await run(`insert into log_hashes (level, idx, hash) select 0, idx, sha256('\\x00'::bytea || data) from log_entries where idx >= ${from}`);
  for (let level = 1; 2 ** level <= size; level++) {
    await run(`insert into log_hashes (level, idx, hash)
      select ${level}, l.idx / 2, sha256('\\x01'::bytea || l.hash || r.hash)
      from log_hashes l join log_hashes r on r.level = ${level - 1} and r.idx = l.idx + 1
      where l.level = ${level - 1} and l.idx % 2 = 0 and l.idx / 2 >= ${Math.floor(from / 2 ** level)}`);
  }
  const repo = new LogRepository(database.db);
  const edge = new Map((await repo.hashes(rightEdge(size))).map((h) => [`${h.level}/${h.index}`, h.hash]));
  const root = rootHash(size, (level, index) => edge.get(`${level}/${index}`)!);
  await repo.insertCheckpoint({ size, rootHash: root, note: signer.sign(formatCheckpoint({ origin: signer.origin, size, rootHash: root })), createdAt: new Date() });
}

const sorted = (values: number[]) => [...values].sort((a, b) => a - b);

/**
 * Node's own time to check a one-entry proof bundle with the shared (pure JavaScript) verifier, against the same
 * cryptography done with Node's native crypto: one Ed25519 verification and the proof's SHA-256 hashes.
 */
function bundleVerification(bundles: ProofBundle[], key: string): BenchLine[] {
  const publicKey = createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, parseVerifierKey(key).publicKey]), format: 'der', type: 'spki' });
  const shared: number[] = [];
  const native: number[] = [];
  for (const bundle of bundles) {
    let started = performance.now();
    if (!verifyBundle(bundle, key).ok) throw new Error('a bundle from the log did not verify');
    shared.push(performance.now() - started);
    started = performance.now();
    const note = parseNote(bundle.checkpoint);
    if (!nativeVerify(null, Buffer.from(note.text), publicKey, note.signatures[0]!.signature)) throw new Error('native verification failed');
    let h = createHash('sha256').update(Buffer.from([0])).update(base64Decode(bundle.entries[0]!.entry)).digest();
    for (const p of bundle.entries[0]!.inclusionProof) h = createHash('sha256').update(Buffer.from([1])).update(h).update(base64Decode(p)).digest();
    native.push(performance.now() - started);
  }
  const [a, b] = [sorted(shared), sorted(native)];
  note(`bundle verification p50 ${percentile(a, 50).toFixed(3)} ms (native ${percentile(b, 50).toFixed(3)} ms)`);
  return [line('node_bundle_verify_p50_ms', percentile(a, 50), 'ms', percentile(b, 50)), line('node_bundle_verify_p99_ms', percentile(a, 99), 'ms', percentile(b, 99))];
}

const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** Everything measured on one engine, on one fresh database: appends, then proofs at a large tree, then the baselines. */
async function measure(engine: Engine, shape: Shape, withBundles: boolean): Promise<BenchLine[]> {
  const fresh = await freshDatabase(engine);
  try {
    const { database } = fresh;
    const signingKey = randomBytes(32);
    const signer = new LogSigner('bench.localhost/maum-log', signingKey);
    const log = await TransparencyLog.open({ database, repo: new LogRepository(database.db), signingKey, origin: signer.origin, clock: systemClock, log: logger, batch: BATCH });
    const counter = { next: 0 };
    await appendLoad(log, shape, shape.warmSeconds, counter);
    const perSecond = await appendLoad(log, shape, shape.seconds, counter);
    await log.close();
    const gap = await longestCheckpointGap(database);
    note(`${engine}: ${counter.next} appends, ${perSecond.toFixed(0)}/s, longest gap between checkpoints ${gap} ms`);
    const appended = await log.checkpoint();

    const lines: BenchLine[] = [];
    if (withBundles) {
      const bundles = await Promise.all(Array.from({ length: shape.bundles }, () => log.bundle([Math.floor(Math.random() * appended.treeSize)])));
      lines.push(...bundleVerification(bundles, log.verifierKey));
    }

    const { size, label } = shape.tree;
    const started = performance.now();
    await extendTree(database, signer, appended.treeSize, size);
    note(`${engine}: grew the tree to ${size} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    // The SQL-built tree must be the log's own: it extends what the appends made, and its proofs verify.
    const grown = await log.checkpoint();
    const root = base64Decode(grown.rootHash);
    const extension = await log.consistency({ from: appended.treeSize, to: size });
    if (!verifyConsistency(appended.treeSize, size, base64Decode(appended.rootHash), root, extension.proof.map(base64Decode))) {
      throw new Error('the grown tree does not extend the appended one');
    }
    const indices = Array.from({ length: shape.proofs }, () => Math.floor(Math.random() * size));
    const proofTimes: number[] = [];
    for (const [k, index] of indices.entries()) {
      const at = performance.now();
      const proof = await log.inclusion({ index });
      proofTimes.push(performance.now() - at);
      if (k < 10 && !verifyInclusion(index, size, base64Decode(proof.leafHash), proof.proof.map(base64Decode), root)) {
        throw new Error(`the proof of entry ${index} does not verify`);
      }
    }

    const raw = await fresh.raw();
    try {
      const rawPerSecond = await rawInserts(raw, shape.seconds);
      note(`${engine}: baseline ${rawPerSecond.toFixed(0)} raw inserts/s`);
      // The baseline of a proof: reading the same stored hashes (and the checkpoint) straight through the driver.
      const readTimes: number[] = [];
      for (const index of indices) {
        const at: string[] = [`(0, ${index})`];
        inclusionProof(index, size, (level, i) => {
          at.push(`(${level}, ${i})`);
          return new Uint8Array(32);
        });
        const t = performance.now();
        await raw.query('select size, root_hash, note from log_checkpoints order by size desc limit 1');
        await raw.query(`select level, idx, hash from log_hashes where (level, idx) in (${at.join(', ')})`);
        readTimes.push(performance.now() - t);
      }
      const [a, b] = [sorted(proofTimes), sorted(readTimes)];
      note(`${engine}: proofs p50 ${percentile(a, 50).toFixed(2)} ms, raw reads p50 ${percentile(b, 50).toFixed(2)} ms`);
      return [
        line(`${engine}_appends_per_s`, perSecond, 'appends/s', rawPerSecond),
        line(`${engine}_checkpoint_gap_max_ms`, gap, 'ms', 1000),
        ...lines,
        line(`${engine}_inclusion_proof_${label}_p50_ms`, percentile(a, 50), 'ms', percentile(b, 50)),
        line(`${engine}_inclusion_proof_${label}_p99_ms`, percentile(a, 99), 'ms', percentile(b, 99)),
      ];
    } finally {
      await raw.close();
    }
  } finally {
    await fresh.dispose();
  }
}

/**
 * The certificate log, on PGlite and, when DATABASE_URL is set, on PostgreSQL (a fresh database each).
 * Appends: `concurrency` appends in flight, each answered once a signed checkpoint covers it (batches of up to
 * 1,000 or 500 ms, the defaults), against raw inserts of the same entry bytes in batches of 1,000 through the driver
 * on the same database; and the longest time between two checkpoints, against the promised 1 s. Proofs: inclusion
 * proofs at a tree of 1,000,000 entries (100,000 in the quick run) whose hashes are stored in the log's tables,
 * against the raw read of the same rows. Bundles: the shared verifier in Node against the same cryptography done
 * natively. Target: ≥ 5,000 appends/s on PostgreSQL.
 */
export const certsBench: Bench = async ({ quick }) => {
  const shape = quick ? QUICK : FULL;
  const engines: Engine[] = process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
  const lines: BenchLine[] = [];
  for (const [i, engine] of engines.entries()) lines.push(...(await measure(engine, shape, i === 0)));
  return lines;
};
