import canonicalize from 'canonicalize';
import { z } from 'zod';
import { bytesEqual, utf8Decode, utf8ToBytes } from './encoding';

/**
 * What the certificate log records. Entries are stored and hashed as RFC 8785 (JCS) canonical JSON, so anyone can
 * re-encode an entry and get the exact bytes that were hashed.
 */

export const CertificateId = z.string().regex(/^crt_[0-9a-z]{26}$/, 'a certificate id');
/**
 * An owner as the public log shows them: a keyed hash of the account, never the account itself, so the log proves
 * a chain of ownership without telling the world who owns what.
 */
export const OwnerPseudonym = z.string().regex(/^own_[0-9a-f]{64}$/, 'an owner pseudonym');
const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 hash in lower-case hex');
const Name = z.string().min(1).max(200);
const Ref = z.string().min(1).max(64);
const Instant = z.iso.datetime({ offset: false });

export const IssueEntry = z
  .object({
    kind: z.literal('issue'),
    certificateId: CertificateId,
    product: z.object({ id: Ref, name: Name }).strict(),
    seller: z.object({ id: Ref, name: Name }).strict(),
    serial: z.string().min(1).max(128),
    attributes: z.record(z.string().min(1).max(64), z.string().max(500)).refine((a) => Object.keys(a).length <= 32, 'at most 32 attributes'),
    /** SHA-256 of the product photo the operator verified, so a swapped picture shows. */
    mediaHash: Sha256Hex,
    issuedAt: Instant,
    owner: OwnerPseudonym,
  })
  .strict();

export const TransferEntry = z
  .object({
    kind: z.literal('transfer'),
    certificateId: CertificateId,
    from: OwnerPseudonym,
    to: OwnerPseudonym,
    reference: z.object({ kind: z.enum(['order', 'gift']), id: Ref }).strict(),
    transferredAt: Instant,
  })
  .strict();

export const revokeReasons = ['counterfeit', 'issued_in_error', 'seller_request', 'other'] as const;
export const RevokeEntry = z
  .object({
    kind: z.literal('revoke'),
    certificateId: CertificateId,
    reason: z.enum(revokeReasons),
    detail: z.string().max(500).optional(),
    revokedAt: Instant,
  })
  .strict();

export const LogEntry = z.discriminatedUnion('kind', [IssueEntry, TransferEntry, RevokeEntry]).meta({ id: 'LogEntry' });
export type LogEntry = z.infer<typeof LogEntry>;
export type IssueEntry = z.infer<typeof IssueEntry>;
export type TransferEntry = z.infer<typeof TransferEntry>;
export type RevokeEntry = z.infer<typeof RevokeEntry>;

/** RFC 8785 canonical JSON of `value` as UTF-8 bytes. */
export function canonicalJson(value: unknown): Uint8Array {
  const text = canonicalize(value);
  if (text === undefined) throw new Error('the value has no JSON form');
  return utf8ToBytes(text);
}

export type EntryCheck = { ok: true; entry: LogEntry } | { ok: false; reason: string };

/** Reads entry bytes back: valid UTF-8 JSON, in canonical form, and one of the entry kinds. */
export function decodeEntry(bytes: Uint8Array): EntryCheck {
  let value: unknown;
  try {
    value = JSON.parse(utf8Decode(bytes));
  } catch {
    return { ok: false, reason: 'not UTF-8 JSON' };
  }
  if (!bytesEqual(canonicalJson(value), bytes)) return { ok: false, reason: 'not in RFC 8785 canonical form' };
  const parsed = LogEntry.safeParse(value);
  if (!parsed.success) return { ok: false, reason: `not a log entry: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'entry'}: ${i.message}`).join('; ')}` };
  return { ok: true, entry: parsed.data };
}
