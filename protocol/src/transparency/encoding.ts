import { bytesToHex, concatBytes, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * Byte helpers that behave the same in the browser and in Node. The protocol package compiles without DOM or Node
 * typings, so the decoder is reached through globalThis, where both runtimes have it.
 */
export { bytesToHex, hexToBytes, utf8ToBytes };

type Utf8Decoder = { decode(bytes: Uint8Array): string };
const decoder = new (globalThis as unknown as { TextDecoder: new (label: string, options: { fatal: boolean }) => Utf8Decoder }).TextDecoder(
  'utf-8',
  { fatal: true },
);

/** Strict UTF-8: invalid bytes throw rather than turn into U+FFFD, so a verifier never reads altered text. */
export function utf8Decode(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const VALUES = new Map([...ALPHABET].map((c, i) => [c, i]));

/** Standard base64 with padding (RFC 4648 §4), as signed notes and checkpoints use. */
export function base64Encode(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const [a, b, c] = [bytes[i]!, bytes[i + 1], bytes[i + 2]];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += ALPHABET[(n >> 18) & 63]! + ALPHABET[(n >> 12) & 63]!;
    out += b === undefined ? '=' : ALPHABET[(n >> 6) & 63]!;
    out += c === undefined ? '=' : ALPHABET[n & 63]!;
  }
  return out;
}

/** Decodes canonical padded base64 only, so that one value has one spelling; anything else throws. */
export function base64Decode(text: string): Uint8Array {
  if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) throw new Error('not base64');
  const chars = text.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((chars.length * 6) / 8));
  let value = 0;
  let bits = 0;
  let o = 0;
  for (const c of chars) {
    value = ((value << 6) | VALUES.get(c)!) & 0xffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (value >> bits) & 255;
    }
  }
  if (base64Encode(out) !== text) throw new Error('not canonical base64');
  return out;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Bytes one after another. */
export const concat = concatBytes;
