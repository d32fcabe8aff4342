import { createHash } from 'node:crypto';

/**
 * Merkle tree hashing and proofs for the certificate transparency log, as in RFC 9162 §2.1 (the same as RFC 6962).
 * Pure: no I/O. Hashes of the tree come from a `HashSource` that answers the hash of a complete subtree (2^level
 * leaves starting at index × 2^level), which is exactly what the log stores and what tlog tiles serve; so sizes,
 * roots and proofs come from stored hashes, never from rehashing every entry.
 */

export type Hash = Uint8Array;

/** The hash of the complete subtree at `level` (2^level leaves) number `index` (its first leaf is index × 2^level). */
export type HashSource = (level: number, index: number) => Hash;

const sha256 = (...parts: Uint8Array[]): Hash => {
  const h = createHash('sha256');
  for (const part of parts) h.update(part);
  return new Uint8Array(h.digest());
};

const LEAF = Uint8Array.of(0x00);
const NODE = Uint8Array.of(0x01);

/** MTH({}) = SHA-256() */
export const emptyRoot = (): Hash => sha256();
/** MTH({d}) = SHA-256(0x00 ‖ d) */
export const leafHash = (entry: Uint8Array): Hash => sha256(LEAF, entry);
/** SHA-256(0x01 ‖ left ‖ right) */
export const nodeHash = (left: Hash, right: Hash): Hash => sha256(NODE, left, right);

/** The largest power of two smaller than n (n > 1): the split point k of RFC 9162 §2.1.1. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

const isPowerOfTwo = (n: number) => n > 0 && (n & (n - 1)) === 0 && n <= 2 ** 31;

/** MTH(D[start:end]) for a range that RFC 9162's recursion reaches, from complete subtrees. */
export function rangeHash(start: number, end: number, read: HashSource): Hash {
  const n = end - start;
  if (n <= 0) throw new RangeError(`empty range ${start}..${end}`);
  if (isPowerOfTwo(n) && start % n === 0) return read(Math.log2(n), start / n);
  const k = splitPoint(n);
  return nodeHash(rangeHash(start, start + k, read), rangeHash(start + k, end, read));
}

/** The root of the tree of the first `size` leaves. */
export function rootHash(size: number, read: HashSource): Hash {
  return size === 0 ? emptyRoot() : rangeHash(0, size, read);
}

/** The complete subtrees a new leaf completes, lowest first: what the log stores after appending leaf `index`. */
export function completedSubtrees(index: number, leaf: Hash, read: HashSource): Array<{ level: number; index: number; hash: Hash }> {
  const out = [{ level: 0, index, hash: leaf }];
  let hash = leaf;
  let i = index;
  for (let level = 0; i % 2 === 1; level++) {
    hash = nodeHash(read(level, i - 1), hash);
    i = (i - 1) / 2;
    out.push({ level: level + 1, index: i, hash });
  }
  return out;
}

/** PATH(m, D[start:end]) of RFC 9162 §2.1.3.1: the inclusion proof of leaf m in the tree of `size` leaves. */
export function inclusionProof(m: number, size: number, read: HashSource): Hash[] {
  if (m < 0 || m >= size) throw new RangeError(`leaf ${m} is not in a tree of size ${size}`);
  const path = (m: number, start: number, end: number): Hash[] => {
    const n = end - start;
    if (n === 1) return [];
    const k = splitPoint(n);
    return m < k
      ? [...path(m, start, start + k), rangeHash(start + k, end, read)]
      : [...path(m - k, start + k, end), rangeHash(start, start + k, read)];
  };
  return path(m, 0, size);
}

/** PROOF(m, D[n]) of RFC 9162 §2.1.4.1: proves the tree of size `m` is a prefix of the tree of size `n`. */
export function consistencyProof(m: number, n: number, read: HashSource): Hash[] {
  if (m < 0 || m > n) throw new RangeError(`no consistency proof from ${m} to ${n}`);
  if (m === 0 || m === n) return [];
  const subproof = (m: number, start: number, end: number, complete: boolean): Hash[] => {
    const n = end - start;
    if (m === n) return complete ? [] : [rangeHash(start, end, read)];
    const k = splitPoint(n);
    return m <= k
      ? [...subproof(m, start, start + k, complete), rangeHash(start + k, end, read)]
      : [...subproof(m - k, start + k, end, false), rangeHash(start, start + k, read)];
  };
  return subproof(m, 0, n, true);
}

const equal = (a: Hash, b: Hash) => a.length === b.length && a.every((x, i) => x === b[i]);

/** RFC 9162 §2.1.3.2: checks that `leaf` is leaf `index` of the tree of `size` leaves with root `root`. */
export function verifyInclusion(index: number, size: number, leaf: Hash, proof: Hash[], root: Hash): boolean {
  if (index < 0 || index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && equal(r, root);
}

/** RFC 9162 §2.1.4.2: checks that the tree (size1, root1) is a prefix of the tree (size2, root2). */
export function verifyConsistency(size1: number, size2: number, root1: Hash, root2: Hash, proof: Hash[]): boolean {
  if (size1 < 0 || size1 > size2) return false;
  if (size1 === size2) return proof.length === 0 && equal(root1, root2);
  if (size1 === 0) return proof.length === 0;
  if (proof.length === 0) return false;
  const path = isPowerOfTwo(size1) ? [root1, ...proof] : [...proof];
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && equal(fr, root1) && equal(sr, root2);
}
