import { base64Decode, base64Encode } from './encoding';
import type { Hash } from './merkle';
import { parseVerifierKey, verifyNote, type VerifierKey } from './note';

/**
 * C2SP tlog-checkpoint (https://c2sp.org/tlog-checkpoint): the body of a signed note with the log's origin, the
 * tree size in decimal and the base64 root hash, each on its own line, then optional extension lines.
 */

export interface Checkpoint {
  origin: string;
  size: number;
  rootHash: Hash;
  extensions: string[];
}

export function formatCheckpoint(c: Pick<Checkpoint, 'origin' | 'size' | 'rootHash'>): string {
  return `${c.origin}\n${c.size}\n${base64Encode(c.rootHash)}\n`;
}

export function parseCheckpoint(text: string): Checkpoint {
  if (!text.endsWith('\n')) throw new Error('the checkpoint must end with a newline');
  const [origin, size, root, ...extensions] = text.slice(0, -1).split('\n');
  if (!origin) throw new Error('the checkpoint has no origin line');
  if (size === undefined || !/^(0|[1-9][0-9]{0,15})$/.test(size) || !Number.isSafeInteger(Number(size))) {
    throw new Error('the checkpoint tree size is not a decimal number');
  }
  let rootHash: Uint8Array;
  try {
    rootHash = base64Decode(root ?? '');
  } catch {
    throw new Error('the checkpoint root hash is not base64');
  }
  if (rootHash.length !== 32) throw new Error('the checkpoint root hash is not 32 bytes');
  if (extensions.some((line) => line === '')) throw new Error('the checkpoint has an empty extension line');
  return { origin, size: Number(size), rootHash, extensions };
}

export type CheckpointCheck = { ok: true; checkpoint: Checkpoint } | { ok: false; reason: string };

/** A signed checkpoint from the log whose verifier key is `key`: signature, then form, then origin. */
export function openCheckpoint(note: string, key: VerifierKey | string): CheckpointCheck {
  let verifier: VerifierKey;
  try {
    verifier = typeof key === 'string' ? parseVerifierKey(key) : key;
  } catch (err) {
    return { ok: false, reason: `verifier key: ${(err as Error).message}` };
  }
  const signed = verifyNote(note, verifier);
  if (!signed.ok) return { ok: false, reason: `checkpoint signature: ${signed.reason}` };
  let checkpoint: Checkpoint;
  try {
    checkpoint = parseCheckpoint(signed.text);
  } catch (err) {
    return { ok: false, reason: `checkpoint: ${(err as Error).message}` };
  }
  // A log's key name is its origin; a checkpoint of another log signed by the same key is not this log's.
  if (checkpoint.origin !== verifier.name) {
    return { ok: false, reason: `checkpoint origin: "${checkpoint.origin}" is not the verifier key's log "${verifier.name}"` };
  }
  return { ok: true, checkpoint };
}
