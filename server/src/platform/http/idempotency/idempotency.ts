import { createHash } from 'node:crypto';
import type { SQL } from 'drizzle-orm';
import type { Clock } from '../../clock';
import { readTogether, type Together } from '../../db/bulk';
import type { Executor } from '../../db/database';
import { AppError } from '../../errors';
import type { IdempotencyRepository } from './idempotency.repository';

export interface Answer {
  status: number;
  body: unknown;
}

/**
 * An Idempotency-Key that the request's own business transaction claims and answers, so the key, the money and the
 * answer commit together (one commit instead of three). See `Idempotency.inTransaction`.
 */
export interface PaymentKey {
  /** Whose key it is (a user, a store or an address). */
  readonly scope: string;
  /** The key as the client sent it. */
  readonly key: string;
  /** The request it keys; the same key with another request is refused. */
  readonly fingerprint: string;
  /** The status of a successful answer. */
  readonly status: number;
  /**
   * Claims the key; call it first in the transaction. A request with the same key still running makes this wait for
   * its commit. A key answered before throws `Replayed`, which the router answers with that first answer.
   */
  claim(tx: Executor): Promise<void>;
  /** Records the answer in the transaction that claimed the key; it is what a retry with the key gets. */
  answer(tx: Executor, body: unknown): Promise<void>;
}

/** Thrown by `PaymentKey.claim` when the key was answered before: the answer to give again. */
export class Replayed extends Error {
  constructor(readonly answer: Answer) {
    super('this Idempotency-Key was answered before');
  }
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

  /**
   * A key for a request whose service claims it inside its business transaction (`PaymentKey`). The rules are the
   * same as `run`'s: the first request with the key runs, a retry gets its answer, another body with the key is refused
   * with 409. A refusal (4xx) rolls the claim back with the rest, and is then remembered by `refused`.
   */
  inTransaction(scope: string, key: string, fingerprint: string, status: number): PaymentKey {
    return {
      scope,
      key,
      fingerprint,
      status,
      claim: async (tx) => {
        const repo = this.repo.with(tx);
        // The insert waits for a running request with the key; once it commits, its answer is there to give again.
        if (await repo.claim(scope, key, fingerprint, this.clock.now())) return;
        const row = await repo.find(scope, key);
        if (row && row.fingerprint !== fingerprint) throw new AppError('idempotency_key_reused', 'This Idempotency-Key was used with a different request.');
        if (row?.status != null) throw new Replayed({ status: row.status, body: row.response });
        // Held by a request that claims before its transaction (the key was first sent to another endpoint).
        throw new AppError('unavailable', 'The first request with this Idempotency-Key is still running.');
      },
      answer: (tx, body) => this.repo.with(tx).complete(scope, key, status, body),
    };
  }

  /**
   * Claims many keys in one statement, for requests committed together (group commit): answers those it claimed.
   * A key that was claimed before, or that comes twice here, is not claimed again: its request goes through `claim`
   * on its own, which waits for, replays or refuses it as the rules say.
   */
  async claimMany(tx: Executor, keys: PaymentKey[]): Promise<Set<PaymentKey>> {
    if (keys.length === 0) return new Set();
    const [claimed] = await readTogether(tx, [this.claimManyQuery(keys)]);
    return claimed;
  }

  /**
   * `claimMany` as a query of `readTogether`, to claim the keys in the statement that makes a batch's first change.
   * A key with an answer in `answers` is claimed with that answer (and its key's status) already recorded, for a batch
   * that knows each request's answer before it writes: the answer commits with the claim or rolls back with it, and
   * the row is written once instead of inserted and then updated. Should the batch refuse such a request after all,
   * `answersWrites` records the refusal instead, or `releasesWrites` lets the key go.
   */
  claimManyQuery(keys: PaymentKey[], answers?: ReadonlyMap<PaymentKey, unknown>): Together<Set<PaymentKey>> {
    const first = new Map<string, PaymentKey>();
    for (const k of keys) if (!first.has(keyOf(k))) first.set(keyOf(k), k);
    const rows = [...first.values()].map((k) => ({
      scope: k.scope,
      key: k.key,
      fingerprint: k.fingerprint,
      ...(answers?.has(k) ? { status: k.status, response: answers.get(k) } : {}),
    }));
    const { query, read } = this.repo.claimManyQuery(rows, this.clock.now());
    return { query, read: (claimed) => new Set(read(claimed).map((row) => first.get(keyOf(row))!)) };
  }

  /**
   * The write (for `writeTogether`, in the transaction that claimed them) that records the answers of keys claimed
   * by `claimMany`: a body for a success (with its key's status), or the refusal (an AppError) a retry gets again.
   */
  answersWrites(answers: Array<{ payment: PaymentKey; body: unknown } | { payment: PaymentKey; refusal: AppError }>): SQL[] {
    return this.repo.completeManyWrites(
      answers.map((a) => ({
        scope: a.payment.scope,
        key: a.payment.key,
        status: 'refusal' in a ? a.refusal.status : a.payment.status,
        response: 'refusal' in a ? { code: a.refusal.code, message: a.refusal.message } : a.body,
      })),
    );
  }

  /**
   * The write (for `writeTogether`, in the transaction that claimed them) that lets go of keys claimed by
   * `claimMany` whose requests were refused or go alone, answered with their claim or not: a refusal is then
   * remembered by `refused`. Only keys this transaction claimed may be given: their rows are its own.
   */
  releasesWrites(keys: PaymentKey[]): SQL[] {
    return this.repo.releaseManyWrites(keys.map((k) => ({ scope: k.scope, key: k.key })));
  }

  /**
   * The answer a key was given already, if any: for a retry of an in-transaction request whose own checks failed
   * before its transaction claimed the key (the first request changed what they check, such as the wallet).
   */
  async answered(scope: string, key: string, fingerprint: string): Promise<Answer | null> {
    const row = await this.repo.find(scope, key);
    if (!row || row.status == null) return null;
    if (row.fingerprint !== fingerprint) throw new AppError('idempotency_key_reused', 'This Idempotency-Key was used with a different request.');
    return { status: row.status, body: row.response };
  }

  /** Remembers a refusal of an in-transaction request, so a retry with the key gets it again (unless another answered). */
  async refused(scope: string, key: string, fingerprint: string, err: AppError): Promise<void> {
    await this.repo.remember(scope, key, fingerprint, this.clock.now(), err.status, { code: err.code, message: err.message });
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

function keyOf(k: { scope: string; key: string }): string {
  return `${k.scope}\u0000${k.key}`;
}
