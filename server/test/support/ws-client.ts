import type { ServerFrame } from '@maum/protocol';
import WebSocket from 'ws';

type Frame = ServerFrame & Record<string, unknown>;

/** A real WebSocket client that records every frame it receives, for tests and benchmarks. */
export class TestSocket {
  readonly frames: Frame[] = [];
  closed: { code: number; reason: string } | null = null;
  private waiters: Array<() => void> = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.frames.push(JSON.parse(data.toString()) as Frame);
      this.wake();
    });
    ws.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString() };
      this.wake();
    });
    ws.on('error', () => {});
  }

  static async connect(baseUrl: string): Promise<TestSocket> {
    const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/ws`);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return new TestSocket(ws);
  }

  /** Connects, says hello and waits for `caught_up`. */
  static async open(baseUrl: string, token: string, cursors: Record<string, number> = {}, lang?: string): Promise<TestSocket> {
    const socket = await TestSocket.connect(baseUrl);
    socket.send({ t: 'hello', token, cursors, ...(lang ? { lang } : {}) });
    await socket.waitFor((f) => f.t === 'caught_up');
    return socket;
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  send(frame: unknown): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  of<T extends Frame['t']>(t: T): Array<Extract<Frame, { t: T }>> {
    return this.frames.filter((f) => f.t === t) as Array<Extract<Frame, { t: T }>>;
  }

  /** Waits until `done()` holds (checked on every frame), or fails after `timeoutMs`. */
  async until(done: () => boolean, timeoutMs = 15_000, what = 'condition'): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last frames: ${JSON.stringify(this.frames.slice(-3)).slice(0, 600)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(250, deadline - Date.now()));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** The first frame after index `from` that matches. */
  async waitFor(match: (f: Frame) => boolean, timeoutMs = 15_000, from = 0): Promise<Frame> {
    let found: Frame | undefined;
    await this.until(() => (found = this.frames.slice(from).find(match)) !== undefined, timeoutMs, 'a matching frame');
    return found!;
  }

  async waitClosed(timeoutMs = 10_000): Promise<{ code: number; reason: string }> {
    await this.until(() => this.closed !== null, timeoutMs, 'the socket to close');
    return this.closed!;
  }

  close(): void {
    this.ws.close();
  }
}
