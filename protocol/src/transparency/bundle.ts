import { z } from 'zod';
import { openCheckpoint, type Checkpoint } from './checkpoint';
import { base64Decode, bytesEqual } from './encoding';
import { decodeEntry, type LogEntry } from './entries';
import { leafHash, verifyConsistency, verifyInclusion, type Hash } from './merkle';
import { parseVerifierKey } from './note';

/**
 * A proof bundle: everything needed to check offline that some entries are in the log, given only the log's
 * verifier key. Binary values are standard base64.
 */
export const PROOF_BUNDLE_FORMAT = 'maum-log-proof-bundle/v1';

/**
 * Where an earlier checkpoint of the log was anchored on an EVM chain, with what ties it to the bundle's checkpoint:
 * the anchored checkpoint as the log signed it, and a consistency proof from it to the bundle's. The chain holds
 * `Anchored(origin, treeSize, root)` in that transaction; a verifier with access to the chain checks it there.
 */
export const BundleAnchor = z
  .object({
    chainId: z.number().int().positive(),
    /** The anchor contract's address. */
    contract: z.string().regex(/^0x[0-9a-fA-F]{40}$/),
    txHash: z.string().regex(/^0x[0-9a-fA-F]{64}$/),
    blockNumber: z.number().int().min(0),
    /** The signed checkpoint (C2SP signed-note text) whose origin, size and root were anchored. */
    checkpoint: z.string(),
    /** RFC 9162 consistency proof from the anchored checkpoint's tree to the bundle's. */
    consistencyProof: z.array(z.string()),
  })
  .meta({ id: 'BundleAnchor' });
export type BundleAnchor = z.infer<typeof BundleAnchor>;

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
    /** The first anchor on a chain that covers the entries (or, failing that, the first covering any of them), when there is one. */
    anchor: BundleAnchor.optional(),
  })
  .meta({ id: 'ProofBundle' });
export type ProofBundle = z.infer<typeof ProofBundle>;

/** A bundle's anchor once it checked out against the log's key: what the chain must hold, and which entries it covers. */
export interface CheckedAnchor {
  chainId: number;
  contract: string;
  txHash: string;
  blockNumber: number;
  /** The anchored checkpoint, signed by the log and consistent with the bundle's. */
  checkpoint: Checkpoint;
  /** The indices of the bundle's entries that were in the log when it was anchored. */
  covers: number[];
}

export type BundleCheck =
  | { ok: true; checkpoint: Checkpoint; entries: Array<{ index: number; entry: LogEntry }>; anchor?: CheckedAnchor }
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
  const anchor = bundle.anchor ? checkAnchor(bundle.anchor, key, checkpoint, bundle.entries, errors) : undefined;
  if (errors.length > 0) return { ok: false, errors };
  return anchor ? { ok: true, checkpoint, entries, anchor } : { ok: true, checkpoint, entries };
}

/** The anchored checkpoint must be the log's, signed by the same key, and a prefix of the bundle's checkpoint. */
function checkAnchor(
  anchor: BundleAnchor,
  key: ReturnType<typeof parseVerifierKey>,
  checkpoint: Checkpoint,
  items: ProofBundle['entries'],
  errors: string[],
): CheckedAnchor | undefined {
  const opened = openCheckpoint(anchor.checkpoint, key);
  if (!opened.ok) {
    errors.push(`anchor ${opened.reason}`);
    return undefined;
  }
  const anchored = opened.checkpoint;
  if (anchored.origin !== checkpoint.origin) {
    errors.push(`anchor origin: the anchored checkpoint is for ${anchored.origin}, not ${checkpoint.origin}`);
    return undefined;
  }
  let proof: Hash[];
  try {
    proof = anchor.consistencyProof.map((h, k) => decode(h, `anchor consistency proof hash ${k}`));
  } catch (err) {
    errors.push((err as Error).message);
    return undefined;
  }
  if (!verifyConsistency(anchored.size, checkpoint.size, anchored.rootHash, checkpoint.rootHash, proof)) {
    errors.push(
      `anchor consistency: the anchored tree of ${anchored.size} entries is not a prefix of the checkpoint's ${checkpoint.size} (the anchored root or a proof hash was changed)`,
    );
    return undefined;
  }
  const covers = items.map((e) => e.index).filter((index) => index < anchored.size);
  return { chainId: anchor.chainId, contract: anchor.contract, txHash: anchor.txHash, blockNumber: anchor.blockNumber, checkpoint: anchored, covers };
}
