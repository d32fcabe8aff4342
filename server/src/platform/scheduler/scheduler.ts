import { randomToken } from '../ids';
import type { Clock } from '../clock';
import type { Logger } from '../log';
import type { LeaseRepository } from './lease.repository';

export interface Job {
  name: string;
  /** Does the work that is due; answers how many things it did. Must be safe to run again. */
  run(): Promise<number>;
  /** Upkeep that does something every time (vacuuming, say): its runs are logged at debug level, not info. */
  routine?: boolean;
}

const LEASE = 'scheduler';

/**
 * `job`, run once every `intervalMs` of real time (not the clock, which a demo may move forward) however often the
 * scheduler ticks: first once `intervalMs` has passed since this was made.
 */
export function atMostEvery(intervalMs: number, job: Job): Job {
  let last = performance.now();
  return {
    ...job,
    run: async () => {
      const now = performance.now();
      if (now - last < intervalMs) return 0;
      last = now;
      return job.run();
    },
  };
}

/**
 * Runs timed work (scheduled gifts, coupon expiry, expiry notices) every `intervalMs`, on one node at a time: each
 * tick first takes or renews a database lease, and a node without the lease does nothing. If the holder dies, the
 * lease runs out and another node takes over. Every job is idempotent, so a takeover mid-run repeats nothing.
 */
export class Scheduler {
  readonly nodeId = `node-${randomToken(10)}`;
  private readonly jobs: Job[] = [];
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly deps: { leases: LeaseRepository; clock: Clock; log: Logger; intervalMs: number; leaseMs: number },
  ) {}

  add(job: Job): this {
    this.jobs.push(job);
    return this;
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.deps.intervalMs);
    this.timer.unref();
    void this.tick();
  }

  /** Runs every job once if this node holds the lease; answers whether it did. Overlapping ticks are skipped. */
  async tick(): Promise<boolean> {
    if (this.running) return false;
    const run = this.runIfLeader();
    this.running = run;
    try {
      return await run;
    } finally {
      this.running = undefined;
    }
  }

  private async runIfLeader(): Promise<boolean> {
    const now = this.deps.clock.now();
    let leader: boolean;
    try {
      leader = await this.deps.leases.acquire(LEASE, this.nodeId, now, new Date(now.getTime() + this.deps.leaseMs));
    } catch (err) {
      this.deps.log.warn({ err }, 'scheduler: could not take the lease');
      return false;
    }
    if (!leader) return false;
    for (const job of this.jobs) {
      try {
        const started = performance.now();
        const done = await job.run();
        if (done > 0) this.deps.log[job.routine ? 'debug' : 'info']({ job: job.name, done, ms: Math.round(performance.now() - started) }, 'scheduler: job ran');
      } catch (err) {
        this.deps.log.error({ err, job: job.name }, 'scheduler: job failed');
      }
    }
    return true;
  }

  /** Stops ticking, waits for a running tick, and gives the lease up so another node can take over at once. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
    await this.deps.leases.release(LEASE, this.nodeId).catch(() => undefined);
  }

  holder(): Promise<string | undefined> {
    return this.deps.leases.holderOf(LEASE, this.deps.clock.now());
  }
}
