import { AppError } from '../../platform/errors';
import type { Logger } from '../../platform/log';

interface Pending {
  entries: Uint8Array[];
  queuedAt: number;
  resolve: (indices: number[]) => void;
  reject: (error: unknown) => void;
}

/** Writes a batch to the log in one transaction, signs a checkpoint that covers it, and answers its first index. */
export type Integrate = (entries: Uint8Array[]) => Promise<number>;

/**
 * Queues appends and integrates them in batches: when `batchSize` entries are waiting, or when the oldest has waited
 * `batchMs`. An append's promise settles only after the transaction that wrote it and signed its checkpoint has
 * committed. One batch runs at a time per process; across processes the integrate step takes turns on a lock.
 */
export class LogSequencer {
  private queue: Pending[] = [];
  private queued = 0;
  private timer: NodeJS.Timeout | undefined;
  private flushing = false;
  private closing = false;
  private drained: Array<() => void> = [];

  constructor(
    private readonly integrate: Integrate,
    private readonly options: { batchMs: number; batchSize: number },
    private readonly log: Logger,
  ) {}

  append(entries: Uint8Array[]): Promise<number[]> {
    if (this.closing) return Promise.reject(new AppError('unavailable', 'The log is shutting down.'));
    if (entries.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      this.queue.push({ entries, queuedAt: Date.now(), resolve, reject });
      this.queued += entries.length;
      this.kick();
    });
  }

  /** Integrates everything queued, then refuses new appends. */
  close(): Promise<void> {
    this.closing = true;
    if (!this.flushing && this.queue.length === 0) return Promise.resolve();
    const done = new Promise<void>((resolve) => this.drained.push(resolve));
    this.kick();
    return done;
  }

  private kick(): void {
    if (this.flushing) return;
    if (this.queue.length === 0) {
      for (const resolve of this.drained.splice(0)) resolve();
      return;
    }
    if (this.queued >= this.options.batchSize || this.closing) {
      clearTimeout(this.timer);
      this.timer = undefined;
      void this.flush();
    } else {
      // The deadline runs from the oldest waiting entry, so a busy log still checkpoints within batchMs of it.
      const wait = Math.max(0, this.queue[0]!.queuedAt + this.options.batchMs - Date.now());
      this.timer ??= setTimeout(() => {
        this.timer = undefined;
        void this.flush();
      }, wait);
    }
  }

  private async flush(): Promise<void> {
    if (this.flushing || this.queue.length === 0) return;
    this.flushing = true;
    let take = 0;
    let count = 0;
    while (take < this.queue.length && (take === 0 || count + this.queue[take]!.entries.length <= this.options.batchSize)) {
      count += this.queue[take]!.entries.length;
      take++;
    }
    // One splice, not a shift per entry: thousands may be waiting.
    const batch = this.queue.splice(0, take);
    this.queued -= count;
    try {
      let index = await this.integrate(batch.flatMap((p) => p.entries));
      for (const p of batch) p.resolve(p.entries.map(() => index++));
    } catch (err) {
      // The driver's error, not the query wrapper around it, which quotes every entry's bytes.
      this.log.error({ err: (err as { cause?: unknown }).cause ?? err, entries: count }, 'a batch of log entries could not be integrated');
      for (const p of batch) p.reject(err);
    } finally {
      this.flushing = false;
      this.kick();
    }
  }
}
