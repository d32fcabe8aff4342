import WebSocket from 'ws';
import type { Bench, BenchLine } from './registry';
import { percentile, sleep, startChild, startMaum } from './support';

interface Shape {
  rooms: number;
  usersPerRoom: number;
  devicesPerUser: number;
  messages: number;
  latencySeconds: number;
  idleConnections: number;
}

const FULL: Shape = { rooms: 10, usersPerRoom: 10, devicesPerUser: 10, messages: 3000, latencySeconds: 8, idleConnections: 10_000 };
const QUICK: Shape = { rooms: 2, usersPerRoom: 10, devicesPerUser: 10, messages: 300, latencySeconds: 1, idleConnections: 1500 };

/** One socket of the load: counts deliveries and records latencies of timestamped messages. */
class Client {
  delivered = 0;
  latencies: number[] | null = null;
  private onAck: (() => void) | null = null;
  inFlight = 0;

  constructor(
    readonly ws: WebSocket,
    readonly room: string,
  ) {
    ws.on('message', (data) => {
      const text = data.toString();
      if (text.startsWith('{"t":"ack"')) {
        this.inFlight -= 1;
        this.onAck?.();
        return;
      }
      if (!text.startsWith('{"t":"msg"')) return;
      this.delivered += 1;
      if (this.latencies) {
        const sentAt = Number(/"text":"at (\d+(?:\.\d+)?)/.exec(text)?.[1]);
        if (Number.isFinite(sentAt)) this.latencies.push(performance.now() - sentAt);
      }
    });
  }

  waitAck(): Promise<void> {
    return new Promise((resolve) => (this.onAck = resolve));
  }
}

interface Target {
  name: string;
  /** Opens a socket that receives the room's messages. */
  connect(room: string, user: number): Promise<Client>;
  send(client: Client, text: string): void;
  /** Whether `send` is answered by an ack (Maum) or only by the echo (bare ws). */
  acks: boolean;
  memory(): Promise<{ rss: number; js: number }>;
  rooms: string[];
  stop(): Promise<void>;
}

async function openSocket(url: string): Promise<WebSocket> {
  const ws = new WebSocket(url, { perMessageDeflate: false });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return ws;
}

function nextFrame(ws: WebSocket, match: (text: string) => boolean): Promise<void> {
  return new Promise((resolve) => {
    const listener = (data: WebSocket.RawData) => {
      if (match(data.toString())) {
        ws.off('message', listener);
        resolve();
      }
    };
    ws.on('message', listener);
  });
}

async function bareTarget(shape: Shape): Promise<Target> {
  const child = await startChild(['bench/bare-ws-server.ts'], {}, /listening (\d+)/);
  const url = `ws://127.0.0.1:${child.port}`;
  return {
    name: 'bare_ws',
    acks: false,
    memory: () => child.memory(),
    rooms: Array.from({ length: shape.rooms }, (_, i) => `room${i}`),
    async connect(room) {
      const ws = await openSocket(url);
      const joined = nextFrame(ws, (t) => t.includes('joined'));
      ws.send(JSON.stringify({ join: room }));
      await joined;
      return new Client(ws, room);
    },
    send(client, text) {
      client.ws.send(JSON.stringify({ room: client.room, text }));
    },
    stop: () => child.stop(),
  };
}

async function api(base: string, method: string, route: string, token: string | null, body?: unknown) {
  const res = await fetch(base + route, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${route}: ${res.status} ${await res.text()}`);
  return res.json() as Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

async function maumTarget(shape: Shape, databaseUrl: string | null): Promise<Target> {
  const server = await startMaum(databaseUrl ? 'postgres' : 'pglite', databaseUrl ?? undefined, 'bench', { demo: false });
  const { child } = server;
  const base = `http://127.0.0.1:${child.port}`;

  // People: usersPerRoom per room, each room a group made by its first member.
  const tokens: string[][] = [];
  const rooms: string[] = [];
  for (let r = 0; r < shape.rooms; r++) {
    const users = await Promise.all(
      Array.from({ length: shape.usersPerRoom }, (_, u) =>
        api(base, 'POST', '/api/auth/signup', null, { handle: `b${r}u${u}`, displayName: `Bench ${r}.${u}`, password: 'bench-pass-1' }),
      ),
    );
    const [owner, ...others] = users;
    for (const other of others) await api(base, 'POST', '/api/friends', owner.token, { handle: other.user.handle });
    const room = await api(base, 'POST', '/api/rooms', owner.token, { title: `Bench ${r}`, memberIds: others.map((o) => o.user.id) });
    rooms.push(room.id);
    tokens.push(users.map((u) => u.token));
  }
  let counter = 0;
  return {
    name: databaseUrl ? 'postgres' : 'pglite',
    acks: true,
    memory: () => child.memory(),
    rooms,
    async connect(room, user) {
      const ws = await openSocket(`ws://127.0.0.1:${child.port}/ws`);
      const caughtUp = nextFrame(ws, (t) => t.startsWith('{"t":"caught_up"'));
      const token = tokens[rooms.indexOf(room)]![user % shape.usersPerRoom]!;
      ws.send(JSON.stringify({ t: 'hello', token, cursors: {} }));
      await caughtUp;
      return new Client(ws, room);
    },
    send(client, text) {
      counter += 1;
      client.ws.send(JSON.stringify({ t: 'send', roomId: client.room, clientMsgId: `b${counter}`, kind: 'text', body: { text } }));
    },
    stop: () => server.dispose(),
  };
}

/** Opens every room's sockets: usersPerRoom × devicesPerUser each. Senders are each user's first device. */
async function connectAll(target: Target, shape: Shape): Promise<{ all: Client[]; senders: Client[] }> {
  const all: Client[] = [];
  const senders: Client[] = [];
  for (const room of target.rooms) {
    for (let device = 0; device < shape.devicesPerUser; device++) {
      const batch = await Promise.all(Array.from({ length: shape.usersPerRoom }, (_, user) => target.connect(room, user)));
      all.push(...batch);
      if (device === 0) senders.push(...batch);
    }
  }
  return { all, senders };
}

const WINDOW = 4;

/** Sends `total` messages spread over the senders, each keeping WINDOW unconfirmed; answers deliveries/s. */
async function peak(target: Target, all: Client[], senders: Client[], total: number, roomSize: number): Promise<number> {
  for (const c of all) c.delivered = 0;
  const perSender = Math.ceil(total / senders.length);
  const expected = perSender * senders.length * roomSize;
  const started = performance.now();
  await Promise.all(
    senders.map(async (sender) => {
      let echoes = 0;
      for (let i = 0; i < perSender; i++) {
        while (target.acks ? sender.inFlight >= WINDOW : i - echoes >= WINDOW) {
          if (target.acks) await sender.waitAck();
          else {
            await sleep(0);
            echoes = sender.delivered;
          }
        }
        sender.inFlight += 1;
        target.send(sender, `peak ${i}`);
      }
    }),
  );
  const deadline = Date.now() + 120_000;
  while (all.reduce((n, c) => n + c.delivered, 0) < expected && Date.now() < deadline) await sleep(5);
  const delivered = all.reduce((n, c) => n + c.delivered, 0);
  return delivered / ((performance.now() - started) / 1000);
}

/** Sends at `messagesPerSecond` for `seconds`; answers send→deliver latencies in ms. */
async function latency(target: Target, all: Client[], senders: Client[], messagesPerSecond: number, seconds: number): Promise<number[]> {
  for (const c of all) c.latencies = [];
  const total = Math.max(1, Math.round(messagesPerSecond * seconds));
  const gap = 1000 / messagesPerSecond;
  const started = performance.now();
  for (let i = 0; i < total; i++) {
    const due = started + i * gap;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    target.send(senders[i % senders.length]!, `at ${performance.now()}`);
  }
  await sleep(1000);
  const samples = all.flatMap((c) => c.latencies ?? []);
  for (const c of all) c.latencies = null;
  return samples.sort((a, b) => a - b);
}

/**
 * Resident memory each extra idle (authenticated) socket costs the server: RSS, after a full GC, is read as the
 * sockets are opened in steps, and the answer is the slope of a least-squares line through those readings, so
 * start-up costs and one-off allocator moves weigh little.
 */
async function idleBytes(target: Target, count: number): Promise<{ rss: number; js: number }> {
  const sockets: Client[] = [];
  const points: Array<[number, { rss: number; js: number }]> = [];
  const step = count / 5;
  await sleep(500);
  points.push([0, await target.memory()]);
  while (sockets.length < count) {
    const goal = sockets.length + step;
    while (sockets.length < goal) {
      const batch = Array.from({ length: Math.min(250, goal - sockets.length) }, (_, j) =>
        target.connect(target.rooms[(sockets.length + j) % target.rooms.length]!, sockets.length + j),
      );
      sockets.push(...(await Promise.all(batch)));
    }
    await sleep(500);
    points.push([sockets.length, await target.memory()]);
  }
  if (process.env.BENCH_VERBOSE) process.stderr.write(`idle memory points: ${JSON.stringify(points)}\n`);
  for (const s of sockets) s.ws.terminate();
  const slope = (pick: (m: { rss: number; js: number }) => number) => {
    const n = points.length;
    const mx = points.reduce((t, [x]) => t + x, 0) / n;
    const my = points.reduce((t, [, m]) => t + pick(m), 0) / n;
    const sxy = points.reduce((t, [x, m]) => t + (x - mx) * (pick(m) - my), 0);
    const sxx = points.reduce((t, [x]) => t + (x - mx) ** 2, 0);
    return sxy / sxx;
  };
  return { rss: slope((m) => m.rss), js: slope((m) => m.js) };
}

function line(metric: string, value: number, unit: string, baseline: number): BenchLine {
  return { metric, value: Number(value.toFixed(2)), unit, baseline: Number(baseline.toFixed(2)), ratio: Number((value / baseline).toFixed(3)) };
}

/**
 * Chat fan-out: the same client process drives a bare `ws` broadcast server (the baseline) and Maum's gateway
 * (persisting every message) on PGlite, and on PostgreSQL when DATABASE_URL is set, with the same rooms and
 * connections. Reports deliveries/s, send→deliver latency at half of Maum's peak, and memory per idle socket.
 */
export const chatBench: Bench = async ({ quick }) => {
  const shape = quick ? QUICK : FULL;
  const roomSize = shape.usersPerRoom * shape.devicesPerUser;
  const lines: BenchLine[] = [];

  /**
   * Peak deliveries/s; then, when `rate` is given, latencies while sending at that many messages/s.
   */
  const run = async (target: Target, options: { rate?: (peak: number) => number } = {}) => {
    try {
      const { all, senders } = await connectAll(target, shape);
      const deliveries = await peak(target, all, senders, shape.messages, roomSize);
      const samples = options.rate ? await latency(target, all, senders, options.rate(deliveries), shape.latencySeconds) : [];
      for (const c of all) c.ws.terminate();
      return { deliveries, samples };
    } finally {
      await target.stop();
    }
  };
  /** Memory of idle sockets, on a fresh server: after load, freed memory returns to the system too slowly to read. */
  const idle = async (target: Target) => {
    try {
      return await idleBytes(target, shape.idleConnections);
    } finally {
      await target.stop();
    }
  };

  const bare = await run(await bareTarget(shape));
  lines.push(line('bare_ws_deliveries_per_s', bare.deliveries, 'deliveries/s', bare.deliveries));

  const engines: Array<string | null> = [null];
  if (process.env.DATABASE_URL) engines.push(process.env.DATABASE_URL);
  for (const databaseUrl of engines) {
    const name = databaseUrl ? 'postgres' : 'pglite';
    let halfRate = 0;
    const maum = await run(await maumTarget(shape, databaseUrl), { rate: (deliveries) => (halfRate = deliveries / roomSize / 2) });
    lines.push(line(`maum_${name}_deliveries_per_s`, maum.deliveries, 'deliveries/s', bare.deliveries));
    const bareAtSameRate = await run(await bareTarget(shape), { rate: () => halfRate });
    lines.push(line(`maum_${name}_p50_ms_at_half_peak`, percentile(maum.samples, 50), 'ms', percentile(bareAtSameRate.samples, 50)));
    lines.push(line(`maum_${name}_p99_ms_at_half_peak`, percentile(maum.samples, 99), 'ms', percentile(bareAtSameRate.samples, 99)));
  }
  const bareIdle = await idle(await bareTarget(shape));
  // PGlite's WASM heap lives in the server process and grows in large steps with every query, which drowns a few
  // kilobytes per socket; on PostgreSQL the process holds only the sockets, so that is where the figure is read.
  const idleEngine = process.env.DATABASE_URL ?? null;
  const maumIdle = await idle(await maumTarget({ ...shape, rooms: 1 }, idleEngine));
  const engine = idleEngine ? 'postgres' : 'pglite';
  lines.push(line(`maum_${engine}_rss_bytes_per_idle_connection_at_${shape.idleConnections}`, maumIdle.rss, 'bytes', bareIdle.rss));
  lines.push(line(`maum_${engine}_js_heap_bytes_per_idle_connection_at_${shape.idleConnections}`, maumIdle.js, 'bytes', bareIdle.js));
  return lines;
};
