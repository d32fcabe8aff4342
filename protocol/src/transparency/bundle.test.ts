import { ed25519 } from '@noble/curves/ed25519.js';
import { describe, expect, it } from 'vitest';
import { PROOF_BUNDLE_FORMAT, verifyBundle, type ProofBundle } from './bundle';
import { formatCheckpoint } from './checkpoint';
import { base64Encode, utf8ToBytes } from './encoding';
import { canonicalJson } from './entries';
import { leafHash, nodeHash } from './merkle';
import { formatNote, formatVerifierKey } from './note';

const ORIGIN = 'example.com/maum-log';
const revoke = (n: number) => canonicalJson({ kind: 'revoke', certificateId: `crt_${String(n).padStart(26, '0')}`, reason: 'other', revokedAt: '2026-01-01T00:00:00.000Z' });

const sign = (text: string, key: { secretKey: Uint8Array; publicKey: Uint8Array }) => formatNote(text, ORIGIN, key.publicKey, ed25519.sign(utf8ToBytes(text), key.secretKey));

/** A three-entry log made by hand: root = H(H(l0, l1), l2). */
function threeEntryLog() {
  const key = ed25519.keygen();
  const entries = [revoke(0), revoke(1), revoke(2)];
  const [l0, l1, l2] = entries.map(leafHash) as [Uint8Array, Uint8Array, Uint8Array];
  const root = nodeHash(nodeHash(l0, l1), l2);
  const bundle: ProofBundle = {
    format: PROOF_BUNDLE_FORMAT,
    verifierKey: formatVerifierKey(ORIGIN, key.publicKey),
    checkpoint: sign(formatCheckpoint({ origin: ORIGIN, size: 3, rootHash: root }), key),
    treeSize: 3,
    entries: [
      { index: 1, entry: base64Encode(entries[1]!), leafHash: base64Encode(l1), inclusionProof: [base64Encode(l0), base64Encode(l2)] },
      { index: 2, entry: base64Encode(entries[2]!), leafHash: base64Encode(l2), inclusionProof: [base64Encode(nodeHash(l0, l1))] },
    ],
  };
  return { bundle, key: bundle.verifierKey, signer: key, leaves: [l0, l1, l2] };
}

/** The same log, with its two-entry checkpoint anchored on a chain: the consistency proof from 2 to 3 is [l2]. */
function anchoredLog() {
  const log = threeEntryLog();
  const [l0, l1, l2] = log.leaves as [Uint8Array, Uint8Array, Uint8Array];
  const anchor = {
    chainId: 31337,
    contract: `0x${'ab'.repeat(20)}`,
    txHash: `0x${'cd'.repeat(32)}`,
    blockNumber: 7,
    checkpoint: sign(formatCheckpoint({ origin: ORIGIN, size: 2, rootHash: nodeHash(l0, l1) }), log.signer),
    consistencyProof: [base64Encode(l2)],
  };
  return { ...log, bundle: { ...log.bundle, anchor } };
}

// JSON round trip: the protocol package compiles without the DOM or Node typings that declare structuredClone.
const copy = (bundle: ProofBundle): ProofBundle => JSON.parse(JSON.stringify(bundle));

const failures = (bundle: unknown, key: string) => {
  const result = verifyBundle(bundle, key);
  return result.ok ? [] : result.errors;
};

describe('proof bundles', () => {
  it('verify with the log’s key and give back the entries', () => {
    const { bundle, key } = threeEntryLog();
    expect(verifyBundle(bundle, key)).toMatchObject({ ok: true, checkpoint: { origin: ORIGIN, size: 3 }, entries: [{ index: 1, entry: { kind: 'revoke' } }, { index: 2 }] });
  });

  it('name the check that failed for each kind of tampering', () => {
    const { bundle, key } = threeEntryLog();
    const changed = copy(bundle);
    changed.entries[0]!.entry = base64Encode(revoke(9));
    expect(failures(changed, key)).toEqual([expect.stringMatching(/^entry 0 \(index 1\) leaf hash:/), expect.stringMatching(/^entry 0 \(index 1\) inclusion:/)]);

    const flipped = copy(bundle);
    flipped.entries[1]!.inclusionProof[0] = base64Encode(new Uint8Array(32));
    expect(failures(flipped, key)).toEqual([expect.stringMatching(/^entry 1 \(index 2\) inclusion:/)]);

    const moved = copy(bundle);
    moved.entries[1]!.index = 0;
    expect(failures(moved, key)).toEqual([expect.stringMatching(/^entry 1 \(index 0\) inclusion:/)]);

    const resigned = { ...bundle, checkpoint: sign(`${bundle.checkpoint.split('\n\n')[0]}\n`, ed25519.keygen()) };
    expect(failures(resigned, key)).toEqual([expect.stringMatching(/^checkpoint signature: no signature by example\.com\/maum-log\+/)]);

    expect(failures({ ...bundle, treeSize: 2 }, key)).toEqual([expect.stringMatching(/^tree size: /)]);
    expect(failures({ ...bundle, entries: [] }, key)).toEqual([expect.stringMatching(/^bundle format: entries/)]);
    expect(failures(bundle, 'nonsense')).toEqual([expect.stringMatching(/^verifier key: /)]);
  });

  it('check an anchor: the anchored checkpoint is the log’s and a prefix of the bundle’s, and it covers the entries it had', () => {
    const { bundle, key, signer, leaves } = anchoredLog();
    expect(verifyBundle(bundle, key)).toMatchObject({
      ok: true,
      anchor: { chainId: 31337, txHash: `0x${'cd'.repeat(32)}`, blockNumber: 7, checkpoint: { origin: ORIGIN, size: 2 }, covers: [1] },
    });
    expect(verifyBundle(threeEntryLog().bundle, threeEntryLog().key)).not.toHaveProperty('anchor');

    const otherRoot = copy(bundle);
    otherRoot.anchor!.checkpoint = sign(formatCheckpoint({ origin: ORIGIN, size: 2, rootHash: leaves[0]! }), signer);
    expect(failures(otherRoot, key)).toEqual([expect.stringMatching(/^anchor consistency: the anchored tree of 2 entries is not a prefix of the checkpoint's 3/)]);

    const foreign = copy(bundle);
    foreign.anchor!.checkpoint = sign(formatCheckpoint({ origin: ORIGIN, size: 2, rootHash: nodeHash(leaves[0]!, leaves[1]!) }), ed25519.keygen());
    expect(failures(foreign, key)).toEqual([expect.stringMatching(/^anchor checkpoint signature: /)]);

    const badProof = copy(bundle);
    badProof.anchor!.consistencyProof = [];
    expect(failures(badProof, key)).toEqual([expect.stringMatching(/^anchor consistency: /)]);

    const badTx = copy(bundle);
    badTx.anchor!.txHash = '0x1234';
    expect(failures(badTx, key)).toEqual([expect.stringMatching(/^bundle format: anchor\.txHash/)]);
  });
});
