import { parseArgs } from 'node:util';
import { Handle, roles, type Role } from '@maum/protocol';
import type { App } from './app';
import { ConfigError, loadAnchorDeploySettings, loadConfig, type Config } from './platform/config';
import { DataDirInUseError } from './platform/db/data-dir-lock';
import { AppError } from './platform/errors';
import type { DemoLogin } from './seed';

// Each command loads only what it runs: the server for the server's commands, the log's tools for theirs.
const createApp = async (config: Config, command: string) => (await import('./app')).createApp(config, { command });
const certsTools = () => import('./modules/certs');
const chainTools = () => import('./platform/anchor/evm-anchor');
const seedDemo = async (app: App) => (await import('./seed')).seedDemo(app);

const usage = `Usage: maum <command> [options]

Commands:
  serve [--demo]     start the server; --demo seeds demo data on an empty database
  migrate            apply database migrations and exit
  seed               add demo data to an empty database and exit
  create-user --handle <h> --name <display name> --password <p> [--role user|seller|store_staff|operator]
                     create an account (the first account ever created is an operator)
  create-store --brand <brand name or id> --name <store name> [--staff <handle>]
                     open a store where the brand's coupons are redeemed; prints its API key (shown only once)
  verify <bundle.json> --key <verifier key or file> [--rpc <chain JSON-RPC URL>]
                     check a certificate-log proof bundle offline (from GET /api/log/bundle); exits 0 only if
                     every entry, proof and the checkpoint's signature check out; needs no server or database;
                     with --rpc, also checks on the chain the anchoring transaction the bundle names
  log-monitor --url <server> [--key <verifier key or file>] [--state <file>] [--once] [--interval <seconds>]
              [--rpc <chain JSON-RPC URL> [--contract <anchor contract>]]
                     follow a certificate log: check each new checkpoint's signature, its consistency with the
                     last one seen (kept in --state), its root against the served tiles, and its new entries;
                     with --rpc, also that every checkpoint anchored on the chain has the root the log signed;
                     exits non-zero and says so loudly on a fork, a rewritten history or a mismatched anchor
  anchor-deploy      compile the checkpoint anchor contract and deploy it with ANCHOR_RPC_URL, ANCHOR_CHAIN_ID
                     and ANCHOR_PRIVATE_KEY (its owner); prints the address to set as ANCHOR_CONTRACT
`;

function fail(message: string, code = 2): never {
  process.stderr.write(`maum: ${message}\n`);
  process.exit(code);
}

function printDemo(logins: DemoLogin[]): void {
  process.stdout.write('\nDemo accounts (password for all: ' + logins[0]!.password + ')\n');
  for (const login of logins) process.stdout.write(`  ${login.handle.padEnd(10)} ${login.role}\n`);
}

async function serve(config: Config, demo: boolean): Promise<void> {
  const app = await createApp(config, 'serve');
  const demoLogins = demo ? await seedDemo(app) : null;
  await app.http.listen({ port: config.port, host: config.host });
  const address = app.http.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  process.stdout.write(`\nMaum is running at ${config.publicUrl ?? `http://localhost:${port}`}\n`);
  process.stdout.write(`  database: ${app.database.engine === 'pglite' ? `PGlite in ${config.dataDir}` : 'PostgreSQL'}\n`);
  process.stdout.write(`  API docs: http://localhost:${port}/api/docs\n`);
  if (demoLogins) printDemo(demoLogins);
  else if (demo) process.stdout.write('  (demo data was seeded on an earlier run; the demo password is maum-demo-1)\n');

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      process.stderr.write('maum: forced exit\n');
      process.exit(1);
    }
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    app.close().then(
      () => process.exit(0),
      (err: unknown) => {
        app.log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  // An operator's probe: `kill -USR2 <pid>` prints memory use (after a full GC when node runs with --expose-gc).
  process.on('SIGUSR2', () => {
    (globalThis as { gc?: () => void }).gc?.();
    process.stdout.write(`memory ${JSON.stringify({ ...process.memoryUsage(), connections: app.gateway.connectionCount })}\n`);
  });
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

async function withApp(config: Config, command: string, work: (app: App) => Promise<void>): Promise<void> {
  const app = await createApp(config, command);
  try {
    await work(app);
  } finally {
    await app.close();
  }
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    options: {
      demo: { type: 'boolean', default: false },
      handle: { type: 'string' },
      name: { type: 'string' },
      password: { type: 'string' },
      role: { type: 'string', default: 'user' },
      brand: { type: 'string' },
      staff: { type: 'string' },
      key: { type: 'string' },
      url: { type: 'string' },
      state: { type: 'string' },
      once: { type: 'boolean', default: false },
      interval: { type: 'string', default: '60' },
      rpc: { type: 'string' },
      contract: { type: 'string' },
    },
    allowPositionals: true,
    strict: true,
  });
  const out = (line: string) => process.stdout.write(`${line}\n`);
  // The log's own tools need neither configuration nor a database: anyone can run them against any Maum log.
  if (command === 'verify') {
    const bundle = positionals[0];
    if (!bundle || !values.key) fail(`verify needs a bundle file and --key\n${usage}`);
    const chain = values.rpc ? new (await chainTools()).EvmAnchorReader(values.rpc) : undefined;
    process.exit(await (await certsTools()).runVerify(bundle, values.key, out, chain));
  }
  if (command === 'log-monitor') {
    if (!values.url) fail(`log-monitor needs --url\n${usage}`);
    const interval = Number(values.interval);
    if (!(interval > 0)) fail('--interval must be a positive number of seconds');
    if (values.contract && !values.rpc) fail('--contract needs --rpc');
    if (values.contract && !/^0x[0-9a-fA-F]{40}$/.test(values.contract)) fail('--contract must be a contract address: 0x and 40 hex digits');
    const chain = values.rpc ? { reader: new (await chainTools()).EvmAnchorReader(values.rpc), contract: values.contract } : undefined;
    process.exit(
      await (await certsTools()).runLogMonitor({ url: values.url, key: values.key, stateFile: values.state, once: values.once, intervalSeconds: interval, out, chain }),
    );
  }

  if (command === 'anchor-deploy') {
    let settings;
    try {
      settings = loadAnchorDeploySettings(process.env);
    } catch (err) {
      if (err instanceof ConfigError) fail(err.message);
      throw err;
    }
    out(`compiling the anchor contract and deploying it on chain ${settings.chainId}…`);
    const chain = await chainTools();
    const deployed = await chain.deployAnchorContract(settings).catch((err: unknown) => fail(`could not deploy: ${chain.chainErrorMessage(err)}`, 1));
    out(`deployed at ${deployed.contract} in transaction ${deployed.txHash} (block ${deployed.blockNumber}), owned by ${deployed.owner}`);
    out(`set ANCHOR_CONTRACT=${deployed.contract} to anchor the log's checkpoints there`);
    return;
  }

  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message);
    throw err;
  }

  switch (command) {
    case 'serve':
      return serve(config, values.demo);
    case 'migrate':
      return withApp(config, command, async () => {
        process.stdout.write('migrations applied\n');
      });
    case 'seed':
      return withApp(config, command, async (app) => {
        const logins = await seedDemo(app);
        if (logins) printDemo(logins);
        else process.stdout.write('the database already has accounts; nothing seeded\n');
      });
    case 'create-user': {
      const handle = Handle.safeParse(values.handle ?? '');
      if (!handle.success) fail(`--handle: ${handle.error.issues[0]?.message ?? 'required'}`);
      if (!values.password) fail('--password is required');
      if (!roles.includes(values.role as Role)) fail(`--role must be one of ${roles.join(', ')}`);
      return withApp(config, command, async (app) => {
        const first = await app.services.accounts.isEmpty();
        const role = first ? 'operator' : (values.role as Role);
        const user = await app.services.accounts.createUser(
          { handle: handle.data, displayName: values.name ?? handle.data, password: values.password! },
          role,
        );
        process.stdout.write(`created @${user.handle} (${user.id}) with role ${role}${first ? ' (the first account is an operator)' : ''}\n`);
      });
    }
    case 'create-store': {
      if (!values.brand) fail('--brand is required');
      if (!values.name) fail('--name is required');
      return withApp(config, command, async (app) => {
        const system = { kind: 'system' as const };
        const store = await app.services.stores.createStore(system, { brand: values.brand!, name: values.name! });
        if (values.staff) await app.services.stores.addStaffByHandle(system, store.storeId, values.staff);
        process.stdout.write(`${JSON.stringify(store)}\n`);
      });
    }
    default:
      process.stdout.write(usage);
      if (command && command !== 'help' && command !== '--help') process.exit(2);
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  if (err instanceof AppError) fail(`${err.code}: ${err.message}`, 1);
  if (err instanceof DataDirInUseError) fail(err.message);
  if (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS')) fail(`${err.message}\n${usage}`);
  process.stderr.write(`maum: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
