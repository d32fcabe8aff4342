import { createHash, randomBytes } from 'node:crypto';
import { newId } from '../server/src/platform/ids';
import { baselineSql, closedLoop, halfPeakLines, inParallel, loadLines, note, pacedLoop, prepare, signUp, type HttpClient, type Sql } from './commerce';
import type { MaumServer } from './support';
import type { Bench } from './registry';
import { ledgerAccount, REDEEM_SQL, SQL, type KnownAccounts } from './statements';
import { TpcbAround, tpcbLines } from './tpcb';

interface Shape {
  /** People round a ring, each buying `giftsEach` cash gift cards for the next one, who accepts them. */
  people: number;
  giftsEach: number;
  /** Redemptions in flight at once, each on its own connection. */
  concurrency: number;
  warmSeconds: number;
  seconds: number;
}

// More coupons than redemptions in flight, so requests in flight at the same moment use different coupons; the full run
// has uses enough for its load at half of peak, warm-up included, after a peak of up to 4,400 redemptions a second.
const FULL: Shape = { people: 20, giftsEach: 40, concurrency: 100, warmSeconds: 3, seconds: 15 };
const QUICK: Shape = { people: 20, giftsEach: 10, concurrency: 100, warmSeconds: 0.5, seconds: 2 };

/** Won taken off a cash coupon per redemption: a ₩50,000 card is good for 500 of them. */
const AMOUNT = 100;
/** Each phase (warm-up, run and the run at half of peak, for Maum and the baseline) may use this share of every coupon's uses. */
const SHARE = { warm: 0.1, run: 0.3, half: 0.1 };

interface Coupon {
  pin: string;
  giftId: string;
}

interface Store {
  storeId: string;
  apiKey: string;
}

/** Gift cards bought, accepted and read back from the gift boxes through the API; a store from the CLI. */
async function setUp(server: MaumServer, client: HttpClient, shape: Shape): Promise<{ coupons: Coupon[]; store: Store; uses: number }> {
  const people = await inParallel(
    Array.from({ length: shape.people }, (_, i) => i),
    16,
    (i) => signUp(client, `redeem_bench${i}`, `Redeem bench ${i}`),
  );
  const shop = await client.json('GET', '/api/shop/products?sort=price_desc', { token: people[0]!.token });
  // The cash card with the largest face value: the most uses per coupon.
  const card = (shop.products as Array<{ id: string; kind: string; faceValue: { amount: number }; brand: { name: string } }>).find((p) => p.kind === 'cash');
  if (!card) throw new Error('the demo shop has no cash gift cards');
  // The store is opened by the CLI meanwhile (a process of its own that starts in a few seconds).
  const opening = server.cli(['create-store', '--brand', card.brand.name, '--name', 'Bench store']);
  opening.catch(() => {});
  note(`redeem: ${people.length} people; ${card.brand.name} ₩${card.faceValue.amount} cards`);

  const giftIds = await inParallel(people, shape.people, async (person, i) => {
    const next = people[(i + 1) % people.length]!;
    await client.json('POST', '/api/friends', { token: person.token, body: { handle: next.handle } });
    await client.json('POST', '/api/wallet/top-ups', {
      token: person.token,
      headers: { 'idempotency-key': `bench-top-up-${i}` },
      body: { amount: card.faceValue.amount * shape.giftsEach },
    });
    const ids: string[] = [];
    for (let k = 0; k < shape.giftsEach; k++) {
      const order = await client.json('POST', '/api/gifts', {
        token: person.token,
        headers: { 'idempotency-key': `bench-card-${i}-${k}` },
        body: { productId: card.id, recipientIds: [next.userId], card: { template: 'thanks', text: '' } },
      });
      ids.push(order.gifts[0].id as string);
    }
    return ids;
  });
  const coupons = (
    await inParallel(people, shape.people, async (holder, i) => {
      const received = giftIds[(i - 1 + people.length) % people.length]!;
      for (const id of received) await client.json('POST', `/api/gifts/${id}/accept`, { token: holder.token });
      const box = await client.json('GET', '/api/gifts/box', { token: holder.token });
      const pins = new Map((box.gifts as Array<{ id: string; coupon: { pin: string | null } | null }>).map((g) => [g.id, g.coupon?.pin]));
      return received.map((giftId) => {
        const pin = pins.get(giftId);
        if (!pin) throw new Error(`gift ${giftId} has no PIN in its holder's box`);
        return { pin, giftId };
      });
    })
  ).flat();
  const printed = (await opening).trim().split('\n').at(-1)!;
  const store = JSON.parse(printed) as Store;
  if (!store.apiKey) throw new Error(`create-store printed ${printed}`);
  note(`redeem: ${coupons.length} coupons, store ${store.storeId}`);
  return { coupons, store, uses: Math.floor(card.faceValue.amount / AMOUNT) };
}

/** Maum's side: POST /api/store/redemptions with the store's key, request i on coupon i mod N. */
function maumWork(client: HttpClient, store: Store, coupons: Coupon[], onAnswer?: (text: string) => void) {
  return async (_: number, index: number): Promise<number> => {
    const started = performance.now();
    const res = await client.request('POST', '/api/store/redemptions', {
      headers: { 'x-store-key': store.apiKey, 'idempotency-key': `bench-redeem-${index}-${randomBytes(6).toString('hex')}` },
      body: { pin: coupons[index % coupons.length]!.pin, amount: AMOUNT },
    });
    if (res.status !== 201) throw client.failure('POST', '/api/store/redemptions', res);
    onAnswer?.(res.text);
    return performance.now() - started;
  };
}

/** The baseline: the statements of one redemption straight through `pg`, with the same concurrency and pool size. */
async function baselineWork(sql: Sql, store: Store, coupons: Coupon[], sampleResponse: string): Promise<(worker: number, index: number) => Promise<number>> {
  const [row] = await sql.query(`select "brand_id", "api_key_hash" from "stores" where "id" = $1`, [store.storeId]);
  const brandId = String(row!.brand_id);
  const keyHash = String(row!.api_key_hash);
  const stored = await sql.query(`select "gift_id", "pin_hash", "product_id" from "coupons" where "gift_id" = any($1)`, [coupons.map((c) => c.giftId)]);
  const byGift = new Map(stored.map((c) => [String(c.gift_id), { pinHash: String(c.pin_hash), productId: String(c.product_id) }]));
  const targets = coupons.map((c) => byGift.get(c.giftId)!);
  const scope = `store:${store.storeId}`;
  const fingerprint = createHash('sha256').update('POST /api/store/redemptions').digest('hex');
  const accounts: KnownAccounts = new Map();
  return async (_, index) => {
    const coupon = targets[index % targets.length]!;
    const started = performance.now();
    const now = new Date().toISOString();
    const key = `bench-base-${randomBytes(9).toString('hex')}`;
    await sql.query(REDEEM_SQL.store, [keyHash]);
    await sql.query(REDEEM_SQL.rateLimit, [`pin-lookup:${store.storeId}`]);
    await sql.transaction(async (q) => {
      await q(SQL.claim, [scope, key, fingerprint, now]);
      const [redeemed] = await q(REDEEM_SQL.redeem, [AMOUNT, AMOUNT, now, coupon.pinHash, 'issued', 'accepted', 'partially_used', now, AMOUNT, AMOUNT, brandId]);
      if (!redeemed) throw new Error('the baseline could not redeem a coupon');
      const id = newId('rdm');
      await q(REDEEM_SQL.redemption, [id, redeemed.id, store.storeId, AMOUNT, now, null]);
      const transferKey = `redemption:${id}`;
      const liability = await ledgerAccount(q, 'coupon_liability', '', transferKey, accounts);
      const payable = await ledgerAccount(q, 'seller_payable', brandId, transferKey, accounts);
      await q(SQL.transfer, [newId('txf'), liability, payable, AMOUNT, 'KRW', 'redemption', id, transferKey, new Date().toISOString()]);
      await q(SQL.debit, [AMOUNT, liability, true, AMOUNT]);
      await q(SQL.credit, [AMOUNT, payable]);
      await q(SQL.product, [String(redeemed.product_id)]);
      await q(REDEEM_SQL.storeById, [store.storeId]);
      await q(SQL.complete, [201, sampleResponse, scope, key]);
    });
    return performance.now() - started;
  };
}

/**
 * Store redemptions on PostgreSQL: `concurrency` requests in flight through POST /api/store/redemptions, authenticated
 * by the store's X-Store-Key, each on a different coupon at that moment (cash gift cards, ₩100 off per use). The
 * coupons come from gifts bought and accepted through the API, and the store from `maum create-store`. The baseline
 * runs the redemption's SQL statements straight through `pg` with the server's pool size, at the same concurrency, on
 * the same database. A second baseline is the machine's own limit: pgbench's TPC-B transaction (bench/tpcb.ts) through
 * the same pool at the same concurrency, run right before the peak and right after it and its half (`TpcbAround`); the
 * `_vs_tpcb` lines give Maum's redemptions/s and p99 against the mean transactions/s and the p99 of those two runs,
 * and its p99 at half of its peak against TPC-B's at half of TPC-B's own. The `_at_half_peak` lines run Maum at half
 * of its measured peak as an open loop, as long as the peak after a warm-up as long as the peak's, and the baseline at
 * the same rate.
 * Targets: ≥ 1.5× TPC-B, p99 < 100 ms at half of peak.
 */
export const redeemBench: Bench = async ({ quick }) => {
  const shape = quick ? QUICK : FULL;
  const { server, client, world } = await prepare('postgres', 'redeem', { demo: true }, (server, client) => setUp(server, client, shape));
  try {
    const tpcb = await TpcbAround.open(server, { concurrency: shape.concurrency, seconds: shape.seconds, warmSeconds: shape.warmSeconds });
    try {
      const { coupons, store, uses } = world;
      const cap = (share: number) => coupons.length * Math.floor(uses * share);
      let sampleResponse = '';
      await closedLoop(shape.concurrency, shape.warmSeconds, maumWork(client, store, coupons, (text) => (sampleResponse ||= text)), cap(SHARE.warm));
      await server.vacuum();
      const { maum, maumHalf } = await tpcb.around(async () => {
        const maum = await closedLoop(shape.concurrency, shape.seconds, maumWork(client, store, coupons), cap(SHARE.run));
        return { maum, maumHalf: await pacedLoop(shape.concurrency, maum.perSecond / 2, shape.seconds, maumWork(client, store, coupons), { warmSeconds: shape.warmSeconds, cap: cap(SHARE.half) }) };
      });
      const halfRate = maum.perSecond / 2;
      note(`redeem: maum ${maum.count} redemptions, ${maum.perSecond.toFixed(1)}/s, this process used ${maum.cores.toFixed(2)} cores`);
      client.close();
      await server.stopServer();

      const sql = await baselineSql(server);
      try {
        const work = await baselineWork(sql, store, coupons, sampleResponse);
        await closedLoop(shape.concurrency, shape.warmSeconds, work, cap(SHARE.warm));
        await sql.query('vacuum analyze');
        const baseline = await closedLoop(shape.concurrency, shape.seconds, work, cap(SHARE.run));
        const baselineHalf = await pacedLoop(shape.concurrency, halfRate, shape.seconds, work, { warmSeconds: shape.warmSeconds, cap: cap(SHARE.half) });
        note(`redeem: baseline ${baseline.count} redemptions, ${baseline.perSecond.toFixed(1)}/s, this process used ${baseline.cores.toFixed(2)} cores`);
        const [around] = await tpcb.baselines(sql, 1);
        const prefix = 'maum_postgres_redemptions';
        return [...loadLines(prefix, 'redemptions/s', maum, baseline), ...halfPeakLines(prefix, maumHalf, baselineHalf), ...tpcbLines(prefix, 'redemptions/s', maum, maumHalf, around!)];
      } finally {
        await sql.close();
      }
    } finally {
      await tpcb.close();
    }
  } finally {
    await server.dispose();
  }
};
