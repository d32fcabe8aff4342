import { CLOSE_SLOW_CONSUMER, CLOSE_UNAUTHORIZED, type ClientFrame, type HelloFrame, type ServerFrame } from '@maum/protocol';
import type { ConnectionState } from './store';

export interface ConnectionOptions {
  url: () => string;
  /** Built anew for every attempt, so it carries the cursors as they are at that moment. */
  hello: () => HelloFrame | null;
  onFrame: (frame: ServerFrame) => void;
  onState: (state: ConnectionState) => void;
  /** The server ended the session (close code 4001). */
  onUnauthorized: () => void;
}

const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 30_000;
/** Without `welcome` by then, the attempt is given up and another one made. */
const WELCOME_TIMEOUT_MS = 15_000;

/** Same origin as the page, so whatever serves the app (and its TLS) also serves the socket. */
export function socketUrl(): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/ws`;
}

/**
 * One WebSocket that keeps itself open: it says hello on every connect, and after a drop tries again with
 * exponential backoff and jitter, at once when the device comes back online or the tab becomes visible.
 */
export class RealtimeConnection {
  private socket: WebSocket | null = null;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private welcomeTimer: ReturnType<typeof setTimeout> | null = null;
  private state: ConnectionState = 'stopped';

  constructor(private readonly options: ConnectionOptions) {}

  start(): void {
    if (this.state !== 'stopped') return;
    window.addEventListener('online', this.onOnline);
    window.addEventListener('offline', this.onOffline);
    document.addEventListener('visibilitychange', this.onVisible);
    this.connect();
  }

  stop(): void {
    window.removeEventListener('online', this.onOnline);
    window.removeEventListener('offline', this.onOffline);
    document.removeEventListener('visibilitychange', this.onVisible);
    this.clearTimers();
    this.drop(1000);
    this.setState('stopped');
  }

  /** Sends when the server has welcomed this socket; otherwise says so, and the caller keeps the frame. */
  send(frame: ClientFrame): boolean {
    const socket = this.socket;
    if (!socket || socket.readyState !== WebSocket.OPEN) return false;
    if (this.state !== 'syncing' && this.state !== 'live') return false;
    socket.send(JSON.stringify(frame));
    return true;
  }

  isReady(): boolean {
    return this.state === 'syncing' || this.state === 'live';
  }

  private connect(): void {
    this.clearTimers();
    this.drop(1000);
    if (navigator.onLine === false) {
      this.goOffline();
      return;
    }
    const hello = this.options.hello();
    if (!hello) {
      this.setState('stopped');
      return;
    }
    this.setState('connecting');
    let socket: WebSocket;
    try {
      socket = new WebSocket(this.options.url());
    } catch {
      this.retryLater(false);
      return;
    }
    this.socket = socket;
    this.welcomeTimer = setTimeout(() => {
      if (this.socket === socket) this.lost(socket, 0);
    }, WELCOME_TIMEOUT_MS);

    socket.onopen = () => {
      if (this.socket !== socket) return;
      // Rebuilt here: messages may have arrived on the previous socket while this one was opening.
      socket.send(JSON.stringify(this.options.hello() ?? hello));
    };
    socket.onmessage = (event) => {
      if (this.socket !== socket || typeof event.data !== 'string') return;
      let frame: ServerFrame;
      try {
        frame = JSON.parse(event.data) as ServerFrame;
      } catch {
        return;
      }
      if (!frame || typeof frame !== 'object' || typeof frame.t !== 'string') return;
      if (frame.t === 'welcome') {
        if (this.welcomeTimer !== null) clearTimeout(this.welcomeTimer);
        this.welcomeTimer = null;
        this.setState('syncing');
      } else if (frame.t === 'caught_up') {
        this.attempt = 0;
        this.setState('live');
      }
      this.options.onFrame(frame);
    };
    socket.onclose = (event) => {
      if (this.socket === socket) this.lost(socket, event.code);
    };
  }

  private lost(socket: WebSocket, code: number): void {
    if (this.socket !== socket) return;
    this.clearTimers();
    this.drop(1000);
    if (code === CLOSE_UNAUTHORIZED) {
      this.stop();
      this.options.onUnauthorized();
      return;
    }
    // A slow consumer was cut off to protect the server; nothing is wrong with the network, so come right back.
    this.retryLater(code === CLOSE_SLOW_CONSUMER);
  }

  private retryLater(soon: boolean): void {
    if (navigator.onLine === false) {
      this.goOffline();
      return;
    }
    const base = soon ? 250 : Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** this.attempt);
    // Jitter keeps a whole country of clients from coming back in the same millisecond after a restart.
    const delay = base / 2 + Math.random() * (base / 2);
    if (!soon) this.attempt++;
    this.setState('waiting');
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }

  private drop(code: number): void {
    const socket = this.socket;
    this.socket = null;
    if (!socket) return;
    socket.onopen = null;
    socket.onmessage = null;
    socket.onclose = null;
    if (socket.readyState === WebSocket.CONNECTING || socket.readyState === WebSocket.OPEN) {
      try {
        socket.close(code);
      } catch {
        // Already closing.
      }
    }
  }

  private clearTimers(): void {
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    if (this.welcomeTimer !== null) clearTimeout(this.welcomeTimer);
    this.retryTimer = null;
    this.welcomeTimer = null;
  }

  private setState(state: ConnectionState): void {
    if (this.state === state) return;
    this.state = state;
    this.options.onState(state);
  }

  private readonly onOnline = () => {
    if (this.state === 'offline' || this.state === 'waiting') {
      this.attempt = 0;
      this.connect();
    }
  };

  private readonly onOffline = () => {
    if (this.state === 'stopped') return;
    this.clearTimers();
    this.drop(1000);
    this.goOffline();
  };

  /** Waits for the `online` event, and also looks now and then, as not every platform fires it reliably. */
  private goOffline(): void {
    this.setState('offline');
    this.retryTimer = setTimeout(() => {
      if (this.state !== 'offline') return;
      if (navigator.onLine === false) this.goOffline();
      else this.connect();
    }, 3000);
  }

  private readonly onVisible = () => {
    if (document.visibilityState === 'visible' && this.state === 'waiting') this.connect();
  };
}
