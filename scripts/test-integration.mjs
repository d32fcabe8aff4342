// The integration suite, run twice: on PGlite, then on PostgreSQL when DATABASE_URL is set. In CI the
// PostgreSQL pass is required, so a missing DATABASE_URL fails the run instead of skipping it.
import { spawnSync } from 'node:child_process';

function run(label, env) {
  process.stdout.write(`\n▶ integration tests on ${label}\n`);
  const result = spawnSync('npx', ['vitest', 'run', '--project', 'integration'], {
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const { DATABASE_URL, CI } = process.env;
run('PGlite', { MAUM_TEST_DB: 'pglite', DATABASE_URL: '' });

if (DATABASE_URL) {
  run('PostgreSQL', { MAUM_TEST_DB: 'postgres', TEST_DATABASE_URL: DATABASE_URL, DATABASE_URL: '' });
} else if (CI === 'true') {
  process.stderr.write('CI=true but DATABASE_URL is not set: the PostgreSQL pass cannot be skipped in CI.\n');
  process.exit(1);
} else {
  process.stdout.write('\n⚠ skipping the PostgreSQL pass: DATABASE_URL is not set (set it to run the suite on PostgreSQL).\n');
}
