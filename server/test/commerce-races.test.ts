import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { people, type Person } from './support/chat';
import { commerceSteps } from './support/commerce';
import { recordingLogger } from './support/fuzz';
import { startTestServer, type TestServer } from './support/test-server';

let server: TestServer;
let steps: ReturnType<typeof commerceSteps>;
let op: Person;
let buyers: Person[];
/** The server's warnings: a batch of checkouts or payments that failed (and was written one by one) is one. */
const recorder = recordingLogger('warn');

beforeAll(async () => {
  // Every seller is due for settlement at once, so the scheduler's run can be tried here.
  server = await startTestServer({ SETTLEMENT_INTERVAL_HOURS: '0.0001' }, { log: recorder.log });
  steps = commerceSteps(server);
  op = await steps.operator();
  buyers = await people(server, 25);
  await Promise.all(buyers.map((b) => steps.fund(b, 1_000_000)));
});
afterAll(() => server.close());
afterEach(async () => {
  await server.app.services.ledger.checkInvariants();
  // Every race here is one that batches serve: none may have failed into the slow path unseen.
  expect(recorder.errors.splice(0)).toEqual([]);
});

/** `count` requests at once, spread over the buyers. */
const storm = <T>(count: number, run: (buyer: Person, i: number) => Promise<T>) => Promise.all(Array.from({ length: count }, (_, i) => run(buyers[i % buyers.length]!, i)));

describe('stock under concurrent checkouts', () => {
  it('sells exactly the 10 in stock to 200 concurrent checkouts; the rest are told out_of_stock and nothing stays held', async () => {
    const owner = await steps.seller(op);
    const product = await steps.product(owner, { variants: [{ name: 'Limited', price: 5_000, stock: 10 }] });
    const variantId = product.variants[0]!.id;

    const results = await storm(200, (buyer) => steps.buy(buyer, [{ variantId, quantity: 1 }]));
    const paid = results.filter((r) => r.status === 200 && r.body.status === 'paid');
    expect(paid).toHaveLength(10);
    expect(results.filter((r) => r.status !== 200).map((r) => r.body.code)).toEqual(Array(190).fill('out_of_stock'));
    expect(await steps.stockOf(owner, variantId)).toMatchObject({ onHand: 0, reserved: 0, sold: 10, available: 0 });
    expect((await steps.ledgerOf(owner)).sales.amount).toBe(50_000);
  });

  it('pays an order once when its payment is retried 30 times at once with one key; each retry gets the same answer', async () => {
    const owner = await steps.seller(op);
    const product = await steps.product(owner, { variants: [{ name: 'Mug', price: 12_000, stock: 5 }] });
    const buyer = buyers[0]!;
    const before = (await steps.call('GET', '/api/wallet', buyer)).body.balance.amount as number;
    const started = await steps.checkout(buyer, { lines: [{ variantId: product.variants[0]!.id, quantity: 1 }] });
    expect(started.status).toBe(201);
    const answers = await Promise.all(Array.from({ length: 30 }, () => steps.pay(buyer, started.body.id, `pay-once-${started.body.id}`)));
    expect(answers.map((a) => [a.status, a.body.status])).toEqual(answers.map(() => [200, 'paid']));
    expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
    expect((await steps.call('GET', '/api/wallet', buyer)).body.balance.amount).toBe(before - 12_000);
    // Paying it again with a new key is refused as already paid, and that refusal is the new key's answer from then on.
    const again = await steps.pay(buyer, started.body.id, `pay-again-${started.body.id}`);
    expect([again.status, again.body.code]).toEqual([409, 'too_late']);
    expect((await steps.pay(buyer, started.body.id, `pay-again-${started.body.id}`)).body).toEqual(again.body);
    expect(await steps.stockOf(owner, product.variants[0]!.id)).toMatchObject({ onHand: 4, sold: 1 });
  });

  it('sells an order once when it is paid three times at once with three keys, among other payments of the same item', async () => {
    const owner = await steps.seller(op);
    const product = await steps.product(owner, { variants: [{ name: 'Cap', price: 9_000, stock: 100 }] });
    const variantId = product.variants[0]!.id;
    const [buyer, ...others] = buyers.slice(1, 21) as [Person, ...Person[]];
    const before = (await steps.call('GET', '/api/wallet', buyer)).body.balance.amount as number;
    // Another checkout holds 10 meanwhile, so a sale counted more than once would not break the stock's CHECK.
    expect((await steps.checkout(buyers[21]!, { lines: [{ variantId, quantity: 10 }] })).status).toBe(201);
    const theirs = await Promise.all(others.map((o) => steps.checkout(o, { lines: [{ variantId, quantity: 1 }] })));
    const mine = await steps.checkout(buyer, { lines: [{ variantId, quantity: 1 }] });
    expect(mine.status).toBe(201);
    // The others' payments go first, so that the three of the one order wait for the same batch.
    const paying = theirs.map((t, i) => steps.pay(others[i]!, t.body.id, `pay-other-${t.body.id}`));
    const answers = await Promise.all([0, 1, 2].map((i) => steps.pay(buyer, mine.body.id, `pay-three-${i}-${mine.body.id}`)));
    for (const answer of await Promise.all(paying)) expect(answer.body.status).toBe('paid');
    for (const a of answers) expect([[200, 'paid'], [409, 'too_late']]).toContainEqual([a.status, a.body.status ?? a.body.code]);
    expect(answers.some((a) => a.status === 200)).toBe(true);
    expect((await steps.call('GET', '/api/wallet', buyer)).body.balance.amount).toBe(before - 9_000);
    expect(await steps.stockOf(owner, variantId)).toMatchObject({ onHand: 100 - 20, reserved: 10, sold: 20 });
  });

  it('pays checkouts that arrive together each on its own terms: a short wallet is refused alone, each key answers once', async () => {
    const owner = await steps.seller(op);
    const product = await steps.product(owner, { variants: [{ name: 'Tote', price: 7_000, stock: 100 }] });
    const variantId = product.variants[0]!.id;
    const fresh = await people(server, 16);
    // Every fourth buyer is ₩1 short.
    const short = (i: number) => i % 4 === 3;
    await Promise.all(fresh.map((b, i) => steps.fund(b, short(i) ? 6_999 : 7_000)));
    const orders = await Promise.all(fresh.map(async (b) => (await steps.checkout(b, { lines: [{ variantId, quantity: 1 }] })).body.id as string));
    // Each payment twice with its key, and the first buyer's order once more with another key.
    const answers = await Promise.all([
      ...fresh.flatMap((b, i) => [steps.pay(b, orders[i]!, `together-${orders[i]}`), steps.pay(b, orders[i]!, `together-${orders[i]}`)]),
      steps.pay(fresh[0]!, orders[0]!, `together-other-${orders[0]}`),
    ]);
    fresh.forEach((_, i) => {
      const [first, retry] = [answers[i * 2]!, answers[i * 2 + 1]!];
      // One answer per key: the same status and body (the headers, such as Date, may differ).
      expect([retry.status, retry.body]).toEqual([first.status, first.body]);
      if (short(i)) expect([first.status, first.body.code]).toEqual([402, 'insufficient_funds']);
      else expect([first.status, first.body.status]).toEqual([200, 'paid']);
    });
    // The same order under another key: paid once, so one of the two keys is told it was already paid.
    const other = answers.at(-1)!;
    const firstBuyers = [answers[0]!, other];
    expect(firstBuyers.filter((a) => a.status === 200)).toHaveLength(1);
    expect(firstBuyers.find((a) => a.status !== 200)!.body.code).toBe('too_late');
    const paidCount = fresh.filter((_, i) => !short(i)).length;
    for (const [i, b] of fresh.entries()) expect((await steps.call('GET', '/api/wallet', b)).body.balance.amount).toBe(short(i) ? 6_999 : 0);
    // The short buyers' holds stay until their checkouts expire.
    expect(await steps.stockOf(owner, variantId)).toMatchObject({ onHand: 100 - paidCount, reserved: fresh.length - paidCount, sold: paidCount });
    expect((await steps.ledgerOf(owner)).sales.amount).toBe(paidCount * 7_000);
  });

  it('pays one of two orders sent at once with one key, among payments that arrive together; the other is refused and stays unpaid', async () => {
    const owner = await steps.seller(op);
    const product = await steps.product(owner, { variants: [{ name: 'Pin', price: 3_000, stock: 100 }] });
    const variantId = product.variants[0]!.id;
    const fresh = await people(server, 13);
    const [buyer, ...others] = fresh as [Person, ...Person[]];
    await Promise.all(fresh.map((b) => steps.fund(b, 6_000)));
    const mine = await Promise.all([0, 1].map(async () => (await steps.checkout(buyer, { lines: [{ variantId, quantity: 1 }] })).body.id as string));
    const theirs = await Promise.all(others.map(async (o) => (await steps.checkout(o, { lines: [{ variantId, quantity: 1 }] })).body.id as string));
    const answers = await Promise.all([
      ...others.map((o, i) => steps.pay(o, theirs[i]!, `reuse-other-${theirs[i]}`)),
      ...mine.map((orderId) => steps.pay(buyer, orderId, `reuse-${mine[0]}`)),
    ]);
    for (const a of answers.slice(0, others.length)) expect([a.status, a.body.status]).toEqual([200, 'paid']);
    const two = answers.slice(others.length);
    expect(two.filter((a) => a.status === 200).map((a) => a.body.status)).toEqual(['paid']);
    expect(two.filter((a) => a.status !== 200).map((a) => [a.status, a.body.code])).toEqual([[409, 'idempotency_key_reused']]);
    const unpaid = mine[two.findIndex((a) => a.status !== 200)]!;
    expect((await steps.call('GET', `/api/orders/${unpaid}`, buyer)).body.status).toBe('pending_payment');
    // Retried with that key among others' payments, it gets the same refusal, and the order stays unpaid.
    const next = await Promise.all(others.map(async (o) => (await steps.checkout(o, { lines: [{ variantId, quantity: 1 }] })).body.id as string));
    const again = await Promise.all([...others.map((o, i) => steps.pay(o, next[i]!, `reuse-next-${next[i]}`)), steps.pay(buyer, unpaid, `reuse-${mine[0]}`)]);
    for (const a of again.slice(0, others.length)) expect([a.status, a.body.status]).toEqual([200, 'paid']);
    expect([again.at(-1)!.status, again.at(-1)!.body.code]).toEqual([409, 'idempotency_key_reused']);
    expect((await steps.call('GET', `/api/orders/${unpaid}`, buyer)).body.status).toBe('pending_payment');
    expect((await steps.call('GET', '/api/wallet', buyer)).body.balance.amount).toBe(3_000);
    expect(await steps.stockOf(owner, variantId)).toMatchObject({ onHand: 100 - 25, reserved: 1, sold: 25 });
  });

  it('hands each of 10 concurrent buyers of a certified item its own certificate, none twice and none short', async () => {
    const owner = await steps.seller(op);
    const picture = await steps.image(owner);
    const product = await steps.product(owner, { variants: [{ name: 'Signed', price: 2_000, stock: 10 }] });
    await steps.certify(op, owner, product.id, [picture]);
    const serials = Array.from({ length: 10 }, (_, i) => `SG-${i}`);
    steps.expectStatus(await steps.call('POST', '/api/seller/certificates', owner.person, { productId: product.id, serials }), 201, 'issue');

    const results = await storm(10, (buyer) => steps.buy(buyer, [{ variantId: product.variants[0]!.id, quantity: 1 }]));
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(200));
    const owned = await Promise.all(buyers.slice(0, 10).map(async (b) => (await steps.call('GET', `/api/products/${product.id}/certification`, b)).body.mine as Array<{ serial: string }>));
    expect(owned.map((mine) => mine.length)).toEqual(Array(10).fill(1));
    expect(new Set(owned.map((mine) => mine[0]!.serial))).toEqual(new Set(serials));
  });

  it('never holds more than is on hand when checkouts and cancellations race', async () => {
    const owner = await steps.seller(op);
    const product = await steps.product(owner, { variants: [{ name: 'Few', price: 1_000, stock: 5 }] });
    const variantId = product.variants[0]!.id;
    const results = await storm(100, async (buyer) => {
      const started = await steps.checkout(buyer, { lines: [{ variantId, quantity: 1 }] });
      if (started.status !== 201) return started.body.code as string;
      await steps.call('POST', `/api/orders/${started.body.id}/cancel`, buyer);
      return 'held and cancelled';
    });
    expect(results.filter((r) => r === 'held and cancelled').length).toBeGreaterThanOrEqual(5);
    expect(results.filter((r) => r !== 'held and cancelled').every((r) => r === 'out_of_stock')).toBe(true);
    expect(await steps.stockOf(owner, variantId)).toMatchObject({ onHand: 5, reserved: 0, sold: 0, available: 5 });
  });
});

describe('coupon code limits under concurrent orders', () => {
  it('gives a code with a total limit of 5 exactly 5 uses among 100 concurrent orders', async () => {
    const owner = await steps.seller(op);
    const product = await steps.product(owner, { variants: [{ name: 'Plenty', price: 10_000, stock: 1000 }] });
    const code = steps.expectStatus(await steps.coupon(owner, { code: 'FIRST5', kind: 'fixed', value: 3_000, totalLimit: 5 }), 201, 'coupon');

    const results = await storm(100, (buyer) => steps.buy(buyer, [{ variantId: product.variants[0]!.id, quantity: 1 }], { couponCode: code.code }));
    const used = results.filter((r) => r.status === 200 && r.body.couponCode === 'FIRST5');
    expect(used).toHaveLength(5);
    expect(new Set(results.filter((r) => r.status !== 200).map((r) => r.body.code))).toEqual(new Set(['coupon_code_exhausted']));
    const listed = steps.expectStatus(await steps.call('GET', '/api/seller/coupons', owner.person), 200, 'coupons');
    expect(listed.coupons[0]).toMatchObject({ code: 'FIRST5', uses: 5 });
    expect((await steps.ledgerOf(owner)).sales.amount).toBe(5 * 7_000);
  });

  it('gives a code with a per-user limit of 1 one use among 20 concurrent orders from one buyer', async () => {
    const owner = await steps.seller(op);
    const product = await steps.product(owner, { variants: [{ name: 'Plenty', price: 10_000, stock: 1000 }] });
    await steps.coupon(owner, { code: 'WELCOME', kind: 'percent', value: 50, perUserLimit: 1 });
    const [buyer] = await people(server, 1);
    await steps.fund(buyer!, 1_000_000);

    const results = await Promise.all(Array.from({ length: 20 }, () => steps.buy(buyer!, [{ variantId: product.variants[0]!.id, quantity: 1 }], { couponCode: 'WELCOME' })));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(new Set(results.filter((r) => r.status !== 200).map((r) => r.body.code))).toEqual(new Set(['coupon_code_limit_reached']));
    expect(await steps.balance(buyer!)).toBe(1_000_000 - 5_000);
  });
});

describe('zero-fee settlement', () => {
  it('after sales, refunds and a settlement run, the fee account is 0 and each seller was paid or owed exactly its net sales', async () => {
    const owners = await Promise.all([steps.seller(op, 'brand'), steps.seller(op, 'small_business'), steps.seller(op, 'small_business')]);
    const products = await Promise.all(owners.map((o, i) => steps.product(o, { variants: [{ name: 'A', price: 7_000 + i * 1_000, stock: 500 }, { name: 'B', price: 12_500, stock: 500 }] })));
    await steps.coupon(owners[0]!, { code: 'TENOFF', kind: 'percent', value: 10 });

    // 60 concurrent purchases over three stores, some with a code; then a quarter of them cancelled (refunded) at once.
    const bought = await storm(60, (buyer, i) =>
      steps.buy(buyer, [{ variantId: products[i % 3]!.variants[i % 2]!.id, quantity: 1 + (i % 3) }], i % 3 === 0 && i % 2 === 0 ? { couponCode: 'TENOFF' } : {}),
    );
    expect(bought.every((r) => r.status === 200)).toBe(true);
    await Promise.all(bought.filter((_, i) => i % 4 === 1).map((r) => steps.call('POST', `/api/orders/${r.body.id}/cancel`, buyers.find((b) => b.user.id === r.body.buyer.id))));

    // A settlement run for every seller (the scheduler's job, with the clock past the interval), racing a manual one.
    // The scheduler may have marked a seller settled with nothing to pay before its first sale; once the interval
    // (0.36 s) has passed since, every seller is due, or was paid out by the scheduler meanwhile.
    await new Promise((resolve) => setTimeout(resolve, 500));
    await Promise.all([
      server.app.services.settlements.settleDue({ kind: 'system' }),
      steps.call('POST', '/api/seller/settlements', owners[1]!.person),
    ]);

    const fees = await server.app.services.ledger.balance({ kind: 'fee_revenue' }, 'KRW');
    expect(fees).toBe(0);
    for (const [i, owner] of owners.entries()) {
      const ledger = await steps.ledgerOf(owner);
      const kept = bought.filter((_, j) => j % 3 === i && j % 4 !== 1).reduce((sum, r) => sum + r.body.total.amount, 0);
      const orders = steps.expectStatus(await steps.call('GET', '/api/seller/orders', owner.person), 200, 'orders');
      const netFromOrders = orders.orders.filter((o: { status: string }) => o.status !== 'cancelled').reduce((sum: number, o: { total: { amount: number } }) => sum + o.total.amount, 0);
      expect(ledger.netSales.amount).toBe(netFromOrders);
      expect(ledger.netSales.amount).toBe(kept);
      expect(ledger.payable.amount + ledger.paidOut.amount).toBe(ledger.netSales.amount);
      expect(ledger.feesPaid.amount).toBe(0);
      // A run pays out the whole payable; a refund after it (the scheduler may run mid-storm) leaves the seller owing.
      expect(ledger.settlements.length).toBeGreaterThan(0);
      expect(ledger.payable.amount).toBeLessThanOrEqual(0);
    }
  });
});
