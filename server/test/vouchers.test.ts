import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/platform/clock';
import { befriend, people } from './support/chat';
import { giftSteps, key } from './support/gifts';
import { signIn, startTestServer, type TestServer } from './support/test-server';

const DAY = 86_400_000;
const clock = new ManualClock(new Date('2026-08-01T03:00:00Z'));
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ PIN_LOOKUP_LIMIT: '5', PIN_LOOKUP_HARD_LIMIT: '12' }, { clock });
  await server.app.services.catalogue.seedDemo();
});
afterEach(() => server.app.services.ledger.checkInvariants());
afterAll(() => server.close());

const steps = () => giftSteps(server);

/** Moves the clock on by more than a coupon's validity; everyone signs in again, as sessions end after 30 days. */
async function afterExpiry(...holders: Array<{ holder: { handle: string; token: string } }>) {
  clock.advance(367 * DAY);
  for (const h of holders) await signIn(server, h.holder);
}
type Holder = Awaited<ReturnType<ReturnType<typeof steps>['couponFor']>>;

const giftOf = async (c: Holder) => (await server.request('GET', `/api/gifts/${c.giftId}`, { token: c.holder.token })).body;
const quote = async (c: Holder) => (await server.request('GET', `/api/gifts/${c.giftId}/refund`, { token: c.holder.token })).body;
const refund = (c: Holder, to: 'wallet' | 'points', idempotencyKey = key()) =>
  server.request('POST', `/api/gifts/${c.giftId}/refund`, { token: c.holder.token, body: { to }, headers: { 'idempotency-key': idempotencyKey } });
const redeem = (apiKey: string, body: object) =>
  server.request('POST', '/api/store/redemptions', { body, headers: { 'x-store-key': apiKey, 'idempotency-key': key() } });
const asStore = (apiKey: string) => ({ headers: { 'x-store-key': apiKey } });

describe('extension', () => {
  it('extends a valid coupon by 3 months on request, and not once it has expired', async () => {
    const c = await steps().couponFor('q=Americano%20(Tall)');
    const before = await giftOf(c);
    expect(before.coupon).toMatchObject({ extendable: true, refundable: false, extensions: 0 });
    const extended = await server.request('POST', `/api/gifts/${c.giftId}/extend`, { token: c.holder.token });
    expect(extended.status).toBe(200);
    const expected = new Date(before.coupon.expiresAt);
    expected.setUTCMonth(expected.getUTCMonth() + 3);
    expect(extended.body.coupon).toMatchObject({ expiresAt: expected.toISOString(), extensions: 1 });

    // Only the holder: to the sender the coupon is not theirs, to anyone else the gift does not exist.
    expect((await server.request('POST', `/api/gifts/${c.giftId}/extend`, { token: c.sender.token })).status).toBe(404);
    const [stranger] = await people(server, 1);
    expect((await server.request('POST', `/api/gifts/${c.giftId}/extend`, { token: stranger!.token })).status).toBe(404);

    const late = await steps().couponFor('q=Café%20Latte');
    await afterExpiry(late);
    const refused = await server.request('POST', `/api/gifts/${late.giftId}/extend`, { token: late.holder.token });
    expect(refused).toMatchObject({ status: 409, body: { code: 'coupon_not_extendable' } });
    expect((await giftOf(late)).coupon.extendable).toBe(false);
  });
});

describe('refunds by the voucher rules', () => {
  it('refunds an expired exchange coupon 90% to the wallet, keeping 10% for the brand', async () => {
    const c = await steps().couponFor('q=Americano%20(Tall)');
    const store = await steps().storeFor(c.product.brand.id);
    const payableBefore = (await server.request('GET', '/api/store/statement', asStore(store.apiKey))).body.payableBalance.amount;
    expect((await quote(c)).options).toEqual([]);
    expect((await refund(c, 'wallet')).body.code).toBe('coupon_not_refundable');

    await afterExpiry(c);
    const options = await quote(c);
    expect(options.options).toEqual([
      { to: 'wallet', amount: { amount: 4050, currency: 'KRW' }, percent: 90, rule: 'expired_refund' },
      { to: 'points', amount: { amount: 4500, currency: 'KRW' }, percent: 100, rule: 'expired_points' },
    ]);
    const done = await refund(c, 'wallet');
    expect(done.status).toBe(200);
    expect(done.body.gift.coupon).toMatchObject({ status: 'refunded', balance: { amount: 0 }, refundable: false });
    expect(await steps().balance(c.holder)).toBe(4050);
    const payableAfter = (await server.request('GET', '/api/store/statement', asStore(store.apiKey))).body.payableBalance.amount;
    expect(payableAfter - payableBefore).toBe(450);
    expect((await refund(c, 'wallet')).body.code).toBe('coupon_not_refundable');
  });

  it('refunds 95% when the face value is over ₩50,000, or 100% as points', async () => {
    const big = await steps().couponFor('q=Signature%20Gift%20Set');
    expect(big.product.price.amount).toBe(68_000);
    const small = await steps().couponFor('q=Double%20Cone');
    await afterExpiry(big, small);
    await server.app.services.gifts.expireDue({ kind: 'system' });
    expect((await giftOf(big)).coupon.status).toBe('expired');
    expect((await refund(big, 'wallet')).body.refund).toMatchObject({ amount: { amount: 64_600 }, percent: 95 });
    expect(await steps().balance(big.holder)).toBe(64_600);
    expect((await refund(small, 'points')).body.refund).toMatchObject({ amount: { amount: small.product.price.amount }, percent: 100 });
    expect(await steps().wallet(small.holder)).toMatchObject({ balance: { amount: 0 }, points: { amount: small.product.price.amount } });
  });

  it('refunds a cash coupon’s remainder once 60% is used, or 80% for ₩10,000 or less', async () => {
    const card = await steps().couponFor('q=Moonbean%20Gift%20Card%20%E2%82%A930%2C000');
    const store = await steps().storeFor(card.product.brand.id);
    expect((await redeem(store.apiKey, { pin: card.pin, amount: 17_000 })).status).toBe(201);
    expect((await giftOf(card)).coupon.refundable).toBe(false);
    expect((await refund(card, 'wallet')).body).toMatchObject({ code: 'coupon_not_refundable', message: expect.stringContaining('60%') });
    expect((await redeem(store.apiKey, { pin: card.pin, amount: 1000 })).status).toBe(201);
    expect((await giftOf(card)).coupon.refundable).toBe(true);
    expect((await refund(card, 'points')).body.code).toBe('coupon_not_refundable');
    expect((await refund(card, 'wallet')).body.refund).toEqual({ to: 'wallet', amount: { amount: 12_000, currency: 'KRW' }, percent: 100, rule: 'cash_remainder' });
    expect(await steps().balance(card.holder)).toBe(12_000);
    expect((await redeem(store.apiKey, { pin: card.pin, amount: 1000 })).body.code).toBe('coupon_not_usable');

    const tenK = await steps().couponFor('q=Snowfall%20Gift%20Card%20%E2%82%A910%2C000');
    const snowfall = await steps().storeFor(tenK.product.brand.id);
    await redeem(snowfall.apiKey, { pin: tenK.pin, amount: 7000 });
    expect((await refund(tenK, 'wallet')).body).toMatchObject({ code: 'coupon_not_refundable', message: expect.stringContaining('80%') });
    await redeem(snowfall.apiKey, { pin: tenK.pin, amount: 1000 });
    expect((await refund(tenK, 'wallet')).body.refund.amount.amount).toBe(2000);
  });

  it('refunds once under concurrent claims, and replays a retried claim', async () => {
    const c = await steps().couponFor('q=Banana%20Milk');
    await afterExpiry(c);
    const sameKey = key();
    const answers = await Promise.all([...Array.from({ length: 10 }, () => refund(c, 'wallet', sameKey)), ...Array.from({ length: 10 }, () => refund(c, 'points'))]);
    const ok = answers.filter((a) => a.status === 200);
    const money = await steps().wallet(c.holder);
    // Either the wallet claim won (its retries replay it) or one points claim did; never both, never twice.
    expect(money.balance.amount > 0 !== money.points.amount > 0).toBe(true);
    expect(new Set(ok.map((a) => a.body.refund.to)).size).toBe(1);
    expect(money.balance.amount + money.points.amount).toBe(ok[0]!.body.refund.amount.amount);
    for (const a of answers.filter((x) => x.status !== 200)) expect(a.status).toBe(409);
  });

  it('lets the buyer cancel while the coupon is valid and unused, for 100%', async () => {
    const item = await steps().product('q=Americano%20(Tall)');
    const [sender, friend] = await people(server, 2);
    await befriend(server, sender!, friend!);
    await steps().fund(sender!, 10_000);
    const ordered = await steps().order(sender!, { productId: item.id, recipientIds: [friend!.user.id], card: { template: 'thanks', text: '' } });
    const giftId = ordered.body.gifts[0].id;
    await server.request('GET', '/api/gifts/box', { token: friend!.token }); // opening the box issues the coupon
    const cancelled = await server.request('POST', `/api/gifts/${giftId}/cancel`, { token: sender!.token });
    expect(cancelled.body).toMatchObject({ status: 'cancelled', coupon: { status: 'cancelled' } });
    expect(await steps().balance(sender!)).toBe(10_000);
  });
});

describe('coupon states', () => {
  it('ends an opened gift’s coupon as refused when the recipient refuses it, and its PIN stops working', async () => {
    const item = await steps().product('q=Americano%20(Tall)');
    const [sender, friend] = await people(server, 2);
    await befriend(server, sender!, friend!);
    await steps().fund(sender!, 10_000);
    const giftId = (await steps().order(sender!, { productId: item.id, recipientIds: [friend!.user.id], card: { template: 'thanks', text: '' } })).body.gifts[0].id;
    const box = await server.request('GET', '/api/gifts/box', { token: friend!.token });
    const { pin, status } = box.body.gifts[0].coupon;
    expect(status).toBe('issued');
    const refused = await server.request('POST', `/api/gifts/${giftId}/refuse`, { token: friend!.token });
    expect(refused.body).toMatchObject({ status: 'refused', coupon: { status: 'refused', refundable: false, extendable: false } });
    expect(await steps().balance(sender!)).toBe(10_000);
    const store = await steps().storeFor(item.brand.id);
    expect((await redeem(store.apiKey, { pin })).body.code).toBe('coupon_not_usable');
  });
});

describe('barcodes', () => {
  it('draws the PIN as a Code 128 barcode or a QR code, for the holder only', async () => {
    const c = await steps().couponFor('q=Croissant');
    const code128 = await fetch(`${server.url}/api/gifts/${c.giftId}/barcode`, { headers: { authorization: `Bearer ${c.holder.token}` } });
    expect(code128.headers.get('content-type')).toBe('image/png');
    const bars = await sharp(Buffer.from(await code128.arrayBuffer())).metadata();
    expect(bars.format).toBe('png');
    expect(bars.width!).toBeGreaterThan(bars.height!);
    const qr = await fetch(`${server.url}/api/gifts/${c.giftId}/barcode?format=qr`, { headers: { authorization: `Bearer ${c.holder.token}` } });
    const square = await sharp(Buffer.from(await qr.arrayBuffer())).metadata();
    expect(square.width).toBe(square.height);
    expect((await server.request('GET', `/api/gifts/${c.giftId}/barcode`, { token: c.sender.token })).status).toBe(404);
    expect((await server.request('GET', `/api/gifts/${c.giftId}/barcode?format=ean13`, { token: c.holder.token })).status).toBe(400);
  });
});

describe('store look-ups and the seller statement', () => {
  it('shows a coupon by PIN, limits the unknown PINs a store tries, and records each look-up', async () => {
    const c = await steps().couponFor('q=Strawberry');
    const store = await steps().storeFor(c.product.brand.id);
    const other = await steps().storeFor((await steps().product('q=Banana%20Milk')).brand.id);
    const me = await server.request('GET', '/api/store/me', asStore(store.apiKey));
    expect(me.body).toMatchObject({ id: store.storeId, brand: { id: c.product.brand.id, name: c.product.brand.name } });

    const found = await server.request('GET', `/api/store/coupons/${c.pin}`, asStore(store.apiKey));
    expect(found.body).toMatchObject({ productName: c.product.name, brandName: c.product.brand.name, status: 'accepted' });
    expect((await server.request('GET', `/api/store/coupons/${c.pin}`, asStore(other.apiKey))).body.code).toBe('coupon_other_brand');
    expect((await server.request('GET', '/api/store/coupons/000000000000', asStore(store.apiKey))).body.code).toBe('coupon_not_found');

    // The limit is 5 unknown PINs per window here: 5 more in parallel, and the store is over it.
    const burst = await Promise.all(Array.from({ length: 5 }, () => server.request('GET', '/api/store/coupons/111111111111', asStore(store.apiKey))));
    expect(burst.map((r) => r.status).sort()).toEqual([404, 404, 404, 404, 429]);
    const limited = burst.find((r) => r.status === 429)!;
    expect(limited.body.code).toBe('rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Unknown PINs, and other brands' coupons, stay refused; the store's own coupons still look up and redeem.
    expect((await server.request('GET', '/api/store/coupons/222222222222', asStore(store.apiKey))).status).toBe(429);
    expect((await redeem(store.apiKey, { pin: '333333333333' })).status).toBe(429);
    expect((await server.request('GET', `/api/store/coupons/${c.pin}`, asStore(store.apiKey))).status).toBe(200);
    // Another store has its own limit.
    expect((await server.request('GET', `/api/store/coupons/${c.pin}`, asStore(other.apiKey))).status).toBe(403);

    const audit: unknown = await server.app.database.db.execute(sql`select outcome from pin_lookups where store_id = ${store.storeId} and action = 'lookup'`);
    const rows = (Array.isArray(audit) ? audit : (audit as { rows: unknown[] }).rows) as Array<{ outcome: string }>;
    expect(rows.map((r) => r.outcome).sort()).toEqual(['found', 'found', ...Array(7).fill('not_found')]);

    const redeemed = await redeem(store.apiKey, { pin: c.pin });
    expect(redeemed.status).toBe(201);
    expect(redeemed.body.coupon.status).toBe('used');
    // Used, it is still the store's own coupon: it says so rather than 429.
    expect((await redeem(store.apiKey, { pin: c.pin })).body.code).toBe('coupon_used');

    clock.advance(61_000);
    expect((await server.request('GET', '/api/store/coupons/222222222222', asStore(store.apiKey))).status).toBe(404);
  });

  it('refuses a store every PIN, its own coupons too, once it has tried unknown PINs past the hard limit', async () => {
    const c = await steps().couponFor('q=Strawberry');
    const store = await steps().storeFor(c.product.brand.id);
    // The limits are 5 and 12 here: the first 5 unknown PINs are answered and the rest refused; past 12, every PIN is.
    const statuses: number[] = [];
    for (let i = 0; i < 13; i++) statuses.push((await server.request('GET', `/api/store/coupons/4444444444${String(i).padStart(2, '0')}`, asStore(store.apiKey))).status);
    expect(statuses).toEqual([...Array(5).fill(404), ...Array(8).fill(429)]);
    expect((await server.request('GET', `/api/store/coupons/${c.pin}`, asStore(store.apiKey))).status).toBe(429);
    expect((await redeem(store.apiKey, { pin: c.pin })).body.code).toBe('rate_limited');

    clock.advance(61_000);
    expect((await redeem(store.apiKey, { pin: c.pin })).status).toBe(201);
  });

  it('lists the brand’s redemptions with a fee of ₩0, read from the ledger', async () => {
    const a = await steps().couponFor('q=Fried%20Chicken');
    const b = await steps().couponFor('q=Crispy%20Crane%20Gift%20Card');
    expect(a.product.brand.id).toBe(b.product.brand.id);
    const first = await steps().storeFor(a.product.brand.id);
    const second = await steps().storeFor(a.product.brand.id);
    const before = (await server.request('GET', '/api/store/statement', asStore(first.apiKey))).body;
    const r1 = await redeem(first.apiKey, { pin: a.pin });
    await redeem(second.apiKey, { pin: b.pin, amount: 7000 });
    const r3 = await redeem(second.apiKey, { pin: b.pin, amount: 3000 });
    await server.request('POST', `/api/store/redemptions/${r3.body.id}/void`, asStore(second.apiKey));

    const statement = (await server.request('GET', '/api/store/statement', asStore(first.apiKey))).body;
    const gross = r1.body.amount.amount + 7000;
    expect(statement.redemptions).toHaveLength(before.redemptions.length + 3);
    expect(statement.redemptions[0]).toMatchObject({ amount: { amount: 3000 }, voidedAt: expect.any(String) });
    expect(new Set(statement.redemptions.slice(0, 3).map((r: { storeName: string }) => r.storeName)).size).toBe(2);
    expect(statement.gross.amount - before.gross.amount).toBe(gross);
    expect(statement.net.amount - before.net.amount).toBe(gross);
    expect(statement.fee).toEqual({ amount: 0, currency: 'KRW' });
    expect(statement.payableBalance.amount - before.payableBalance.amount).toBe(gross);
    const [user] = await people(server, 1);
    expect((await server.request('GET', '/api/store/statement', { token: user!.token })).status).toBe(403);
  });
});
