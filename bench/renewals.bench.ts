import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql as sqlTag } from 'drizzle-orm';
import { createApp, type App } from '../server/src/app';
import { ManualClock } from '../server/src/platform/clock';
import { loadConfig } from '../server/src/platform/config';
import { newId } from '../server/src/platform/ids';
import { createLogger } from '../server/src/platform/log';
import { scratchDatabase } from '../server/test/support/scratch-database';
import { line, note, pgliteSql, postgresSql, type Sql } from './commerce';
import type { Bench, BenchLine } from './registry';
import { bulkInsert, seedAccounts, type Engine } from './support';

const PRICE = 3000;
/** Due subscriptions handled in one transaction, as the scheduler does. */
const BATCH = 500;
const T0 = new Date('2027-01-10T12:00:00.000Z');
const T1 = new Date('2027-02-10T12:00:00.000Z');
const T2 = new Date('2027-02-11T12:00:00.000Z');
const system = { kind: 'system' as const };

interface World {
  hostId: string;
  roomId: string;
  tierId: string;
}

/**
 * `count` subscriptions due at `due`, each with a wallet holding one month's price, written straight into the
 * database (signing up and subscribing 100,000 people through the API would take most of an hour here).
 */
async function seedDue(app: App, world: World, count: number, due: Date, prefix: string): Promise<void> {
  const people = await seedAccounts(app.database, prefix, count);
  const start = new Date(due.getTime() - 31 * 86_400_000);
  await bulkInsert(
    app.database,
    'subscriptions',
    people.map((p) => ({
      id: newId('sub'), room_id: world.roomId, user_id: p.userId, tier_id: world.tierId, status: 'active', period: 1, anchor_at: start, anchor_period: 1,
      period_start: start, period_end: due, period_price: PRICE, first_paid_at: start, created_at: start,
    })),
  );
  await bulkInsert(
    app.database,
    'ledger_accounts',
    people.map((p) => ({ id: newId('acc'), kind: 'user_wallet', owner_id: p.userId, currency: 'KRW', stripe: 0, balance: PRICE, allow_negative: false, created_at: start })),
  );
}

async function openApp(engine: Engine, clock: ManualClock): Promise<{ app: App; raw: () => Promise<Sql>; dispose: () => Promise<void> }> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'maum-renewals-'));
  const scratch = engine === 'postgres' ? await scratchDatabase(process.env.DATABASE_URL!, 'renewals') : undefined;
  const config = loadConfig({ DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'error', DATABASE_URL: scratch?.url ?? '', NATS_URL: '', SCHEDULER_INTERVAL_SECONDS: '3600' });
  const app = await createApp(config, { clock, log: createLogger('silent') });
  await app.scheduler.stop();
  let closed = false;
  const close = async () => {
    if (!closed) await app.close();
    closed = true;
  };
  return {
    app,
    raw: async () => {
      if (scratch) return postgresSql(scratch.url, config.database.kind === 'postgres' ? 10 : 1);
      await close();
      return pgliteSql(path.join(dataDir, 'db'));
    },
    dispose: async () => {
      await close().catch(() => {});
      await scratch?.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The baseline: the statements of a scheduler run straight through the driver, batch by batch of the same size, one
 * transaction each, in Maum's order: lock the due rows, read the tiers and rooms, lock the wallets, insert the
 * payments, move the subscriptions on, owe the receipts, then look up the host's payable stripes, insert the
 * transfers, and lock and change the balances. It runs as many batches side by side as Maum does (two on PostgreSQL, one on PGlite), and leaves out
 * what Maum does after the run: posting the receipts into chat.
 */
async function baselineRenewals(sql: Sql, world: World, now: Date, lanes: number): Promise<number> {
  const [sender] = await sql.query(`select id from users where handle = 'maum_subscriptions'`);
  const counts = await Promise.all(Array.from({ length: lanes }, () => baselineLane(sql, world, now, String(sender!.id))));
  return counts.reduce((a, b) => a + b, 0);
}

async function baselineLane(sql: Sql, world: World, now: Date, sender: string): Promise<number> {
  let renewed = 0;
  for (;;) {
    const done = await sql.transaction(async (q) => {
      // As Maum finds them: one indexed query per kind of work, each only while the batch has room.
      const due = [];
      for (const [status, by] of [['active', 'period_end'], ['grace', 'retry_at'], ['cancelled', 'period_end']]) {
        if (due.length === BATCH) break;
        due.push(...(await q(`select * from subscriptions where status = '${status}' and ${by} <= $1 order by ${by}, id limit ${BATCH - due.length} for update skip locked`, [now])));
      }
      if (due.length === 0) return 0;
      await q(`select * from subscription_tiers where id = any($1)`, [[world.tierId]]);
      await q(`select * from open_rooms where room_id = any($1)`, [[world.roomId]]);
      const wallets = await q(`select id, owner_id, balance from ledger_accounts where kind = 'user_wallet' and owner_id = any($1) and currency = 'KRW' and stripe = 0 order by id for update`, [due.map((r) => r.user_id)]);
      const walletOf = new Map(wallets.map((w) => [String(w.owner_id), String(w.id)]));
      const ids = due.map((r) => String(r.id));
      const periods = due.map((r) => Number(r.period) + 1);
      const paymentIds = due.map(() => newId('spy'));
      await q(
        `insert into subscription_payments (id, subscription_id, room_id, period, kind, amount, payee_id, created_at)
         select p, s, $3, n, 'charge', $4, $5, $6 from unnest($1::text[], $2::text[], $7::int[]) as t(p, s, n) on conflict do nothing returning id`,
        [paymentIds, ids, world.roomId, PRICE, world.hostId, now, periods],
      );
      await q(
        `update subscriptions set status = 'active', period = v.n, period_start = period_end, period_end = period_end + interval '1 month', period_price = $3, grace_until = null, retry_at = null
         from unnest($1::text[], $2::int[]) as v(id, n) where subscriptions.id = v.id`,
        [ids, periods, PRICE],
      );
      await q(
        `insert into chat_card_outbox (id, room, from_user_id, to_user_id, client_msg_id, body, created_at)
         select c, 'direct', $2, u, m, $4::jsonb, $5 from unnest($1::text[], $3::text[], $6::text[]) as t(c, u, m)`,
        [due.map(() => newId('coc')), sender, due.map((r) => r.user_id), JSON.stringify({ text: 'Renewed', card: {} }), now, ids.map((id, i) => `subscription:${id}:${periods[i]}:renewed`)],
      );
      // The transfers last, as Maum charges them: the host's payable stays locked only from here to the commit.
      const stripes = await q(`select id, stripe from ledger_accounts where kind = 'host_payable' and owner_id = $1 and currency = 'KRW'`, [world.hostId]);
      const payableId = String(stripes[0]!.id);
      await q(
        `insert into ledger_transfers (id, debit_account_id, credit_account_id, amount, currency, kind, reference, idempotency_key, created_at)
         select newid, w, $3, $4, 'KRW', 'subscription', p, k, $5 from unnest($1::text[], $2::text[], $6::text[], $7::text[]) as t(newid, w, p, k) on conflict do nothing returning id`,
        [due.map(() => newId('txf')), due.map((r) => walletOf.get(String(r.user_id))), payableId, PRICE, now, paymentIds, ids.map((id, i) => `subscription:${id}:${periods[i]}:charge`)],
      );
      const accountIds = [...walletOf.values(), payableId].sort();
      await q(`select id from ledger_accounts where id = any($1) order by id for no key update`, [accountIds]);
      await q(
        `update ledger_accounts set balance = balance + v.delta from unnest($1::text[], $2::bigint[]) as v(id, delta) where ledger_accounts.id = v.id`,
        [[...walletOf.values(), payableId], [...[...walletOf.values()].map(() => -PRICE), PRICE * due.length]],
      );
      return due.length;
    });
    renewed += done;
    if (done < BATCH) return renewed;
  }
}

/**
 * Receipts posted into chat after the run, per second: counted until the outbox is empty, or for at most `maxSeconds`
 * (posting 100,000 receipts takes much longer than renewing them, and the run stays bounded).
 */
async function receiptsPerSecond(app: App, owedAtStart: number, maxSeconds: number): Promise<number> {
  const owed = async () => Number(((await app.database.db.execute(sqlTag`select count(*)::int as owed from chat_card_outbox`)) as unknown as { rows: Array<{ owed: number }> }).rows[0]!.owed);
  const started = performance.now();
  const deadline = started + maxSeconds * 1000;
  let left = await owed();
  while (left > 0 && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    left = await owed();
  }
  return (owedAtStart - left) / ((performance.now() - started) / 1000);
}

async function run(engine: Engine, count: number, quick: boolean): Promise<BenchLine[]> {
  const clock = new ManualClock(T0);
  const { app, raw, dispose } = await openApp(engine, clock);
  try {
    const [host] = await seedAccounts(app.database, `rnh${engine[0]}`, 1);
    const hostActor = { kind: 'user' as const, userId: host!.userId, role: 'user' as const, sessionId: 'bench', ip: '127.0.0.1' };
    const room = await app.services.openlink.create(hostActor, { name: 'Renewals', description: '', category: 'webcomics', tags: [], languages: ['ko'], memberCap: 5000, joinMode: 'open', format: 'group', profile: { kind: 'main' } } as never);
    const tier = await app.services.subscriptions.createTier(hostActor, room.id, { name: 'Supporter', price: PRICE, perks: '' });
    const world = { hostId: host!.userId, roomId: room.id, tierId: tier.id };
    // The receipts' sender and the host's payable exist before the clock starts, as they do on a running server.
    await app.services.accounts.serviceAccount(system, 'maum_subscriptions');
    await app.database.transaction((tx) => app.services.ledger.transfer(tx, { debit: { kind: 'payment_clearing' }, credit: { kind: 'host_payable', ownerId: host!.userId }, amount: 1, currency: 'KRW', kind: 'bench', idempotencyKey: `bench-${engine}` }));
    await seedDue(app, world, count, T1, `rn${engine[0]}a`);
    await seedDue(app, world, count, T2, `rn${engine[0]}b`);
    note(`renewals: ${engine}, ${count} due twice over`);
    // The planner's statistics and clean pages, as autovacuum would leave them on a live server; again before the baseline.
    await app.database.db.execute(sqlTag`vacuum analyze`);

    clock.set(T1);
    const started = performance.now();
    const renewed = await app.services.subscriptions.renewDue(system);
    const seconds = (performance.now() - started) / 1000;
    if (renewed !== count) throw new Error(`renewed ${renewed} of ${count}`);
    note(`renewals: maum ${renewed} in ${seconds.toFixed(1)} s`);
    const receipts = await receiptsPerSecond(app, renewed, quick ? 10 : 60);
    note(`renewals: receipts posted into chat at ${receipts.toFixed(0)}/s`);

    const sql = await raw();
    try {
      await sql.query('vacuum analyze');
      const baseStarted = performance.now();
      const baseRenewed = await baselineRenewals(sql, world, T2, engine === 'postgres' ? 2 : 1);
      const baseSeconds = (performance.now() - baseStarted) / 1000;
      if (baseRenewed !== count) throw new Error(`the baseline renewed ${baseRenewed} of ${count}`);
      note(`renewals: baseline ${baseRenewed} in ${baseSeconds.toFixed(1)} s`);
      return [
        line(`${engine}_renewals_per_s`, renewed / seconds, 'renewals/s', baseRenewed / baseSeconds),
        line(`${engine}_seconds_for_${count}`, seconds, 's', baseSeconds),
        line(`${engine}_receipts_posted_per_s`, receipts, 'receipts/s', baseRenewed / baseSeconds),
      ];
    } finally {
      await sql.close();
    }
  } finally {
    await dispose();
  }
}

/**
 * Subscription renewals: `count` subscriptions due at once, renewed by one scheduler run (each a ledger transfer from
 * the wallet to the host's payable, the payment, the next period and a receipt card posted into the subscriber's
 * chat), on PostgreSQL and on PGlite, against the same statements through the driver on the same database. Goal:
 * 100,000 renewals in under a minute on PostgreSQL.
 */
export const renewalsBench: Bench = async ({ quick }) => {
  const count = quick ? 1000 : Number(process.env.BENCH_RENEWALS ?? 100_000);
  const lines: BenchLine[] = [];
  if (process.env.DATABASE_URL) lines.push(...(await run('postgres', count, quick)));
  else note('renewals: DATABASE_URL is not set; the PostgreSQL half is skipped');
  lines.push(...(await run('pglite', quick ? count : Math.min(count, 20_000), quick)));
  return lines;
};
