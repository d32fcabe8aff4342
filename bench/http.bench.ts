import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createApp } from '../server/src/app';
import { loadConfig } from '../server/src/platform/config';
import type { Bench } from './registry';

/** Sends `total` GETs with `concurrency` in flight; answers requests per second. */
async function load(url: string, total: number, concurrency: number, init?: RequestInit): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        next += 1;
        const res = await fetch(url, init);
        if (!res.ok) throw new Error(`${url} answered ${res.status}`);
        await res.arrayBuffer();
      }
    }),
  );
  return total / ((performance.now() - started) / 1000);
}

/**
 * The HTTP stack's overhead: Maum's /healthz (Fastify, Zod serialisation, a database ping) and an authenticated
 * GET /api/me (session lookup), each against a bare node:http server answering the same JSON.
 */
export const httpBench: Bench = async ({ quick }) => {
  const total = quick ? 1500 : 8000;
  const concurrency = 16;

  const bare = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"status":"ok"}');
  });
  await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
  const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/`;

  const dataDir = await mkdtemp(path.join(tmpdir(), 'maum-bench-'));
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'error' });
  config.database = { kind: 'pglite', dir: 'memory://' };
  const app = await createApp(config);
  await app.http.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.http.server.address() as AddressInfo).port}`;
  const { token } = await app.services.accounts.signUp(
    { kind: 'anonymous', ip: '127.0.0.1' },
    { handle: 'bench', displayName: 'Bench', password: 'bench-password-1' },
  );

  try {
    await load(bareUrl, 300, concurrency);
    await load(`${url}/healthz`, 300, concurrency);
    const baseline = await load(bareUrl, total, concurrency);
    const health = await load(`${url}/healthz`, total, concurrency);
    const me = await load(`${url}/api/me`, total, concurrency, { headers: { authorization: `Bearer ${token}` } });
    const line = (metric: string, value: number) => ({
      metric,
      value: Math.round(value),
      unit: 'req/s',
      baseline: Math.round(baseline),
      ratio: Number((value / baseline).toFixed(3)),
    });
    return [line('healthz_throughput_vs_bare_node_http', health), line('authenticated_me_throughput_vs_bare_node_http', me)];
  } finally {
    await app.close();
    await new Promise((resolve) => bare.close(resolve));
    await rm(dataDir, { recursive: true, force: true });
  }
};
