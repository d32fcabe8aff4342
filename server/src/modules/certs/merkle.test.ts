import { describe, expect, it } from 'vitest';
import {
  completedSubtrees,
  consistencyProof,
  inclusionProof,
  leafHash,
  nodeHash,
  rootHash,
  verifyConsistency,
  verifyInclusion,
  type Hash,
  type HashSource,
} from './merkle';

const hex = (h: Hash) => Buffer.from(h).toString('hex');
const bytes = (s: string) => new Uint8Array(Buffer.from(s, 'hex'));

// The test vectors of RFC 6962's reference implementation (certificate-transparency): eight leaves and the root of
// every prefix of them.
const LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'];
const ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

/** A log in memory the way the store keeps it: only the hashes of complete subtrees, added leaf by leaf. */
function storedTree(entries: Uint8Array[]): HashSource {
  const nodes = new Map<string, Hash>();
  const read: HashSource = (level, index) => {
    const h = nodes.get(`${level}/${index}`);
    if (!h) throw new Error(`no stored hash ${level}/${index}`);
    return h;
  };
  entries.forEach((entry, i) => {
    for (const n of completedSubtrees(i, leafHash(entry), read)) nodes.set(`${n.level}/${n.index}`, n.hash);
  });
  return read;
}

/** MTH straight from the definition, from every entry: the reference the stored-hash version must agree with. */
function reference(entries: Uint8Array[]): Hash {
  if (entries.length === 1) return leafHash(entries[0]!);
  let k = 1;
  while (k * 2 < entries.length) k *= 2;
  return nodeHash(reference(entries.slice(0, k)), reference(entries.slice(k)));
}

const entries = (n: number) => Array.from({ length: n }, (_, i) => new TextEncoder().encode(`entry ${i}`));

describe('RFC 9162 tree hashing', () => {
  it('gives the reference implementation’s roots for every prefix of its test leaves', () => {
    const read = storedTree(LEAVES.map(bytes));
    expect(ROOTS.map((_, i) => hex(rootHash(i + 1, read)))).toEqual(ROOTS);
    expect(hex(rootHash(0, read))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('derives the root of any size from stored subtree hashes, as the definition does from all entries', () => {
    const all = entries(70);
    const read = storedTree(all);
    for (let n = 1; n <= 70; n++) expect(hex(rootHash(n, read))).toBe(hex(reference(all.slice(0, n))));
  });
});

describe('inclusion proofs', () => {
  const all = entries(129);
  const read = storedTree(all);

  // Some 8,000 proofs, each checked five ways: seconds of hashing on a busy machine, so it gets room beyond the default.
  it('prove every leaf of every tree size up to 128, and fail for the wrong leaf, index, tree or a flipped hash', { timeout: 60_000 }, () => {
    for (let n = 1; n <= 128; n++) {
      const root = rootHash(n, read);
      for (let m = 0; m < n; m++) {
        const proof = inclusionProof(m, n, read);
        expect(verifyInclusion(m, n, leafHash(all[m]!), proof, root)).toBe(true);
        expect(verifyInclusion(m, n, leafHash(new Uint8Array([9])), proof, root)).toBe(false);
        if (n > 1) expect(verifyInclusion((m + 1) % n, n, leafHash(all[m]!), proof, root)).toBe(false);
        expect(verifyInclusion(m, n + 1, leafHash(all[m]!), proof, rootHash(n + 1, read))).toBe(false);
        if (proof.length > 0) {
          const flipped = proof.map((h, i) => (i === 0 ? Uint8Array.from(h, (b, j) => (j === 0 ? b ^ 1 : b)) : h));
          expect(verifyInclusion(m, n, leafHash(all[m]!), flipped, root)).toBe(false);
        }
      }
    }
  });
});

describe('consistency proofs', () => {
  const all = entries(64);
  const read = storedTree(all);

  it('prove every older tree is a prefix of every newer one up to 64 entries, and fail for a rewritten history', { timeout: 60_000 }, () => {
    const forked = storedTree(all.map((e, i) => (i === 5 ? new Uint8Array([1, 2, 3]) : e)));
    for (let n = 1; n <= 64; n++) {
      for (let m = 1; m <= n; m++) {
        const proof = consistencyProof(m, n, read);
        expect(verifyConsistency(m, n, rootHash(m, read), rootHash(n, read), proof)).toBe(true);
        if (m > 5 || n > 5) {
          // A log that changed entry 5 cannot prove it extends the history that had the original.
          const forkProof = consistencyProof(m, n, forked);
          if (m > 5) expect(verifyConsistency(m, n, rootHash(m, read), rootHash(n, forked), forkProof)).toBe(false);
        }
        if (m < n) expect(verifyConsistency(m, n, rootHash(m, read), rootHash(n, read), proof.slice(1))).toBe(false);
      }
    }
  });
});
