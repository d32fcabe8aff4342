import { createPrivateKey, createPublicKey, sign, type KeyObject } from 'node:crypto';
import { formatNote, formatVerifierKey, utf8ToBytes } from '@maum/protocol';

// PKCS#8 wrapping of a raw 32-byte Ed25519 seed (RFC 8410): Node's crypto takes keys in DER, not as raw seeds.
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/**
 * Signs the log's checkpoints as C2SP signed notes with Ed25519. The key's name is the log's origin, as the
 * tlog-checkpoint spec asks, so a verifier key names the log it belongs to.
 */
export class LogSigner {
  readonly publicKey: Uint8Array;
  readonly verifierKey: string;
  private readonly key: KeyObject;

  constructor(
    readonly origin: string,
    seed: Uint8Array,
  ) {
    if (seed.length !== 32) throw new Error('the log signing key must be a 32-byte Ed25519 seed');
    this.key = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' });
    const spki = createPublicKey(this.key).export({ format: 'der', type: 'spki' });
    this.publicKey = new Uint8Array(spki.subarray(spki.length - 32));
    this.verifierKey = formatVerifierKey(origin, this.publicKey);
  }

  /** `text` (a checkpoint body) as a signed note. */
  sign(text: string): string {
    const signature = sign(null, utf8ToBytes(text), this.key);
    return formatNote(text, this.origin, this.publicKey, new Uint8Array(signature));
  }
}

/** `<host>/maum-log`: the log is named after the address it is served from. */
export function logOrigin(publicUrl: string | undefined): string {
  return `${publicUrl ? new URL(publicUrl).host : 'localhost'}/maum-log`;
}
