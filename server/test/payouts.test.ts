import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/platform/clock';
import { PAYOUT_RETRY_MS } from '../src/modules/ledger';
import { PayoutRefused, type Charge, type Payout, type PaymentsPort } from '../src/platform/payments/payments';
import { people, type Person } from './support/chat';
import { recordingLogger } from './support/fuzz';
import { giftSteps, key } from './support/gifts';
import { startTestServer, type TestServer } from './support/test-server';

/**
 * A payment provider seen through Maum's payments port, as a real gateway behaves: it takes each payout once by its
 * reference (asking again answers the same payout), and it can be down, slow, or refuse a payee for good.
 */
class StandInProvider implements PaymentsPort {
  readonly provider = 'sandbox' as const;
  mode: 'up' | 'down' | 'refuse' = 'up';
  /** While set, payouts wait for it: a provider that answers slowly. */
  hold: Promise<void> | null = null;
  asked = 0;
  readonly taken = new Map<string, { reference: string; amount: number }>();

  async charge(charge: Charge): Promise<{ providerReference: string }> {
    return { providerReference: `ch_${charge.reference}` };
  }

  async payout(payout: Payout): Promise<{ providerReference: string }> {
    this.asked++;
    await this.hold;
    if (this.mode === 'down') throw new Error('connect ECONNREFUSED');
    if (this.mode === 'refuse') throw new PayoutRefused('the payee’s bank account is closed');
    const known = this.taken.get(payout.reference);
    if (known) return { providerReference: known.reference };
    const taken = { reference: `po_${this.taken.size + 1}`, amount: payout.amount };
    this.taken.set(payout.reference, taken);
    return { providerReference: taken.reference };
  }

  paidOut(): number {
    return [...this.taken.values()].reduce((sum, t) => sum + t.amount, 0);
  }
}

const clock = new ManualClock(new Date('2027-02-01T09:00:00.000Z'));
const provider = new StandInProvider();
const recorder = recordingLogger('warn');
const system = { kind: 'system' as const };
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({}, { clock, payments: provider, log: recorder.log });
  // Each test runs the payout job itself, as a node's scheduler would, with the clock it moves.
  await server.app.scheduler.stop();
});
afterEach(async () => {
  await server.app.services.ledger.checkInvariants();
  // A test takes the warnings it causes; any other is a failure that would pass unseen.
  expect(recorder.errors.splice(0)).toEqual([]);
  provider.mode = 'up';
  provider.hold = null;
});
afterAll(() => server.close());

type Statement = { payable: { amount: number }; paidOut: { amount: number }; payouts: Array<{ id: string; status: string; payoutReference: string | null; amount: { amount: number } }> };
const statement = async (host: Person) => (await server.request('GET', '/api/subscriptions/payouts', { token: host.token })).body as Statement;
const payOut = (host: Person) => server.request('POST', '/api/subscriptions/payouts', { token: host.token });
const sendDue = () => server.app.services.payouts.sendDue(system);

/** An open room of `host`'s selling a tier at each of `prices`: the room's id and the tiers' ids, in order. */
async function roomWithTiers(host: Person, prices: number[]): Promise<{ roomId: string; tierIds: string[] }> {
  const room = await server.request('POST', '/api/open/rooms', { token: host.token, body: { name: 'Night radio', category: 'music', languages: ['ko'] } });
  const tierIds: string[] = [];
  for (const price of prices) {
    const tier = await server.request('POST', `/api/open/rooms/${room.body.id}/tiers`, { token: host.token, body: { name: `Listener ${price}`, price, perks: 'Songs first' } });
    tierIds.push(tier.body.id);
  }
  return { roomId: room.body.id, tierIds };
}

/** `fan` tops up `price` and subscribes to the tier with it; answers the subscription's id. */
async function subscribe(fan: Person, roomId: string, tierId: string, price: number): Promise<string> {
  expect((await giftSteps(server).fund(fan, price)).status).toBe(201);
  const sub = await server.request('POST', `/api/open/rooms/${roomId}/subscriptions`, { token: fan.token, body: { tierId }, headers: { 'idempotency-key': key() } });
  expect(sub.status).toBe(201);
  return sub.body.id;
}

/** A host whose room has `subscribers` subscribers at `price`: that much is payable to them. */
async function earningHost(subscribers: number, price: number): Promise<Person> {
  const [host, ...fans] = await people(server, 1 + subscribers);
  const { roomId, tierIds } = await roomWithTiers(host!, [price]);
  for (const fan of fans) await subscribe(fan, roomId, tierIds[0]!, price);
  expect((await statement(host!)).payable.amount).toBe(subscribers * price);
  return host!;
}

describe('payouts leave through an outbox', () => {
  it('pays once when a host asks 20 times at once while the scheduler pays everyone due', async () => {
    const host = await earningHost(3, 4000);
    const before = provider.paidOut();
    const answers = await Promise.all([
      ...Array.from({ length: 20 }, () => payOut(host)),
      server.app.services.subscriptions.payOutDue(system).then(() => null),
    ]);
    const payouts = answers.filter((a) => a?.status === 201 && a.body).map((a) => a!.body as { id: string; status: string; payoutReference: string });
    expect(answers.map((a) => a?.status ?? 201)).toEqual(answers.map(() => 201));
    const mine = (await statement(host)).payouts;
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ status: 'paid', amount: { amount: 12_000 }, payoutReference: expect.stringMatching(/^po_/) });
    // Whoever made the payout was answered with it, paid; the others found nothing left to pay.
    expect(payouts.every((p) => p.id === mine[0]!.id && p.status === 'paid')).toBe(true);
    expect(provider.paidOut() - before).toBe(12_000);
    expect(await statement(host)).toMatchObject({ payable: { amount: 0 }, paidOut: { amount: 12_000 } });
  });

  it('keeps a payout the provider cannot take pending, with its money set aside, and sends it once the provider is back', async () => {
    const host = await earningHost(2, 5000);
    provider.mode = 'down';
    const answer = await payOut(host);
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ status: 'pending', payoutReference: null, amount: { amount: 10_000 } });
    // The money has left the payable: a second payout finds nothing to pay, and the statement shows it going out.
    expect((await payOut(host)).body).toBeNull();
    expect(await statement(host)).toMatchObject({ payable: { amount: 0 }, paidOut: { amount: 10_000 } });
    // The operator is told why, in a warning that names the provider's error.
    expect(recorder.errors.splice(0).some((e) => /ECONNREFUSED/.test(JSON.stringify(e)))).toBe(true);

    // The job leaves it alone until it has waited PAYOUT_RETRY_MS, and asks again while the provider is down.
    const asked = provider.asked;
    await sendDue();
    expect(provider.asked).toBe(asked);
    clock.advance(PAYOUT_RETRY_MS);
    expect(await sendDue()).toBe(0);
    expect(provider.asked).toBe(asked + 1);
    expect(recorder.errors.splice(0)).toHaveLength(1);
    expect((await statement(host)).payouts[0]).toMatchObject({ status: 'pending' });

    // Each attempt doubles the wait: a minute later it is not asked again yet, two minutes later it is.
    clock.advance(PAYOUT_RETRY_MS);
    await sendDue();
    expect(provider.asked).toBe(asked + 1);

    // Back up: two nodes' jobs at once send it, and it is paid once.
    provider.mode = 'up';
    clock.advance(PAYOUT_RETRY_MS);
    const ended = await Promise.all([sendDue(), sendDue()]);
    expect(ended.reduce((a, b) => a + b, 0)).toBe(1);
    const [payout] = (await statement(host)).payouts;
    expect(payout).toMatchObject({ id: answer.body.id, status: 'paid', payoutReference: provider.taken.get(answer.body.id)!.reference });
    expect(await statement(host)).toMatchObject({ payable: { amount: 0 }, paidOut: { amount: 10_000 } });
    clock.advance(PAYOUT_RETRY_MS);
    await sendDue();
    expect(provider.taken.get(answer.body.id)!.amount).toBe(10_000);
  });

  it('gives the money of a payout the provider refuses back to the payable, to be paid out again', async () => {
    const host = await earningHost(1, 7000);
    provider.mode = 'refuse';
    const refused = await payOut(host);
    expect(refused.body).toMatchObject({ status: 'failed', payoutReference: null, amount: { amount: 7000 } });
    expect(await statement(host)).toMatchObject({ payable: { amount: 7000 }, paidOut: { amount: 0 } });
    expect(recorder.errors.splice(0).some((e) => /bank account is closed/.test(JSON.stringify(e)))).toBe(true);

    provider.mode = 'up';
    const paid = await payOut(host);
    expect(paid.body).toMatchObject({ status: 'paid', amount: { amount: 7000 } });
    const { payouts, ...totals } = await statement(host);
    expect(totals).toMatchObject({ payable: { amount: 0 }, paidOut: { amount: 7000 } });
    expect(payouts.map((p) => p.status)).toEqual(['paid', 'failed']);
  });

  it('holds no transaction while the provider answers slowly: others buy, top up and pay out meanwhile', async () => {
    const [slow, other] = [await earningHost(1, 3000), await earningHost(1, 2000)];
    let release!: () => void;
    provider.hold = new Promise((resolve) => (release = resolve));
    const asked = provider.asked;
    const waiting = payOut(slow);
    await expect.poll(() => provider.asked).toBe(asked + 1);

    // While the provider sits on the slow host's payout, the database serves everyone else, the slow host included.
    const [buyer] = await people(server, 1);
    expect((await giftSteps(server).fund(buyer!, 9000)).status).toBe(201);
    expect((await payOut(slow)).body).toBeNull();
    expect(await statement(slow)).toMatchObject({ payable: { amount: 0 }, paidOut: { amount: 3000 } });
    const otherPayout = payOut(other);
    await expect.poll(async () => (await statement(other)).payable.amount).toBe(0);

    release();
    expect((await waiting).body).toMatchObject({ status: 'paid', amount: { amount: 3000 } });
    expect((await otherPayout).body).toMatchObject({ status: 'paid', amount: { amount: 2000 } });
  });

  it('pays a withdrawal after a payout from the payable all the same, which waits below ₩0 until later earnings make it up', async () => {
    const [host, fan, later] = await people(server, 3);
    const { roomId, tierIds } = await roomWithTiers(host!, [5000, 8000]);
    const withdrawn = await subscribe(fan!, roomId, tierIds[0]!, 5000);
    expect((await payOut(host!)).body).toMatchObject({ status: 'paid', amount: { amount: 5000 } });

    // The fan withdraws within the 7 days: the whole payment comes back, though the host was already paid it.
    const refund = await server.request('POST', `/api/subscriptions/${withdrawn}/refund`, { token: fan!.token, headers: { 'idempotency-key': key() } });
    expect(refund.body).toMatchObject({ status: 'refunded' });
    expect(await giftSteps(server).balance(fan!)).toBe(5000);
    expect(await statement(host!)).toMatchObject({ payable: { amount: -5000 }, paidOut: { amount: 5000 } });
    // Nothing is paid out while the payable is below ₩0, by hand or on schedule.
    expect((await payOut(host!)).body).toBeNull();
    await server.app.services.subscriptions.payOutDue(system);
    expect((await statement(host!)).payouts).toHaveLength(1);

    // A later subscriber's ₩8,000 first makes up the ₩5,000; the rest is paid out.
    await subscribe(later!, roomId, tierIds[1]!, 8000);
    expect((await payOut(host!)).body).toMatchObject({ status: 'paid', amount: { amount: 3000 } });
    expect(await statement(host!)).toMatchObject({ payable: { amount: 0 }, paidOut: { amount: 8000 } });
  });
});
