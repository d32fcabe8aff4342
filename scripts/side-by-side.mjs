// Runs npm scripts at the same time and prints each one's output as one block when it ends, so their logs do not
// interleave: `node scripts/side-by-side.mjs lint typecheck`. Exits non-zero when any of them failed. Meant for
// checks that each keep one core busy (ESLint, tsc), which a second core would otherwise leave waiting.
import { spawn } from 'node:child_process';

const names = process.argv.slice(2);
if (names.length === 0) {
  process.stderr.write('usage: node scripts/side-by-side.mjs <npm script>…\n');
  process.exit(2);
}

const started = Date.now();
const results = await Promise.all(
  names.map(
    (name) =>
      new Promise((resolve) => {
        const chunks = [];
        const child = spawn('npm', ['run', name], { stdio: ['ignore', 'pipe', 'pipe'] });
        child.stdout.on('data', (chunk) => chunks.push(chunk));
        child.stderr.on('data', (chunk) => chunks.push(chunk));
        child.on('error', (err) => chunks.push(Buffer.from(`${err.message}\n`)));
        child.on('close', (code, signal) => {
          const seconds = ((Date.now() - started) / 1000).toFixed(1);
          const ok = code === 0;
          process.stdout.write(`\n${ok ? '✓' : '✗'} npm run ${name} ${ok ? 'passed' : `failed (${signal ?? `exit ${code}`})`} after ${seconds} s\n`);
          process.stdout.write(Buffer.concat(chunks));
          resolve({ name, ok, code });
        });
      }),
  ),
);

const failed = results.filter((r) => !r.ok);
if (failed.length > 0) {
  process.stderr.write(`\n✗ failed: ${failed.map((r) => `npm run ${r.name}`).join(', ')}\n`);
  process.exit(failed.find((r) => typeof r.code === 'number' && r.code !== 0)?.code ?? 1);
}
