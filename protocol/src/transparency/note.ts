import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { base64Decode, base64Encode, bytesEqual, concat, hexToBytes, bytesToHex, utf8ToBytes } from './encoding';

/**
 * C2SP signed-note (https://c2sp.org/signed-note) with Ed25519 keys: the text, a blank line, then one line per
 * signature, `— <key name> <base64(key id ‖ signature)>`. The key id binds the name and the public key, so a
 * signature made with another key under the same name is told apart from a valid one.
 */

const ED25519 = 0x01;
const DASH = '\u2014 ';

export interface VerifierKey {
  name: string;
  /** First 4 bytes of SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key). */
  keyId: Uint8Array;
  publicKey: Uint8Array;
}

export interface NoteSignature {
  name: string;
  keyId: Uint8Array;
  signature: Uint8Array;
}

export interface Note {
  /** The signed text, ending in a newline. */
  text: string;
  signatures: NoteSignature[];
}

const validName = (name: string) => name.length > 0 && !/[\s+]/u.test(name);

export function keyId(name: string, publicKey: Uint8Array): Uint8Array {
  return sha256(concat(utf8ToBytes(name), Uint8Array.of(0x0a, ED25519), publicKey)).slice(0, 4);
}

/** `<name>+<hex key id>+<base64(0x01 ‖ public key)>`, the form the Go note package and other tlog tools read. */
export function formatVerifierKey(name: string, publicKey: Uint8Array): string {
  if (!validName(name)) throw new Error(`invalid key name "${name}"`);
  return `${name}+${bytesToHex(keyId(name, publicKey))}+${base64Encode(concat(Uint8Array.of(ED25519), publicKey))}`;
}

export function parseVerifierKey(text: string): VerifierKey {
  // The base64 key may itself contain '+'; the name and the key id may not.
  const match = /^([^+]*)\+([^+]*)\+(.*)$/s.exec(text.trim());
  if (!match) throw new Error('a verifier key is <name>+<key id>+<key>');
  const [, name, hex, key] = match as unknown as [string, string, string, string];
  if (!validName(name)) throw new Error('the verifier key has an invalid name');
  if (!/^[0-9a-f]{8}$/.test(hex)) throw new Error('the verifier key id is not 8 hex digits');
  let raw: Uint8Array;
  try {
    raw = base64Decode(key);
  } catch {
    throw new Error('the verifier key is not base64');
  }
  if (raw.length !== 33 || raw[0] !== ED25519) throw new Error('the verifier key is not an Ed25519 key');
  const publicKey = raw.slice(1);
  const id = hexToBytes(hex);
  if (!bytesEqual(id, keyId(name, publicKey))) throw new Error('the verifier key id does not match its name and key');
  return { name, keyId: id, publicKey };
}

function checkText(text: string): void {
  if (text.length === 0 || !text.endsWith('\n')) throw new Error('the note text must end with a newline');
  // eslint-disable-next-line no-control-regex -- control characters are exactly what the spec forbids
  if (/[\u0000-\u0009\u000b-\u001f\u007f]/.test(text)) throw new Error('the note text has control characters');
}

/** The signed-note form of `text` with one Ed25519 signature over it. */
export function formatNote(text: string, name: string, publicKey: Uint8Array, signature: Uint8Array): string {
  checkText(text);
  return `${text}\n${DASH}${name} ${base64Encode(concat(keyId(name, publicKey), signature))}\n`;
}

export function parseNote(note: string): Note {
  const split = note.lastIndexOf('\n\n');
  if (split < 0) throw new Error('no blank line before the signatures');
  const text = note.slice(0, split + 1);
  checkText(text);
  const lines = note.slice(split + 2);
  if (!lines.endsWith('\n')) throw new Error('the signature lines must end with a newline');
  const signatures = lines
    .slice(0, -1)
    .split('\n')
    .map((line) => {
      const match = /^\u2014 (\S+) (\S+)$/u.exec(line);
      if (!match || !validName(match[1]!)) throw new Error(`malformed signature line "${line}"`);
      let raw: Uint8Array;
      try {
        raw = base64Decode(match[2]!);
      } catch {
        throw new Error(`the signature of ${match[1]} is not base64`);
      }
      if (raw.length < 5) throw new Error(`the signature of ${match[1]} is too short`);
      return { name: match[1]!, keyId: raw.slice(0, 4), signature: raw.slice(4) };
    });
  if (signatures.length === 0) throw new Error('the note has no signatures');
  return { text, signatures };
}

// Strict RFC 8032 verification (no ZIP-215 leniency), as Go's crypto/ed25519 does; bad points fail, not throw.
function ed25519Verify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  try {
    return signature.length === 64 && ed25519.verify(signature, message, publicKey, { zip215: false });
  } catch {
    return false;
  }
}

export type NoteCheck = { ok: true; text: string } | { ok: false; reason: string };

/**
 * Checks that `note` carries a valid signature by `key`. Signatures by other keys are ignored, as the spec says; a
 * note without one from `key` fails, naming the keys it was signed with instead.
 */
export function verifyNote(note: string, key: VerifierKey): NoteCheck {
  let parsed: Note;
  try {
    parsed = parseNote(note);
  } catch (err) {
    return { ok: false, reason: `malformed signed note: ${(err as Error).message}` };
  }
  const mine = parsed.signatures.filter((s) => s.name === key.name && bytesEqual(s.keyId, key.keyId));
  if (mine.length === 0) {
    const others = parsed.signatures.map((s) => `${s.name}+${bytesToHex(s.keyId)}`).join(', ');
    return { ok: false, reason: `no signature by ${key.name}+${bytesToHex(key.keyId)} (signed by ${others})` };
  }
  const message = utf8ToBytes(parsed.text);
  for (const s of mine) {
    if (!ed25519Verify(s.signature, message, key.publicKey)) {
      return { ok: false, reason: `the signature by ${key.name}+${bytesToHex(key.keyId)} does not verify` };
    }
  }
  return { ok: true, text: parsed.text };
}
