import { Agent, request } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/platform/clock';
import { people } from './support/chat';
import { recordingLogger } from './support/fuzz';
import { giftSteps, key } from './support/gifts';
import { startTestServer, type TestServer } from './support/test-server';

const clock = new ManualClock(new Date('2026-07-01T01:00:00Z'));
let server: TestServer;
/** The server's warnings, such as a batch of redemptions that failed. */
const recorder = recordingLogger('warn');
let agent: Agent;
const system = { kind: 'system' as const };
beforeAll(async () => {
  server = await startTestServer({}, { clock, log: recorder.log });
  await server.app.services.catalogue.seedDemo();
  agent = new Agent({ keepAlive: true, maxSockets: 50 });
});
afterEach(async () => {
  await server.app.services.ledger.checkInvariants();
  // A batch of redemptions that failed (and was written one by one) would pass unseen otherwise.
  expect(recorder.errors.splice(0)).toEqual([]);
});
afterAll(async () => {
  agent.destroy();
  await server.close();
});

/** A POST over the shared agent, so a storm really runs over at most 50 connections. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read loosely typed JSON bodies
function post(path: string, body: unknown, headers: Record<string, string>): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const payload = JSON.stringify(body);
    const url = new URL(server.url + path);
    const req = request(
      { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...headers } },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

const steps = () => giftSteps(server);
const couponFor = (query: string) => steps().couponFor(query);
const storeFor = (brand: string) => steps().storeFor(brand);
const brandOf = (query: string) => steps().product(query);

const redeem = (apiKey: string, body: object, idempotencyKey = key()) =>
  post('/api/store/redemptions', body, { 'x-store-key': apiKey, 'idempotency-key': idempotencyKey });

// A thousand concurrent requests take a while on a loaded two-core machine, more so beside another test file: the
// guard is generous, and nothing here is a measure of speed (that is `npm run bench -- redeem`).
const STORM_MS = 120_000;

describe('redemption', () => {
  it('redeems an exchange coupon exactly once out of 1,000 concurrent attempts over 50 connections', async () => {
    const { pin, product, holder } = await couponFor('q=Americano%20(Tall)');
    const store = await storeFor(product.brand.id);
    const answers = await Promise.all(Array.from({ length: 1000 }, () => redeem(store.apiKey, { pin })));
    const ok = answers.filter((a) => a.status === 201);
    expect(ok).toHaveLength(1);
    expect(ok[0]!.body).toMatchObject({ amount: { amount: product.price.amount }, coupon: { status: 'used', balance: { amount: 0 } } });
    const refused = answers.filter((a) => a.status !== 201);
    expect(refused.every((a) => a.status === 409 && a.body.code === 'coupon_used')).toBe(true);
    const box = await server.request('GET', '/api/gifts/box', { token: holder.token });
    expect(box.body.gifts[0].coupon.status).toBe('used');
  }, STORM_MS);

  it('takes exactly 50 × ₩1,000 off a ₩50,000 cash coupon out of 1,000 concurrent attempts', async () => {
    const { pin, product } = await couponFor('q=Golden%20Crust%20Gift%20Card%20%E2%82%A950%2C000');
    expect(product.price.amount).toBe(50_000);
    const store = await storeFor(product.brand.id);
    const answers = await Promise.all(Array.from({ length: 1000 }, () => redeem(store.apiKey, { pin, amount: 1000 })));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(50);
    for (const a of answers.filter((x) => x.status !== 201)) expect(['coupon_used', 'coupon_balance_too_low']).toContain(a.body.code);
    const balances = answers.filter((a) => a.status === 201).map((a) => a.body.coupon.balance.amount as number);
    expect(Math.min(...balances)).toBe(0);
    expect(new Set(balances).size).toBe(50);
  }, STORM_MS);

  it('takes a cash redemption once when it is retried 50 times at once with one key, and answers every retry alike', async () => {
    const { pin, product } = await couponFor('q=Golden%20Crust%20Gift%20Card%20%E2%82%A950%2C000');
    const store = await storeFor(product.brand.id);
    const answers = await Promise.all(Array.from({ length: 50 }, () => redeem(store.apiKey, { pin, amount: 7000 }, 'one-redemption-key')));
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 201));
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(answers[0]!.body.coupon.balance.amount).toBe(43_000);
    // The next redemption with a new key sees one ₩7,000 taken, not more; another body with the old key is refused.
    const next = await redeem(store.apiKey, { pin, amount: 1000 });
    expect([next.status, next.body.coupon.balance.amount]).toEqual([201, 42_000]);
    expect((await redeem(store.apiKey, { pin, amount: 2000 }, 'one-redemption-key')).status).toBe(409);
    // A refusal is that key's answer too: a PIN nobody holds, then the same request again.
    const unknown = await redeem(store.apiKey, { pin: '999999999999' }, 'unknown-pin-key');
    expect((await redeem(store.apiKey, { pin: '999999999999' }, 'unknown-pin-key')).body).toEqual(unknown.body);
  }, STORM_MS);

  it('redeems many coupons that arrive together each on its own terms, and answers each retry alike', async () => {
    const exchange = await Promise.all(Array.from({ length: 8 }, () => couponFor('q=Americano%20(Tall)')));
    const cash = await Promise.all(Array.from({ length: 4 }, () => couponFor('q=Golden%20Crust%20Gift%20Card%20%E2%82%A950%2C000')));
    const coffee = await storeFor(exchange[0]!.product.brand.id);
    const bakery = await storeFor(cash[0]!.product.brand.id);
    type Try = { apiKey: string; body: object; key: string };
    const tries: Array<Try & { what: string; pin: string }> = [];
    for (const c of exchange) {
      for (let n = 0; n < 3; n++) tries.push({ what: 'exchange', pin: c.pin, apiKey: coffee.apiKey, body: { pin: c.pin }, key: key() });
      tries.push({ what: 'other brand', pin: c.pin, apiKey: bakery.apiKey, body: { pin: c.pin }, key: key() });
    }
    for (const c of cash) for (let n = 0; n < 3; n++) tries.push({ what: 'cash', pin: c.pin, apiKey: bakery.apiKey, body: { pin: c.pin, amount: 20_000 }, key: key() });
    tries.push({ what: 'unknown', pin: '', apiKey: coffee.apiKey, body: { pin: '000000000001' }, key: key() });
    // Every try at once, and each sent twice with its key (a till's retry racing its first try).
    const answers = await Promise.all(tries.flatMap((t) => [redeem(t.apiKey, t.body, t.key), redeem(t.apiKey, t.body, t.key)]));
    const first = tries.map((_, i) => answers[i * 2]!);
    tries.forEach((_, i) => expect(answers[i * 2 + 1]).toEqual(first[i]));

    const of = (what: string, pin?: string) => first.filter((_, i) => tries[i]!.what === what && (pin === undefined || tries[i]!.pin === pin));
    for (const c of exchange) {
      const mine = of('exchange', c.pin);
      expect(mine.filter((a) => a.status === 201)).toHaveLength(1);
      expect(mine.filter((a) => a.status !== 201).map((a) => a.body.code)).toEqual(['coupon_used', 'coupon_used']);
      expect(of('other brand', c.pin).map((a) => a.body.code)).toEqual(['coupon_other_brand']);
      expect((await server.request('GET', '/api/gifts/box', { token: c.holder.token })).body.gifts[0].coupon.status).toBe('used');
    }
    for (const c of cash) {
      const mine = of('cash', c.pin);
      expect(mine.filter((a) => a.status === 201).map((a) => a.body.coupon.balance.amount).sort()).toEqual([10_000, 30_000]);
      expect(mine.filter((a) => a.status !== 201).map((a) => a.body.code)).toEqual(['coupon_balance_too_low']);
    }
    expect(of('unknown').map((a) => a.body.code)).toEqual(['coupon_not_found']);
    // A retry afterwards still gets the first answer.
    const again = await redeem(tries[0]!.apiKey, tries[0]!.body, tries[0]!.key);
    expect(again).toEqual(first[0]);
  }, STORM_MS);

  it('answers each kind of refusal with its own code', async () => {
    const { pin, product, holder } = await couponFor('q=Double%20Cone');
    const store = await storeFor(product.brand.id);
    const otherBrand = await storeFor((await brandOf('q=Banana%20Milk')).brand.id);
    expect((await redeem(store.apiKey, { pin: '000000000000' })).body.code).toBe('coupon_not_found');
    expect((await redeem(otherBrand.apiKey, { pin })).body.code).toBe('coupon_other_brand');
    expect((await redeem('msk_not-a-key', { pin })).status).toBe(401);
    expect((await redeem(store.apiKey, { pin: '12345' })).status).toBe(400);
    expect((await post('/api/store/redemptions', { pin }, { 'x-store-key': store.apiKey })).body.code).toBe('idempotency_key_required');

    const cash = await couponFor('q=Snowfall%20Gift%20Card%20%E2%82%A910%2C000');
    const cashStore = await storeFor(cash.product.brand.id);
    expect((await redeem(cashStore.apiKey, { pin: cash.pin, amount: 10_001 })).body.code).toBe('coupon_balance_too_low');
    expect((await redeem(cashStore.apiKey, { pin: cash.pin })).body.code).toBe('validation_failed');

    // Staff act for their store with their own session; other users cannot.
    const [staff, stranger] = await people(server, 2);
    await server.app.services.stores.addStaff(system, store.storeId, staff!.user.id);
    const byStaff = await post('/api/store/redemptions', { pin }, { authorization: `Bearer ${staff!.token}`, 'idempotency-key': key() });
    expect(byStaff.status).toBe(201);
    const byStranger = await post('/api/store/redemptions', { pin }, { authorization: `Bearer ${stranger!.token}`, 'idempotency-key': key() });
    expect(byStranger.status).toBe(403);
    expect((await server.request('GET', '/api/gifts/box', { token: holder.token })).body.gifts[0].coupon.status).toBe('used');

    const late = await couponFor('q=Bingsu');
    const lateStore = await storeFor(late.product.brand.id);
    clock.advance(367 * 86_400_000);
    expect((await redeem(lateStore.apiKey, { pin: late.pin })).body.code).toBe('coupon_expired');
  });

  it('voids a redemption the same day, putting the money and the coupon back', async () => {
    const { pin, product } = await couponFor('q=Crispy%20Crane%20Gift%20Card');
    const store = await storeFor(product.brand.id);
    const first = await redeem(store.apiKey, { pin, amount: 5000 });
    expect(first.body.coupon.balance.amount).toBe(20_000);
    const voided = await post(`/api/store/redemptions/${first.body.id}/void`, {}, { 'x-store-key': store.apiKey });
    expect(voided.status).toBe(200);
    expect(voided.body).toMatchObject({ voidedAt: expect.any(String), coupon: { balance: { amount: 25_000 }, status: 'accepted' } });
    expect((await post(`/api/store/redemptions/${first.body.id}/void`, {}, { 'x-store-key': store.apiKey })).body.code).toBe('too_late');

    const second = await redeem(store.apiKey, { pin, amount: 1000 });
    clock.advance(86_400_000);
    const nextDay = await post(`/api/store/redemptions/${second.body.id}/void`, {}, { 'x-store-key': store.apiKey });
    expect(nextDay.body.code).toBe('too_late');
  });
});
