import { verifyBundle, type Certificate, type CheckedAnchor, type Checkpoint, type LogEntry } from '@maum/protocol';

/** `own_1a2b…9f`: enough of a pseudonym to tell owners apart at a glance. */
export function shortPseudonym(pseudonym: string): string {
  const prefix = 'own_';
  if (!pseudonym.startsWith(prefix)) return pseudonym.length > 12 ? `${pseudonym.slice(0, 8)}…${pseudonym.slice(-2)}` : pseudonym;
  const hash = pseudonym.slice(prefix.length);
  if (hash.length <= 8) return pseudonym;
  return `${prefix}${hash.slice(0, 4)}…${hash.slice(-2)}`;
}

/** The owner after the last issue or transfer, in log order; null when the entries hold neither. */
export function currentOwner(entries: ReadonlyArray<{ index: number; entry: LogEntry }>): string | null {
  let owner: string | null = null;
  for (const { entry } of [...entries].sort((a, b) => a.index - b.index)) {
    if (entry.kind === 'issue') owner = entry.owner;
    else if (entry.kind === 'transfer') owner = entry.to;
  }
  return owner;
}

export type FailedCheck =
  | { check: 'key'; bundleKey: string; trustedKey: string }
  | { check: 'proof'; messages: string[] }
  | { check: 'certificate'; found: string }
  | { check: 'owner'; logOwner: string | null; shownOwner: string };

export type CertificateCheck =
  | { ok: true; checkpoint: Checkpoint; keyId: string; entries: Array<{ index: number; entry: LogEntry }>; anchor?: CheckedAnchor }
  | { ok: false; failure: FailedCheck };

/** The key's name and its id, from a `name+hash+key` verifier key. */
export function keyIdOf(verifierKey: string): string {
  const [name = '', id = ''] = verifierKey.trim().split('+');
  return id ? `${name}+${id}` : name;
}

/**
 * Checks, here and now, that a certificate's proof bundle is the log's word for this certificate: the bundle's key
 * is the one the log publishes, every entry is in the signed tree, the entries are this certificate's, and the
 * owner they end with is the owner shown.
 */
export function checkCertificate(certificate: Pick<Certificate, 'id' | 'owner'>, bundle: unknown, trustedKey: string): CertificateCheck {
  const bundleKey = bundle && typeof bundle === 'object' && 'verifierKey' in bundle && typeof bundle.verifierKey === 'string' ? bundle.verifierKey : '';
  if (bundleKey.trim() !== trustedKey.trim()) return { ok: false, failure: { check: 'key', bundleKey: bundleKey.trim(), trustedKey: trustedKey.trim() } };
  const result = verifyBundle(bundle, trustedKey);
  if (!result.ok) return { ok: false, failure: { check: 'proof', messages: result.errors } };
  const foreign = result.entries.find((e) => e.entry.certificateId !== certificate.id);
  if (foreign) return { ok: false, failure: { check: 'certificate', found: foreign.entry.certificateId } };
  const owner = currentOwner(result.entries);
  if (owner !== certificate.owner) return { ok: false, failure: { check: 'owner', logOwner: owner, shownOwner: certificate.owner } };
  const checked = { ok: true as const, checkpoint: result.checkpoint, keyId: keyIdOf(trustedKey), entries: result.entries };
  return result.anchor ? { ...checked, anchor: result.anchor } : checked;
}

/** Serials typed one per line: trimmed, blank lines dropped, repeats kept once. */
export function parseSerials(text: string): string[] {
  return [...new Set(text.split('\n').map((s) => s.trim()).filter(Boolean))];
}

/** Public block explorers of well-known chains, for a link to an anchoring transaction; other chains get none. */
const EXPLORERS: Record<number, string> = {
  1: 'https://etherscan.io',
  11155111: 'https://sepolia.etherscan.io',
  10: 'https://optimistic.etherscan.io',
  8453: 'https://basescan.org',
  42161: 'https://arbiscan.io',
  137: 'https://polygonscan.com',
};

export function explorerTxUrl(chainId: number, txHash: string): string | null {
  const explorer = EXPLORERS[chainId];
  return explorer && /^0x[0-9a-fA-F]{64}$/.test(txHash) ? `${explorer}/tx/${txHash}` : null;
}

/** `0x1234…cdef`: a hash short enough for a line, long enough to tell two apart. */
export function shortHash(hash: string): string {
  return hash.length > 14 ? `${hash.slice(0, 6)}…${hash.slice(-4)}` : hash;
}
