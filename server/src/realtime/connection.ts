import type { WebSocket } from 'ws';
import type { UserActor } from '../platform/actor';

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
  private tokens: number;
  private refilledAt = Date.now();
  private warnedAt = 0;

  constructor(
    readonly ws: WebSocket,
    readonly ip: string,
    private readonly rate: { perSecond: number; burst: number },
  ) {
    this.tokens = rate.burst;
  }

  get userId(): string | null {
    return this.actor?.userId ?? null;
  }

  /** Token bucket: answers whether one more frame may be handled now. */
  take(): boolean {
    const now = Date.now();
    this.tokens = Math.min(this.rate.burst, this.tokens + ((now - this.refilledAt) / 1000) * this.rate.perSecond);
    this.refilledAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** At most one rate-limit warning a second, so a flood is not answered by a flood. */
  shouldWarn(): boolean {
    const now = Date.now();
    if (now - this.warnedAt < 1000) return false;
    this.warnedAt = now;
    return true;
  }
}
