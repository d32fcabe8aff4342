import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { newId } from '../server/src/platform/ids';
import {
  baselineSql,
  closedLoop,
  halfPeakLines,
  inParallel,
  loadLines,
  note,
  pacedLoop,
  postgresSql,
  prepare,
  sessionTokenHashes,
  signUp,
  type Account,
  type HttpClient,
  type LoadResult,
  type Sql,
} from './commerce';
import type { Bench, BenchLine } from './registry';
import type { Engine, MaumServer } from './support';
import { CHECKOUT_SQL, ledgerAccount, SQL, type KnownAccounts } from './statements';
import { TpcbAround, tpcbLines } from './tpcb';

interface Shape {
  /** Buyers, each with one order (checkout, then payment) in flight at a time. */
  buyers: number;
  /** Products of 50 variants each for the uncontended scenario: every order in flight buys a different variant. */
  manyProducts: number;
  warmSeconds: number;
  seconds: number;
}

// 100 orders in flight, as in the other commerce benchmarks; the quick run signs up fewer buyers (each sign-up is
// an Argon2 hash) and lists fewer variants.
const FULL: Shape = { buyers: 100, manyProducts: 60, warmSeconds: 3, seconds: 15 };
const QUICK: Shape = { buyers: 16, manyProducts: 20, warmSeconds: 0.3, seconds: 1.2 };

/** The variants every buyer buys in the contended scenario. */
const HOT_VARIANTS = 10;
const VARIANTS_PER_PRODUCT = 50;
/** Stock of a hot variant: the most a variant may hold, far more than a run sells. */
const HOT_STOCK = 1_000_000;
const SPREAD_STOCK = 10_000;
const PRICE = 1_000;
/** The most one top-up adds: enough for a hundred thousand orders. */
const TOP_UP = 100_000_000;
/** The demo operator (server/src/seed.ts), who approves the bench's seller on PGlite. */
const DEMO_OPERATOR = { handle: 'operator', password: 'maum-demo-1' };
const ADDRESS = { name: 'Kim Minji', phone: '010-1234-5678', postalCode: '04524', line1: '110 Sejong-daero, Jung-gu, Seoul', line2: '3F' };

type Scenario = 'contended' | 'uncontended';

interface Variant {
  id: string;
  productId: string;
  productName: string;
  variantName: string;
}

interface World {
  sellerId: string;
  buyers: Account[];
  hot: Variant[];
  many: Variant[];
}

const variantsOf = (world: World, scenario: Scenario) => (scenario === 'contended' ? world.hot : world.many);

/**
 * An operator's session. On PostgreSQL the server starts without demo data (seeding it takes seconds) and a
 * signed-up account is made an operator in the database, as `maum create-user --role operator` would; PGlite
 * belongs to the running server, so there the demo operator signs in.
 */
async function operatorToken(server: MaumServer, client: HttpClient): Promise<string> {
  if (server.engine === 'pglite') return (await client.json('POST', '/api/auth/login', { body: DEMO_OPERATOR })).token as string;
  const operator = await signUp(client, 'checkout_operator');
  const sql = postgresSql(server.database, 1);
  try {
    await sql.query(`update "users" set "role" = 'operator' where "id" = $1`, [operator.userId]);
  } finally {
    await sql.close();
  }
  return operator.token;
}

/** A seller approved by an operator, with a channel and its products; buyers with money in their wallets. */
async function setUp(server: MaumServer, client: HttpClient, shape: Shape): Promise<World> {
  const [operator, owner] = await Promise.all([operatorToken(server, client), signUp(client, 'checkout_seller')]);
  const applied = await client.json('POST', '/api/sellers', {
    token: owner.token,
    body: { kind: 'small_business', businessName: 'Bench Goods', registrationNumber: '123-45-67890', contactEmail: 'bench@example.com', contactPhone: '010-2222-3333' },
  });
  await client.json('POST', `/api/operator/sellers/${applied.id}/approve`, { token: operator });
  await client.json('PUT', '/api/seller/channel', { token: owner.token, body: { name: 'Bench Goods', description: 'Everything in stock', category: 'living' } });

  const list = async (name: string, count: number, stock: number): Promise<Variant[]> => {
    const created = await client.json('POST', '/api/seller/products', {
      token: owner.token,
      body: { name, variants: Array.from({ length: count }, (_, i) => ({ name: `Option ${i + 1}`, price: PRICE, stock })), giftListing: 'none' },
    });
    const product = created.product as { id: string; name: string; variants: Array<{ id: string; name: string }> };
    return product.variants.map((v) => ({ id: v.id, productId: product.id, productName: product.name, variantName: v.name }));
  };
  const hot = await list('Hot mug', HOT_VARIANTS, HOT_STOCK);
  const many = (
    await inParallel(
      Array.from({ length: shape.manyProducts }, (_, i) => i),
      4,
      (i) => list(`Bowl ${i + 1}`, VARIANTS_PER_PRODUCT, SPREAD_STOCK),
    )
  ).flat();
  note(`${server.engine}: seller ${applied.id} with ${hot.length} hot and ${many.length} other variants`);

  const buyers = await inParallel(
    Array.from({ length: shape.buyers }, (_, i) => i),
    16,
    async (i) => {
      const buyer = await signUp(client, `checkout_buyer${i}`);
      await client.json('POST', '/api/wallet/top-ups', { token: buyer.token, headers: { 'idempotency-key': `bench-top-up-${i}` }, body: { amount: TOP_UP } });
      return buyer;
    },
  );
  note(`${server.engine}: ${buyers.length} buyers`);
  return { sellerId: String(applied.id), buyers, hot, many };
}

/** Maum's side: POST /api/orders, then POST /api/orders/:id/pay with an Idempotency-Key; one order per buyer at a time. */
function maumWork(client: HttpClient, world: World, scenario: Scenario, onAnswer?: (text: string) => void): (worker: number, index: number) => Promise<number> {
  const variants = variantsOf(world, scenario);
  return async (worker, index) => {
    const buyer = world.buyers[worker]!;
    const variant = variants[index % variants.length]!;
    const started = performance.now();
    const checkout = await client.request('POST', '/api/orders', {
      token: buyer.token,
      body: { lines: [{ variantId: variant.id, quantity: 1 }], address: ADDRESS },
    });
    if (checkout.status !== 201) throw client.failure('POST', '/api/orders', checkout);
    const orderId = /"id":"(sor_[0-9a-z]+)"/.exec(checkout.text)?.[1] ?? (JSON.parse(checkout.text) as { id: string }).id;
    const route = `/api/orders/${orderId}/pay`;
    const paid = await client.request('POST', route, { token: buyer.token, headers: { 'idempotency-key': `bench-pay-${orderId}` } });
    if (paid.status !== 200) throw client.failure('POST', route, paid);
    onAnswer?.(paid.text);
    return performance.now() - started;
  };
}

/** How long a checkout holds its stock (the server's default; the baseline's orders are paid well within it). */
const RESERVATION_MS = 15 * 60_000;
/** The delivery address as the server stores it (the phone number without dashes). */
const STORED_ADDRESS = JSON.stringify({ ...ADDRESS, phone: ADDRESS.phone.replace(/-/g, '') });

interface BaselineBuyer {
  userId: string;
  tokenHash: string;
}

/**
 * The baseline: the statements of one order (checkout, then payment) straight through the driver, one order per
 * buyer at a time as in the HTTP load, on the same variants. Reads that Maum runs side by side (the order's view)
 * run side by side here too.
 */
async function baselineWork(sql: Sql, world: World, sampleResponse: string, scenario: Scenario): Promise<(worker: number, index: number) => Promise<number>> {
  const hashes = await sessionTokenHashes(sql, world.buyers.map((b) => b.userId));
  const buyers: BaselineBuyer[] = world.buyers.map((b) => ({ userId: b.userId, tokenHash: hashes.get(b.userId)! }));
  const variants = variantsOf(world, scenario);
  const sellerId = world.sellerId;
  const session = (b: BaselineBuyer) => sql.query(SQL.session, [b.tokenHash, new Date().toISOString()]);
  const view = (b: BaselineBuyer, orderId: string) =>
    Promise.all([sql.query(CHECKOUT_SQL.lines, [orderId]), sql.query(CHECKOUT_SQL.channels, [sellerId]), sql.query(CHECKOUT_SQL.buyer, [b.userId])]);
  const accounts: KnownAccounts = new Map();
  return async (worker, index) => {
    const b = buyers[worker]!;
    const v = variants[index % variants.length]!;
    const started = performance.now();

    // POST /api/orders
    await session(b);
    await sql.query(CHECKOUT_SQL.variants, [v.id]);
    await sql.query(CHECKOUT_SQL.seller, [sellerId]);
    const orderId = newId('sor');
    const created = new Date();
    await sql.transaction(async (q) => {
      if ((await q(CHECKOUT_SQL.reserve, [1, v.id, 1])).length !== 1) throw new Error('the baseline ran out of stock');
      const reservedUntil = new Date(created.getTime() + RESERVATION_MS).toISOString();
      await q(CHECKOUT_SQL.order, [orderId, b.userId, sellerId, 'pending_payment', PRICE, 0, PRICE, null, null, STORED_ADDRESS, null, null, null, null, reservedUntil, created.toISOString(), null, null, null, null, null]);
      await q(CHECKOUT_SQL.line, [orderId, 0, v.id, v.productId, v.productName, v.variantName, null, PRICE, 1]);
    });
    await view(b, orderId);

    // POST /api/orders/:id/pay
    await session(b);
    const key = `bench-base-pay-${orderId}`;
    const fingerprint = createHash('sha256').update(`POST /api/orders/${orderId}/pay\nnull`).digest('hex');
    await sql.query(CHECKOUT_SQL.findOrder, [orderId]);
    await Promise.all([sql.query(CHECKOUT_SQL.channels, [sellerId]), sql.query(CHECKOUT_SQL.buyer, [b.userId])]);
    const paidAt = new Date().toISOString();
    await sql.transaction(async (q) => {
      await q(SQL.claim, [b.userId, key, fingerprint, paidAt]);
      if ((await q(CHECKOUT_SQL.pay, ['paid', paidAt, orderId, 'pending_payment', paidAt])).length !== 1) throw new Error('the baseline could not pay an order');
      await q(CHECKOUT_SQL.seller, [sellerId]);
      await q(CHECKOUT_SQL.lines, [orderId]);
      await q(CHECKOUT_SQL.sell, [1, 1, 1, v.id]);
      const transferKey = `order-payment:${orderId}`;
      const wallet = await ledgerAccount(q, 'user_wallet', b.userId, transferKey, accounts);
      const payable = await ledgerAccount(q, 'seller_payable', sellerId, transferKey, accounts);
      await q(SQL.transfer, [newId('txf'), wallet, payable, PRICE, 'KRW', 'order_payment', orderId, transferKey, new Date().toISOString()]);
      if ((await q(SQL.debit, [PRICE, wallet, true, PRICE])).length !== 1) throw new Error('the baseline ran out of money');
      await q(SQL.credit, [PRICE, payable]);
      await q(CHECKOUT_SQL.certified, [v.productId, 'active']);
      await q(SQL.complete, [200, sampleResponse, b.userId, key]);
    });
    return performance.now() - started;
  };
}

const SCENARIOS: Scenario[] = ['contended', 'uncontended'];

/** CPU seconds a process has used so far (Linux; NaN elsewhere), for the notes. */
function cpuSeconds(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

async function measure(engine: Engine, shape: Shape): Promise<BenchLine[]> {
  const { server, client, world } = await prepare(engine, 'checkout', { demo: engine === 'pglite' }, (server, client) => setUp(server, client, shape));
  try {
    const tpcb = await TpcbAround.open(server, { concurrency: shape.buyers, seconds: shape.seconds, warmSeconds: shape.warmSeconds });
    try {
      let sampleResponse = '';
      const maum = new Map<Scenario, LoadResult>();
      const maumHalf = new Map<Scenario, LoadResult>();
      for (const scenario of SCENARIOS) {
        // The warm-up also makes the seller's payable stripes and warms the JIT.
        await closedLoop(shape.buyers, shape.warmSeconds, maumWork(client, world, scenario, (text) => (sampleResponse ||= text)));
        await server.vacuum();
        await tpcb.around(async () => {
          const cpu = cpuSeconds(server.child.process.pid);
          const result = await closedLoop(shape.buyers, shape.seconds, maumWork(client, world, scenario));
          const serverMs = ((cpuSeconds(server.child.process.pid) - cpu) * 1000) / result.count;
          note(`${engine} ${scenario}: maum ${result.count} orders, ${result.perSecond.toFixed(1)}/s, the server used ${serverMs.toFixed(1)} ms of CPU per order, this process ${result.cores.toFixed(2)} cores`);
          maum.set(scenario, result);
          maumHalf.set(scenario, await pacedLoop(shape.buyers, result.perSecond / 2, shape.seconds, maumWork(client, world, scenario), { warmSeconds: shape.warmSeconds }));
        });
      }
      client.close();
      await server.stopServer();

      const sql = await baselineSql(server);
      try {
        const baselines = new Map<Scenario, LoadResult>();
        const baselinesHalf = new Map<Scenario, LoadResult>();
        for (const scenario of SCENARIOS) {
          const work = await baselineWork(sql, world, sampleResponse, scenario);
          await closedLoop(shape.buyers, shape.warmSeconds, work);
          await sql.query('vacuum analyze');
          const baseline = await closedLoop(shape.buyers, shape.seconds, work);
          baselinesHalf.set(scenario, await pacedLoop(shape.buyers, maum.get(scenario)!.perSecond / 2, shape.seconds, work, { warmSeconds: shape.warmSeconds }));
          const driverMs = (baseline.cores * 1000) / baseline.perSecond;
          note(`${engine} ${scenario}: baseline ${baseline.count} orders, ${baseline.perSecond.toFixed(1)}/s, the driver used ${driverMs.toFixed(1)} ms of CPU per order`);
          baselines.set(scenario, baseline);
        }
        const tpcbs = await tpcb.baselines(sql, SCENARIOS.length);
        return SCENARIOS.flatMap((scenario, i) => {
          const prefix = `maum_${engine}_paid_orders_${scenario}`;
          return [
            ...loadLines(prefix, 'orders/s', maum.get(scenario)!, baselines.get(scenario)!),
            ...halfPeakLines(prefix, maumHalf.get(scenario)!, baselinesHalf.get(scenario)!),
            ...tpcbLines(prefix, 'orders/s', maum.get(scenario)!, maumHalf.get(scenario)!, tpcbs[i]!),
          ];
        });
      } finally {
        await sql.close();
      }
    } finally {
      await tpcb.close();
    }
  } finally {
    await server.dispose();
  }
}

/**
 * Paid shop orders: `buyers` buyers each check out one item (POST /api/orders, which holds the stock) and pay for it
 * from their wallet (POST /api/orders/:id/pay with an Idempotency-Key, which sells the hold and moves the money to the
 * seller's payable), one order at a time each, over HTTP. Two scenarios: every buyer buys from the same 10 variants
 * (stock contention on their rows), and every order in flight buys a different one of thousands of variants. The
 * baseline runs the same SQL statements per order straight through the driver (pg with the server's pool size, or
 * PGlite in this process) on the same database at the same concurrency. A second baseline is the machine's own limit:
 * pgbench's TPC-B transaction (bench/tpcb.ts) through the same driver and pool at the same concurrency, run right
 * before each peak and right after it and its half (`TpcbAround`); the `_vs_tpcb` lines give Maum's orders/s and p99
 * against the mean transactions/s and the p99 of those two runs, and its p99 at half of its peak against TPC-B's at
 * half of TPC-B's own. The `_at_half_peak` lines run Maum at half of its measured peak as an open loop, as long as the
 * peak after a warm-up as long as the peak's, and the baseline at the same rate. On PostgreSQL when DATABASE_URL is
 * set, otherwise on PGlite.
 */
export const checkoutBench: Bench = async ({ quick }) => {
  const shape = quick ? QUICK : FULL;
  if (!process.env.DATABASE_URL) process.stderr.write('checkout: DATABASE_URL is not set, so this runs on PGlite; set it for the PostgreSQL figures\n');
  return measure(process.env.DATABASE_URL ? 'postgres' : 'pglite', shape);
};
