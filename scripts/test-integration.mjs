// The integration suite, run twice: on PGlite, then on PostgreSQL when DATABASE_URL is set. In CI the
// PostgreSQL pass is required, so a missing DATABASE_URL fails the run instead of skipping it.
import { spawnSync } from 'node:child_process';
import { connect } from 'node:net';

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

function reachable(url) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port || 4222) }, () => {
      socket.end();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
    socket.setTimeout(2000, () => {
      socket.destroy();
      resolve(false);
    });
  });
}

if (DATABASE_URL) {
  // The PostgreSQL pass runs as a scale-out deployment: its servers fan out through NATS.
  const natsUrl = process.env.NATS_URL || 'nats://127.0.0.1:4222';
  const natsUp = await reachable(natsUrl);
  if (!natsUp && CI === 'true') {
    process.stderr.write(`CI=true but NATS is not reachable at ${natsUrl}: the multi-node tests cannot be skipped in CI.\n`);
    process.exit(1);
  }
  if (!natsUp) process.stdout.write(`\n⚠ NATS is not reachable at ${natsUrl}: the PostgreSQL pass uses the in-process bus and skips the multi-node tests.\n`);
  run('PostgreSQL', {
    MAUM_TEST_DB: 'postgres',
    TEST_DATABASE_URL: DATABASE_URL,
    DATABASE_URL: '',
    ...(natsUp ? { TEST_NATS_URL: natsUrl } : {}),
  });
} else if (CI === 'true') {
  process.stderr.write('CI=true but DATABASE_URL is not set: the PostgreSQL pass cannot be skipped in CI.\n');
  process.exit(1);
} else {
  process.stdout.write('\n⚠ skipping the PostgreSQL pass: DATABASE_URL is not set (set it to run the suite on PostgreSQL).\n');
}
