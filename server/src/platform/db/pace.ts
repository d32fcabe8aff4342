/**
 * Spaces the batches of a batcher that runs them back to back: a lane of a group commit, or a batched read. One that
 * starts its next batch the moment the last one ends keeps the database busy with batches of one or two items at any
 * load above a trickle, so half of peak costs the server and the database nearly as much CPU as peak itself, and
 * leaves nothing to absorb a slow commit. Paced, a batch due within `cycleMs` of the previous one's start waits out
 * the rest of that time, and what arrives meanwhile joins it. Near peak, batches take longer than that anyway; after
 * a quiet moment, the next batch starts at once.
 */
export class Pace {
  private startedAt = -Infinity;

  constructor(private readonly cycleMs: number) {}

  /** Milliseconds until the next batch may start: 0 when it may start now. */
  due(): number {
    return Math.max(0, this.startedAt + this.cycleMs - performance.now());
  }

  /** Notes that a batch starts now. */
  started(): void {
    this.startedAt = performance.now();
  }
}
