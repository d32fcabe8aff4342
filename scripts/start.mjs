// `npm start`: builds the web app when it is missing or older than its sources, then serves Maum with demo data
// seeded on the first run. One process, so Ctrl-C and SIGTERM reach the server's graceful shutdown.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const web = path.join(root, 'web');
const builtIndex = path.join(web, 'dist', 'index.html');

function newestMtime(target) {
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

function webIsStale() {
  if (!existsSync(builtIndex)) return true;
  const sources = [path.join(web, 'src'), path.join(web, 'index.html'), path.join(root, 'protocol', 'src')];
  const newestSource = Math.max(...sources.filter(existsSync).map(newestMtime));
  return newestSource > statSync(builtIndex).mtimeMs;
}

if (webIsStale()) {
  process.stdout.write('Building the web app…\n');
  const build = spawnSync('npm', ['run', 'build', '-w', '@maum/web'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const { register } = await import('tsx/esm/api');
register();
process.argv = [process.argv[0], 'maum', 'serve', '--demo', ...process.argv.slice(2)];
await import(path.join(root, 'server', 'src', 'main.ts'));
