import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { requestTo, type TestServer } from './test-server';

/** Whether HAProxy is installed (CI installs it from Debian's packages). */
export const hasHaproxy = spawnSync('haproxy', ['-v'], { stdio: 'ignore' }).status === 0;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface Balancer {
  url: string;
  /** HAProxy's log: requests that went wrong, and servers going down or up. */
  output(): string;
  close(): Promise<void>;
}

/**
 * The HAProxy settings that matter for Maum's nodes: plain round robin (no sticky sessions: any node serves any
 * request and any socket, because the state is in the database and events cross nodes on NATS), `timeout tunnel`
 * long enough for an idle WebSocket between the server's pings, health checks on /healthz so a dead node leaves the
 * rotation within a second (a refused check fails at once; a busy node gets `timeout check` and three tries, so load
 * alone never takes it out), and `option redispatch` so a connection refused by a dead node is tried on another.
 */
export function haproxyConfig(port: number, nodes: string[]): string {
  return `global
  maxconn 4096
  log stderr format raw local0 info

defaults
  mode http
  log global
  option httplog
  option dontlog-normal
  option redispatch
  retries 3
  timeout connect 2s
  timeout client 30s
  timeout server 30s
  timeout tunnel 1h
  timeout client-fin 5s
  timeout http-request 10s
  timeout check 2s

frontend maum
  bind 127.0.0.1:${port}
  option forwardfor
  default_backend nodes

backend nodes
  balance roundrobin
  option httpchk GET /healthz
  http-check expect status 200
  default-server inter 1s fastinter 250ms downinter 1s fall 3 rise 2
${nodes.map((url, i) => `  server node${i + 1} ${new URL(url).host} check`).join('\n')}
`;
}

/** HAProxy in front of `nodes` (base URLs), on a free local port; answers once a request through it succeeds. */
export async function startHaproxy(nodes: string[]): Promise<Balancer> {
  const dir = await mkdtemp(path.join(tmpdir(), 'maum-haproxy-'));
  const port = await freePort();
  const file = path.join(dir, 'haproxy.cfg');
  await writeFile(file, haproxyConfig(port, nodes));
  const child: ChildProcess = spawn('haproxy', ['-db', '-f', file], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`haproxy exited (${child.exitCode}):\n${output}`);
    const ok = await fetch(`${url}/healthz`).then((res) => res.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`haproxy did not answer on ${url}:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    output: () => output,
    async close() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** `server`'s helpers, but every request goes to `url` (the load balancer) instead of the server itself. */
export function through(server: TestServer, url: string): TestServer {
  return {
    ...server,
    url,
    request: requestTo(url),
  };
}
