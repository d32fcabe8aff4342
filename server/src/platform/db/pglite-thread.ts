import { Worker } from 'node:worker_threads';
import type { PGlite } from '@electric-sql/pglite';

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

type Request = { op: 'query'; tx?: number; text: string; params?: unknown[]; rowMode?: 'array' | 'object' } | { op: 'exec'; tx?: number; text: string } | { op: 'begin' } | { op: 'end'; tx: number; commit: boolean } | { op: 'close' };

/** What drizzle uses of a PGlite (or of one of its transactions). */
interface Queries {
  query(text: string, params?: unknown[], options?: { rowMode?: 'array' | 'object' }): Promise<unknown>;
  exec(text: string): Promise<unknown>;
}

/**
 * PGlite on a worker thread of its own (pglite-worker.mjs), so the embedded database and the HTTP and socket work
 * each have a core: the main thread sends each query, and the start and end of each transaction, as a message. It
 * offers what drizzle uses of a PGlite (queries, and transactions with queries of their own), and errors come back
 * with PostgreSQL's fields (code, constraint, …) as PGlite gives them. PGlite still runs one transaction at a time.
 */
export class PGliteThread implements Queries {
  private readonly pending = new Map<number, Pending>();
  private lastId = 0;
  private failure: Error | null = null;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (message: { id: number; ok: boolean; value?: unknown; error?: Record<string, unknown> }) => {
      const waiting = this.pending.get(message.id);
      if (!waiting) return;
      this.pending.delete(message.id);
      if (this.pending.size === 0) worker.unref();
      if (message.ok) waiting.resolve(message.value);
      else waiting.reject(toError(message.error!));
    });
    // The thread keeps the process alive only while a query is waiting for it.
    worker.unref();
    const fail = (err: Error) => {
      this.failure = err;
      for (const waiting of this.pending.values()) waiting.reject(err);
      this.pending.clear();
    };
    worker.on('error', (err) => fail(new Error('the PGlite thread failed', { cause: err })));
    worker.on('exit', (code) => fail(new Error(`the PGlite thread stopped (exit code ${code})`)));
  }

  /** Starts the thread and opens PGlite in `dir` (a folder, or `memory://`), from `loadDataDir` when given. */
  static async start(dir: string, loadDataDir?: Blob): Promise<PGliteThread> {
    const worker = new Worker(new URL('./pglite-worker.mjs', import.meta.url), { workerData: { dir, loadDataDir } });
    const ready = await new Promise<{ ready: boolean; error?: Record<string, unknown> }>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    if (!ready.ready) {
      await worker.terminate();
      throw toError(ready.error ?? { message: 'PGlite could not start' });
    }
    return new PGliteThread(worker);
  }

  private call<T>(request: Request): Promise<T> {
    if (this.failure) return Promise.reject(this.failure);
    const id = ++this.lastId;
    return new Promise<T>((resolve, reject) => {
      if (this.pending.size === 0) this.worker.ref();
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.worker.postMessage({ id, ...request });
    });
  }

  query(text: string, params?: unknown[], options?: { rowMode?: 'array' | 'object' }, tx?: number): Promise<unknown> {
    return this.call({ op: 'query', tx, text, params, rowMode: options?.rowMode });
  }

  exec(text: string, tx?: number): Promise<unknown> {
    return this.call({ op: 'exec', tx, text });
  }

  /** Runs `work` in a transaction: committed if it succeeds, rolled back if it throws. */
  async transaction<T>(work: (tx: Queries) => Promise<T>): Promise<T> {
    const tx = await this.call<number>({ op: 'begin' });
    const handle: Queries = {
      query: (text, params, options) => this.query(text, params, options, tx),
      exec: (text) => this.exec(text, tx),
    };
    let result: T;
    try {
      result = await work(handle);
    } catch (err) {
      await this.call({ op: 'end', tx, commit: false });
      throw err;
    }
    await this.call({ op: 'end', tx, commit: true });
    return result;
  }

  async close(): Promise<void> {
    try {
      await this.call({ op: 'close' });
    } finally {
      this.worker.removeAllListeners('exit');
      await this.worker.terminate();
    }
  }

  /** This thread where drizzle takes a PGlite: drizzle calls only `query` and `transaction` (see `Queries`). */
  asPGlite(): PGlite {
    return this as unknown as PGlite;
  }
}

/** An error from the thread, with PostgreSQL's fields back on it. */
function toError(fields: Record<string, unknown>): Error {
  const err = new Error(String(fields.message));
  Object.assign(err, fields);
  return err;
}
