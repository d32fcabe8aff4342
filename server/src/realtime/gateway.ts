import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  CLOSE_BAD_JSON,
  CLOSE_HELLO_TIMEOUT,
  CLOSE_INTERNAL,
  CLOSE_SLOW_CONSUMER,
  CLOSE_TOO_MANY_SOCKETS,
  CLOSE_UNAUTHORIZED,
  ClientFrame,
  jsonTooDeep,
  MAX_JSON_DEPTH,
  type HelloFrame,
  type Message,
  type ServerFrame,
} from '@maum/protocol';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import type { UserActor } from '../platform/actor';
import type { EventBus } from '../platform/bus/event-bus';
import { AppError } from '../platform/errors';
import type { Logger } from '../platform/log';
import type { FrameType } from '../platform/ws-handlers';
import { Connection } from './connection';
import type { WsHandlerRegistry } from './handlers';
import { TokenBucket } from './token-bucket';

export interface GatewayOptions {
  path: string;
  maxFrameBytes: number;
  /** A socket whose unsent data passes this is closed as a slow consumer. */
  maxBufferedBytes: number;
  pingIntervalMs: number;
  helloTimeoutMs: number;
  rate: { perSecond: number; burst: number };
  /** Frames one account may send across all its sockets on this node, so opening more sockets buys no more. */
  accountRate: { perSecond: number; burst: number };
  /** Sockets one account may hold on this node; one more is closed with CLOSE_TOO_MANY_SOCKETS. */
  maxSocketsPerUser: number;
  /** Honour X-Forwarded-For (behind a trusted proxy). */
  trustProxy: boolean;
}

/** What the gateway needs from the modules, wired in app.ts. */
export interface GatewayDeps {
  authenticate(token: string, ip: string): Promise<UserActor>;
  /** Rooms whose live events a user's sockets receive. */
  roomIdsOf(actor: UserActor): Promise<string[]>;
  /** What a client missed since its cursors. */
  sync(actor: UserActor, cursors: Record<string, number>): Promise<Array<{ roomId: string; messages: Message[] } | { roomId: string; reset: number }>>;
  handlers: WsHandlerRegistry;
  bus: EventBus;
  log: Logger;
}

/**
 * The WebSocket gateway: authenticates with `hello`, catches the client up from its cursors, dispatches frames
 * to the module handlers, and forwards domain events from the bus to the sockets of each room's members, on this
 * node. Sockets live here and nowhere else.
 */
export class RealtimeGateway {
  private readonly wss: WebSocketServer;
  private readonly connections = new Set<Connection>();
  private readonly byUser = new Map<string, Set<Connection>>();
  private readonly byRoom = new Map<string, Set<Connection>>();
  /** Each account's shared frame budget; kept after its last socket closes until it has refilled (see sweep). */
  private readonly accountRates = new Map<string, TokenBucket>();
  private readonly heartbeat: NodeJS.Timeout;
  private readonly unsubscribe: Array<() => void> = [];

  constructor(
    private readonly deps: GatewayDeps,
    private readonly options: GatewayOptions,
  ) {
    this.wss = new WebSocketServer({ noServer: true, maxPayload: options.maxFrameBytes, perMessageDeflate: false });
    this.heartbeat = setInterval(() => this.sweep(), options.pingIntervalMs);
    this.heartbeat.unref();
    this.listen();
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  attach(server: Server): void {
    server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      const path = (request.url ?? '').split('?')[0];
      if (path !== this.options.path) {
        socket.destroy();
        return;
      }
      this.wss.handleUpgrade(request, socket, head, (ws) => this.accept(ws, request));
    });
  }

  private clientIp(request: IncomingMessage): string {
    const forwarded = this.options.trustProxy ? String(request.headers['x-forwarded-for'] ?? '').split(',')[0]?.trim() : '';
    return forwarded || request.socket.remoteAddress || 'unknown';
  }

  private accept(ws: WebSocket, request: IncomingMessage): void {
    const conn = new Connection(ws, this.clientIp(request), this.options.rate);
    this.connections.add(conn);
    ws.on('pong', () => {
      conn.alive = true;
    });
    ws.on('message', (data, isBinary) => {
      void this.receive(conn, data, isBinary);
    });
    ws.on('close', () => this.forget(conn));
    ws.on('error', (err) => this.deps.log.debug({ err }, 'socket error'));
  }

  private async receive(conn: Connection, data: RawData, isBinary: boolean): Promise<void> {
    if (isBinary) return this.disconnect(conn, CLOSE_BAD_JSON, 'frames are JSON text');
    const text = data.toString();
    if (jsonTooDeep(text)) return this.sendTo(conn, { t: 'error', code: 'bad_frame', message: `frames nest at most ${MAX_JSON_DEPTH} levels` });
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      return this.disconnect(conn, CLOSE_BAD_JSON, 'frames are JSON text');
    }
    // Each frame is charged to its socket and to its account (once the account is known: a frame that came before
    // hello was done is charged after), so neither one socket nor many sockets of one account can flood.
    if (!conn.take()) return this.tooManyFrames(conn);
    const charged = conn.accountRate?.take();
    if (charged === false) return this.tooManyFrames(conn);
    const ref = typeof raw === 'object' && raw && 'clientMsgId' in raw && typeof raw.clientMsgId === 'string' ? raw.clientMsgId.slice(0, 64) : undefined;
    const parsed = ClientFrame.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const message = issue ? `${issue.path.join('.') || 'frame'}: ${issue.message}` : 'bad frame';
      return this.sendTo(conn, { t: 'error', code: 'bad_frame', message, ...(ref ? { ref } : {}) });
    }
    const frame = parsed.data;
    if (frame.t === 'hello') return this.hello(conn, frame);

    if (!conn.ready || !(await conn.ready) || !conn.actor) {
      return this.sendTo(conn, { t: 'error', code: 'unauthorized', message: 'Send hello with your session token first.', ...(ref ? { ref } : {}) });
    }
    if (charged === undefined && !conn.accountRate!.take()) return this.tooManyFrames(conn);
    const handler = this.deps.handlers.get(frame.t as FrameType);
    if (!handler) return this.sendTo(conn, { t: 'error', code: 'bad_frame', message: `No handler for "${frame.t}".` });
    try {
      await handler({ actor: conn.actor, reply: (out) => this.sendTo(conn, out) }, frame as never);
    } catch (err) {
      if (err instanceof AppError) {
        this.sendTo(conn, { t: 'error', code: err.code, message: err.message, ...(ref ? { ref } : {}) });
      } else {
        this.deps.log.error({ err, frame: frame.t }, 'frame handler failed');
        this.sendTo(conn, { t: 'error', code: 'internal', message: 'Something went wrong on our side.', ...(ref ? { ref } : {}) });
      }
    }
  }

  private tooManyFrames(conn: Connection): void {
    if (conn.shouldWarn()) this.sendTo(conn, { t: 'error', code: 'rate_limited', message: 'Too many frames; slow down.' });
  }

  private hello(conn: Connection, frame: HelloFrame): void {
    if (conn.ready) {
      this.sendTo(conn, { t: 'error', code: 'bad_frame', message: 'hello was already sent on this socket.' });
      return;
    }
    conn.lang = frame.lang ?? null;
    conn.ready = this.authenticate(conn, frame).catch((err: unknown) => {
      if (err instanceof AppError) {
        this.sendTo(conn, { t: 'error', code: err.code, message: err.message });
        this.disconnect(conn, err.code === 'unauthorized' ? CLOSE_UNAUTHORIZED : CLOSE_INTERNAL, err.code);
      } else {
        // Not the client's fault (the database may be down): 1011 tells it to retry, not to sign in again.
        this.deps.log.error({ err }, 'hello failed');
        this.sendTo(conn, { t: 'error', code: 'internal', message: 'Something went wrong on our side; reconnect shortly.' });
        this.disconnect(conn, CLOSE_INTERNAL, 'internal error');
      }
      return false;
    });
  }

  private async authenticate(conn: Connection, frame: HelloFrame): Promise<boolean> {
    const actor = await this.deps.authenticate(frame.token, conn.ip);
    // Closed while we looked: indexing it now would keep a dead socket (and count it against the account's cap).
    if (!this.connections.has(conn)) return false;
    if ((this.byUser.get(actor.userId)?.size ?? 0) >= this.options.maxSocketsPerUser) {
      this.disconnect(conn, CLOSE_TOO_MANY_SOCKETS, 'too_many_sockets');
      return false;
    }
    conn.actor = actor;
    conn.accountRate = this.accountRateOf(actor.userId);
    conn.held = [];
    this.index(this.byUser, actor.userId, conn);
    const roomIds = await this.deps.roomIdsOf(actor);
    if (!this.connections.has(conn)) return false;
    for (const roomId of roomIds) this.join(roomId, conn);
    this.sendTo(conn, { t: 'welcome', userId: actor.userId });

    // Catch up, holding back live frames meanwhile; a held message already sent in the catch-up is dropped.
    const sent = new Map<string, number>();
    for (const entry of await this.deps.sync(actor, frame.cursors)) {
      if ('reset' in entry) {
        this.sendTo(conn, { t: 'reset', roomId: entry.roomId, lastSeq: entry.reset });
        sent.set(entry.roomId, entry.reset);
        continue;
      }
      for (const message of entry.messages) this.sendTo(conn, { t: 'msg', ...message });
      sent.set(entry.roomId, entry.messages.at(-1)?.seq ?? 0);
    }
    const held = conn.held;
    conn.held = null;
    for (const text of held) {
      const live = heldMessage(text);
      if (live && (sent.get(live.roomId) ?? 0) >= live.seq) continue;
      this.sendRaw(conn, text);
    }
    this.sendTo(conn, { t: 'caught_up' });
    return true;
  }

  private accountRateOf(userId: string): TokenBucket {
    let bucket = this.accountRates.get(userId);
    if (!bucket) this.accountRates.set(userId, (bucket = new TokenBucket(this.options.accountRate)));
    return bucket;
  }

  private listen(): void {
    const { bus } = this.deps;
    this.unsubscribe.push(
      bus.subscribe('chat.message.created', ({ message, hiddenFrom }) => {
        const text = JSON.stringify({ t: 'msg', ...message });
        const placeholder =
          hiddenFrom.length > 0 ? JSON.stringify({ t: 'msg', ...message, body: {}, reactions: {}, hidden: true }) : text;
        this.toRoom(message.roomId, (conn) => (conn.userId && hiddenFrom.includes(conn.userId) ? placeholder : text));
      }),
      bus.subscribe('chat.read', (data) => {
        const text = JSON.stringify({ t: 'read', ...data });
        this.toRoom(data.roomId, () => text);
      }),
      bus.subscribe('chat.typing', ({ roomId, userId, by }) => {
        const text = JSON.stringify({ t: 'typing', roomId, userId });
        this.toRoom(roomId, (conn) => (conn.userId === by ? null : text));
      }),
      bus.subscribe('openlink.translated', ({ hiddenFrom, ...data }) => {
        const text = JSON.stringify({ t: 'event', name: 'openlink.translated', data });
        // Only to the sockets that read that language (said in hello), and not to anyone the message is hidden from.
        this.toRoom(data.roomId, (conn) => (conn.lang !== data.lang || (conn.userId && hiddenFrom.includes(conn.userId)) ? null : text));
      }),
      bus.subscribe('chat.message.deleted', (data) => this.eventToRoom(data.roomId, 'chat.message.deleted', data)),
      bus.subscribe('chat.reactions.changed', (data) => this.eventToRoom(data.roomId, 'chat.reactions.changed', data)),
      bus.subscribe('chat.room.changed', (data) => this.eventToRoom(data.roomId, 'chat.room.changed', data)),
      bus.subscribe('chat.members.changed', ({ roomId, added, removed, quiet }) => {
        for (const userId of added) for (const conn of this.byUser.get(userId) ?? []) this.join(roomId, conn);
        if (quiet) {
          const text = JSON.stringify({ t: 'event', name: 'chat.room.changed', data: { roomId } });
          for (const userId of [...added, ...removed]) for (const conn of this.byUser.get(userId) ?? []) this.sendRaw(conn, text);
        } else this.eventToRoom(roomId, 'chat.room.changed', { roomId });
        for (const userId of removed) for (const conn of this.byUser.get(userId) ?? []) this.leave(roomId, conn);
      }),
      bus.subscribe('profiles.notice.created', ({ ownerId, unread }) => {
        const text = JSON.stringify({ t: 'event', name: 'profiles.notice', data: { unread } });
        for (const conn of this.byUser.get(ownerId) ?? []) this.sendRaw(conn, text);
      }),
      bus.subscribe('accounts.session.revoked', ({ userId, sessionIds }) => {
        for (const conn of this.byUser.get(userId) ?? []) {
          if (conn.actor && sessionIds.includes(conn.actor.sessionId)) this.disconnect(conn, CLOSE_UNAUTHORIZED, 'session ended');
        }
      }),
    );
  }

  private eventToRoom(roomId: string, name: string, data: unknown): void {
    const text = JSON.stringify({ t: 'event', name, data });
    this.toRoom(roomId, () => text);
  }

  /** Sends to every socket in the room on this node; `render` picks the text per socket (null skips it). */
  private toRoom(roomId: string, render: (conn: Connection) => string | null): void {
    for (const conn of this.byRoom.get(roomId) ?? []) {
      const text = render(conn);
      if (text !== null) this.sendRaw(conn, text);
    }
  }

  private sendTo(conn: Connection, frame: ServerFrame): void {
    this.sendRaw(conn, JSON.stringify(frame), true);
  }

  private sendRaw(conn: Connection, text: string, direct = false): void {
    if (conn.ws.readyState !== WebSocket.OPEN) return;
    if (conn.held && !direct) {
      conn.held.push(text);
      return;
    }
    // A client that cannot keep up is dropped rather than buffered without end; it resumes from its cursor.
    if (conn.ws.bufferedAmount > this.options.maxBufferedBytes) {
      this.disconnect(conn, CLOSE_SLOW_CONSUMER, 'slow_consumer');
      return;
    }
    conn.ws.send(text);
  }

  private disconnect(conn: Connection, code: number, reason: string): void {
    this.forget(conn);
    if (conn.ws.readyState === WebSocket.OPEN || conn.ws.readyState === WebSocket.CONNECTING) {
      conn.ws.close(code, reason);
      // A peer that does not complete the closing handshake is cut off. A slow consumer gets longer: its close
      // frame waits behind everything it has not read yet, and nothing more is queued for it meanwhile.
      setTimeout(() => conn.ws.terminate(), code === CLOSE_SLOW_CONSUMER ? 15_000 : 2000).unref();
    }
  }

  private forget(conn: Connection): void {
    if (!this.connections.delete(conn)) return;
    if (conn.actor) {
      this.unindex(this.byUser, conn.actor.userId, conn);
      for (const roomId of conn.rooms) this.unindex(this.byRoom, roomId, conn);
    }
  }

  private join(roomId: string, conn: Connection): void {
    conn.rooms.add(roomId);
    this.index(this.byRoom, roomId, conn);
  }

  private leave(roomId: string, conn: Connection): void {
    conn.rooms.delete(roomId);
    this.unindex(this.byRoom, roomId, conn);
  }

  private index(map: Map<string, Set<Connection>>, key: string, conn: Connection): void {
    let set = map.get(key);
    if (!set) map.set(key, (set = new Set()));
    set.add(conn);
  }

  private unindex(map: Map<string, Set<Connection>>, key: string, conn: Connection): void {
    const set = map.get(key);
    if (!set) return;
    set.delete(conn);
    if (set.size === 0) map.delete(key);
  }

  /**
   * Closes sockets that never said hello, drops those that did not answer the last ping, then pings the rest; and
   * forgets the frame budgets of accounts with no socket left once they have refilled (reconnecting buys nothing).
   */
  private sweep(): void {
    const now = Date.now();
    for (const conn of this.connections) {
      if (!conn.ready && now - conn.openedAt > this.options.helloTimeoutMs) {
        this.disconnect(conn, CLOSE_HELLO_TIMEOUT, 'hello_timeout');
        continue;
      }
      if (!conn.alive) {
        this.forget(conn);
        conn.ws.terminate();
        continue;
      }
      conn.alive = false;
      conn.ws.ping();
    }
    for (const [userId, bucket] of this.accountRates) {
      if (!this.byUser.has(userId) && bucket.full) this.accountRates.delete(userId);
    }
  }

  async close(): Promise<void> {
    clearInterval(this.heartbeat);
    for (const off of this.unsubscribe) off();
    for (const conn of [...this.connections]) this.disconnect(conn, 1001, 'server shutting down');
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}

function heldMessage(text: string): { roomId: string; seq: number } | null {
  if (!text.startsWith('{"t":"msg"')) return null;
  const { roomId, seq } = JSON.parse(text) as { roomId: string; seq: number };
  return { roomId, seq };
}
