import type { WebSocket } from 'ws';
import type { UserActor } from '../platform/actor';
import { TokenBucket } from './token-bucket';

/** One open socket. Kept small: a server holds tens of thousands of these. */
export class Connection {
  actor: UserActor | null = null;
  /** Resolves once `hello` has been handled; frames that arrive earlier wait for it. */
  ready: Promise<boolean> | null = null;
  alive = true;
  readonly rooms = new Set<string>();
  readonly openedAt = Date.now();
  /** Live frames held back while the catch-up after `hello` is being sent. */
  held: string[] | null = null;
  /** The frame budget this socket shares with its account's other sockets on this node, once `hello` is done. */
  accountRate: TokenBucket | null = null;
  /** The language the client reads, from `hello`: it hears translations into it only. */
  lang: string | null = null;
  private readonly rate: TokenBucket;
  private warnedAt = 0;

  constructor(
    readonly ws: WebSocket,
    readonly ip: string,
    rate: { perSecond: number; burst: number },
  ) {
    this.rate = new TokenBucket(rate);
  }

  get userId(): string | null {
    return this.actor?.userId ?? null;
  }

  /** Answers whether one more frame may be handled now, within this socket's own budget. */
  take(): boolean {
    return this.rate.take();
  }

  /** At most one rate-limit warning a second, so a flood is not answered by a flood. */
  shouldWarn(): boolean {
    const now = Date.now();
    if (now - this.warnedAt < 1000) return false;
    this.warnedAt = now;
    return true;
  }
}
