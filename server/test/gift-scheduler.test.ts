import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/platform/clock';
import { createLogger } from '../src/platform/log';
import { LeaseRepository } from '../src/platform/scheduler/lease.repository';
import { Scheduler } from '../src/platform/scheduler/scheduler';
import { befriend, people, type Person } from './support/chat';
import { giftSteps } from './support/gifts';
import { signIn, startServerProcess, startTestServer, testEngine, type TestServer } from './support/test-server';
import { TestSocket } from './support/ws-client';

const DAY = 86_400_000;
const clock = new ManualClock(new Date('2026-09-01T00:00:00Z'));
let server: TestServer;
const sockets: TestSocket[] = [];
beforeAll(async () => {
  // The scheduler ticks every 50 ms of real time and reads the test's clock.
  server = await startTestServer({ SCHEDULER_INTERVAL_SECONDS: '0.05' }, { clock });
  await server.app.services.catalogue.seedDemo();
});
afterEach(() => server.app.services.ledger.checkInvariants());
afterAll(async () => {
  for (const s of sockets) s.close();
  await server.close();
});

const steps = () => giftSteps(server);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function open(person: Person): Promise<TestSocket> {
  const socket = await TestSocket.open(server.url, person.token);
  sockets.push(socket);
  return socket;
}

/** Every message in the person's direct room with the Maum Gift account (none if it has not spoken). */
async function fromMaumGift(person: Person) {
  const rooms = await server.request('GET', '/api/rooms', { token: person.token });
  const room = rooms.body.rooms.find((r: { others: Array<{ displayName: string }> }) => r.others.some((o) => o.displayName === 'Maum Gift'));
  if (!room) return [];
  const history = await server.request('GET', `/api/rooms/${room.id}/messages`, { token: person.token });
  return history.body.messages as Array<{ kind: string; senderId: string; body: { text: string; card: { event: string; daysLeft: number; giftId: string; expiresAt: string } } }>;
}

/** Waits (in real time) until `check` holds; the scheduler runs every 50 ms. */
async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value).slice(0, 400)}`);
    await sleep(50);
  }
}

describe('the scheduler', () => {
  it('delivers a scheduled gift into chat at its time, once', async () => {
    const [sender, friend] = await people(server, 2);
    await befriend(server, sender!, friend!);
    await steps().fund(sender!, 10_000);
    const cone = await steps().product('q=Double%20Cone');
    const socket = await open(friend!);
    const deliverAt = new Date(clock.now().getTime() + 3600_000).toISOString();
    const ordered = await steps().order(sender!, { productId: cone.id, recipientIds: [friend!.user.id], card: { template: 'birthday', text: 'Happy birthday!' }, deliverAt });
    expect(ordered.body.gifts[0].status).toBe('scheduled');
    const giftId = ordered.body.gifts[0].id;
    const isGift = (f: { t: string; kind?: unknown; body?: unknown }) => f.t === 'msg' && f.kind === 'card' && (f.body as { card: { giftId?: string } }).card.giftId === giftId;

    await sleep(300); // several ticks: not yet its time
    expect(socket.frames.filter(isGift)).toHaveLength(0);
    expect((await server.request('GET', '/api/gifts/box', { token: friend!.token })).body.gifts).toEqual([]);

    clock.advance(3600_000);
    const frame = await socket.waitFor(isGift);
    expect(frame).toMatchObject({ senderId: sender!.user.id, body: { card: { event: 'sent', card: { text: 'Happy birthday!' } } } });
    await sleep(300);
    expect(socket.frames.filter(isGift)).toHaveLength(1);
    expect((await server.request('GET', `/api/gifts/${giftId}`, { token: sender!.token })).body.status).toBe('delivered');
  });

  it('sends expiry notices from the Maum Gift account 30 and 7 days before, once each, then expires the coupon', async () => {
    const c = await steps().couponFor('q=Banana%20Milk');
    const expiresAt = new Date((await server.request('GET', `/api/gifts/${c.giftId}`, { token: c.holder.token })).body.coupon.expiresAt);
    const jumpTo = async (daysBefore: number) => {
      clock.set(new Date(expiresAt.getTime() - daysBefore * DAY));
      await signIn(server, c.holder);
    };

    await jumpTo(31);
    await sleep(300);
    expect(await fromMaumGift(c.holder)).toEqual([]);

    await jumpTo(29.5);
    const first = await eventually(() => fromMaumGift(c.holder), (m) => m.length >= 1, 'the 30-day notice');
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ kind: 'card', body: { card: { type: 'gift', event: 'expiring', daysLeft: 30, giftId: c.giftId, expiresAt: expiresAt.toISOString() } } });

    await jumpTo(20);
    await sleep(300);
    expect(await fromMaumGift(c.holder)).toHaveLength(1);

    await jumpTo(6.5);
    const second = await eventually(() => fromMaumGift(c.holder), (m) => m.length >= 2, 'the 7-day notice');
    expect(second.map((m) => m.body.card.daysLeft)).toEqual([30, 7]);
    await sleep(300);
    expect(await fromMaumGift(c.holder)).toHaveLength(2);

    // Nobody can sign in as the Maum Gift account, nor take its handle.
    expect((await server.request('POST', '/api/auth/signup', { body: { handle: 'maum_gift', displayName: 'x', password: 'a-password-1' } })).body.code).toBe('handle_taken');

    await jumpTo(-0.01);
    const expired = await eventually(
      () => server.request('GET', `/api/gifts/${c.giftId}`, { token: c.holder.token }),
      (r) => r.body.coupon.status === 'expired',
      'the coupon to expire',
    );
    expect(expired.body.coupon).toMatchObject({ extendable: false, refundable: true });
  });

  it('lets only the node holding the lease run, and another take over when it stops or its lease runs out', async () => {
    const leases = new LeaseRepository(server.app.database.db);
    const log = createLogger('silent');
    const ran: string[] = [];
    const nodes = Array.from({ length: 5 }, () => {
      const node = new Scheduler({ leases, clock, log, intervalMs: 60_000, leaseMs: 10_000 });
      node.add({ name: 'record', run: async () => (ran.push(node.nodeId), 1) });
      return node;
    });
    // The test server's own scheduler holds the lease now; hand it over by stopping it.
    await server.app.scheduler.stop();

    for (let round = 0; round < 10; round++) await Promise.all(nodes.map((n) => n.tick()));
    expect(ran).toHaveLength(10);
    expect(new Set(ran).size).toBe(1);
    const leader = nodes.find((n) => n.nodeId === ran[0])!;
    expect(await leader.holder()).toBe(leader.nodeId);

    await leader.stop();
    ran.length = 0;
    for (let round = 0; round < 5; round++) await Promise.all(nodes.filter((n) => n !== leader).map((n) => n.tick()));
    expect(ran).toHaveLength(5);
    expect(new Set(ran).size).toBe(1);
    expect(ran[0]).not.toBe(leader.nodeId);

    // A leader that stops renewing (it hangs or dies) loses the lease once it runs out.
    const second = ran[0]!;
    const others = nodes.filter((n) => n !== leader && n.nodeId !== second);
    ran.length = 0;
    await Promise.all(others.map((n) => n.tick()));
    expect(ran).toEqual([]);
    clock.advance(10_001);
    await Promise.all(others.map((n) => n.tick()));
    expect(ran).toHaveLength(1);
    expect(ran[0]).not.toBe(second);
    for (const n of nodes) await n.stop();
    server.app.scheduler.start();
  });
});

if (testEngine !== 'postgres') console.log('skipping "two server processes on one database" on PGlite: PGlite serves one process at a time; it runs in the PostgreSQL pass');
describe('two server processes on one database', () => {
  it.runIf(testEngine === 'postgres')('deliver each scheduled gift exactly once', async () => {
    // A second node, with the system clock; this node's test clock is moved to now so both agree on what is due.
    clock.set(new Date());
    const other = await startServerProcess({ ...server.env, SCHEDULER_INTERVAL_SECONDS: '0.05' });
    try {
      const senders = await people(server, 10);
      const [friend] = await people(server, 1);
      const socket = await open(friend!);
      const cone = await steps().product('q=Double%20Cone');
      for (const s of senders) {
        await befriend(server, s, friend!);
        await steps().fund(s, 10_000);
      }
      const deliverAt = new Date(Date.now() + 1500).toISOString();
      const ids = await Promise.all(
        senders.map(async (s) => (await steps().order(s, { productId: cone.id, recipientIds: [friend!.user.id], card: { template: 'plain', text: '' }, deliverAt })).body.gifts[0].id as string),
      );
      clock.set(new Date(Date.now() + 2000));
      const gifts = () => socket.frames.filter((f) => f.t === 'msg' && f.kind === 'card');
      await socket.until(() => gifts().length >= ids.length, 15_000, 'every scheduled gift');
      await sleep(500);
      const delivered = gifts().map((f) => (f.body as { card: { giftId: string } }).card.giftId);
      expect(delivered.sort()).toEqual([...ids].sort());
    } finally {
      await other.stop();
    }
  });
  if (testEngine !== 'postgres') console.log('two-process scheduler test: runs in the PostgreSQL pass only (an embedded PGlite database belongs to one process)');
});
