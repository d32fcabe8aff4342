import { createHash, randomBytes } from 'node:crypto';
import type WebSocket from 'ws';
import { newId } from '../server/src/platform/ids';
import {
  baselineSql,
  closedLoop,
  halfPeakLines,
  inParallel,
  loadLines,
  note,
  openSocket,
  pacedLoop,
  prepare,
  sessionTokenHashes,
  signUp,
  type Account,
  type HttpClient,
  type Prepared,
  type Sql,
} from './commerce';
import type { Bench, BenchLine } from './registry';
import type { Engine, MaumServer } from './support';
import { ledgerAccount, SQL, type KnownAccounts } from './statements';
import { TpcbAround, tpcbLines } from './tpcb';

interface Shape {
  /** People round a ring: each buys gifts for the next `fanOut` people, one purchase in flight per (sender, recipient). */
  people: number;
  fanOut: number;
  warmSeconds: number;
  seconds: number;
}

// 100 purchases in flight by 100 different senders; the quick run signs up fewer people (each sign-up is an
// Argon2 hash) and has each send to four friends at once.
const FULL: Shape = { people: 100, fanOut: 1, warmSeconds: 3, seconds: 15 };
const QUICK: Shape = { people: 16, fanOut: 4, warmSeconds: 0.3, seconds: 1.2 };

const concurrency = (shape: Shape) => shape.people * shape.fanOut;

/** Worker `w`'s pair: sender w mod people, and the sender's (w div people + 1)-th next person as the recipient. */
function pairOf<T>(people: T[], worker: number): { sender: T; recipient: T } {
  const sender = worker % people.length;
  return { sender: people[sender]!, recipient: people[(sender + 1 + Math.floor(worker / people.length)) % people.length]! };
}

/** The most one top-up adds; each person tops up `TOP_UPS` times, enough for the fastest machine's runs and baselines. */
const TOP_UP = 100_000_000;
const TOP_UPS = 4;
const CARD = { template: 'thanks', text: 'A small thank-you' };

type Person = Account;

interface Product {
  id: string;
  price: number;
  name: string;
  brandName: string;
}

/** What the baseline needs to replay a purchase: the people, the products and the shapes of the stored JSON. */
interface World {
  people: Person[];
  products: Product[];
  /** One real answer to POST /api/gifts, stored again as the idempotent response. */
  sampleResponse: string;
}

interface BaselineSender {
  userId: string;
  recipientId: string;
  tokenHash: string;
  directKey: string;
}

/**
 * The baseline: the statements of one purchase, straight through the driver, by `senders` workers at once (one
 * purchase in flight each, as in the HTTP load): the key claimed and answered in the purchase's transaction, the
 * card's message and its outbox row cleared in another. The latency stops where Maum publishes the message.
 */
async function baselineWork(sql: Sql, world: World, shape: Shape): Promise<(worker: number, index: number) => Promise<number>> {
  const hashes = await sessionTokenHashes(sql, world.people.map((p) => p.userId));
  const senders: BaselineSender[] = Array.from({ length: concurrency(shape) }, (_, worker) => {
    const { sender, recipient } = pairOf(world.people, worker);
    return {
      userId: sender.userId,
      recipientId: recipient.userId,
      tokenHash: hashes.get(sender.userId)!,
      directKey: [sender.userId, recipient.userId].sort().join(':'),
    };
  });
  const fingerprint = createHash('sha256').update('POST /api/gifts').digest('hex');
  const accounts: KnownAccounts = new Map();
  return async (worker, index) => {
    const s = senders[worker]!;
    const product = world.products[index % world.products.length]!;
    const started = performance.now();
    const now = new Date();
    const at = now.toISOString();
    const key = `bench-base-${randomBytes(9).toString('hex')}`;
    await sql.query(SQL.session, [s.tokenHash, at]);
    await sql.query(SQL.product, [product.id]);
    await Promise.all([sql.query(SQL.friendsAmong, [s.userId, s.recipientId, 'friend', 'hidden']), sql.query(SQL.blockers, [s.userId, 'blocked'])]);
    const orderId = newId('ord');
    const giftId = newId('gft');
    await sql.query(SQL.users, [s.userId, s.recipientId]);
    const cardId = newId('coc');
    const clientMsgId = `gift-sent-${giftId}`;
    const card = {
      type: 'gift',
      event: 'sent',
      giftId,
      productName: product.name,
      brandName: product.brandName,
      imageUrl: `/api/shop/products/${product.id}/image`,
      card: CARD,
      expiresAt: null,
      daysLeft: null,
    };
    const body = JSON.stringify({ text: `Gift: ${product.name}`, card });
    await sql.transaction(async (q) => {
      await q(SQL.claim, [s.userId, key, fingerprint, at]);
      const transferKey = `gift-order:${orderId}`;
      const wallet = await ledgerAccount(q, 'user_wallet', s.userId, transferKey, accounts);
      const liability = await ledgerAccount(q, 'coupon_liability', '', transferKey, accounts);
      const transferAt = new Date().toISOString();
      await q(SQL.transfer, [newId('txf'), wallet, liability, product.price, 'KRW', 'gift_purchase', orderId, transferKey, transferAt]);
      const debited = await q(SQL.debit, [product.price, wallet, true, product.price]);
      if (debited.length !== 1) throw new Error('the baseline ran out of money');
      await q(SQL.credit, [product.price, liability]);
      await q(SQL.order, [orderId, s.userId, product.id, product.price, at]);
      await q(SQL.gift, [giftId, orderId, s.userId, s.recipientId, product.id, null, CARD.template, CARD.text, product.price, 'delivered', at, at]);
      await q(SQL.popularity, [1, product.id]);
      await q(SQL.oweCard, [cardId, 'direct', s.userId, s.recipientId, clientMsgId, body, at]);
      await q(SQL.complete, [201, world.sampleResponse, s.userId, key]);
    });
    const [room] = await sql.query(SQL.directRoom, [s.directKey]);
    const roomId = String(room!.id);
    await sql.query(SQL.membersAmong, [roomId, s.userId]);
    await sql.query(SQL.blockers, [s.userId, 'blocked']);
    await sql.transaction(async (q) => {
      const sentAt = new Date().toISOString();
      const [seq] = await q(SQL.nextSeq, [1, sentAt, roomId]);
      const last = Number(seq!.last_seq);
      await q(SQL.message, [newId('msg'), roomId, last, s.userId, clientMsgId, 'card', body, sentAt, null]);
      await q(SQL.readUpTo, [s.userId, last, roomId]);
      await q(SQL.clearCard, [cardId]);
    });
    return performance.now() - started;
  };
}

/** Gift messages seen by the recipients' sockets, by gift id. */
class Arrivals {
  private readonly seen = new Map<string, number>();
  private readonly waiting = new Map<string, (at: number) => void>();

  listen(ws: WebSocket): void {
    ws.on('message', (data) => {
      const text = data.toString();
      if (!text.startsWith('{"t":"msg"') || !text.includes('"kind":"card"')) return;
      const at = performance.now();
      const giftId = (JSON.parse(text) as { body: { card: { giftId?: string } } }).body.card.giftId;
      if (!giftId) return;
      const waiter = this.waiting.get(giftId);
      if (waiter) {
        this.waiting.delete(giftId);
        waiter(at);
      } else this.seen.set(giftId, at);
    });
  }

  /** When the gift's message reached its recipient (waiting for it if it has not yet). */
  arrival(giftId: string): Promise<number> {
    const at = this.seen.get(giftId);
    if (at !== undefined) {
      this.seen.delete(giftId);
      return Promise.resolve(at);
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the gift message for ${giftId} never arrived`)), 30_000);
      this.waiting.set(giftId, (t) => {
        clearTimeout(timer);
        resolve(t);
      });
    });
  }
}

async function setUp(server: MaumServer, client: HttpClient, shape: Shape): Promise<{ people: Person[]; products: Product[] }> {
  const people: Person[] = await inParallel(
    Array.from({ length: shape.people }, (_, i) => i),
    16,
    (i) => signUp(client, `gift_bench${i}`, `Gift bench ${i}`),
  );
  note(`${server.engine}: signed up`);
  await inParallel(people, 16, async (person, i) => {
    for (let k = 1; k <= shape.fanOut; k++) {
      const friend = people[(i + k) % people.length]!;
      await client.json('POST', '/api/friends', { token: person.token, body: { handle: friend.handle } });
    }
    for (let k = 0; k < TOP_UPS; k++) {
      await client.json('POST', '/api/wallet/top-ups', { token: person.token, headers: { 'idempotency-key': `bench-top-up-${i}-${k}` }, body: { amount: TOP_UP } });
    }
  });
  const shop = await client.json('GET', '/api/shop/products?sort=popular', { token: people[0]!.token });
  const products: Product[] = (shop.products as Array<{ id: string; kind: string; options: unknown[]; price: { amount: number }; name: string; brand: { name: string } }>)
    .filter((p) => p.kind === 'exchange' && p.options.length === 0)
    .map((p) => ({ id: p.id, price: p.price.amount, name: p.name, brandName: p.brand.name }));
  if (products.length === 0) throw new Error('the demo shop has no products');
  note(`${server.engine}: ${people.length} people, ${products.length} products`);
  return { people, products };
}

/** Maum's side: POST /api/gifts with an Idempotency-Key, done when the recipient's socket has the gift message. */
function maumWork(client: HttpClient, arrivals: Arrivals, world: { people: Person[]; products: Product[] }, onAnswer?: (text: string) => void) {
  return async (worker: number, index: number): Promise<number> => {
    const { sender, recipient } = pairOf(world.people, worker);
    const product = world.products[index % world.products.length]!;
    const started = performance.now();
    const res = await client.request('POST', '/api/gifts', {
      token: sender.token,
      headers: { 'idempotency-key': `bench-gift-${index}-${randomBytes(6).toString('hex')}` },
      body: { productId: product.id, recipientIds: [recipient.userId], card: CARD },
    });
    if (res.status !== 201) throw client.failure('POST', '/api/gifts', res);
    onAnswer?.(res.text);
    const giftId = /"gifts":\[\{"id":"(gft_[0-9a-z]+)"/.exec(res.text)?.[1] ?? (JSON.parse(res.text) as { gifts: Array<{ id: string }> }).gifts[0]!.id;
    return (await arrivals.arrival(giftId)) - started;
  };
}

async function measure({ server, client, world }: Prepared<{ people: Person[]; products: Product[] }>, shape: Shape): Promise<BenchLine[]> {
  const tpcb = await TpcbAround.open(server, { concurrency: concurrency(shape), seconds: shape.seconds, warmSeconds: shape.warmSeconds });
  try {
    return await measureBeside({ server, client, world }, shape, tpcb);
  } finally {
    await tpcb.close();
  }
}

async function measureBeside({ server, client, world }: Prepared<{ people: Person[]; products: Product[] }>, shape: Shape, tpcb: TpcbAround): Promise<BenchLine[]> {
  const engine = server.engine;
  const arrivals = new Arrivals();
  const sockets = await inParallel(world.people, 16, async (person) => {
    const ws = await openSocket(server.port, person.token);
    arrivals.listen(ws);
    return ws;
  });
  let sampleResponse = '';
  // The first purchase of each pair opens their direct room and ledger accounts; the warm-up also warms the JIT.
  await closedLoop(concurrency(shape), shape.warmSeconds, maumWork(client, arrivals, world, (text) => (sampleResponse ||= text)));
  await server.vacuum();
  note(`${engine}: warmed up`);
  const { maum, maumHalf } = await tpcb.around(async () => {
    const maum = await closedLoop(concurrency(shape), shape.seconds, maumWork(client, arrivals, world));
    note(`${engine}: maum ${maum.count} purchases, ${maum.perSecond.toFixed(1)}/s, this process used ${maum.cores.toFixed(2)} cores`);
    return { maum, maumHalf: await pacedLoop(concurrency(shape), maum.perSecond / 2, shape.seconds, maumWork(client, arrivals, world), { warmSeconds: shape.warmSeconds }) };
  });
  const halfRate = maum.perSecond / 2;
  for (const ws of sockets) ws.terminate();
  client.close();
  await server.stopServer();

  const sql = await baselineSql(server);
  note(`${engine}: baseline database open`);
  try {
    const full: World = { ...world, sampleResponse };
    const work = await baselineWork(sql, full, shape);
    await closedLoop(concurrency(shape), shape.warmSeconds, work);
    await sql.query('vacuum analyze');
    const baseline = await closedLoop(concurrency(shape), shape.seconds, work);
    const baselineHalf = await pacedLoop(concurrency(shape), halfRate, shape.seconds, work, { warmSeconds: shape.warmSeconds });
    note(`${engine}: baseline ${baseline.count} purchases, ${baseline.perSecond.toFixed(1)}/s, this process used ${baseline.cores.toFixed(2)} cores`);
    const [around] = await tpcb.baselines(sql, 1);
    const prefix = `maum_${engine}_gift_purchases`;
    return [...loadLines(prefix, 'purchases/s', maum, baseline), ...halfPeakLines(prefix, maumHalf, baselineHalf), ...tpcbLines(prefix, 'purchases/s', maum, maumHalf, around!)];
  } finally {
    await sql.close();
  }
}

/**
 * Gift purchases that arrive in chat: people round a ring buy gifts for the next ones, one purchase in flight per
 * (sender, recipient), through POST /api/gifts, with every recipient's WebSocket open; a purchase is done when the
 * recipient's socket has its `gift` message. On PGlite, and on PostgreSQL when DATABASE_URL is set. The baseline runs
 * the same SQL statements per purchase straight through the driver (pg with the server's pool size, or PGlite in this
 * process) on the same database at the same concurrency, with no HTTP and no service layer. A second baseline is the
 * machine's own limit: pgbench's TPC-B transaction (bench/tpcb.ts) through the same driver and pool at the same
 * concurrency, run right before the peak and right after it and its half on PostgreSQL (`TpcbAround`); the `_vs_tpcb`
 * lines give Maum's purchases/s and p99 against the mean transactions/s and the p99 of those runs, and its p99 at half
 * of its peak against TPC-B's at half of TPC-B's own. The `_at_half_peak` lines run Maum at half of its measured peak as
 * an open loop, as long as the peak after a warm-up as long as the peak's, and the baseline at the same rate. Targets:
 * ≥ 300/s on PGlite, ≥ 1.0× TPC-B on PostgreSQL, p99 < 100 ms at half of peak.
 */
export const giftsBench: Bench = async ({ quick }) => {
  const shape = quick ? QUICK : FULL;
  const engines: Engine[] = process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
  // Servers start and are filled side by side (start-up and sign-ups dominate a quick run); each is measured alone.
  const prepared = await Promise.allSettled(engines.map((engine) => prepare(engine, 'gifts', { demo: true }, (server, client) => setUp(server, client, shape))));
  try {
    const failed = prepared.find((p) => p.status === 'rejected');
    if (failed) throw failed.reason;
    const lines: BenchLine[] = [];
    for (const p of prepared) if (p.status === 'fulfilled') lines.push(...(await measure(p.value, shape)));
    return lines;
  } finally {
    for (const p of prepared) if (p.status === 'fulfilled') await p.value.server.dispose();
  }
};
