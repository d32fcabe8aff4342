import { emptyRoot, isPowerOfTwo, leafHash, nodeHash, verifyConsistency, verifyInclusion, type Hash } from '@maum/protocol';

/**
 * Merkle tree proofs for the certificate transparency log, as in RFC 9162 §2.1 (the same as RFC 6962): the
 * generating side. Hashing and verification are the shared code in protocol/, which the browser and CLI run too.
 * Pure: no I/O. Hashes of the tree come from a `HashSource` that answers the hash of a complete subtree (2^level
 * leaves starting at index × 2^level), which is exactly what the log stores and what tlog tiles serve; so sizes,
 * roots and proofs come from stored hashes, never from rehashing every entry.
 */

export { emptyRoot, leafHash, nodeHash, verifyConsistency, verifyInclusion, type Hash };

/** The hash of the complete subtree at `level` (2^level leaves) number `index` (its first leaf is index × 2^level). */
export type HashSource = (level: number, index: number) => Hash;

/** The largest power of two smaller than n (n > 1): the split point k of RFC 9162 §2.1.1. */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** MTH(D[start:end]) for a range that RFC 9162's recursion reaches, from complete subtrees. */
function rangeHash(start: number, end: number, read: HashSource): Hash {
  const n = end - start;
  if (n <= 0) throw new RangeError(`empty range ${start}..${end}`);
  if (isPowerOfTwo(n) && start % n === 0) return read(Math.round(Math.log2(n)), start / n);
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

/**
 * The complete subtrees a tree of `size` leaves splits into, largest first: its right edge. They are the only stored
 * hashes that leaves appended next combine with, and the ones its root is made of.
 */
export function rightEdge(size: number): Array<{ level: number; index: number }> {
  const out: Array<{ level: number; index: number }> = [];
  let start = 0;
  for (let level = Math.floor(Math.log2(Math.max(size, 1))); level >= 0; level--) {
    const width = 2 ** level;
    if (size - start >= width) {
      out.push({ level, index: start / width });
      start += width;
    }
  }
  return out;
}
