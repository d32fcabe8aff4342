import { createHash } from 'node:crypto';
import type { Clock } from '../../clock';
import { AppError } from '../../errors';
import type { IdempotencyRepository } from './idempotency.repository';

export interface Answer {
  status: number;
  body: unknown;
}

const WAIT_MS = 20_000;
const STALE_MS = 60_000;

/**
 * Stripe's idempotency rules for paying endpoints: the first request with a key runs; a retry with the same key
 * and body gets the first answer again (waiting for it if the first is still running); the same key with another
 * body is refused with 409. Answers that are the caller's fault (4xx) are kept too; server failures are not, so the
 * retry runs again. The money itself has its own idempotency in the ledger, so even a retry that runs again after a
 * crash cannot charge twice.
 */
export class Idempotency {
  constructor(
    private readonly repo: IdempotencyRepository,
    private readonly clock: Clock,
  ) {}

  static fingerprint(method: string, path: string, body: unknown): string {
    return createHash('sha256').update(`${method} ${path}\n${JSON.stringify(body ?? null)}`).digest('hex');
  }

  async run(scope: string, key: string, fingerprint: string, work: () => Promise<Answer>): Promise<Answer> {
    if (!(await this.repo.claim(scope, key, fingerprint, this.clock.now()))) {
      const replay = await this.awaitFirst(scope, key, fingerprint);
      if (replay) return replay;
    }
    try {
      const answer = await work();
      await this.repo.complete(scope, key, answer.status, answer.body);
      return answer;
    } catch (err) {
      if (err instanceof AppError && err.status < 500) {
        await this.repo.complete(scope, key, err.status, { code: err.code, message: err.message });
      } else {
        await this.repo.release(scope, key);
      }
      throw err;
    }
  }

  /** The first request's answer, or null when its claim was abandoned and this request has taken it over. */
  private async awaitFirst(scope: string, key: string, fingerprint: string): Promise<Answer | null> {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const row = await this.repo.find(scope, key);
      if (row && row.fingerprint !== fingerprint) {
        throw new AppError('idempotency_key_reused', 'This Idempotency-Key was used with a different request.');
      }
      if (row?.status != null) return { status: row.status, body: row.response };
      const now = this.clock.now();
      if (!row) {
        if (await this.repo.claim(scope, key, fingerprint, now)) return null;
        continue;
      }
      if (await this.repo.takeOver(scope, key, new Date(now.getTime() - STALE_MS), now)) return null;
      if (Date.now() > deadline) throw new AppError('unavailable', 'The first request with this Idempotency-Key is still running.');
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}
