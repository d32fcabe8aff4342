// Shared pieces of the fan-out benchmarks (chat, openlink): a socket that counts deliveries and latencies, the bare
// `ws` broadcast server as a target, and the peak and fixed-rate loads.
import WebSocket from 'ws';
import { sleep, startChild } from './support';

/** One socket of the load: counts deliveries and records latencies of timestamped messages. */
export class Client {
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

export interface Target {
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

export async function openSocket(url: string): Promise<WebSocket> {
  const ws = new WebSocket(url, { perMessageDeflate: false });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return ws;
}

export function nextFrame(ws: WebSocket, match: (text: string) => boolean): Promise<void> {
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

/** The bare `ws` broadcast server (bare-ws-server.ts) in its own process, with `rooms`. */
export async function bareTarget(rooms: string[]): Promise<Target> {
  const child = await startChild(['bench/bare-ws-server.ts'], {}, /listening (\d+)/);
  const url = `ws://127.0.0.1:${child.port}`;
  return {
    name: 'bare_ws',
    acks: false,
    memory: () => child.memory(),
    rooms,
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

const WINDOW = 4;

/** Sends `total` messages spread over the senders, each keeping WINDOW unconfirmed; answers deliveries/s. */
export async function peak(target: Target, all: Client[], senders: Client[], total: number, roomSize: number): Promise<number> {
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
export async function latency(target: Target, all: Client[], senders: Client[], messagesPerSecond: number, seconds: number): Promise<number[]> {
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
