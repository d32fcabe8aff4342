import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  base64Decode,
  decodeEntryBundle,
  leafHash,
  logApi,
  openCheckpoint,
  verifyConsistency,
  verifyInclusion,
  type Checkpoint,
} from '@maum/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app';
import { rootFromTiles, tileHashes } from '../src/modules/certs';
import { loadConfig } from '../src/platform/config';
import { fetchLogFile, growTo, sampleEntry } from './support/certs';
import { prepareDataDir, startTestServer, testEngine, type TestServer } from './support/test-server';

let server: TestServer;
let verifierKey: string;
beforeAll(async () => {
  server = await startTestServer({ TLOG_BATCH_MS: '50' });
  verifierKey = (await server.request('GET', '/log/verifier-key')).body.trim();
});
afterAll(() => server.close());

async function latest(): Promise<Checkpoint & { note: string }> {
  const res = await server.request('GET', '/log/checkpoint');
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
  const opened = openCheckpoint(res.body, verifierKey);
  if (!opened.ok) throw new Error(opened.reason);
  return { ...opened.checkpoint, note: res.body };
}

describe('the certificate log', () => {
  it('starts with a signed checkpoint of the empty tree, under a key made at first start with mode 0600', async () => {
    expect(verifierKey).toMatch(/^localhost\/maum-log\+[0-9a-f]{8}\+[A-Za-z0-9+/]{44}$/);
    const empty = await server.request('GET', '/api/log/checkpoint');
    expect(empty.body).toMatchObject({ origin: 'localhost/maum-log', verifierKey, rootHash: '47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=' });
    const key = await stat(path.join(server.env.DATA_DIR!, 'secrets', 'tlog-signing.key'));
    expect(key.mode & 0o777).toBe(0o600);
  });

  it('gives 500 parallel appends distinct, contiguous indices, each answered once a signed checkpoint covers it', async () => {
    const before = (await latest()).size;
    const indices = await Promise.all(Array.from({ length: 500 }, (_, i) => server.app.services.certsLog.append(sampleEntry(i))));
    expect([...indices].sort((a, b) => a - b)).toEqual(Array.from({ length: 500 }, (_, i) => before + i));
    const checkpoint = await latest();
    expect(checkpoint.size).toBeGreaterThanOrEqual(before + 500);
    for (const index of [before, before + 250, before + 499]) {
      const proof = await server.request('GET', `/api/log/proof/inclusion?index=${index}`);
      expect(proof.status).toBe(200);
      expect(proof.body.checkpoint).toBe(checkpoint.note);
      const ok = verifyInclusion(index, checkpoint.size, base64Decode(proof.body.leafHash), proof.body.proof.map(base64Decode), checkpoint.rootHash);
      expect(ok).toBe(true);
    }
  });

  it('proves every published checkpoint consistent with the latest, and includes entries at older sizes', async () => {
    const old = await latest();
    await growTo(server, old.size + 37);
    const now = await latest();
    const proof = await server.request('GET', `/api/log/proof/consistency?from=${old.size}&to=${now.size}`);
    expect(proof.status).toBe(200);
    expect(verifyConsistency(old.size, now.size, old.rootHash, now.rootHash, proof.body.proof.map(base64Decode))).toBe(true);
    const byDefault = await server.request('GET', `/api/log/proof/consistency?from=${old.size}`);
    expect(byDefault.body).toEqual(proof.body);
    const atOld = await server.request('GET', `/api/log/proof/inclusion?index=3&size=${old.size}`);
    expect(atOld.body.checkpoint).toBe(old.note);
    expect(verifyInclusion(3, old.size, base64Decode(atOld.body.leafHash), atOld.body.proof.map(base64Decode), old.rootHash)).toBe(true);
  });

  it('documents its JSON endpoints in the OpenAPI description', async () => {
    const doc = await server.request('GET', '/api/openapi.json');
    for (const endpoint of Object.values(logApi)) expect(doc.body.paths[endpoint.path]?.get, endpoint.path).toBeDefined();
  });

  it('refuses entries that are not log entries, without taking an index', async () => {
    const log = server.app.services.certsLog;
    const size = (await latest()).size;
    await expect(log.append({ kind: 'revoke', certificateId: 'crt_nope', reason: 'counterfeit', revokedAt: 'today' } as never)).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(log.append({ ...sampleEntry(2), extra: true } as never)).rejects.toMatchObject({ code: 'validation_failed' });
    expect(await log.append(sampleEntry(5))).toBe(size);
  });
});

describe('the tile API', () => {
  it('serves tiles that rebuild the checkpoint root alone, at sizes with partial tiles', async () => {
    // A fresh log, so that the sizes below are the whole tree.
    const fresh = await startTestServer({ TLOG_BATCH_MS: '20' });
    try {
      const fetcher = (p: string) => fetchLogFile(fresh, p);
      const key = (await fresh.request('GET', '/log/verifier-key')).body.trim();
      for (const size of [1, 255, 256, 257, 700]) {
        await growTo(fresh, size);
        const opened = openCheckpoint((await fresh.request('GET', '/log/checkpoint')).body, key);
        if (!opened.ok) throw new Error(opened.reason);
        expect(opened.checkpoint.size).toBe(size);
        expect(Buffer.from(await rootFromTiles(size, fetcher)).toString('base64')).toBe(Buffer.from(opened.checkpoint.rootHash).toString('base64'));
        // The last entry bundle and level-0 tile agree: each entry hashes to its leaf.
        const last = Math.floor((size - 1) / 256);
        const width = size - last * 256;
        const suffix = width < 256 ? `.p/${width}` : '';
        const entries = decodeEntryBundle(await fetcher(`tile/entries/${String(last).padStart(3, '0')}${suffix}`));
        const leaves = tileHashes(await fetcher(`tile/0/${String(last).padStart(3, '0')}${suffix}`));
        expect(entries.map((e) => Buffer.from(leafHash(e)).toString('hex'))).toEqual(leaves.map((h) => Buffer.from(h).toString('hex')));
      }
      const full = await fetch(`${fresh.url}/log/tile/0/000`);
      expect(full.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(full.headers.get('content-type')).toBe('application/octet-stream');
      expect(full.headers.get('access-control-allow-origin')).toBe('*');
      expect((await full.arrayBuffer()).byteLength).toBe(256 * 32);
      const partial = await fetch(`${fresh.url}/log/tile/0/002.p/188`);
      expect(partial.status).toBe(200);
      expect(partial.headers.get('cache-control')).toMatch(/max-age=\d{1,3}$/);
      // A narrower view of a partial tile is a prefix of it; level 1 has the two complete level-8 subtrees.
      expect((await fetchLogFile(fresh, 'tile/0/002.p/5')).length).toBe(5 * 32);
      expect((await fetchLogFile(fresh, 'tile/1/000.p/2')).length).toBe(2 * 32);
    } finally {
      await fresh.close();
    }
  });
});

describe('bad requests', () => {
  const cases: Array<[string, number]> = [
    ['/log/tile/0/999', 404],
    ['/log/tile/0/x001/000', 404],
    ['/log/tile/entries/999', 404],
    ['/log/tile/5/000.p/1', 404],
    ['/log/tile/1/000.p/200', 404],
    ['/log/tile/0/1', 400],
    ['/log/tile/0/0001', 400],
    ['/log/tile/0/000.p/0', 400],
    ['/log/tile/0/000.p/256', 400],
    ['/log/tile/64/000', 400],
    ['/log/tile/-1/000', 400],
    ['/log/tile/abc', 400],
    ['/log/tile/0/x000/001', 400],
    ['/log/nothing', 404],
    ['/api/log/proof/inclusion?index=999999', 404],
    ['/api/log/proof/inclusion?index=0&size=999999', 404],
    ['/api/log/proof/inclusion?index=-1', 400],
    ['/api/log/proof/inclusion?index=1e3', 400],
    ['/api/log/proof/inclusion?index=99999999999999999999', 400],
    ['/api/log/proof/inclusion', 400],
    ['/api/log/proof/consistency?from=10&to=5', 400],
    ['/api/log/proof/consistency?from=1&to=999999', 404],
    ['/api/log/proof/consistency?from=abc', 400],
    ['/api/log/bundle?indices=0,999999', 404],
    ['/api/log/bundle?indices=', 400],
    ['/api/log/bundle?indices=1,,2', 400],
    [`/api/log/bundle?indices=${Array.from({ length: 101 }, (_, i) => i).join(',')}`, 400],
  ];
  it.each(cases)('GET %s answers %i with {code, message}', async (url, status) => {
    const res = await server.request('GET', url);
    expect(res.status).toBe(status);
    expect(res.body).toEqual({ code: expect.any(String), message: expect.any(String) });
  });
});

describe('the log’s identity', () => {
  it('keeps its origin when PUBLIC_URL changes, and refuses to start with another signing key', async () => {
    // The database starts as a copy of the run's migrated one, where `open` looks for it.
    const dataDir = await prepareDataDir(await mkdtemp(path.join(tmpdir(), 'maum-tlog-key-')));
    const open = (env: Record<string, string>) => {
      const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...env });
      config.database = { kind: 'pglite', dir: path.join(dataDir, 'db') };
      return createApp(config);
    };
    try {
      const first = await open({});
      const key = first.services.certsLog.verifierKey;
      await first.services.certsLog.append(sampleEntry(0));
      await first.close();
      const moved = await open({ PUBLIC_URL: 'https://maum.example' });
      expect(moved.services.certsLog.verifierKey).toBe(key);
      expect((await moved.services.certsLog.checkpoint()).origin).toBe('localhost/maum-log');
      await moved.close();
      await expect(open({ TLOG_SIGNING_KEY: randomBytes(32).toString('base64') })).rejects.toThrow(/not signed by this server's key .*TLOG_SIGNING_KEY/);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

if (testEngine !== 'postgres') console.log('skipping "two servers on one PostgreSQL database" on PGlite: PGlite serves one process at a time; it runs in the PostgreSQL pass');
describe('two servers on one PostgreSQL database', () => {
  it.runIf(testEngine === 'postgres')('never give two entries the same index, and keep one consistent history', async () => {
    // A second app with its own connection pool, as a second node would have; it shares the signing key file.
    const other = await createApp(loadConfig({ ...server.env, TLOG_BATCH_MS: '10', TLOG_BATCH_SIZE: '7' }));
    try {
      const start = await latest();
      const [mine, theirs] = await Promise.all([
        Promise.all(Array.from({ length: 300 }, (_, i) => server.app.services.certsLog.append(sampleEntry(i)))),
        Promise.all(Array.from({ length: 300 }, (_, i) => other.services.certsLog.append(sampleEntry(i + 1000)))),
      ]);
      const all = [...mine, ...theirs].sort((a, b) => a - b);
      expect(all).toEqual(Array.from({ length: 600 }, (_, i) => start.size + i));
      const end = await latest();
      const proof = await server.request('GET', `/api/log/proof/consistency?from=${start.size}&to=${end.size}`);
      expect(verifyConsistency(start.size, end.size, start.rootHash, end.rootHash, proof.body.proof.map(base64Decode))).toBe(true);
      expect(Buffer.from(await rootFromTiles(end.size, (p) => fetchLogFile(server, p))).equals(Buffer.from(end.rootHash))).toBe(true);
    } finally {
      await other.close();
    }
  });
  if (testEngine !== 'postgres') console.log('two-node log test: runs in the PostgreSQL pass only (an embedded PGlite database belongs to one process)');
});
