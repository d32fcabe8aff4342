import { z } from 'zod';
import { openCheckpoint, type Checkpoint } from './checkpoint';
import { base64Decode, bytesEqual } from './encoding';
import { decodeEntry, type LogEntry } from './entries';
import { leafHash, verifyInclusion, type Hash } from './merkle';
import { parseVerifierKey } from './note';

/**
 * A proof bundle: everything needed to check offline that some entries are in the log, given only the log's
 * verifier key. Binary values are standard base64.
 */
export const PROOF_BUNDLE_FORMAT = 'maum-log-proof-bundle/v1';

export const ProofBundle = z
  .object({
    format: z.literal(PROOF_BUNDLE_FORMAT),
    /** The key the log says it signs with; a verifier checks against the key it trusts, not this one. */
    verifierKey: z.string(),
    /** The signed checkpoint (C2SP signed-note text) the inclusion proofs lead to. */
    checkpoint: z.string(),
    /** The tree size the inclusion proofs were made for: the checkpoint's. */
    treeSize: z.number().int().min(0),
    entries: z
      .array(
        z.object({
          index: z.number().int().min(0),
          /** The entry's RFC 8785 canonical JSON bytes. */
          entry: z.string(),
          leafHash: z.string(),
          inclusionProof: z.array(z.string()),
        }),
      )
      .min(1),
  })
  .meta({ id: 'ProofBundle' });
export type ProofBundle = z.infer<typeof ProofBundle>;

export type BundleCheck =
  | { ok: true; checkpoint: Checkpoint; entries: Array<{ index: number; entry: LogEntry }> }
  | { ok: false; errors: string[] };

const decode = (value: string, what: string): Uint8Array => {
  try {
    return base64Decode(value);
  } catch {
    throw new Error(`${what} is not base64`);
  }
};

/**
 * Checks a bundle against the verifier key the caller trusts. Every failed check is reported, each message naming
 * its check: the checkpoint's signature, its tree size, and for each entry its leaf hash, content and inclusion.
 */
export function verifyBundle(input: unknown, trustedKey: string): BundleCheck {
  const parsed = ProofBundle.safeParse(input);
  if (!parsed.success) {
    return { ok: false, errors: parsed.error.issues.map((i) => `bundle format: ${i.path.join('.') || 'bundle'}: ${i.message}`) };
  }
  const bundle = parsed.data;
  let key;
  try {
    key = parseVerifierKey(trustedKey);
  } catch (err) {
    return { ok: false, errors: [`verifier key: ${(err as Error).message}`] };
  }
  const errors: string[] = [];
  if (bundle.verifierKey.trim() !== trustedKey.trim()) errors.push(`verifier key: the bundle names ${bundle.verifierKey}, not the trusted key ${trustedKey.trim()}`);
  const opened = openCheckpoint(bundle.checkpoint, key);
  if (!opened.ok) return { ok: false, errors: [...errors, opened.reason] };
  const { checkpoint } = opened;
  if (bundle.treeSize !== checkpoint.size) {
    errors.push(`tree size: the proofs are for a tree of ${bundle.treeSize} entries, but the checkpoint is for ${checkpoint.size}`);
  }

  const entries: Array<{ index: number; entry: LogEntry }> = [];
  bundle.entries.forEach((item, i) => {
    const at = `entry ${i} (index ${item.index})`;
    let bytes: Uint8Array;
    let claimed: Hash;
    let proof: Hash[];
    try {
      bytes = decode(item.entry, 'the entry');
      claimed = decode(item.leafHash, 'the leaf hash');
      proof = item.inclusionProof.map((h, k) => decode(h, `proof hash ${k}`));
    } catch (err) {
      errors.push(`${at}: ${(err as Error).message}`);
      return;
    }
    if (item.index >= checkpoint.size) {
      errors.push(`${at} tree size: index ${item.index} is beyond the checkpoint's ${checkpoint.size} entries`);
      return;
    }
    const leaf = leafHash(bytes);
    if (!bytesEqual(leaf, claimed)) errors.push(`${at} leaf hash: the entry's bytes do not hash to its leaf hash (the entry was changed)`);
    if (!verifyInclusion(item.index, checkpoint.size, leaf, proof, checkpoint.rootHash)) {
      errors.push(`${at} inclusion: the proof does not lead from the entry to the checkpoint's root (the entry or a proof hash was changed)`);
    }
    const content = decodeEntry(bytes);
    if (!content.ok) errors.push(`${at} content: ${content.reason}`);
    else entries.push({ index: item.index, entry: content.entry });
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, checkpoint, entries };
}
