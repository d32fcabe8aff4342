import type { Clock } from '../clock';
import { AppError } from '../errors';
import type { RateLimitRepository, Window } from './rate-limit.repository';

export interface Limit {
  limit: number;
  windowMs: number;
  /** What the 429 says, before "Try again in N seconds." */
  message: string;
}

/**
 * Fixed-window rate limits kept in the database, so every node counts against the same window: sign-ups per
 * address, login attempts per address and per handle, PIN look-ups per store.
 */
export class RateLimiter {
  constructor(
    private readonly repo: RateLimitRepository,
    private readonly clock: Clock,
  ) {}

  /** Counts one attempt against `key`; throws `rate_limited` (with `retryAfter` seconds) once over the limit. */
  async hit(key: string, limit: Limit): Promise<void> {
    const now = this.clock.now();
    this.refuseOver(await this.repo.hit(key, now, limit.windowMs), limit, now);
  }

  /** Throws `rate_limited` if `key` is already over the limit, without counting an attempt. */
  async check(key: string, limit: Limit): Promise<void> {
    const window = await this.repo.find(key);
    const now = this.clock.now();
    if (window && window.windowStart.getTime() > now.getTime() - limit.windowMs) this.refuseOver(window, limit, now);
  }

  /** Notes that `key` happened now (a sign-in that succeeded from an address), for `seenWithin`. */
  note(key: string): Promise<void> {
    return this.repo.touch(key, this.clock.now());
  }

  /** Whether `key` was noted within the last `ms`. */
  async seenWithin(key: string, ms: number): Promise<boolean> {
    const window = await this.repo.find(key);
    return window !== undefined && window.windowStart.getTime() > this.clock.now().getTime() - ms;
  }

  clear(key: string): Promise<void> {
    return this.repo.clear(key);
  }

  private refuseOver(window: Window, limit: Limit, now: Date): void {
    if (window.count <= limit.limit) return;
    const retryAfter = Math.max(1, Math.ceil((window.windowStart.getTime() + limit.windowMs - now.getTime()) / 1000));
    throw new AppError('rate_limited', `${limit.message} Try again in ${retryAfter} seconds.`, { retryAfter });
  }
}
