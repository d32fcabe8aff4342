import { setTimeout as sleep } from 'node:timers/promises';
import { AppError } from '../errors';
import type { Logger } from '../log';
import type { Database, Executor } from './database';
import { Pace } from './pace';

/** What became of one item of a batch. */
export type Outcome<R> =
  /** Written with the batch: its answer, given once the batch has committed. */
  | { done: R }
  /** Refused on its own terms (a short wallet, say): the error it gets once the batch has committed. */
  | { refused: unknown }
  /** Left out of the batch (a key claimed elsewhere, a coupon the batch already took): written alone after it. */
  | { alone: true };

const MAX_BATCH = 200;
/** Items waiting that start a second batch beside a running one (on PostgreSQL); fewer wait for the running one. */
const SECOND_LANE_AT = 8;
/** A lane starts a batch at most this often (`Pace`), unless this many items wait. */
const CYCLE_MS = 10;
const FULL_BATCH = 16;
/** Failed batches are logged at most once in this long, with how many failed since. */
const WARN_EVERY_MS = 60_000;

/**
 * Group commit for money. Items that arrive while earlier ones are being written wait, and are then written
 * together in one transaction by `together`, in a handful of statements whatever their number, each keeping its own
 * outcome: a refusal is that item's alone, and an item the batch cannot take is written on its own afterwards. If
 * the batch's transaction fails, every item in it is written again on its own, so a failure is only ever the failing
 * item's. An item that arrives alone is written at once, as a batch of one: `together` takes fewer statements for it
 * than `alone`, which checks and writes step by step. Batches that follow one another are paced (`Pace`): a lane
 * starts one at most every 10 ms, unless a full batch waits. Each caller is answered after the commit that wrote its
 * item.
 *
 * A batch that fails for a refusal (an `AppError`, such as a short wallet) is business as usual. One that fails for
 * anything else (a statement the database refuses, a deadlock retried too often) is logged as a warning, at most
 * once a minute with a count: its items are still written, one by one, but every batch failing that way would
 * otherwise go unseen while throughput falls tenfold.
 */
export class GroupCommit<T, R> {
  private readonly queue: Array<{ item: T; resolve(result: R): void; reject(error: unknown): void }> = [];
  private lanesRunning = 0;
  /** Batches failed (not for a refusal) since the last warning, and when that was. */
  private failures = 0;
  private warnedAt = -Infinity;

  constructor(
    private readonly options: {
      /** What the items are, for the log ("gift purchases"). */
      name: string;
      database: Database;
      log: Logger;
      /** Writes many items in `tx`; answers an outcome for each, in order. */
      together(tx: Executor, items: T[]): Promise<Array<Outcome<R>>>;
      /**
       * `together` writes a batch in one statement, which is a transaction of its own (or it opens its own): it is
       * given the database rather than a transaction, which spares each batch its `begin` and `commit`.
       */
      oneStatement?: boolean;
      /** Writes one item on its own (in a transaction of its own, or in one statement). */
      alone(item: T): Promise<R>;
      /** How often a lane starts a batch at most, in milliseconds (10 unless given). */
      cycleMs?: number;
    },
  ) {}

  run(item: T): Promise<R> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      // PostgreSQL serves two batches at once (row locks keep them apart); PGlite runs one statement at a time anyway.
      // A second batch starts beside a running one only once enough items wait for it: a batch costs the same few
      // round trips whatever its size, and batches of one or two would double the database's work at half load.
      const lanes = this.options.database.engine === 'postgres' ? 2 : 1;
      if (this.lanesRunning === 0 || (this.lanesRunning < lanes && this.queue.length >= SECOND_LANE_AT)) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.lanesRunning++;
    try {
      const pace = new Pace(this.options.cycleMs ?? CYCLE_MS);
      while (this.queue.length > 0) {
        // Lets the items whose checks are finishing now join this batch (on PGlite, queries that were waiting).
        await new Promise((resolve) => setImmediate(resolve));
        const due = pace.due();
        if (due > 0 && this.queue.length < FULL_BATCH) await sleep(due);
        pace.started();
        const batch = this.queue.splice(0, MAX_BATCH);
        if (batch.length === 0) break;
        await this.together(batch);
      }
    } finally {
      this.lanesRunning--;
    }
  }

  /** Logs a failed batch: the first at once, then at most one line a minute with how many failed since. */
  private failed(err: unknown, items: number): void {
    this.failures++;
    const now = performance.now();
    if (now - this.warnedAt < WARN_EVERY_MS) return;
    const { log, name } = this.options;
    log.warn({ err, batch: name, items, failedBatches: this.failures }, `A batch of ${name} failed; its items are written one by one.`);
    this.failures = 0;
    this.warnedAt = now;
  }

  private async alone(batch: typeof this.queue): Promise<void> {
    await Promise.all(
      batch.map(async (waiting) => {
        try {
          waiting.resolve(await this.options.alone(waiting.item));
        } catch (err) {
          waiting.reject(err);
        }
      }),
    );
  }

  /**
   * Writes `batch` together; answers once its transaction has committed, while what the commit owes (the tasks its
   * items queued with `afterCommit`, such as delivering cards) goes on, so that the next batch need not wait for it.
   * Each item's caller is answered after all of it.
   */
  private together(batch: typeof this.queue): Promise<void> {
    let commit!: () => void;
    const committed = new Promise<void>((resolve) => (commit = resolve));
    return Promise.race([committed, this.write(batch, commit)]);
  }

  private async write(batch: typeof this.queue, committed: () => void): Promise<void> {
    const { database, together, oneStatement } = this.options;
    const items = batch.map((w) => w.item);
    let outcomes: Array<Outcome<R>>;
    try {
      outcomes = oneStatement
        ? await together(database.db, items)
        : await database.transaction(async (tx) => {
            // Queued first, so it runs first once the transaction has committed.
            await database.afterCommit(tx, async () => committed());
            return together(tx, items);
          });
    } catch (err) {
      if (!(err instanceof AppError)) this.failed(err, batch.length);
      await this.alone(batch);
      return;
    }
    const later: typeof this.queue = [];
    batch.forEach((waiting, i) => {
      const outcome = outcomes[i]!;
      if ('done' in outcome) waiting.resolve(outcome.done);
      else if ('refused' in outcome) waiting.reject(outcome.refused);
      else later.push(waiting);
    });
    await this.alone(later);
  }
}
