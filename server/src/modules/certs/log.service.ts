import {
  base64Encode,
  canonicalJson,
  formatCheckpoint,
  LogEntry,
  openCheckpoint,
  parseCheckpoint,
  parseNote,
  PROOF_BUNDLE_FORMAT,
  TILE_HEIGHT,
  TILE_WIDTH,
  tileWidthAt,
  type BundleAnchor,
  type ConsistencyProof,
  type InclusionProof,
  type LogAnchor,
  type LogCheckpoint,
  type ProofBundle,
  type TileRef,
} from '@maum/protocol';
import type { Clock } from '../../platform/clock';
import type { Database, Executor } from '../../platform/db/database';
import { AppError } from '../../platform/errors';
import type { Logger } from '../../platform/log';
import type { CheckpointRow, LogRepository } from './log.repository';
import { LogSequencer } from './log-sequencer';
import { LogSigner } from './log-signer';
import { completedSubtrees, consistencyProof, emptyRoot, inclusionProof, leafHash, rightEdge, rootHash, type Hash, type HashSource } from './merkle';

/** An entry bundle stores each entry's length in 16 bits. */
export const MAX_ENTRY_BYTES = 0xffff;

const key = (level: number, index: number) => `${level}/${index}`;
const PLACEHOLDER = new Uint8Array(32);

export interface TransparencyLogDeps {
  database: Database;
  repo: LogRepository;
  /** The Ed25519 seed checkpoints are signed with. */
  signingKey: Uint8Array;
  /** The origin a new log gets; an existing log keeps the one it was created with. */
  origin: string;
  clock: Clock;
  log: Logger;
  batch: { ms: number; size: number };
}

/** An entry as the log stores and hashes it: validated, then its RFC 8785 canonical JSON. */
function encodeEntry(entry: LogEntry, position: number): Uint8Array {
  const parsed = LogEntry.safeParse(entry);
  if (!parsed.success) throw new AppError('validation_failed', `entry ${position}: ${parsed.error.issues[0]?.message ?? 'not a log entry'}`);
  const bytes = canonicalJson(parsed.data);
  if (bytes.length > MAX_ENTRY_BYTES) throw new AppError('validation_failed', `entry ${position} is larger than ${MAX_ENTRY_BYTES} bytes`);
  return bytes;
}

/**
 * The certificate transparency log: an append-only Merkle tree (RFC 9162) with signed C2SP checkpoints, served as
 * tlog tiles and proofs. Appends are batched; each batch is one transaction that writes the entries, the subtree
 * hashes they complete and a signed checkpoint. Its methods take no actor: every read is public (the log is there
 * for anyone to check), and appends come only from the certificate workflow, never straight from a request.
 */
export class TransparencyLog {
  private readonly sequencer: LogSequencer;

  private constructor(
    private readonly deps: TransparencyLogDeps,
    private readonly signer: LogSigner,
  ) {
    this.sequencer = new LogSequencer((entries) => this.integrate(entries), { batchMs: deps.batch.ms, batchSize: deps.batch.size }, deps.log);
  }

  /**
   * Opens the log, publishing the empty tree's checkpoint on a new one so there is always one to serve. A log's
   * identity is its origin and key: an existing log keeps its origin whatever PUBLIC_URL says now, and it refuses
   * to start with a key other than the one its checkpoints are signed with, which every verifier would reject.
   */
  static async open(deps: TransparencyLogDeps): Promise<TransparencyLog> {
    const { repo, clock, log } = deps;
    let latest = await repo.latestCheckpoint();
    if (!latest) {
      const signer = new LogSigner(deps.origin, deps.signingKey);
      const root = emptyRoot();
      const note = signer.sign(formatCheckpoint({ origin: signer.origin, size: 0, rootHash: root }));
      await repo.insertCheckpoint({ size: 0, rootHash: root, note, createdAt: clock.now() });
      // Another node may have created the log at the same moment: what counts is what was stored.
      latest = (await repo.latestCheckpoint())!;
    }
    const origin = parseCheckpoint(parseNote(latest.note).text).origin;
    if (origin !== deps.origin) log.warn({ origin, configured: deps.origin }, 'the certificate log keeps the origin it was created with');
    const signer = new LogSigner(origin, deps.signingKey);
    const opened = openCheckpoint(latest.note, signer.verifierKey);
    if (!opened.ok) {
      throw new Error(
        `the certificate log's checkpoints are not signed by this server's key (${signer.verifierKey}): ${opened.reason}. ` +
          'Restore DATA_DIR/secrets/tlog-signing.key, or set TLOG_SIGNING_KEY to the key the log was created with.',
      );
    }
    return new TransparencyLog(deps, signer);
  }

  get verifierKey(): string {
    return this.signer.verifierKey;
  }

  get origin(): string {
    return this.signer.origin;
  }

  /** Appends one entry; answers its index once a signed checkpoint covers it. */
  async append(entry: LogEntry): Promise<number> {
    const [index] = await this.appendMany([entry]);
    return index!;
  }

  /** Appends entries in order; answers their indices once a signed checkpoint covers them all. */
  async appendMany(entries: LogEntry[]): Promise<number[]> {
    return this.sequencer.append(entries.map((entry, i) => encodeEntry(entry, i)));
  }

  /**
   * The number of entries in the log: the size of its latest checkpoint, which is written with them. `tx` reads it
   * inside a caller's transaction.
   */
  async size(tx?: Executor): Promise<number> {
    const row = await (tx ? this.deps.repo.with(tx) : this.deps.repo).latestCheckpoint();
    return row?.size ?? 0;
  }

  /** Where an entry already is in the log, looking from index `from` on; undefined when it was never appended. */
  async indexOf(entry: LogEntry, from: number): Promise<number | undefined> {
    return this.deps.repo.findEntry(encodeEntry(entry, 0), from);
  }

  /** Integrates what is queued and stops taking appends. */
  close(): Promise<void> {
    return this.sequencer.close();
  }

  private integrate(entries: Uint8Array[]): Promise<number> {
    const { database, repo, clock } = this.deps;
    const signer = this.signer;
    return database.transaction(async (tx) => {
      const r = repo.with(tx);
      await r.lockSequencer();
      const start = (await r.latestCheckpoint())?.size ?? 0;
      const known = new Map((await r.hashes(rightEdge(start))).map((h) => [key(h.level, h.index), h.hash]));
      const read = readFrom(known);
      const hashes = entries.flatMap((data, i) => {
        const made = completedSubtrees(start + i, leafHash(data), read);
        for (const h of made) known.set(key(h.level, h.index), h.hash);
        return made;
      });
      const size = start + entries.length;
      const root = rootHash(size, read);
      await r.insertEntries(entries.map((data, i) => ({ index: start + i, data })));
      await r.insertHashes(hashes);
      const note = signer.sign(formatCheckpoint({ origin: signer.origin, size, rootHash: root }));
      await r.insertCheckpoint({ size, rootHash: root, note, createdAt: clock.now() });
      return start;
    });
  }

  private async latest(): Promise<CheckpointRow> {
    const row = await this.deps.repo.latestCheckpoint();
    if (!row) throw new AppError('unavailable', 'The log has not published a checkpoint yet.');
    return row;
  }

  /** Runs a pure proof computation against stored hashes: once to learn which it reads, then with them fetched. */
  private async fromStore<T>(compute: (read: HashSource) => T): Promise<T> {
    const wanted = new Map<string, { level: number; index: number }>();
    compute((level, index) => {
      wanted.set(key(level, index), { level, index });
      return PLACEHOLDER;
    });
    const rows = await this.deps.repo.hashes([...wanted.values()]);
    return compute(readFrom(new Map(rows.map((h) => [key(h.level, h.index), h.hash]))));
  }

  async checkpoint(): Promise<LogCheckpoint> {
    const row = await this.latest();
    return { origin: this.origin, treeSize: row.size, rootHash: base64Encode(row.rootHash), note: row.note, verifierKey: this.verifierKey };
  }

  /** The signed note of the latest checkpoint, as `/log/checkpoint` serves it. */
  async checkpointNote(): Promise<string> {
    return (await this.latest()).note;
  }

  async inclusion(input: { index: number; size?: number }): Promise<InclusionProof> {
    const latest = await this.latest();
    const size = input.size ?? latest.size;
    if (size > latest.size) throw new AppError('not_found', `The log has ${latest.size} entries; there is no tree of ${size}.`);
    if (input.index >= size) throw new AppError('not_found', `There is no entry ${input.index} in a tree of ${size} entries.`);
    const { leaf, proof } = await this.fromStore((read) => ({ leaf: read(0, input.index), proof: inclusionProof(input.index, size, read) }));
    const checkpoint = size === latest.size ? latest : await this.deps.repo.checkpointAt(size);
    return { index: input.index, treeSize: size, leafHash: base64Encode(leaf), proof: proof.map(base64Encode), checkpoint: checkpoint?.note ?? null };
  }

  async consistency(input: { from: number; to?: number }): Promise<ConsistencyProof> {
    const latest = await this.latest();
    const to = input.to ?? latest.size;
    if (to > latest.size) throw new AppError('not_found', `The log has ${latest.size} entries; there is no tree of ${to}.`);
    if (input.from > to) throw new AppError('validation_failed', `A tree of ${input.from} entries cannot be a prefix of one of ${to}.`);
    const proof = await this.fromStore((read) => consistencyProof(input.from, to, read));
    return { from: input.from, to, proof: proof.map(base64Encode) };
  }

  /** Proofs that the entries are in the tree of the latest checkpoint, checkable offline with the verifier key. */
  async bundle(indices: number[]): Promise<ProofBundle> {
    const latest = await this.latest();
    const beyond = indices.find((i) => i >= latest.size);
    if (beyond !== undefined) throw new AppError('not_found', `There is no entry ${beyond}; the log has ${latest.size} entries.`);
    const data = await this.deps.repo.entriesAt(indices);
    const proofs = await this.fromStore((read) => indices.map((i) => ({ leaf: read(0, i), proof: inclusionProof(i, latest.size, read) })));
    const anchor = indices.length > 0 ? await this.anchorFor(Math.min(...indices), Math.max(...indices), latest.size) : undefined;
    return {
      format: PROOF_BUNDLE_FORMAT,
      verifierKey: this.verifierKey,
      checkpoint: latest.note,
      treeSize: latest.size,
      entries: indices.map((index, k) => ({
        index,
        entry: base64Encode(data.get(index)!),
        leafHash: base64Encode(proofs[k]!.leaf),
        inclusionProof: proofs[k]!.proof.map(base64Encode),
      })),
      ...(anchor && { anchor }),
    };
  }

  /** The chain anchor a bundle for entries `first` … `last` at tree size `size` names, tied to that tree by a consistency proof. */
  private async anchorFor(first: number, last: number, size: number): Promise<BundleAnchor | undefined> {
    const row = await this.deps.repo.anchorCovering(first, last, size);
    const anchored = row && (await this.deps.repo.checkpointAt(row.treeSize));
    if (!row || !anchored || row.blockNumber === null) return undefined;
    const proof = await this.fromStore((read) => consistencyProof(row.treeSize, size, read));
    return {
      chainId: row.chainId,
      contract: row.contract,
      txHash: row.txHash,
      blockNumber: row.blockNumber,
      checkpoint: anchored.note,
      consistencyProof: proof.map(base64Encode),
    };
  }

  /** The latest checkpoints anchored on a chain, newest first. */
  async anchors(limit = 20): Promise<LogAnchor[]> {
    const rows = await this.deps.repo.recentAnchors(limit);
    return rows.map((r) => ({
      chainId: r.chainId,
      contract: r.contract,
      txHash: r.txHash,
      blockNumber: r.blockNumber ?? 0,
      treeSize: r.treeSize,
      rootHash: base64Encode(r.rootHash),
      anchoredAt: (r.confirmedAt ?? r.sentAt).toISOString(),
    }));
  }

  /**
   * A tlog tile's bytes: hashes (or, for `entries`, an entry bundle's entries) as of the latest checkpoint. A tile
   * is served at a width only once the tree has that many, so what is served never changes afterwards.
   */
  async tile(ref: TileRef): Promise<{ hashes: Uint8Array[] } | { entries: Uint8Array[] }> {
    const latest = await this.latest();
    const available = tileWidthAt(ref.level, ref.index, latest.size);
    if (ref.width > available) {
      throw new AppError('not_found', available === 0 ? 'The log has no such tile yet.' : `The tile has ${available} of ${TILE_WIDTH} entries so far.`);
    }
    const start = ref.index * TILE_WIDTH;
    if (ref.level === 'entries') return { entries: await this.deps.repo.entryRange(start, start + ref.width) };
    return { hashes: await this.deps.repo.hashRange(ref.level * TILE_HEIGHT, start, start + ref.width) };
  }
}

function readFrom(known: Map<string, Hash>): HashSource {
  return (level, index) => {
    const hash = known.get(key(level, index));
    if (!hash) throw new Error(`the log is missing its stored hash ${level}/${index}`);
    return hash;
  };
}
