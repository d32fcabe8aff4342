import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { runLogMonitor } from '../src/modules/certs';
import { befriend, groupRoom, people, type Person } from './support/chat';
import { startHaproxy, hasHaproxy, through, type Balancer } from './support/cluster';
import { commerceSteps } from './support/commerce';
import { giftSteps, key } from './support/gifts';
import { s3StandinOrSkip, type S3Standin } from './support/s3-standin';
import { startServerProcess, startTestServer, testEngine, testNatsUrl, type ServerProcess, type TestServer } from './support/test-server';
import { TestSocket } from './support/ws-client';

/**
 * Three `maum serve` processes on one PostgreSQL database, one NATS and one S3 bucket, behind HAProxy, as the README's
 * "Running several nodes" sets them up. Clients reach the nodes through the load balancer; a check that must hit a
 * given node (a photo uploaded through one and read through the others) names the node.
 */
const clustered = testEngine === 'postgres' && testNatsUrl !== undefined;
const inCi = process.env.CI === 'true';
let reason: string | null = null;
if (!clustered) reason = 'it needs PostgreSQL and NATS, so it runs in the PostgreSQL pass with NATS';
else if (!hasHaproxy) {
  if (inCi) throw new Error('CI=true but haproxy is not installed: the cluster test cannot be skipped in CI (apt-get install haproxy)');
  reason = 'haproxy is not installed (apt-get install haproxy)';
}
const standin: S3Standin | null = clustered && !reason ? await s3StandinOrSkip('the cluster test') : null;
if (clustered && !reason && !standin) reason = 'the S3 stand-in cannot start';
if (reason) console.log(`skipping the cluster test: ${reason}`);

const secret = () => randomBytes(32).toString('base64');

let server: TestServer;
let nodes: ServerProcess[] = [];
let balancer: Balancer;
let lb: TestServer;
const dataDirs: string[] = [];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(reason !== null)('three nodes behind HAProxy', () => {
  beforeAll(async () => {
    const shared = { COUPON_SECRET: secret(), TLOG_SIGNING_KEY: secret(), CERT_OWNER_KEY: secret() };
    const settings = { ...standin!.env, ...shared, SCHEDULER_INTERVAL_SECONDS: '0.2', SCHEDULER_LEASE_SECONDS: '2', LOG_LEVEL: 'error' };
    // This process's own server made the database; it serves no client, and its scheduler stands aside for the nodes'.
    server = await startTestServer(settings);
    await server.app.scheduler.stop();
    // The gift shop's demo catalogue, its pictures in the bucket, for the gift purchases under load.
    await server.app.services.catalogue.seedDemo();
    nodes = await Promise.all(
      [1, 2, 3].map(async () => {
        // Each node has a data directory of its own: only what the README says to share is shared.
        const dataDir = await mkdtemp(path.join(tmpdir(), 'maum-node-'));
        dataDirs.push(dataDir);
        return startServerProcess({ ...server.env, ...settings, DATA_DIR: dataDir, TRUST_PROXY: 'true' });
      }),
    );
    balancer = await startHaproxy(nodes.map((n) => n.url));
    lb = through(server, balancer.url);
  }, 120_000);

  afterAll(async () => {
    for (const [i, node] of nodes.entries()) {
      if (process.env.MAUM_CLUSTER_DEBUG || /error|exception|fatal/i.test(node.output())) console.log(`node ${i + 1} said:\n${node.output().slice(-3000)}`);
    }
    if (process.env.MAUM_CLUSTER_DEBUG) console.log(`haproxy said:\n${balancer?.output().slice(-5000)}`);
    await balancer?.close();
    await Promise.all(nodes.map((n) => n.stop()));
    await server?.close();
    await standin?.close();
    await Promise.all(dataDirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  const direct = (i: number) => through(server, nodes[i]!.url);

  it('serves a photo uploaded through one node through the others', async () => {
    const [a, b] = (await people(lb, 2)) as [Person, Person];
    const room = await groupRoom(lb, a, [b]);
    const photo = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#4a90d9' } }).jpeg().toBuffer();
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(photo)], { type: 'image/jpeg' }), 'p.jpg');
    const uploaded = await direct(0).request('POST', `/api/rooms/${room.id}/media`, { token: a.token, body: form });
    expect(uploaded.status).toBe(201);
    const avatarForm = new FormData();
    avatarForm.append('file', new Blob([new Uint8Array(photo)], { type: 'image/jpeg' }), 'me.jpg');
    const avatar = await direct(0).request('PUT', '/api/me/avatar', { token: a.token, body: avatarForm });
    for (const i of [1, 2]) {
      const res = await fetch(`${nodes[i]!.url}/api/media/${uploaded.body.id}/display`, { headers: { authorization: `Bearer ${b.token}` } });
      expect(res.status).toBe(200);
      expect((await sharp(Buffer.from(await res.arrayBuffer())).metadata()).width).toBe(800);
      expect((await fetch(nodes[i]!.url + avatar.body.avatarUrl)).status).toBe(200);
    }
  });

  it('shows a name changed through one node on the others, which had it in memory', async () => {
    const [a, b] = (await people(lb, 2)) as [Person, Person];
    const room = await groupRoom(lb, a, [b]);
    const nameOnNode = async (i: number) => {
      const rooms = (await direct(i).request('GET', '/api/rooms', { token: b.token })).body.rooms as Array<{ id: string; others: Array<{ id: string; displayName: string }> }>;
      return rooms.find((r) => r.id === room.id)?.others.find((o) => o.id === a.user.id)?.displayName;
    };
    const before = await Promise.all([0, 1, 2].map(nameOnNode));
    expect(new Set(before).size).toBe(1);
    expect((await direct(0).request('PATCH', '/api/me', { token: a.token, body: { displayName: 'Renamed on one node' } })).status).toBe(200);
    expect(await nameOnNode(0)).toBe('Renamed on one node');
    for (const i of [1, 2]) await expect.poll(() => nameOnNode(i), { timeout: 5_000 }).toBe('Renamed on one node');
  });

  it('delivers a message sent through one node to sockets on every node', async () => {
    const [a, b] = (await people(lb, 2)) as [Person, Person];
    const room = await groupRoom(lb, a, [b]);
    const sockets = await Promise.all(nodes.map((n) => TestSocket.open(n.url, b.token)));
    try {
      const sent = await direct(1).request('POST', `/api/rooms/${room.id}/messages`, { token: a.token, body: { clientMsgId: 'c1', kind: 'text', body: { text: 'hello, every node' } } });
      expect(sent.status).toBe(200);
      for (const socket of sockets) await socket.waitFor((f) => f.t === 'msg' && f.roomId === room.id && f.seq === sent.body.seq, 10_000);
    } finally {
      for (const socket of sockets) socket.close();
    }
  });

  it('runs the scheduler on exactly one node', async () => {
    const holders = new Set<string | undefined>();
    for (let i = 0; i < 10; i++) {
      holders.add(await server.app.scheduler.holder());
      await sleep(200);
    }
    expect(holders.size).toBe(1);
    const [holder] = [...holders];
    expect(holder).toMatch(/^node-/);
    expect(holder).not.toBe(server.app.scheduler.nodeId);
  });

  it('keeps one consistent certificate log when all three nodes append, with one pseudonym per owner', async () => {
    const steps = commerceSteps(lb);
    const op = await steps.operator();
    const shop = await steps.seller(op, 'brand');
    const product = await steps.product(shop);
    await steps.certify(op, shop, product.id, [await steps.image(shop)]);
    // Round robin sends consecutive requests to different nodes; several at once make the nodes append together.
    const issued = await Promise.all(
      Array.from({ length: 9 }, (_, i) => steps.call('POST', '/api/seller/certificates', shop.person, { productId: product.id, serials: [`CL-${i}`] })),
    );
    expect(issued.map((r) => r.status)).toEqual(new Array(9).fill(201));
    const ids = issued.map((r) => r.body.certificates[0].id as string);
    const owners = new Set<string>();
    for (const [i, id] of ids.entries()) {
      const cert = await direct(i % 3).request('GET', `/api/certificates/${id}`);
      for (const match of JSON.stringify(cert.body).matchAll(/own_[0-9a-z]+/g)) owners.add(match[0]);
    }
    expect(owners.size).toBe(1);

    // An independent monitor follows the log through each node in turn, with one state: any fork or rewrite alarms.
    const dir = await mkdtemp(path.join(tmpdir(), 'maum-monitor-'));
    try {
      const out: string[] = [];
      for (const node of [...nodes, ...nodes]) {
        const code = await runLogMonitor({ url: node.url, stateFile: path.join(dir, 'state.json'), once: true, intervalSeconds: 1, out: (l) => out.push(l) });
        expect(code, out.join('\n')).toBe(0);
      }
      const sizes = await Promise.all(nodes.map(async (n) => (await (await fetch(`${n.url}/log/checkpoint`)).text()).split('\n')[1]));
      expect(new Set(sizes).size).toBe(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('loses no acked message and charges no gift twice when a node is killed under load', async () => {
    const USERS = 40;
    const SOCKETS_PER_USER = 5;
    const ROOM_SIZE = 5;
    const users = await people(lb, USERS);
    const rooms: string[] = [];
    for (let r = 0; r < USERS / ROOM_SIZE; r++) {
      const [owner, ...rest] = users.slice(r * ROOM_SIZE, (r + 1) * ROOM_SIZE);
      rooms.push((await groupRoom(lb, owner!, rest)).id);
    }
    const roomOf = (u: number) => rooms[Math.floor(u / ROOM_SIZE)]!;

    /** A client that keeps one socket through the balancer, reconnecting with its cursor whenever it drops. */
    class Client {
      socket: TestSocket | null = null;
      cursor = 0;
      readonly seqs = new Set<number>();
      readonly acks = new Map<string, number>();
      readonly reconnectMs: number[] = [];
      stopped = false;
      constructor(readonly person: Person, readonly roomId: string) {}

      private take(frame: Record<string, unknown>) {
        if (frame.t === 'msg' && frame.roomId === this.roomId) {
          this.seqs.add(frame.seq as number);
          // As the web client keeps it: the highest seq with nothing missing below, which hello resumes from.
          while (this.seqs.has(this.cursor + 1)) this.cursor += 1;
        } else if (frame.t === 'reset') {
          this.resets += 1;
        } else if (frame.t === 'ack') {
          this.acks.set(frame.clientMsgId as string, frame.seq as number);
        }
      }

      async connect(): Promise<void> {
        const deadline = Date.now() + 30_000;
        for (;;) {
          try {
            const socket = await TestSocket.open(balancer.url, this.person.token, { [this.roomId]: this.cursor });
            for (const frame of socket.frames) this.take(frame);
            socket.ws.on('message', (data) => this.take(JSON.parse(data.toString()) as Record<string, unknown>));
            socket.ws.on('close', () => void this.dropped());
            this.socket = socket;
            return;
          } catch (err) {
            if (Date.now() > deadline) throw err;
            await sleep(100);
          }
        }
      }

      resets = 0;

      private async dropped() {
        this.socket = null;
        if (this.stopped) return;
        const from = Date.now();
        await this.connect().catch(() => undefined);
        if (this.socket) this.reconnectMs.push(Date.now() - from);
      }

      /** Sends until acked, on whatever socket the client has; a retry after a reconnect reuses the clientMsgId. */
      async send(clientMsgId: string): Promise<void> {
        const deadline = Date.now() + 30_000;
        while (!this.acks.has(clientMsgId)) {
          if (Date.now() > deadline) throw new Error(`no ack for ${clientMsgId}`);
          const socket = this.socket;
          if (socket && socket.ws.readyState === socket.ws.OPEN) {
            socket.send({ t: 'send', roomId: this.roomId, clientMsgId, kind: 'text', body: { text: clientMsgId } });
            const until = Date.now() + 5_000;
            while (!this.acks.has(clientMsgId) && this.socket === socket && Date.now() < until) await sleep(20);
          } else {
            await sleep(50);
          }
        }
      }

      close() {
        this.stopped = true;
        this.socket?.close();
      }
    }

    const clients: Client[] = [];
    for (const [u, person] of users.entries()) for (let s = 0; s < SOCKETS_PER_USER; s++) clients.push(new Client(person, roomOf(u)));
    onTestFinished(() => {
      for (const c of clients) c.close();
    });
    for (let i = 0; i < clients.length; i += 20) await Promise.all(clients.slice(i, i + 20).map((c) => c.connect()));
    expect(clients.filter((c) => c.socket).length).toBe(USERS * SOCKETS_PER_USER);

    // Gift buyers, each paying from a funded wallet, retrying a failed request with the same idempotency key.
    const gifts = giftSteps(lb);
    const cone = await gifts.product('q=Double%20Cone');
    const buyers = users.slice(0, 8);
    const FUNDS = 1_000_000;
    for (const [i, buyer] of buyers.entries()) {
      await befriend(lb, buyer, users[USERS - 1 - i]!);
      expect((await gifts.fund(buyer, FUNDS)).status).toBe(201);
    }
    const orders = { paid: 0, retried: 0, abandoned: 0 };
    const paidBy = new Map<string, number>();
    // A buyer buys about every 100 ms, so that the books below can count its gifts from GET /api/gifts/sent, which
    // lists the newest 100.
    async function buyLoop(buyer: Person, friend: Person, until: number) {
      for (let first = true; Date.now() < until; first = false) {
        if (!first) await sleep(100);
        const idempotencyKey = key();
        const body = { productId: cone.id, option: cone.options[0]?.values[0], recipientIds: [friend.user.id], card: { template: 'plain', text: '' } };
        for (let attempt = 0; ; attempt++) {
          const res = await fetch(`${balancer.url}/api/gifts`, {
            method: 'POST',
            headers: { authorization: `Bearer ${buyer.token}`, 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
            body: JSON.stringify(body),
            signal: AbortSignal.timeout(4_000),
          }).then(
            async (r) => ({ status: r.status, body: await r.text() }),
            (err: unknown) => ((err as Error).name === 'TimeoutError' ? { status: 503, body: 'timed out' } : null),
          );
          if (res?.status === 201) {
            orders.paid += 1;
            paidBy.set(buyer.user.id, (paidBy.get(buyer.user.id) ?? 0) + 1);
            break;
          }
          // The first request with this key was on the node that died: its claim is held until it goes stale
          // (or, under load, the answer is slow): the outcome is left to the books below, and the buyer moves on.
          if (res?.status === 503 || attempt > 50) {
            orders.abandoned += 1;
            break;
          }
          if (res && res.status < 500) throw new Error(`gift order refused: ${res.status} ${res.body}`);
          orders.retried += 1;
          await sleep(100);
        }
      }
    }

    const senders = clients.filter((_, i) => i % SOCKETS_PER_USER === 0);
    let sent = 0;
    async function chatLoop(client: Client, name: string, until: number) {
      for (let n = 0; Date.now() < until; n++) {
        await client.send(`${name}-${n}`);
        sent += 1;
        await sleep(300);
      }
    }

    const started = Date.now();
    const end = started + 8_000;
    const load = [
      ...senders.map((c, i) => chatLoop(c, `u${i}`, end)),
      ...buyers.map((b, i) => buyLoop(b, users[USERS - 1 - i]!, end)),
    ];
    await sleep(3_000);
    const victim = nodes[1]!;
    const onVictim = clients.filter((c) => c.socket).length;
    process.kill(victim.pid, 'SIGKILL');
    const killedAt = Date.now();
    await Promise.all(load);
    // Every client is back and caught up with its room.
    await Promise.all(clients.map(async (c) => {
      const deadline = Date.now() + 20_000;
      while (!c.socket && Date.now() < deadline) await sleep(50);
    }));
    expect(clients.every((c) => c.socket)).toBe(true);

    // Each room's history: seqs 1..n with no gap; every acked message there exactly once, at its acked seq.
    const acked = new Map<string, number>();
    for (const c of senders) for (const [id, seq] of c.acks) acked.set(`${c.roomId}/${id}`, seq);
    const lastSeq = new Map<string, number>();
    for (const roomId of rooms) {
      const seen: Array<{ seq: number; clientMsgId?: string; body?: { text?: string } }> = [];
      let before: number | undefined;
      for (;;) {
        const page = await lb.request('GET', `/api/rooms/${roomId}/messages?limit=200${before ? `&before=${before}` : ''}`, { token: users[rooms.indexOf(roomId) * ROOM_SIZE]!.token });
        expect(page.status).toBe(200);
        const messages = page.body.messages as typeof seen;
        if (messages.length === 0) break;
        seen.push(...messages);
        before = Math.min(...messages.map((m) => m.seq));
        if (before <= 1) break;
      }
      const seqs = seen.map((m) => m.seq).sort((x, y) => x - y);
      expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
      lastSeq.set(roomId, seqs.length);
      const texts = new Map<string, number[]>();
      for (const m of seen) if (m.body?.text) texts.set(m.body.text, [...(texts.get(m.body.text) ?? []), m.seq]);
      for (const [idKey, seq] of acked) {
        if (!idKey.startsWith(`${roomId}/`)) continue;
        expect(texts.get(idKey.slice(roomId.length + 1))).toEqual([seq]);
      }
    }
    // Every socket, across its reconnects, received every seq of its room: resumed from its cursor, nothing missed.
    // One exception is measured, not hidden: a message the killed node stored but had not yet announced on NATS is
    // acked on a retry (its clientMsgId finds it) without being announced again, so a socket that stayed up on another
    // node learns of it only from the gap it leaves (the next hello's cursor, or a page of history, fills it).
    await Promise.all(clients.map(async (c) => {
      const deadline = Date.now() + 5_000;
      while (c.seqs.size < lastSeq.get(c.roomId)! && Date.now() < deadline) await sleep(50);
    }));
    const missingLive = new Set<string>();
    let socketsWithGap = 0;
    for (const c of clients) {
      const missing = Array.from({ length: lastSeq.get(c.roomId)! }, (_, i) => i + 1).filter((q) => !c.seqs.has(q));
      if (missing.length === 0) continue;
      socketsWithGap += 1;
      // A client that reconnected said hello with its cursor and got everything below it.
      expect(missing.every((q) => q > c.cursor)).toBe(true);
      for (const q of missing) missingLive.add(`${c.roomId}/${q}`);
    }
    // Only messages in flight on the killed node at the moment it died can be missing: at most one per sender.
    expect(missingLive.size).toBeLessThanOrEqual(senders.length);
    // A fresh hello with each client's cursor fills every gap.
    const resumed = await Promise.all(
      clients.filter((c) => c.seqs.size !== lastSeq.get(c.roomId)).slice(0, 20).map(async (c) => {
        const socket = await TestSocket.open(balancer.url, c.person.token, { [c.roomId]: c.cursor });
        const got = socket.of('msg').filter((f) => f.roomId === c.roomId).map((f) => f.seq);
        socket.close();
        return Array.from({ length: lastSeq.get(c.roomId)! }, (_, i) => i + 1).every((q) => c.seqs.has(q) || got.includes(q));
      }),
    );
    expect(resumed.every(Boolean)).toBe(true);

    // No gift paid twice: each buyer's wallet is down by exactly the gifts the server says they sent.
    let sentGifts = 0;
    for (const buyer of buyers) {
      const list = await lb.request('GET', '/api/gifts/sent', { token: buyer.token });
      const count = (list.body.gifts as unknown[]).length;
      sentGifts += count;
      expect(await gifts.balance(buyer)).toBe(FUNDS - count * cone.price.amount);
      expect(count).toBeGreaterThanOrEqual(paidBy.get(buyer.user.id) ?? 0);
    }
    expect(sentGifts - orders.paid).toBeLessThanOrEqual(orders.abandoned);

    const reconnects = clients.flatMap((c) => c.reconnectMs).sort((x, y) => x - y);
    const pct = (p: number) => reconnects[Math.min(reconnects.length - 1, Math.floor((p / 100) * reconnects.length))] ?? null;
    const figures = {
      bench: 'cluster',
      nodes: 3,
      sockets: clients.length,
      socketsBeforeKill: onVictim,
      reconnected: reconnects.length,
      reconnectP50Ms: pct(50),
      reconnectP99Ms: pct(99),
      messagesAcked: acked.size,
      messagesSent: sent,
      ackedLost: 0,
      announcedLateMessages: missingLive.size,
      liveSocketsWithGapUntilResume: socketsWithGap,
      giftsPaid: orders.paid,
      giftRequestsRetried: orders.retried,
      giftKeysAbandoned: orders.abandoned,
      doubleCharges: 0,
      loadSeconds: Math.round((Date.now() - started) / 1000),
      killedAfterMs: killedAt - started,
    };
    console.log(JSON.stringify(figures));
    // About a third of the sockets were on the killed node.
    expect(reconnects.length).toBeGreaterThan(clients.length / 6);
  }, 120_000);
});
