import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataDirInUseError, lockDataDir } from './data-dir-lock';

let root: string;
let dir: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'maum-lock-'));
  dir = path.join(root, 'db');
});
afterEach(() => rm(root, { recursive: true, force: true }));

const lockFile = () => `${dir}.lock`;
const leave = (pid: number, command = 'serve') => writeFile(lockFile(), `${JSON.stringify({ pid, command })}\n`);

describe('the PGlite data folder lock', () => {
  it('is held until released, refusing a second holder meanwhile, and says who holds it', async () => {
    const release = await lockDataDir(dir, 'serve');
    const second = await lockDataDir(dir, 'migrate').catch((err: unknown) => err);
    expect(second).toBeInstanceOf(DataDirInUseError);
    expect((second as Error).message).toContain(`Maum is serving from this data folder, ${root} (pid ${process.pid})`);
    await release();
    expect(existsSync(lockFile())).toBe(false);
    await (await lockDataDir(dir, 'migrate'))();
  });

  it('refuses while another live process holds it, naming its command', async () => {
    await leave(process.ppid, 'create-store');
    const refused = await lockDataDir(dir, 'serve').catch((err: unknown) => err);
    expect((refused as Error).message).toMatch(new RegExp(`^maum create-store is using this data folder, .* \\(pid ${process.ppid}\\)`));
    expect(JSON.parse(await readFile(lockFile(), 'utf8'))).toEqual({ pid: process.ppid, command: 'create-store' });
  });

  it('takes over a lock whose process is gone, or that names this pid from an earlier life', async () => {
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    await leave(gone);
    const release = await lockDataDir(dir, 'serve');
    expect(JSON.parse(await readFile(lockFile(), 'utf8'))).toEqual({ pid: process.pid, command: 'serve' });
    await release();

    await leave(process.pid);
    await (await lockDataDir(dir, 'serve'))();
    expect(existsSync(lockFile())).toBe(false);
  });

  it('lets one of two concurrent takers in', async () => {
    const results = await Promise.allSettled([lockDataDir(dir, 'serve'), lockDataDir(dir, 'serve')]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    await (results.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<() => Promise<void>>).value();
  });
});
