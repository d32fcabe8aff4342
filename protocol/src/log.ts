import { z } from 'zod';
import { endpoint } from './http';
import { ProofBundle } from './transparency/bundle';

export * from './transparency';

/** A tree size or entry index in a query: plain decimal digits, so `1e3`, `-1` or `0x10` are refused, not guessed. */
const Count = z
  .string()
  .regex(/^(0|[1-9][0-9]{0,14})$/, 'a whole number')
  .transform(Number);
const Base64Hash = z.string().meta({ description: 'A SHA-256 hash, standard base64' });

export const LogCheckpoint = z
  .object({
    origin: z.string(),
    treeSize: z.number().int(),
    rootHash: Base64Hash,
    /** The C2SP signed note, exactly as `/log/checkpoint` serves it. */
    note: z.string(),
    verifierKey: z.string(),
  })
  .meta({ id: 'LogCheckpoint' });
export type LogCheckpoint = z.infer<typeof LogCheckpoint>;

export const InclusionProof = z
  .object({
    index: z.number().int(),
    treeSize: z.number().int(),
    leafHash: Base64Hash,
    proof: z.array(Base64Hash),
    /** The signed checkpoint of that tree size, when the log published one. */
    checkpoint: z.string().nullable(),
  })
  .meta({ id: 'InclusionProof' });
export type InclusionProof = z.infer<typeof InclusionProof>;

export const ConsistencyProof = z
  .object({ from: z.number().int(), to: z.number().int(), proof: z.array(Base64Hash) })
  .meta({ id: 'ConsistencyProof' });
export type ConsistencyProof = z.infer<typeof ConsistencyProof>;

/** A checkpoint of the log anchored on an EVM chain: `Anchored(origin, treeSize, root)` in transaction `txHash`. */
export const LogAnchor = z
  .object({
    chainId: z.number().int(),
    contract: z.string(),
    txHash: z.string(),
    blockNumber: z.number().int(),
    treeSize: z.number().int(),
    rootHash: Base64Hash,
    anchoredAt: z.string(),
  })
  .meta({ id: 'LogAnchor' });
export type LogAnchor = z.infer<typeof LogAnchor>;

export const LogAnchors = z
  .object({
    /** Where this server anchors checkpoints now; null when anchoring is off. */
    chain: z.object({ chainId: z.number().int(), contract: z.string(), intervalMinutes: z.number() }).nullable(),
    /** The latest confirmed anchors, newest first. */
    anchors: z.array(LogAnchor),
  })
  .meta({ id: 'LogAnchors' });
export type LogAnchors = z.infer<typeof LogAnchors>;

/** At most this many entries in one proof bundle. */
export const MAX_BUNDLE_ENTRIES = 100;

export const logApi = {
  checkpoint: endpoint({
    method: 'GET', path: '/api/log/checkpoint', auth: 'none', tags: ['log'],
    summary: 'The latest signed checkpoint of the certificate log',
    response: LogCheckpoint,
  }),
  inclusion: endpoint({
    method: 'GET', path: '/api/log/proof/inclusion', auth: 'none', tags: ['log'],
    summary: 'Proves an entry is in the tree of the latest checkpoint, or of `size` entries',
    query: z.object({ index: Count, size: Count.optional() }),
    response: InclusionProof,
  }),
  consistency: endpoint({
    method: 'GET', path: '/api/log/proof/consistency', auth: 'none', tags: ['log'],
    summary: 'Proves the tree of `from` entries is a prefix of the tree of `to` (default: the latest checkpoint)',
    query: z.object({ from: Count, to: Count.optional() }),
    response: ConsistencyProof,
  }),
  bundle: endpoint({
    method: 'GET', path: '/api/log/bundle', auth: 'none', tags: ['log'],
    summary: 'A proof bundle for entries (comma-separated indices): check it offline with `maum verify`',
    query: z.object({
      indices: z
        .string()
        .regex(/^(0|[1-9][0-9]{0,14})(,(0|[1-9][0-9]{0,14}))*$/, 'comma-separated entry indices')
        .transform((v) => [...new Set(v.split(',').map(Number))])
        .refine((v) => v.length <= MAX_BUNDLE_ENTRIES, `at most ${MAX_BUNDLE_ENTRIES} entries`),
    }),
    response: ProofBundle,
  }),
  anchors: endpoint({
    method: 'GET', path: '/api/log/anchors', auth: 'none', tags: ['log'],
    summary: 'Where the log anchors its checkpoints on an EVM chain, and the latest anchors',
    response: LogAnchors,
  }),
} as const;

/** The tlog-tiles files, served as raw bytes or text below this prefix. */
export const LOG_PATH = '/log';
