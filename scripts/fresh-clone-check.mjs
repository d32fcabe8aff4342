// The newcomer's path, checked for real: clone the repository into an empty folder, `npm ci`, `npm start` on a
// spare port with an empty data directory, wait for /healthz (60 s at most), and sign in as a demo user.
//
// `--alongside <npm script>` runs that script while the clone installs (at a lower CPU priority, so the script
// keeps its pace), and starts the clone once both are done, so the 60 s to /healthz are timed on a quiet machine.
// `npm test` runs the browser tests that way. The run fails if either part does.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { setPriority, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

const { values: options } = parseArgs({ options: { alongside: { type: 'string' } } });

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const work = await mkdtemp(path.join(tmpdir(), 'maum-fresh-'));
const clone = path.join(work, 'maum');
const started = Date.now();
let server;
let log = '';

let alongsideFailed = '';
function fail(message) {
  process.stderr.write(`✗ fresh-clone check: ${message}\n`);
  if (log) process.stderr.write(`--- npm start output ---\n${log}\n`);
  process.exitCode = 1;
}

/**
 * Runs a command to its end and answers its exit code (1 when a signal ended it or it could not start), and what
 * it printed when its output is piped. `nice` lowers its CPU priority, and that of everything it starts.
 */
function run(command, args, spawnOptions, nice = false) {
  return new Promise((resolve) => {
    const chunks = [];
    const child = spawn(command, args, spawnOptions);
    if (nice && child.pid !== undefined) {
      try {
        setPriority(child.pid, 10);
      } catch {
        // not allowed here: it runs at the usual priority
      }
    }
    child.stdout?.on('data', (chunk) => chunks.push(chunk));
    child.stderr?.on('data', (chunk) => chunks.push(chunk));
    child.on('error', (err) => chunks.push(Buffer.from(`${err.message}\n`)));
    child.on('close', (code) => resolve({ code: code ?? 1, output: Buffer.concat(chunks).toString() }));
  });
}

const freePort = () =>
  new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });

try {
  process.stdout.write(`▶ fresh-clone check: git clone, npm ci, npm start${options.alongside ? ` (installing while npm run ${options.alongside} runs)` : ''}\n`);
  execFileSync('git', ['clone', '--quiet', root, clone], { stdio: 'inherit' });
  const installStart = Date.now();
  let installSeconds = 0;
  // Alongside a script, the install's output waits until the script is done, so the two never interleave.
  const installing = run('npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: clone,
    stdio: ['ignore', options.alongside ? 'pipe' : 'inherit', options.alongside ? 'pipe' : 'inherit'],
  }, Boolean(options.alongside)).then((result) => {
    installSeconds = (Date.now() - installStart) / 1000;
    return result;
  });
  if (options.alongside) {
    const { code } = await run('npm', ['run', options.alongside], { stdio: 'inherit' });
    if (code !== 0) alongsideFailed = `npm run ${options.alongside} failed (exit ${code})`;
    process.stdout.write(`\n▶ fresh-clone check, continued: npm ci in the clone ran alongside npm run ${options.alongside}\n`);
  }
  const installed = await installing;
  process.stdout.write(installed.output);
  if (installed.code !== 0) throw new Error(`npm ci in the fresh clone failed (exit ${installed.code})`);

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
  const alongside = options.alongside ? `, npm run ${options.alongside} included` : '';
  process.stdout.write(`  (fresh-clone check took ${((Date.now() - started) / 1000).toFixed(1)} s${alongside})\n`);
  if (alongsideFailed) {
    process.stderr.write(`✗ ${alongsideFailed}\n`);
    process.exitCode = 1;
  }
}
