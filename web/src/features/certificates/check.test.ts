import { ed25519 } from '@noble/curves/ed25519.js';
import { describe, expect, it } from 'vitest';
import { base64Encode, canonicalJson, formatCheckpoint, formatNote, formatVerifierKey, leafHash, nodeHash, PROOF_BUNDLE_FORMAT, utf8ToBytes, type LogEntry, type ProofBundle } from '@maum/protocol';
import { checkCertificate, currentOwner, explorerTxUrl, keyIdOf, parseSerials, shortHash, shortPseudonym } from './check';

const ORIGIN = 'example.com/maum-log';
const CERT = `crt_${'a'.repeat(26)}`;
const OTHER = `crt_${'b'.repeat(26)}`;
const alice = `own_${'1a2b'.padEnd(62, '0')}9f`;
const bob = `own_${'c'.repeat(64)}`;

const issue = (certificateId = CERT): LogEntry => ({
  kind: 'issue',
  certificateId,
  product: { id: 'p1', name: 'Bag' },
  seller: { id: 's1', name: 'Shop' },
  serial: 'SN-1',
  attributes: {},
  mediaHash: '0'.repeat(64),
  issuedAt: '2026-01-01T00:00:00.000Z',
  owner: alice,
});
const transfer = (): LogEntry => ({ kind: 'transfer', certificateId: CERT, from: alice, to: bob, reference: { kind: 'gift', id: 'g1' }, transferredAt: '2026-01-02T00:00:00.000Z' });

/** A two-entry log: root = H(l0, l1). */
function twoEntryLog(first: LogEntry, second: LogEntry) {
  const key = ed25519.keygen();
  const [e0, e1] = [canonicalJson(first), canonicalJson(second)];
  const [l0, l1] = [leafHash(e0), leafHash(e1)];
  const text = formatCheckpoint({ origin: ORIGIN, size: 2, rootHash: nodeHash(l0, l1) });
  const bundle: ProofBundle = {
    format: PROOF_BUNDLE_FORMAT,
    verifierKey: formatVerifierKey(ORIGIN, key.publicKey),
    checkpoint: formatNote(text, ORIGIN, key.publicKey, ed25519.sign(utf8ToBytes(text), key.secretKey)),
    treeSize: 2,
    entries: [
      { index: 0, entry: base64Encode(e0), leafHash: base64Encode(l0), inclusionProof: [base64Encode(l1)] },
      { index: 1, entry: base64Encode(e1), leafHash: base64Encode(l1), inclusionProof: [base64Encode(l0)] },
    ],
  };
  return { bundle, key: bundle.verifierKey, sign: (t: string) => formatNote(t, ORIGIN, key.publicKey, ed25519.sign(utf8ToBytes(t), key.secretKey)), leaves: [l0, l1] };
}

describe('certificate checks', () => {
  it('shorten a pseudonym', () => {
    expect(shortPseudonym(alice)).toBe('own_1a2b…9f');
    expect(shortPseudonym('own_ab')).toBe('own_ab');
  });

  it('read the current owner from the entries in log order', () => {
    expect(currentOwner([{ index: 1, entry: transfer() }, { index: 0, entry: issue() }])).toBe(bob);
    expect(currentOwner([{ index: 0, entry: issue() }])).toBe(alice);
    expect(currentOwner([])).toBeNull();
  });

  it('read serials one per line', () => {
    expect(parseSerials(' A1 \n\nB2\nA1\n')).toEqual(['A1', 'B2']);
  });

  it('reads a key id', () => {
    expect(keyIdOf('example.com/log+abcd1234+AAAA')).toBe('example.com/log+abcd1234');
  });

  it('pass a genuine bundle for the certificate and its owner', () => {
    const { bundle, key } = twoEntryLog(issue(), transfer());
    expect(checkCertificate({ id: CERT, owner: bob }, bundle, key)).toMatchObject({ ok: true, checkpoint: { origin: ORIGIN, size: 2 } });
  });

  it('fail on another key, another certificate, another owner or a changed entry', () => {
    const { bundle, key } = twoEntryLog(issue(), transfer());
    const stranger = formatVerifierKey(ORIGIN, ed25519.keygen().publicKey);
    expect(checkCertificate({ id: CERT, owner: bob }, bundle, stranger)).toMatchObject({ ok: false, failure: { check: 'key' } });
    expect(checkCertificate({ id: OTHER, owner: bob }, bundle, key)).toMatchObject({ ok: false, failure: { check: 'certificate', found: CERT } });
    expect(checkCertificate({ id: CERT, owner: alice }, bundle, key)).toMatchObject({ ok: false, failure: { check: 'owner', logOwner: bob } });
    const changed = { ...bundle, entries: [{ ...bundle.entries[0]!, entry: base64Encode(canonicalJson(issue(OTHER))) }, bundle.entries[1]!] };
    expect(checkCertificate({ id: CERT, owner: bob }, changed, key)).toMatchObject({ ok: false, failure: { check: 'proof' } });
  });

  it('pass on the anchor a bundle names, with the entries it covers, and fail when the anchored root is not the log’s', () => {
    const { bundle, key, sign, leaves } = twoEntryLog(issue(), transfer());
    const txHash = `0x${'9'.repeat(64)}`;
    const anchor = { chainId: 11155111, contract: `0x${'1'.repeat(40)}`, txHash, blockNumber: 42, checkpoint: sign(formatCheckpoint({ origin: ORIGIN, size: 1, rootHash: leaves[0]! })), consistencyProof: [base64Encode(leaves[1]!)] };
    expect(checkCertificate({ id: CERT, owner: bob }, { ...bundle, anchor }, key)).toMatchObject({ ok: true, anchor: { chainId: 11155111, txHash, blockNumber: 42, checkpoint: { size: 1 }, covers: [0] } });
    expect(checkCertificate({ id: CERT, owner: bob }, bundle, key)).not.toHaveProperty('anchor');
    const otherRoot = { ...anchor, checkpoint: sign(formatCheckpoint({ origin: ORIGIN, size: 1, rootHash: leaves[1]! })) };
    expect(checkCertificate({ id: CERT, owner: bob }, { ...bundle, anchor: otherRoot }, key)).toMatchObject({ ok: false, failure: { check: 'proof', messages: [expect.stringMatching(/^anchor consistency/)] } });
    expect(explorerTxUrl(11155111, txHash)).toBe(`https://sepolia.etherscan.io/tx/${txHash}`);
    expect(explorerTxUrl(31337, txHash)).toBeNull();
    expect(explorerTxUrl(1, 'javascript:alert(1)')).toBeNull();
    expect(shortHash(txHash)).toBe('0x9999…9999');
  });
});
