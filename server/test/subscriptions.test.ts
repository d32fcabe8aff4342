import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/platform/clock';
import { people, type Person } from './support/chat';
import { giftSteps, key } from './support/gifts';
import { startTestServer, type TestServer } from './support/test-server';
import { TestSocket } from './support/ws-client';

// The scheduler is stopped: each test runs renewals itself, as two nodes would, with the clock it moves.
const start = new Date('2027-01-10T12:00:00.000Z');
const clock = new ManualClock(start);
const DAY = 86_400_000;
let server: TestServer;
const sockets: TestSocket[] = [];
beforeAll(async () => {
  server = await startTestServer({ SESSION_TTL_DAYS: '365' }, { clock });
  await server.app.scheduler.stop();
});
afterEach(async () => {
  await server.app.services.ledger.checkInvariants();
  const fees = await server.app.services.ledger.balance({ kind: 'fee_revenue' }, 'KRW');
  expect(fees).toBe(0);
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await server.close();
});

const system = { kind: 'system' as const };
const steps = () => giftSteps(server);
type Sub = { id: string; status: string; access: boolean; periodEnd: string; nextCharge: { at: string; amount: { amount: number } } | null; refundable: boolean; paid: { amount: number }; refunded: { amount: number } };

async function hostedRoom(host: Person, name = 'Webtoon translations'): Promise<string> {
  const res = await server.request('POST', '/api/open/rooms', { token: host.token, body: { name, category: 'webcomics', languages: ['ko', 'en'] } });
  expect(res.status).toBe(201);
  return res.body.id as string;
}
async function tier(host: Person, roomId: string, price: number, name = 'Supporter'): Promise<string> {
  const res = await server.request('POST', `/api/open/rooms/${roomId}/tiers`, { token: host.token, body: { name, price, perks: 'Chapters a week early' } });
  expect(res.status).toBe(201);
  return res.body.id as string;
}
const subscribe = (who: Person, roomId: string, tierId: string, idempotencyKey = key()) =>
  server.request('POST', `/api/open/rooms/${roomId}/subscriptions`, { token: who.token, body: { tierId }, headers: { 'idempotency-key': idempotencyKey } });
const mine = async (who: Person, id: string): Promise<Sub> => (await server.request('GET', `/api/subscriptions/${id}`, { token: who.token })).body;
/** Two scheduler nodes renewing at the same moment. */
const renewOnTwoNodes = () => Promise.all([server.app.services.subscriptions.renewDue(system), server.app.services.subscriptions.renewDue(system)]);
async function funded(count: number, amount: number): Promise<Person[]> {
  const all = await people(server, count);
  for (const p of all) expect((await steps().fund(p, amount)).status).toBe(201);
  return all;
}
async function hostStatement(host: Person) {
  return (await server.request('GET', '/api/subscriptions/payouts', { token: host.token })).body as { earned: { amount: number }; payable: { amount: number }; paidOut: { amount: number }; feesPaid: { amount: number } };
}
async function cardsFrom(who: Person): Promise<string[]> {
  const rooms = (await server.request('GET', '/api/rooms', { token: who.token })).body.rooms as Array<{ id: string; kind: string; title: string | null; members?: unknown }>;
  const events: string[] = [];
  for (const room of rooms) {
    const history = (await server.request('GET', `/api/rooms/${room.id}/messages?limit=100`, { token: who.token })).body.messages as Array<{ kind: string; body: { card?: { type: string; event: string } } }>;
    for (const m of history) if (m.kind === 'card' && m.body.card?.type === 'subscription') events.push(m.body.card.event);
  }
  return events;
}

describe('a year of monthly renewals', () => {
  it('charges each subscription exactly once per period through grace, retries, lapses, restores and cancels, with two nodes renewing at once', async () => {
    clock.set(start);
    const [host] = await people(server, 1);
    const roomId = await hostedRoom(host!);
    const price = 3000;
    const tierId = await tier(host!, roomId, price);
    // Steady: funded for the year. Short: funded for three months; some top up in grace, some come back after the
    // lapse, some stay away. Leavers cancel in June.
    const steady = await funded(100, 12 * price);
    const short = await funded(60, 3 * price);
    const leavers = await funded(40, 12 * price);
    const [inGrace, comeBack, stayAway] = [short.slice(0, 20), short.slice(20, 40), short.slice(40)];
    const everyone = [...steady, ...short, ...leavers];

    // Subscribing, with retried requests: the same key three times at once, and a second key at the same moment.
    const ids = new Map<Person, string>();
    for (let i = 0; i < everyone.length; i += 25) {
      await Promise.all(
        everyone.slice(i, i + 25).map(async (p, j) => {
          const k = key();
          const tries = j % 5 === 0 ? [subscribe(p, roomId, tierId, k), subscribe(p, roomId, tierId, k), subscribe(p, roomId, tierId, k), subscribe(p, roomId, tierId)] : [subscribe(p, roomId, tierId, k)];
          const answers = await Promise.all(tries);
          const ok = answers.filter((a) => a.status === 201);
          expect(new Set(ok.map((a) => a.body.id)).size).toBe(1);
          for (const a of answers) if (a.status !== 201) expect(a.body.code).toBe('already_subscribed');
          ids.set(p, ok[0]!.body.id);
        }),
      );
    }
    const first = await mine(steady[0]!, ids.get(steady[0]!)!);
    expect(first).toMatchObject({ status: 'active', access: true, periodEnd: '2027-02-10T12:00:00.000Z', nextCharge: { at: '2027-02-10T12:00:00.000Z', amount: { amount: price } } });

    for (let day = 1; day <= 359; day++) {
      clock.set(new Date(start.getTime() + day * DAY));
      const today = clock.now().toISOString().slice(0, 10);
      if (today === '2027-04-11') for (const p of inGrace) await steps().fund(p, 9 * price);
      if (today === '2027-05-01') {
        for (const p of comeBack) {
          await steps().fund(p, 9 * price);
          expect((await subscribe(p, roomId, tierId)).status).toBe(201);
        }
      }
      if (today === '2027-06-20') for (const p of leavers) expect((await server.request('POST', `/api/subscriptions/${ids.get(p)}/cancel`, { token: p.token })).body.status).toBe('cancelled');
      if (today === '2027-07-10') {
        // The day the leavers' paid period ends, a minute before: still theirs.
        clock.set(new Date(clock.now().getTime() - 60_000));
        expect(await mine(leavers[0]!, ids.get(leavers[0]!)!)).toMatchObject({ status: 'cancelled', access: true, nextCharge: null });
        clock.set(new Date(start.getTime() + day * DAY));
        expect(await mine(leavers[0]!, ids.get(leavers[0]!)!)).toMatchObject({ status: 'ended', access: false, nextCharge: null });
      }
      await renewOnTwoNodes();
      if (today === '2027-04-10') expect(await mine(stayAway[0]!, ids.get(stayAway[0]!)!)).toMatchObject({ status: 'grace', access: true, nextCharge: { at: '2027-04-11T12:00:00.000Z' } });
    }
    // Ends on 2028-01-04: eleven renewals (10 February to 10 December) for the steady ones.
    const expectations: Array<[Person[], string, number]> = [
      [steady, 'active', 12],
      [inGrace, 'active', 12],
      [comeBack, 'active', 12],
      [stayAway, 'lapsed', 3],
      [leavers, 'ended', 6],
    ];
    let charged = 0;
    for (const [group, status, charges] of expectations) {
      for (const p of group) {
        const sub = await mine(p, ids.get(p)!);
        expect(sub.status).toBe(status);
        expect(sub.paid.amount).toBe(charges * price);
        charged += sub.paid.amount;
      }
    }
    // The wallets say the same: nobody paid more than their periods, and the short ones hold nothing.
    expect(await steps().balance(steady[0]!)).toBe(0);
    expect(await steps().balance(stayAway[0]!)).toBe(0);
    expect(await steps().balance(leavers[0]!)).toBe(6 * price);
    const statement = await hostStatement(host!);
    expect(statement).toMatchObject({ earned: { amount: charged }, payable: { amount: charged }, paidOut: { amount: 0 }, feesPaid: { amount: 0 } });
    // A renewal run posts its receipts after it commits, alongside the next runs: they all arrive, not always in order.
    await expect.poll(async () => (await cardsFrom(stayAway[0]!)).sort()).toEqual(['charged', 'lapsed', 'payment_failed', 'renewed', 'renewed']);

    const earnings = (await server.request('GET', `/api/open/rooms/${roomId}/earnings`, { token: host!.token })).body;
    expect(earnings).toMatchObject({ mrr: { amount: (steady.length + inGrace.length + comeBack.length) * price }, feesPaid: { amount: 0 }, charged: { amount: charged }, refunded: { amount: 0 }, failedRenewals: 0 });
    expect(earnings.tiers[0].subscribers).toBe(steady.length + inGrace.length + comeBack.length);
    expect(earnings.payments).toHaveLength(50);
    expect(earnings.payments[0]).toMatchObject({ kind: 'charge', amount: { amount: price }, tier: 'Supporter', period: expect.any(Number) });

    // A payout moves the whole payable out: host payable = charges − refunds − payouts.
    const payout = await server.request('POST', '/api/subscriptions/payouts', { token: host!.token });
    expect(payout.body).toMatchObject({ amount: { amount: charged }, fee: { amount: 0 } });
    expect(await hostStatement(host!)).toMatchObject({ earned: { amount: charged }, payable: { amount: 0 }, paidOut: { amount: charged }, feesPaid: { amount: 0 } });
  }, 300_000);
});

describe('refunds', () => {
  it('gives a first payment back in full within 7 days if unused, and names why it cannot otherwise', async () => {
    clock.set(new Date('2027-03-01T09:00:00.000Z'));
    const [host] = await people(server, 1);
    const roomId = await hostedRoom(host!);
    const tierId = await tier(host!, roomId, 4900);
    await server.request('POST', `/api/open/rooms/${roomId}/posts`, { token: host!.token, body: { text: 'Chapter 12, early' } });
    const [fresh, reader, late] = await funded(3, 20_000);

    const a = (await subscribe(fresh!, roomId, tierId)).body as Sub;
    expect(a.refundable).toBe(true);
    clock.set(new Date('2027-03-07T09:00:00.000Z'));
    const [r1, r2] = await Promise.all([
      server.request('POST', `/api/subscriptions/${a.id}/refund`, { token: fresh!.token, headers: { 'idempotency-key': key() } }),
      server.request('POST', `/api/subscriptions/${a.id}/refund`, { token: fresh!.token, headers: { 'idempotency-key': key() } }),
    ]);
    expect([r1.status, r2.status]).toEqual([200, 200]);
    expect(r1.body).toMatchObject({ status: 'refunded', access: false, paid: { amount: 4900 }, refunded: { amount: 4900 } });
    expect(await steps().balance(fresh!)).toBe(20_000);
    expect(await cardsFrom(fresh!)).toEqual(['charged', 'refunded']);

    const b = (await subscribe(reader!, roomId, tierId)).body as Sub;
    const posts = (await server.request('GET', `/api/open/rooms/${roomId}/posts`, { token: reader!.token })).body.posts;
    expect(posts[0]).toMatchObject({ unlocked: true, text: 'Chapter 12, early' });
    const used = await server.request('POST', `/api/subscriptions/${b.id}/refund`, { token: reader!.token, headers: { 'idempotency-key': key() } });
    expect(used.status).toBe(409);
    expect(used.body.code).toBe('subscription_used');

    const c = (await subscribe(late!, roomId, tierId)).body as Sub;
    clock.set(new Date('2027-03-15T09:00:01.000Z'));
    const over = await server.request('POST', `/api/subscriptions/${c.id}/refund`, { token: late!.token, headers: { 'idempotency-key': key() } });
    expect(over.status).toBe(409);
    expect(over.body.code).toBe('refund_window_over');
    expect(await steps().balance(late!)).toBe(20_000 - 4900);
    // Somebody else's subscription does not exist for them.
    expect((await server.request('POST', `/api/subscriptions/${c.id}/refund`, { token: reader!.token, headers: { 'idempotency-key': key() } })).status).toBe(404);
    expect((await server.request('GET', `/api/subscriptions/${c.id}`, { token: host!.token })).status).toBe(404);
  });

  it('refunds the unused part pro rata when the host takes a member out without a reason or closes the room, and nothing when a reason is logged', async () => {
    clock.set(new Date('2027-05-01T00:00:00.000Z'));
    const [host] = await people(server, 1);
    const roomId = await hostedRoom(host!);
    const tierId = await tier(host!, roomId, 3100);
    const [quiet, warned, stays] = await funded(3, 10_000);
    for (const p of [quiet!, warned!, stays!]) {
      expect((await subscribe(p, roomId, tierId)).status).toBe(201);
      expect((await server.request('POST', `/api/open/rooms/${roomId}/join`, { token: p.token, body: {} })).status).toBe(200);
    }
    const memberOf = async (p: Person) => (await server.request('GET', `/api/open/rooms/${roomId}`, { token: p.token })).body.memberId as string;
    // 1 May to 1 June is 31 days; 11 days in, 20 are left: 3100 × 20 / 31 = 2000.
    clock.set(new Date('2027-05-12T00:00:00.000Z'));
    const quietId = await memberOf(quiet!);
    const warnedId = await memberOf(warned!);
    expect((await server.request('POST', `/api/open/rooms/${roomId}/members/${quietId}/kick`, { token: host!.token, body: {} })).status).toBe(204);
    expect((await server.request('POST', `/api/open/rooms/${roomId}/members/${warnedId}/kick`, { token: host!.token, body: { reason: 'spam links' } })).status).toBe(204);
    expect(await steps().balance(quiet!)).toBe(10_000 - 3100 + 2000);
    expect(await steps().balance(warned!)).toBe(10_000 - 3100);
    const list = async (p: Person) => (await server.request('GET', '/api/subscriptions', { token: p.token })).body.subscriptions[0] as Sub;
    expect(await list(quiet!)).toMatchObject({ status: 'refunded', refunded: { amount: 2000 }, nextCharge: null });
    expect(await list(warned!)).toMatchObject({ status: 'ended', refunded: { amount: 0 }, nextCharge: null });

    clock.set(new Date('2027-05-21T00:00:00.000Z'));
    expect((await server.request('POST', `/api/open/rooms/${roomId}/close`, { token: stays!.token })).status).toBe(403);
    expect((await server.request('POST', `/api/open/rooms/${roomId}/close`, { token: host!.token })).status).toBe(204);
    // 11 days of 31 left: 3100 × 11 / 31 = 1100.
    expect(await list(stays!)).toMatchObject({ status: 'refunded', refunded: { amount: 1100 } });
    expect(await steps().balance(stays!)).toBe(10_000 - 3100 + 1100);
    const after = await subscribe(warned!, roomId, tierId);
    expect(after.body.code).toBe('room_closed');
    expect(await hostStatement(host!)).toMatchObject({ earned: { amount: 3 * 3100 - 2000 - 1100 }, payable: { amount: 3 * 3100 - 2000 - 1100 } });
    const lines = (await server.request('GET', `/api/open/rooms/${roomId}/earnings`, { token: host!.token })).body.payments as Array<{ kind: string; amount: { amount: number } }>;
    expect(lines.filter((l) => l.kind === 'refund').map((l) => l.amount.amount).sort()).toEqual([1100, 2000]);
    // Nothing renews after the close.
    clock.set(new Date('2027-06-02T00:00:00.000Z'));
    await renewOnTwoNodes();
    expect(await steps().balance(stays!)).toBe(10_000 - 3100 + 1100);
  });
});

describe('hosts, tiers and errors', () => {
  it('lets only the host (or a co-host granted earnings) manage tiers, and names every refusal apart', async () => {
    clock.set(new Date('2027-08-01T00:00:00.000Z'));
    const [host, helper, fan, broke] = await people(server, 4);
    await steps().fund(fan!, 50_000);
    const roomId = await hostedRoom(host!);
    for (const p of [helper!, fan!]) await server.request('POST', `/api/open/rooms/${roomId}/join`, { token: p.token, body: {} });
    const helperId = (await server.request('GET', `/api/open/rooms/${roomId}`, { token: helper!.token })).body.memberId;
    const tierBody = { name: 'Fan', price: 2000, perks: '' };
    expect((await server.request('POST', `/api/open/rooms/${roomId}/tiers`, { token: fan!.token, body: tierBody })).status).toBe(403);
    await server.request('PUT', `/api/open/rooms/${roomId}/cohosts/${helperId}`, { token: host!.token, body: { rights: ['hide'] } });
    expect((await server.request('POST', `/api/open/rooms/${roomId}/tiers`, { token: helper!.token, body: tierBody })).status).toBe(403);
    expect((await server.request('GET', `/api/open/rooms/${roomId}/earnings`, { token: helper!.token })).status).toBe(403);
    await server.request('PUT', `/api/open/rooms/${roomId}/cohosts/${helperId}`, { token: host!.token, body: { rights: ['earnings'] } });
    const made = await Promise.all([1, 2, 3, 4].map((i) => server.request('POST', `/api/open/rooms/${roomId}/tiers`, { token: helper!.token, body: { ...tierBody, name: `Tier ${i}` } })));
    expect(made.map((m) => m.status).sort()).toEqual([201, 201, 201, 409]);
    expect(made.find((m) => m.status === 409)!.body.code).toBe('tier_limit_reached');
    // Which three were made depends on the order the four reached the server in.
    const tiers = made.filter((m) => m.status === 201).map((m) => m.body.id as string);
    const firstName = made.find((m) => m.body.id === tiers[0])!.body.name as string;

    expect((await subscribe(broke!, roomId, tiers[0]!)).body.code).toBe('insufficient_funds');
    const sub = (await subscribe(fan!, roomId, tiers[0]!)).body as Sub;
    expect((await subscribe(fan!, roomId, tiers[0]!)).body.code).toBe('already_subscribed');
    await server.request('PATCH', `/api/open/rooms/${roomId}/tiers/${tiers[1]}`, { token: host!.token, body: { closed: true } });
    expect((await subscribe(broke!, roomId, tiers[1]!)).body.code).toBe('tier_closed');
    expect((await server.request('GET', `/api/open/rooms/${roomId}/badges`, { token: fan!.token })).body.badges).toEqual([
      { memberId: (await server.request('GET', `/api/open/rooms/${roomId}`, { token: fan!.token })).body.memberId, tier: firstName },
    ]);

    // A new price is announced 7 days ahead and applies from the first period starting after that.
    const changed = await server.request('PATCH', `/api/open/rooms/${roomId}/tiers/${tiers[0]}`, { token: host!.token, body: { price: 2500 } });
    expect(changed.body).toMatchObject({ price: { amount: 2000 }, nextPrice: { price: { amount: 2500 }, from: '2027-08-08T00:00:00.000Z' } });
    expect((await mine(fan!, sub.id)).nextCharge).toEqual({ at: '2027-09-01T00:00:00.000Z', amount: { amount: 2500, currency: 'KRW' } });
    expect(await cardsFrom(fan!)).toEqual(['charged', 'price_changing']);
    clock.set(new Date('2027-09-01T00:00:00.000Z'));
    await renewOnTwoNodes();
    expect(await mine(fan!, sub.id)).toMatchObject({ status: 'active', paid: { amount: 4500 }, nextCharge: { at: '2027-10-01T00:00:00.000Z' } });
  });
});

describe('a subscribers-only room', () => {
  it('lets only subscribers in, and refuses a lapsed member every frame and every read past what they paid for', async () => {
    clock.set(new Date('2027-10-01T00:00:00.000Z'));
    const [host, member, outsider] = await people(server, 3);
    const roomId = await hostedRoom(host!, 'Members only');
    const tierId = await tier(host!, roomId, 1000);
    expect((await server.request('PUT', `/api/open/rooms/${roomId}/subscriptions/settings`, { token: host!.token, body: { subscribersOnly: true } })).body.subscribersOnly).toBe(true);
    const join = (p: Person) => server.request('POST', `/api/open/rooms/${roomId}/join`, { token: p.token, body: {} });
    expect((await join(outsider!)).body.code).toBe('subscription_required');
    await steps().fund(member!, 1000);
    expect((await subscribe(member!, roomId, tierId)).status).toBe(201);
    expect((await join(member!)).status).toBe(200);
    const say = (p: Person, text: string) => server.request('POST', `/api/rooms/${roomId}/messages`, { token: p.token, body: { clientMsgId: key(), kind: 'text', body: { text } } });
    expect((await say(host!, 'paid chapter one')).status).toBeLessThan(300);
    expect((await say(member!, 'thanks!')).status).toBeLessThan(300);
    const socket = await TestSocket.open(server.url, member!.token);
    sockets.push(socket);

    // A month later the renewal finds no money: grace keeps access; three days on, the lapse takes it.
    clock.set(new Date('2027-11-01T00:00:00.000Z'));
    await renewOnTwoNodes();
    expect((await say(member!, 'still here in grace')).status).toBeLessThan(300);
    for (const day of [2, 3, 4]) {
      clock.set(new Date(`2027-11-0${day}T00:00:00.000Z`));
      await renewOnTwoNodes();
    }
    const room = (await server.request('GET', `/api/rooms/${roomId}`, { token: member!.token })).body;
    expect(room.accessEndedAt).toEqual(expect.any(Number));
    const paidUpTo = room.accessEndedAt as number;
    expect((await say(host!, 'paid chapter two')).status).toBeLessThan(300);

    const refused = await say(member!, 'can I still post?');
    expect([refused.status, refused.body.code]).toEqual([403, 'subscription_required']);
    const history = (await server.request('GET', `/api/rooms/${roomId}/messages?limit=100`, { token: member!.token })).body.messages as Array<{ seq: number; body: { text?: string } }>;
    expect(Math.max(...history.map((m) => m.seq))).toBe(paidUpTo);
    expect(history.some((m) => m.body.text === 'paid chapter two')).toBe(false);
    expect((await server.request('GET', `/api/rooms/${roomId}/search?q=chapter`, { token: member!.token })).body.messages.map((m: { body: { text: string } }) => m.body.text)).toEqual(['paid chapter one']);
    expect((await server.request('GET', `/api/rooms/${roomId}/messages?before=${paidUpTo + 5}&limit=5`, { token: member!.token })).body.messages.every((m: { seq: number }) => m.seq <= paidUpTo)).toBe(true);
    expect((await server.request('PUT', `/api/rooms/${roomId}/messages/${paidUpTo}/reactions/${encodeURIComponent('👍')}`, { token: member!.token })).body.code).toBe('subscription_required');
    expect(((await server.request('GET', '/api/rooms', { token: member!.token })).body.rooms as Array<{ id: string }>).some((r) => r.id === roomId)).toBe(false);

    const from = socket.frames.length;
    socket.send({ t: 'send', roomId, clientMsgId: key(), kind: 'text', body: { text: 'over the socket' } });
    socket.send({ t: 'read', roomId, seq: paidUpTo });
    socket.send({ t: 'typing', roomId });
    await socket.until(() => socket.frames.slice(from).filter((f) => f.t === 'error').length >= 3, 5000, 'three refusals');
    expect(socket.frames.slice(from).filter((f) => f.t === 'error').map((f) => (f as { code?: string }).code)).toEqual(['subscription_required', 'subscription_required', 'subscription_required']);
    expect((await server.request('DELETE', `/api/rooms/${roomId}/messages/${paidUpTo}`, { token: member!.token })).body.code).toBe('subscription_required');
    // Nothing sent after the lapse reaches them: not live, and not on reconnecting from an old cursor.
    const live = socket.frames.length;
    expect((await say(host!, 'paid chapter three')).status).toBeLessThan(300);
    const resumed = await TestSocket.open(server.url, member!.token, { [roomId]: paidUpTo - 2 });
    sockets.push(resumed);
    await resumed.waitFor((f) => f.t === 'msg' && (f as { seq?: number }).seq === paidUpTo, 5000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(resumed.frames.filter((f) => f.t === 'msg').map((f) => (f as { seq?: number }).seq)).toEqual([paidUpTo - 1, paidUpTo]);
    expect(socket.frames.slice(live).some((f) => f.t === 'msg')).toBe(false);

    // Paying again restores access at once: posting, and the messages sent meanwhile.
    await steps().fund(member!, 1000);
    expect((await subscribe(member!, roomId, tierId)).status).toBe(201);
    expect((await say(member!, 'back again')).status).toBeLessThan(300);
    const restored = (await server.request('GET', `/api/rooms/${roomId}/messages?limit=100`, { token: member!.token })).body.messages as Array<{ body: { text?: string } }>;
    expect(restored.some((m) => m.body.text === 'paid chapter two')).toBe(true);
  });
});
