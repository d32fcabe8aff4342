import { ed25519 } from '@noble/curves/ed25519.js';
import { describe, expect, it } from 'vitest';
import { formatCheckpoint, openCheckpoint, parseCheckpoint } from './checkpoint';
import { base64Decode, base64Encode, utf8Decode, utf8ToBytes } from './encoding';
import { canonicalJson, decodeEntry } from './entries';
import { formatNote, formatVerifierKey, parseNote, parseVerifierKey, verifyNote } from './note';
import { decodeEntryBundle, encodeEntryBundle, encodeTileIndex, parseTilePath, tilePath, tileWidthAt } from './tiles';

const text = utf8Decode;

describe('base64', () => {
  it('gives RFC 4648’s test vectors, round-trips every length and refuses non-canonical spellings', () => {
    const vectors = { '': '', f: 'Zg==', fo: 'Zm8=', foo: 'Zm9v', foob: 'Zm9vYg==', fooba: 'Zm9vYmE=', foobar: 'Zm9vYmFy' };
    for (const [plain, encoded] of Object.entries(vectors)) {
      expect(base64Encode(utf8ToBytes(plain))).toBe(encoded);
      expect(text(base64Decode(encoded))).toBe(plain);
    }
    for (let n = 0; n < 40; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n) & 255);
      expect(base64Decode(base64Encode(bytes))).toEqual(bytes);
    }
    for (const bad of ['QQ', 'QR==', 'Q===', 'QQ==\n', 'QQ-_', 'Q Q=']) expect(() => base64Decode(bad)).toThrow();
  });
});

describe('signed notes', () => {
  // The example key and note of the Go note package (golang.org/x/mod/sumdb/note, note_test.go).
  const vkey = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
  const seed = base64Decode('AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz').slice(1);
  const msg = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
  const signed = `${msg}\n— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`;

  it('verifies the Go note package’s example and signs it identically', () => {
    const key = parseVerifierKey(vkey);
    expect(formatVerifierKey(key.name, key.publicKey)).toBe(vkey);
    expect(ed25519.getPublicKey(seed)).toEqual(key.publicKey);
    expect(verifyNote(signed, key)).toEqual({ ok: true, text: msg });
    expect(formatNote(msg, key.name, key.publicKey, ed25519.sign(utf8ToBytes(msg), seed))).toBe(signed);
  });

  it('says which check failed: another key, a changed text, a malformed note', () => {
    const key = parseVerifierKey(vkey);
    const other = ed25519.keygen();
    const byOther = formatNote(msg, 'PeterNeumann', other.publicKey, ed25519.sign(utf8ToBytes(msg), other.secretKey));
    expect(verifyNote(byOther, key)).toMatchObject({ ok: false, reason: expect.stringMatching(/^no signature by PeterNeumann\+c74f20a3/) });
    expect(verifyNote(signed.replace('cryptography', 'cryptograms'), key)).toMatchObject({ ok: false, reason: expect.stringMatching(/does not verify/) });
    expect(verifyNote(msg, key)).toMatchObject({ ok: false, reason: expect.stringMatching(/^malformed signed note/) });
    expect(() => parseNote(`a\u0007b\n\n— x QUJDREVGRw==\n`)).toThrow(/control/);
    expect(() => parseVerifierKey('PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW')).toThrow(/key id/);
  });
});

describe('checkpoints', () => {
  const root = new Uint8Array(32).fill(7);
  it('format and parse the C2SP body, refusing malformed sizes and roots', () => {
    const body = formatCheckpoint({ origin: 'example.com/log', size: 1234, rootHash: root });
    expect(body).toBe('example.com/log\n1234\nBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc=\n');
    expect(parseCheckpoint(body)).toEqual({ origin: 'example.com/log', size: 1234, rootHash: root, extensions: [] });
    expect(parseCheckpoint(`${body}ext one\n`).extensions).toEqual(['ext one']);
    for (const bad of ['o\n01\nAA==\n', 'o\n-1\nAA==\n', 'o\n1\nAAAA\n', `o\n1e3\n${base64Encode(root)}\n`, `o\n1\n${base64Encode(root)}`]) {
      expect(() => parseCheckpoint(bad)).toThrow();
    }
  });

  it('open only with the log’s own key and origin', () => {
    const { secretKey, publicKey } = ed25519.keygen();
    const sign = (origin: string, name: string) => {
      const body = formatCheckpoint({ origin, size: 5, rootHash: root });
      return formatNote(body, name, publicKey, ed25519.sign(utf8ToBytes(body), secretKey));
    };
    const key = formatVerifierKey('example.com/log', publicKey);
    expect(openCheckpoint(sign('example.com/log', 'example.com/log'), key)).toMatchObject({ ok: true, checkpoint: { size: 5 } });
    expect(openCheckpoint(sign('other.org/log', 'example.com/log'), key)).toMatchObject({ ok: false, reason: expect.stringMatching(/^checkpoint origin/) });
    expect(openCheckpoint(sign('example.com/log', 'example.com/log'), 'nonsense')).toMatchObject({ ok: false, reason: expect.stringMatching(/^verifier key/) });
  });
});

describe('tiles', () => {
  it('encode indices as the spec’s path elements', () => {
    expect(encodeTileIndex(0)).toBe('000');
    expect(encodeTileIndex(999)).toBe('999');
    expect(encodeTileIndex(1000)).toBe('x001/000');
    expect(encodeTileIndex(1234067)).toBe('x001/x234/067');
    expect(tilePath({ level: 1, index: 1234067, width: 17 })).toBe('tile/1/x001/x234/067.p/17');
    expect(tilePath({ level: 'entries', index: 5, width: 256 })).toBe('tile/entries/005');
  });

  it('parse only canonical tile paths', () => {
    expect(parseTilePath('0/x001/x234/067.p/17')).toEqual({ level: 0, index: 1234067, width: 17 });
    expect(parseTilePath('entries/000')).toEqual({ level: 'entries', index: 0, width: 256 });
    for (const bad of ['0/1', '0/0001', '0/x000/001', '00/000', '64/000', '0/000.p/0', '0/000.p/256', '0/000.p/017', '0/x001', 'x/000', '0/000/']) {
      expect(parseTilePath(bad), bad).toBeNull();
    }
  });

  it('know how wide each tile is at a tree size', () => {
    expect(tileWidthAt(0, 0, 255)).toBe(255);
    expect(tileWidthAt(0, 0, 256)).toBe(256);
    expect(tileWidthAt(0, 1, 257)).toBe(1);
    expect(tileWidthAt(1, 0, 700)).toBe(2);
    expect(tileWidthAt(1, 0, 255)).toBe(0);
    expect(tileWidthAt('entries', 2, 700)).toBe(188);
  });

  it('bundle entries with big-endian uint16 lengths', () => {
    const entries = [new Uint8Array(0), Uint8Array.of(1, 2, 3), new Uint8Array(300).fill(9)];
    const bundle = encodeEntryBundle(entries);
    expect([...bundle.slice(0, 7)]).toEqual([0, 0, 0, 3, 1, 2, 3]);
    expect([...bundle.slice(7, 9)]).toEqual([1, 44]);
    expect(decodeEntryBundle(bundle)).toEqual(entries);
    expect(() => decodeEntryBundle(bundle.slice(0, -1))).toThrow();
  });
});

describe('entries', () => {
  it('are RFC 8785 canonical JSON', () => {
    // RFC 8785 §3.2.3's ordering example and its number serialisation.
    expect(text(canonicalJson({ b: [1e21, 0.000001, -0, 1.5], a: '€', '\u00e9': null, A: true }))).toBe('{"A":true,"a":"€","b":[1e+21,0.000001,0,1.5],"é":null}');
  });

  it('decode only canonical, well-formed entries', () => {
    const entry = { kind: 'revoke', certificateId: `crt_${'0'.repeat(26)}`, reason: 'counterfeit', revokedAt: '2026-01-02T03:04:05.000Z' };
    expect(decodeEntry(canonicalJson(entry))).toEqual({ ok: true, entry });
    expect(decodeEntry(utf8ToBytes(JSON.stringify(entry)))).toMatchObject({ ok: false, reason: expect.stringMatching(/canonical/) });
    expect(decodeEntry(canonicalJson({ ...entry, extra: 1 }))).toMatchObject({ ok: false, reason: expect.stringMatching(/not a log entry/) });
    expect(decodeEntry(Uint8Array.of(0xff))).toMatchObject({ ok: false, reason: 'not UTF-8 JSON' });
  });
});
