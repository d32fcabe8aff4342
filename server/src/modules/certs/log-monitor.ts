import { readFile, rename, writeFile } from 'node:fs/promises';
import {
  base64Decode,
  base64Encode,
  bytesEqual,
  ConsistencyProof,
  decodeEntry,
  decodeEntryBundle,
  InclusionProof,
  LogAnchors,
  openCheckpoint,
  parseVerifierKey,
  TILE_WIDTH,
  type Checkpoint,
} from '@maum/protocol';
import { z } from 'zod';
import type { AnchoredEvent, AnchorReader, Hex } from '../../platform/anchor/chain-anchor';
import { leafHash, verifyConsistency } from './merkle';
import { verifierKeyFrom } from './verify-cli';
import { fetchTile, readTiledTree, TileMismatch, type TiledTree, type TileFetcher } from './tile-reader';

/**
 * `maum log-monitor`: follows a log's checkpoints the way an independent monitor would. Each new checkpoint must be
 * signed by the pinned key, be consistent with the last one seen (RFC 9162 consistency proof), have a root that the
 * served tiles rebuild, and bring entries whose bytes match the tiles' leaf hashes. A log that shows two histories
 * (a fork: two roots for one size, or a rewrite: a new root that does not extend the old one) is reported loudly.
 */

const MonitorState = z.object({
  verifierKey: z.string(),
  size: z.number().int().min(0),
  rootHash: z.string(),
  note: z.string(),
  /** With --rpc: the anchor contract followed, and the last block whose anchors were checked. */
  anchors: z.object({ chainId: z.number().int(), contract: z.string(), checkedBlock: z.number().int() }).optional(),
});
type MonitorState = z.infer<typeof MonitorState>;

export interface MonitorOptions {
  /** The server's base URL; the log lives under `<url>/log`. */
  url: string;
  /** A verifier key, or a file holding one. Without it, the log's own key is fetched once and pinned in the state. */
  key?: string;
  stateFile?: string;
  once: boolean;
  intervalSeconds: number;
  out: (line: string) => void;
  /**
   * A chain's JSON-RPC endpoint: every checkpoint the log anchored there (an `Anchored` event for its origin) must
   * have the root the log signed for that size, and extend into the log's current tree.
   */
  chain?: { reader: AnchorReader; contract?: string };
}

/** Blocks per `eth_getLogs` request: public endpoints refuse wide ranges. */
const LOG_RANGE = 10_000;

/** The log showed something a trustworthy log never does. */
export class LogAlarm extends Error {}

async function get(url: string): Promise<Response> {
  const res = await fetch(url, { signal: AbortSignal.timeout(30_000) });
  if (!res.ok) throw new Error(`GET ${url}: HTTP ${res.status} ${(await res.text()).slice(0, 200)}`);
  return res;
}

async function loadState(file: string | undefined): Promise<MonitorState | undefined> {
  if (!file) return undefined;
  try {
    return MonitorState.parse(JSON.parse(await readFile(file, 'utf8')));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`the state file ${file} is not a monitor state: ${(err as Error).message}`);
  }
}

async function saveState(file: string | undefined, state: MonitorState): Promise<void> {
  if (!file) return;
  await writeFile(`${file}.tmp`, `${JSON.stringify(state, null, 2)}\n`);
  await rename(`${file}.tmp`, file);
}

/** One look at the log: answers the new state, or throws `LogAlarm` (the log misbehaved) or another error (it could not be read). */
async function checkLog(options: Pick<MonitorOptions, 'url' | 'key' | 'out' | 'chain'>, previous: MonitorState | undefined): Promise<MonitorState> {
  const base = options.url.replace(/\/+$/, '');
  const fetcher: TileFetcher = async (path) => new Uint8Array(await (await get(`${base}/log/${path}`)).arrayBuffer());

  let verifierKey = options.key ? await verifierKeyFrom(options.key) : previous?.verifierKey;
  if (previous && verifierKey !== previous.verifierKey) {
    throw new LogAlarm(`KEY CHANGED: the state pins ${previous.verifierKey}, but ${verifierKey} was given`);
  }
  if (!verifierKey) {
    verifierKey = (await (await get(`${base}/log/verifier-key`)).text()).trim();
    options.out(`pinned the log's verifier key on first use: ${verifierKey}`);
  }
  parseVerifierKey(verifierKey);

  const note = await (await get(`${base}/log/checkpoint`)).text();
  const opened = openCheckpoint(note, verifierKey);
  if (!opened.ok) throw new LogAlarm(`BAD CHECKPOINT: ${opened.reason}`);
  const now = opened.checkpoint;
  const root = base64Encode(now.rootHash);

  if (previous) {
    const before = { size: previous.size, rootHash: base64Decode(previous.rootHash) };
    if (now.size < before.size) {
      throw new LogAlarm(`ROLLBACK: the log now shows ${now.size} entries after a signed checkpoint for ${before.size}`);
    }
    if (now.size === before.size && !bytesEqual(now.rootHash, before.rootHash)) {
      throw new LogAlarm(
        `FORK: two different checkpoints are signed for tree size ${now.size}: root ${previous.rootHash} (seen before) and ${root} (now)\n` +
          `--- seen before\n${previous.note}--- now\n${note}`,
      );
    }
    if (now.size > before.size) {
      const body = await (await get(`${base}/api/log/proof/consistency?from=${before.size}&to=${now.size}`)).json();
      const proof = ConsistencyProof.parse(body).proof.map(base64Decode);
      if (!verifyConsistency(before.size, now.size, before.rootHash, now.rootHash, proof)) {
        throw new LogAlarm(
          `REWRITE: the checkpoint for ${now.size} entries (root ${root}) does not extend the one for ${before.size} (root ${previous.rootHash}); ` +
            'the log changed its history',
        );
      }
    }
  }

  const tree = await readTiledTree(now.size, fetcher);
  if (!bytesEqual(tree.root, now.rootHash)) {
    throw new LogAlarm(`TILES: the served tiles rebuild root ${base64Encode(tree.root)} for ${now.size} entries, not the signed ${root}`);
  }
  await checkNewEntries(previous?.size ?? 0, now, tree, fetcher);
  const from = previous ? `, consistent with ${previous.size}` : '';
  options.out(`ok: ${now.origin} has ${now.size} entries, root ${root}${from}; tiles and entries match`);
  const anchors = options.chain ? await checkAnchors(base, options.chain, verifierKey, now, previous?.anchors, options.out) : previous?.anchors;
  return { verifierKey, size: now.size, rootHash: root, note, ...(anchors && { anchors }) };
}

/**
 * The anchors of this log on the chain since the last look: each anchored root must be the one the log signed for
 * that tree size, and that tree a prefix of the log's tree now. A root the log never signed there means the log
 * showed the chain one history and its readers another.
 */
async function checkAnchors(
  base: string,
  chain: NonNullable<MonitorOptions['chain']>,
  verifierKey: string,
  now: Checkpoint,
  previous: MonitorState['anchors'],
  out: (line: string) => void,
): Promise<MonitorState['anchors']> {
  const chainId = await chain.reader.chainId();
  let contract = chain.contract?.toLowerCase() ?? (previous?.chainId === chainId ? previous.contract : undefined);
  if (!contract) {
    const named = LogAnchors.parse(await (await get(`${base}/api/log/anchors`)).json()).chain;
    if (!named) {
      out('anchors: the log names no anchor contract and none was given with --contract; nothing to check');
      return previous;
    }
    if (named.chainId !== chainId) throw new Error(`the log anchors on chain ${named.chainId}, but the --rpc endpoint serves chain ${chainId}`);
    contract = named.contract.toLowerCase();
  }
  const same = previous && previous.chainId === chainId && previous.contract === contract;
  let checkedBlock = same ? previous.checkedBlock : -1;
  const head = await chain.reader.blockNumber();
  let checked = 0;
  scan: for (let from = checkedBlock + 1; from <= head; from += LOG_RANGE) {
    const to = Math.min(head, from + LOG_RANGE - 1);
    const events = (await chain.reader.events(contract as Hex, from, to)).filter((e) => e.origin === now.origin);
    for (const event of events) {
      if (event.treeSize > now.size) {
        // Anchored after the checkpoint read above was served: looked at next time, against a newer checkpoint.
        checkedBlock = event.blockNumber - 1;
        break scan;
      }
      await checkAnchor(base, verifierKey, now, event, chainId);
      checked++;
    }
    checkedBlock = to;
  }
  out(`ok: ${checked} new ${checked === 1 ? 'anchor' : 'anchors'} of ${now.origin} on chain ${chainId} (contract ${contract}) match the log's signed checkpoints, up to block ${checkedBlock}`);
  return { chainId, contract, checkedBlock };
}

async function checkAnchor(base: string, verifierKey: string, now: Checkpoint, event: AnchoredEvent, chainId: number): Promise<void> {
  const where = `chain ${chainId} transaction ${event.txHash} (block ${event.blockNumber})`;
  const anchoredRoot = base64Encode(event.root);
  const atSize = InclusionProof.parse(await (await get(`${base}/api/log/proof/inclusion?index=0&size=${event.treeSize}`)).json()).checkpoint;
  if (atSize) {
    const opened = openCheckpoint(atSize, verifierKey);
    if (!opened.ok) throw new LogAlarm(`BAD CHECKPOINT: the log's checkpoint for ${event.treeSize} entries: ${opened.reason}`);
    if (!bytesEqual(opened.checkpoint.rootHash, event.root)) {
      throw new LogAlarm(
        `ANCHOR MISMATCH: ${where} anchors root ${anchoredRoot} for ${event.origin} at tree size ${event.treeSize}, ` +
          `but the log's signed checkpoint for ${event.treeSize} entries has root ${base64Encode(opened.checkpoint.rootHash)}\n--- signed by the log\n${atSize}`,
      );
    }
  }
  const body = await (await get(`${base}/api/log/proof/consistency?from=${event.treeSize}&to=${now.size}`)).json();
  const proof = ConsistencyProof.parse(body).proof.map(base64Decode);
  if (!verifyConsistency(event.treeSize, now.size, event.root, now.rootHash, proof)) {
    throw new LogAlarm(
      `ANCHOR MISMATCH: ${where} anchors root ${anchoredRoot} for ${event.origin} at tree size ${event.treeSize}, ` +
        `which the log's signed tree of ${now.size} entries (root ${base64Encode(now.rootHash)}) does not extend`,
    );
  }
}

/**
 * Entries added since the last look: each must hash to its leaf in a level-0 tile proven to lead to the signed root,
 * and be a well-formed entry.
 */
async function checkNewEntries(from: number, now: Checkpoint, tree: TiledTree, fetcher: TileFetcher): Promise<void> {
  for (let tile = Math.floor(from / TILE_WIDTH); tile * TILE_WIDTH < now.size; tile++) {
    const entries = decodeEntryBundle(await fetchTile(fetcher, 'entries', tile, now.size));
    const leaves = await tree.tile(0, tile).catch((err: unknown) => {
      throw err instanceof TileMismatch ? new LogAlarm(`TILES: ${err.message}`) : err;
    });
    if (entries.length !== leaves.length) throw new LogAlarm(`ENTRIES: bundle ${tile} has ${entries.length} entries for ${leaves.length} leaf hashes`);
    entries.forEach((entry, i) => {
      const index = tile * TILE_WIDTH + i;
      if (index < from) return;
      if (!bytesEqual(leafHash(entry), leaves[i]!)) throw new LogAlarm(`ENTRIES: entry ${index} does not hash to its leaf in the tiles`);
      const decoded = decodeEntry(entry);
      if (!decoded.ok) throw new LogAlarm(`ENTRIES: entry ${index} is ${decoded.reason}`);
    });
  }
}

/**
 * Runs the monitor: once, or every `intervalSeconds` until stopped. Answers the exit code: 0 when all was well, 1 on
 * an alarm (which also ends a loop: a forked log stays forked), 3 when the log could not be read in `--once` mode.
 */
export async function runLogMonitor(options: MonitorOptions): Promise<number> {
  let state = await loadState(options.stateFile);
  for (;;) {
    try {
      state = await checkLog(options, state);
      await saveState(options.stateFile, state);
    } catch (err) {
      if (err instanceof LogAlarm) {
        options.out(`\n!!! LOG ALARM !!! ${options.url}\n${err.message}\n`);
        return 1;
      }
      options.out(`could not check the log: ${(err as Error).message}`);
      if (options.once) return 3;
    }
    if (options.once) return 0;
    await new Promise((resolve) => setTimeout(resolve, options.intervalSeconds * 1000));
  }
}
