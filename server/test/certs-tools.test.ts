import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { base64Decode, base64Encode, decodeEntryBundle, encodeEntryBundle, parseNote, verifyBundle, type ProofBundle } from '@maum/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leafHash, LogSigner } from '../src/modules/certs';
import { growTo, maumCli } from './support/certs';
import { startTestServer, type TestServer } from './support/test-server';

// Two logs that sign with the same key under the same origin: what a log showing two histories looks like.
const TLOG_SIGNING_KEY = randomBytes(32).toString('base64');
let a: TestServer;
let b: TestServer;
let dir: string;
let verifierKey: string;
beforeAll(async () => {
  [a, b] = await Promise.all([startTestServer({ TLOG_SIGNING_KEY, TLOG_BATCH_MS: '20' }), startTestServer({ TLOG_SIGNING_KEY, TLOG_BATCH_MS: '20' })]);
  dir = await mkdtemp(path.join(tmpdir(), 'maum-certs-tools-'));
  verifierKey = (await a.request('GET', '/log/verifier-key')).body.trim();
  await growTo(a, 40);
});
afterAll(async () => {
  await Promise.all([a.close(), b.close()]);
  await rm(dir, { recursive: true, force: true });
});

async function bundleOf(indices: number[]): Promise<ProofBundle> {
  const res = await a.request('GET', `/api/log/bundle?indices=${indices.join(',')}`);
  expect(res.status).toBe(200);
  return res.body;
}

const flipFirstBit = (b64: string) => {
  const bytes = base64Decode(b64);
  bytes[0]! ^= 1;
  return base64Encode(bytes);
};

describe('proof bundles', () => {
  it('verify with the log’s key alone, and each tampering fails naming the check it broke', async () => {
    const good = await bundleOf([0, 7, 39]);
    expect(verifyBundle(good, verifierKey)).toMatchObject({ ok: true, checkpoint: { size: 40 }, entries: [{ index: 0 }, { index: 7 }, { index: 39 }] });
    const errors = (bundle: ProofBundle) => {
      const result = verifyBundle(bundle, verifierKey);
      if (result.ok) throw new Error('the tampered bundle verified');
      return result.errors.join('\n');
    };

    const changed = structuredClone(good);
    const entry = JSON.parse(Buffer.from(changed.entries[1]!.entry, 'base64').toString());
    changed.entries[1]!.entry = Buffer.from(JSON.stringify({ ...entry, certificateId: `crt_${'1'.repeat(26)}` })).toString('base64');
    expect(errors(changed)).toMatch(/^entry 1 \(index 7\) leaf hash: .*changed\)\nentry 1 \(index 7\) inclusion: /);

    const flipped = structuredClone(good);
    flipped.entries[2]!.inclusionProof[1] = flipFirstBit(flipped.entries[2]!.inclusionProof[1]!);
    expect(errors(flipped)).toMatch(/^entry 2 \(index 39\) inclusion: the proof does not lead/);

    const resigned = structuredClone(good);
    const other = new LogSigner('localhost/maum-log', randomBytes(32));
    resigned.checkpoint = other.sign(parseNote(good.checkpoint).text);
    expect(errors(resigned)).toMatch(/^checkpoint signature: no signature by localhost\/maum-log\+[0-9a-f]{8}/);

    const resized = { ...structuredClone(good), treeSize: 41 };
    expect(errors(resized)).toMatch(/^tree size: the proofs are for a tree of 41 entries, but the checkpoint is for 40/);
  });

  it('check out with `maum verify` (exit 0), which fails loudly and non-zero on a tampered one', async () => {
    const good = await bundleOf([3, 4]);
    const goodFile = path.join(dir, 'good.json');
    await writeFile(goodFile, JSON.stringify(good));
    const keyFile = path.join(dir, 'key.txt');
    await writeFile(keyFile, `${verifierKey}\n`);
    const ok = await maumCli(['verify', goodFile, '--key', keyFile]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/^ok: 2 entries are in localhost\/maum-log at tree size 40/);

    const bad = structuredClone(good);
    bad.entries[0]!.inclusionProof[0] = flipFirstBit(bad.entries[0]!.inclusionProof[0]!);
    const badFile = path.join(dir, 'bad.json');
    await writeFile(badFile, JSON.stringify(bad));
    const failed = await maumCli(['verify', badFile, '--key', verifierKey]);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/FAILED.*\n.*entry 0 \(index 3\) inclusion/);

    const wrongKey = await maumCli(['verify', goodFile, '--key', new LogSigner('localhost/maum-log', randomBytes(32)).verifierKey]);
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.stdout).toMatch(/checkpoint signature/);
    expect((await maumCli(['verify', goodFile])).code).toBe(2);
  });
});

describe('maum log-monitor', () => {
  const monitor = (server: TestServer, state: string, ...extra: string[]) => maumCli(['log-monitor', '--url', server.url, '--once', '--state', path.join(dir, state), ...extra]);

  it('follows a growing log: pins its key, checks consistency and the tiles each time', async () => {
    const first = await monitor(a, 'follow.json');
    expect(first.code, first.stdout + first.stderr).toBe(0);
    expect(first.stdout).toMatch(/pinned the log's verifier key on first use: localhost\/maum-log\+/);
    expect(first.stdout).toMatch(/ok: localhost\/maum-log has 40 entries/);
    await growTo(a, 300);
    const second = await monitor(a, 'follow.json');
    expect(second.code, second.stdout).toBe(0);
    expect(second.stdout).toMatch(/ok: localhost\/maum-log has 300 entries, root \S+, consistent with 40/);
  });

  it('reports a fork: two different checkpoints signed for the same tree size', async () => {
    expect((await monitor(a, 'fork.json', '--key', verifierKey)).code).toBe(0);
    const size = (await a.request('GET', '/api/log/checkpoint')).body.treeSize;
    await growTo(b, size);
    const forked = await monitor(b, 'fork.json', '--key', verifierKey);
    expect(forked.code).toBe(1);
    expect(forked.stdout).toMatch(/LOG ALARM/);
    expect(forked.stdout).toMatch(new RegExp(`FORK: two different checkpoints are signed for tree size ${size}`));
  });

  it('reports a rewrite: a later checkpoint whose tree does not extend the one seen before', async () => {
    expect((await monitor(a, 'rewrite.json')).code).toBe(0);
    const size = (await a.request('GET', '/api/log/checkpoint')).body.treeSize;
    await growTo(b, size + 25);
    const rewritten = await monitor(b, 'rewrite.json');
    expect(rewritten.code).toBe(1);
    expect(rewritten.stdout).toMatch(new RegExp(`REWRITE: the checkpoint for ${size + 25} entries .* does not extend the one for ${size}`));
  });

  it('reports entries rewritten together with their leaf tile, where the tile is not on the right edge of the tree', async () => {
    // A log that serves entry 5 changed, and level-0 tile 0 with that entry's new leaf hash, but signs the true root.
    // Past one full tile, so tile 0/000 is not on the tree's right edge.
    await growTo(a, Math.max(300, (await a.request('GET', '/api/log/checkpoint')).body.treeSize as number));
    const proxy = createServer((req, res) => {
      void (async () => {
        const upstream = await fetch(`${a.url}${req.url}`);
        let body: Uint8Array = new Uint8Array(await upstream.arrayBuffer());
        if (req.url === '/log/tile/entries/000' || req.url === '/log/tile/0/000') {
          const bundle = new Uint8Array(await (await fetch(`${a.url}/log/tile/entries/000`)).arrayBuffer());
          const entries = decodeEntryBundle(bundle);
          // Still a well-formed, canonical entry: only its certificate id differs.
          const text = new TextDecoder().decode(entries[5]);
          const at = text.indexOf('"crt_') + 5;
          const changed = new TextEncoder().encode(`${text.slice(0, at)}${text[at] === 'a' ? 'b' : 'a'}${text.slice(at + 1)}`);
          entries[5] = changed;
          if (req.url.includes('entries')) body = encodeEntryBundle(entries);
          else body.set(leafHash(changed), 5 * 32);
        }
        res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/octet-stream' });
        res.end(body);
      })();
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
      const res = await maumCli(['log-monitor', '--url', url, '--once', '--key', verifierKey]);
      expect(res.code, res.stdout + res.stderr).toBe(1);
      expect(res.stdout).toMatch(/TILES: tile 0\/0 does not hash up to its place in tile 1\/0/);
    } finally {
      proxy.close();
    }
  });

  it('refuses a checkpoint signed by a key other than the pinned one', async () => {
    const other = new LogSigner('localhost/maum-log', randomBytes(32)).verifierKey;
    const res = await monitor(a, 'other-key.json', '--key', other);
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/BAD CHECKPOINT: checkpoint signature: no signature by/);
  });
});
