import { sha256 } from '@noble/hashes/sha2.js';
import { bytesEqual, concat } from './encoding';

/**
 * RFC 9162 §2.1 (the same as RFC 6962) tree hashing and proof verification. Pure and synchronous, with a SHA-256
 * that runs the same in the browser and in Node, so the verify page, the CLI and the server share this one copy.
 */

export type Hash = Uint8Array;

const LEAF = Uint8Array.of(0x00);
const NODE = Uint8Array.of(0x01);

/** MTH({}) = SHA-256() */
export const emptyRoot = (): Hash => sha256(new Uint8Array(0));
/** MTH({d}) = SHA-256(0x00 ‖ d) */
export const leafHash = (entry: Uint8Array): Hash => sha256(concat(LEAF, entry));
/** SHA-256(0x01 ‖ left ‖ right) */
export const nodeHash = (left: Hash, right: Hash): Hash => sha256(concat(NODE, left, right));

// Arithmetic rather than bit operations: tree sizes go past 2^31, where JavaScript's bitwise operators wrap.
export const isPowerOfTwo = (n: number): boolean => n >= 1 && Number.isSafeInteger(n) && 2 ** Math.round(Math.log2(n)) === n;
const odd = (n: number) => n % 2 === 1;
const half = (n: number) => Math.floor(n / 2);
const isSize = (n: number) => Number.isSafeInteger(n) && n >= 0;

/** RFC 9162 §2.1.3.2: checks that `leaf` is leaf `index` of the tree of `size` leaves with root `root`. */
export function verifyInclusion(index: number, size: number, leaf: Hash, proof: Hash[], root: Hash): boolean {
  if (!isSize(index) || !isSize(size) || index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (odd(fn) || fn === sn) {
      r = nodeHash(p, r);
      while (!odd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && bytesEqual(r, root);
}

/** RFC 9162 §2.1.4.2: checks that the tree (size1, root1) is a prefix of the tree (size2, root2). */
export function verifyConsistency(size1: number, size2: number, root1: Hash, root2: Hash, proof: Hash[]): boolean {
  if (!isSize(size1) || !isSize(size2) || size1 > size2) return false;
  if (size1 === size2) return proof.length === 0 && bytesEqual(root1, root2);
  if (size1 === 0) return proof.length === 0;
  if (proof.length === 0) return false;
  const path = isPowerOfTwo(size1) ? [root1, ...proof] : [...proof];
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (odd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (odd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (!odd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && bytesEqual(fr, root1) && bytesEqual(sr, root2);
}
