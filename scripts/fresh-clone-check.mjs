// The newcomer's path, checked for real: clone the repository into an empty folder, `npm ci`, `npm start` on a
// spare port with an empty data directory, wait for /healthz (60 s at most), and sign in as a demo user.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const work = await mkdtemp(path.join(tmpdir(), 'maum-fresh-'));
const clone = path.join(work, 'maum');
const started = Date.now();
let server;
let log = '';

function fail(message) {
  process.stderr.write(`✗ fresh-clone check: ${message}\n`);
  if (log) process.stderr.write(`--- npm start output ---\n${log}\n`);
  process.exitCode = 1;
}

const freePort = () =>
  new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });

try {
  process.stdout.write(`▶ fresh-clone check: git clone, npm ci, npm start\n`);
  execFileSync('git', ['clone', '--quiet', root, clone], { stdio: 'inherit' });
  const installStart = Date.now();
  execFileSync('npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: clone, stdio: 'inherit' });
  const installSeconds = (Date.now() - installStart) / 1000;

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const startAt = Date.now();
  server = spawn('npm', ['start'], {
    cwd: clone,
    detached: true,
    env: { ...process.env, PORT: String(port), DATA_DIR: path.join(work, 'data'), DATABASE_URL: '', CI: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout.on('data', (c) => (log += c));
  server.stderr.on('data', (c) => (log += c));

  let healthy = false;
  while (Date.now() - startAt < 60_000 && server.exitCode === null) {
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.status === 200 && (await res.json()).status === 'ok') {
        healthy = true;
        break;
      }
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const toHealthy = (Date.now() - startAt) / 1000;
  if (!healthy) throw new Error(`/healthz was not 200 within 60 s of npm start`);

  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ handle: 'minji', password: 'maum-demo-1' }),
  });
  if (login.status !== 200) throw new Error(`demo login answered ${login.status}: ${await login.text()}`);
  const { token } = await login.json();
  const friends = await (await fetch(`${url}/api/friends`, { headers: { authorization: `Bearer ${token}` } })).json();
  if (!Array.isArray(friends.friends) || friends.friends.length === 0) throw new Error('the demo user has no friends');
  const page = await (await fetch(`${url}/`)).text();
  if (!page.includes('<div id="root"')) throw new Error('the web app is not served at /');
  if (!/Demo accounts/.test(log)) throw new Error('npm start did not print the demo logins');

  process.stdout.write(
    `✓ fresh-clone check passed: npm ci ${installSeconds.toFixed(1)} s; npm start to healthy ${toHealthy.toFixed(1)} s; ` +
      `signed in as minji with ${friends.friends.length} friends\n`,
  );
} catch (err) {
  fail(err instanceof Error ? err.message : String(err));
} finally {
  if (server && server.exitCode === null) {
    const exited = new Promise((r) => server.once('exit', r));
    process.kill(-server.pid, 'SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    if (server.exitCode === null) process.kill(-server.pid, 'SIGKILL');
  }
  await rm(work, { recursive: true, force: true });
  process.stdout.write(`  (fresh-clone check took ${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
}
