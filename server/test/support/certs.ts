import { execFile } from 'node:child_process';
import path from 'node:path';
import type { LogEntry } from '@maum/protocol';
import { newId } from '../../src/platform/ids';
import type { TestServer } from './test-server';

const root = path.resolve(import.meta.dirname, '../../..');

/** A well-formed log entry; `n` makes each one different. */
export function sampleEntry(n: number): LogEntry {
  const owner = `own_${n.toString(16).padStart(64, '0')}`;
  switch (n % 3) {
    case 0:
      return {
        kind: 'issue',
        certificateId: newId('crt'),
        product: { id: 'prd_test', name: 'Handmade tumbler' },
        seller: { id: 'brd_test', name: 'Clay & Co' },
        serial: `SN-${n}`,
        attributes: { colour: 'celadon', batch: String(n) },
        mediaHash: 'ab'.repeat(32),
        issuedAt: '2026-03-01T09:00:00.000Z',
        owner,
      };
    case 1:
      return { kind: 'transfer', certificateId: newId('crt'), from: owner, to: `own_${'f'.repeat(64)}`, reference: { kind: 'gift', id: `gft_${n}` }, transferredAt: '2026-03-02T09:00:00.000Z' };
    default:
      return { kind: 'revoke', certificateId: newId('crt'), reason: 'issued_in_error', revokedAt: '2026-03-03T09:00:00.000Z' };
  }
}

/** Appends entries (in parallel) until the log has `size` of them; answers their indices. */
export async function growTo(server: TestServer, size: number): Promise<number[]> {
  const now = (await server.request('GET', '/api/log/checkpoint')).body.treeSize as number;
  return server.app.services.certsLog.appendMany(Array.from({ length: size - now }, (_, i) => sampleEntry(now + i)));
}

/** Runs `maum <args>` as its own process without blocking this one (whose test server it may call). */
export function maumCli(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'server/src/main.ts', ...args],
      { cwd: root, env: { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'warn', ...env }, timeout: 60_000 },
      (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** Reads a log file (a tile or entry bundle) over HTTP as bytes. */
export async function fetchLogFile(server: TestServer, path: string): Promise<Uint8Array> {
  const res = await fetch(`${server.url}/log/${path}`);
  if (res.status !== 200) throw new Error(`GET /log/${path}: ${res.status} ${await res.text()}`);
  return new Uint8Array(await res.arrayBuffer());
}
