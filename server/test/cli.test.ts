import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareDataDir, startServerProcess, startTestServer, testEngine } from './support/test-server';

// The CLI runs as its own process on PGlite in a throwaway data directory, whichever database the suite uses. Each
// directory starts with a copy of the suite's migrated, empty database (see support/global-setup.ts).
const root = path.resolve(import.meta.dirname, '../..');
let dataDir: string;
const env = () => ({ ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'warn', PORT: '0', HOST: '127.0.0.1' });

function maum(args: string[], extraEnv: Record<string, string> = {}) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'server/src/main.ts', ...args], {
    cwd: root,
    env: { ...env(), ...extraEnv },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

beforeAll(async () => {
  dataDir = await prepareDataDir(await mkdtemp(path.join(tmpdir(), 'maum-cli-')));
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

// Everything the CLI does here is on PGlite, so it runs once, in the PGlite pass; the PostgreSQL pass runs only the
// test below that serves from PostgreSQL.
const pglitePass = testEngine === 'pglite';
if (!pglitePass) console.log('cli.test: the CLI on its own PGlite data folders ran in the PGlite pass; this pass runs only the CLI-while-serving test on PostgreSQL');

describe.runIf(pglitePass)('the maum CLI', () => {
  it('stops with one clear line and exit code 2 on a bad setting', () => {
    const result = maum(['serve'], { PORT: 'eighty' });
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^maum: invalid configuration: PORT: /);
  });

  // Each step starts the CLI afresh (migrations included), so these take several seconds on a busy machine.
  it('makes the first account an operator, and later ones get the role asked for', { timeout: 120_000 }, () => {
    const first = maum(['create-user', '--handle', 'founder', '--password', 'founder-pass-1', '--role', 'user']);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/@founder .* role operator/);
    const second = maum(['create-user', '--handle', 'shopkeeper', '--name', 'Shop', '--password', 'shop-pass-12', '--role', 'seller']);
    expect(second.status, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/@shopkeeper .* role seller/);
    const taken = maum(['create-user', '--handle', 'shopkeeper', '--password', 'shop-pass-12']);
    expect(taken.status).toBe(1);
    expect(taken.stderr).toMatch(/handle_taken/);
    const badRole = maum(['create-user', '--handle', 'x1234', '--password', 'shop-pass-12', '--role', 'king']);
    expect(badRole.status).toBe(2);
  });

  it('seeds demo data only into an empty database', { timeout: 120_000 }, async () => {
    const fresh = await prepareDataDir(path.join(dataDir, 'fresh'));
    const seeded = maum(['seed'], { DATA_DIR: fresh });
    expect(seeded.status, seeded.stderr).toBe(0);
    expect(seeded.stdout).toMatch(/minji/);
    const again = maum(['seed'], { DATA_DIR: fresh });
    expect(again.stdout).toMatch(/nothing seeded/);
  });

  it('finishes an in-flight request on SIGTERM, then exits 0', async () => {
    const server = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts', 'serve'], {
      cwd: root,
      env: { ...env(), DATA_DIR: await prepareDataDir(path.join(dataDir, 'shutdown')) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    server.stdout.on('data', (c) => (out += c));
    server.stderr.on('data', (c) => (out += c));
    const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
    await expect.poll(() => /running at http:\/\/localhost:(\d+)/.exec(out)?.[1], { timeout: 30_000 }).toBeTruthy();
    const port = Number(/running at http:\/\/localhost:(\d+)/.exec(out)![1]);

    const login = await fetch(`http://127.0.0.1:${port}/api/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ handle: 'slowpoke', displayName: 'Slow', password: 'slow-pass-12' }),
    });
    const { token } = (await login.json()) as { token: string };

    // An avatar upload whose body arrives in two halves, with SIGTERM sent in between.
    const picture = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#09f' } }).png().toBuffer();
    const boundary = 'maumboundary';
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="a.png"\r\ncontent-type: image/png\r\n\r\n`),
      picture,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          method: 'PUT',
          path: '/api/me/avatar',
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': `multipart/form-data; boundary=${boundary}`,
            'content-length': body.length,
          },
        },
        (res) => {
          let text = '';
          res.on('data', (c) => (text += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on('error', reject);
      req.write(body.subarray(0, 100));
      setTimeout(() => {
        server.kill('SIGTERM');
        setTimeout(() => req.end(body.subarray(100)), 300);
      }, 300);
    });

    const result = await answer;
    expect(result.status, result.text).toBe(200);
    expect(JSON.parse(result.text).avatarUrl).toMatch(/^\/media\/avatars\//);
    expect(await exited).toBe(0);
    // Once stopped, it accepts nothing more.
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  });
});

describe('one process at a time on a PGlite data folder', () => {
  it.runIf(pglitePass)('refuses every command, and a second server, while Maum serves from the folder; runs them once it stops', { timeout: 240_000 }, async () => {
    const folder = await prepareDataDir(path.join(dataDir, 'busy'));
    const server = await startServerProcess({ DATA_DIR: folder, LOG_LEVEL: 'warn' });
    try {
      const commands = [
        ['create-store', '--brand', 'Moonbean Coffee', '--name', 'Seongsu'],
        ['create-user', '--handle', 'latecomer', '--password', 'late-pass-123'],
        ['seed'],
        ['migrate'],
        ['serve'],
      ];
      for (const args of commands) {
        const result = maum(args, { DATA_DIR: folder });
        expect(result.status, `${args[0]}: ${result.stderr}`).toBe(2);
        const lines = result.stderr.trim().split('\n');
        expect(lines).toHaveLength(1);
        expect(lines[0]).toContain(`Maum is serving from this data folder, ${folder} (pid ${server.pid}): stop it first`);
        expect(lines[0]).toContain('DATABASE_URL');
        expect(result.stdout).not.toMatch(/apiKey|created @/);
      }
      // The server was not disturbed.
      expect((await fetch(`${server.url}/healthz`)).ok).toBe(true);
    } finally {
      expect(await server.stop()).toBe(0);
    }
    const after = maum(['create-user', '--handle', 'latecomer', '--password', 'late-pass-123'], { DATA_DIR: folder });
    expect(after.status, after.stderr).toBe(0);
    expect(after.stdout).toMatch(/created @latecomer/);
  });

  it.runIf(pglitePass)('takes over the mark left by a server that died without stopping', { timeout: 120_000 }, async () => {
    const folder = await prepareDataDir(path.join(dataDir, 'crashed'));
    const gone = spawnSync(process.execPath, ['-e', '']);
    await writeFile(path.join(folder, 'db.lock'), `${JSON.stringify({ pid: gone.pid, command: 'serve' })}\n`);
    const result = maum(['migrate'], { DATA_DIR: folder });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/migrations applied/);
  });

  if (testEngine !== 'postgres') console.log('skipping "opens a store from the CLI while Maum serves" on PGlite, where the CLI refuses while serving (tested above); it runs in the PostgreSQL pass');
  it.runIf(testEngine === 'postgres')('on PostgreSQL, opens a store from the CLI while Maum serves, and the server takes its key at once', { timeout: 120_000 }, async () => {
    const server = await startTestServer();
    try {
      await server.app.services.catalogue.seedDemo();
      // The server's environment: its database, and its data folder for the keys it shares with the CLI.
      const opened = maum(['create-store', '--brand', 'Moonbean Coffee', '--name', 'Seongsu'], server.env);
      expect(opened.status, opened.stderr).toBe(0);
      const { apiKey } = JSON.parse(opened.stdout.trim().split('\n').at(-1)!) as { apiKey: string };
      const me = await server.request('GET', '/api/store/me', { headers: { 'x-store-key': apiKey } });
      expect(me.status).toBe(200);
      expect(me.body.name).toBe('Seongsu');
    } finally {
      await server.close();
    }
  });
  if (testEngine !== 'postgres') console.info('cli.test: the CLI-while-serving test on PostgreSQL runs only with MAUM_TEST_DB=postgres');
});
