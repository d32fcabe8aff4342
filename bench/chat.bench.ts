import { bareTarget as bare, Client, latency, nextFrame, openSocket, peak, type Target } from './fanout';
import type { Bench, BenchLine } from './registry';
import { percentile, sleep, startMaum } from './support';

interface Shape {
  rooms: number;
  usersPerRoom: number;
  devicesPerUser: number;
  messages: number;
  latencySeconds: number;
  idleConnections: number;
}

/** The bare `ws` broadcast server with the shape's rooms. */
const bareTarget = (shape: Shape) => bare(Array.from({ length: shape.rooms }, (_, i) => `room${i}`));

const FULL: Shape = { rooms: 10, usersPerRoom: 10, devicesPerUser: 10, messages: 3000, latencySeconds: 8, idleConnections: 10_000 };
const QUICK: Shape = { rooms: 2, usersPerRoom: 10, devicesPerUser: 10, messages: 300, latencySeconds: 1, idleConnections: 1500 };

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
