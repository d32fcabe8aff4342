// Runs npm scripts at the same time: `node scripts/side-by-side.mjs typecheck lint`. The first one prints as it
// goes; each of the others prints its output as one block once it and the first have ended, so logs never
// interleave. Exits non-zero when any of them failed. Meant for steps that each keep only one core busy (tsc, ESLint),
// so name the longest one first.
import { spawn } from 'node:child_process';

const names = process.argv.slice(2);
if (names.length === 0) {
  process.stderr.write('usage: node scripts/side-by-side.mjs <npm script>…\n');
  process.exit(2);
}

const started = Date.now();
const seconds = () => ((Date.now() - started) / 1000).toFixed(1);

function run(name, live) {
  return new Promise((resolve) => {
    const chunks = [];
    const child = spawn('npm', ['run', name], { stdio: ['ignore', live ? 'inherit' : 'pipe', live ? 'inherit' : 'pipe'] });
    child.stdout?.on('data', (chunk) => chunks.push(chunk));
    child.stderr?.on('data', (chunk) => chunks.push(chunk));
    child.on('error', (err) => chunks.push(Buffer.from(`${err.message}\n`)));
    child.on('close', (code, signal) => resolve({ name, code, signal, output: Buffer.concat(chunks), took: seconds() }));
  });
}

const [first, ...rest] = names;
const others = rest.map((name) => run(name, false));
const results = [await run(first, true)];
for (const pending of others) {
  const result = await pending;
  process.stdout.write(`\n── npm run ${result.name}, run alongside npm run ${first} ──\n`);
  process.stdout.write(result.output);
  results.push(result);
}

process.stdout.write('\n');
for (const { name, code, signal, took } of results) {
  process.stdout.write(`${code === 0 ? '✓' : '✗'} npm run ${name} ${code === 0 ? 'passed' : `failed (${signal ?? `exit ${code}`})`} in ${took} s\n`);
}
const failed = results.find((r) => r.code !== 0);
if (failed) process.exit(typeof failed.code === 'number' ? failed.code : 1);
