import type { Socket } from 'node:net';
import { CLOSE_HELLO_TIMEOUT } from '@maum/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupRoom, people } from './support/chat';
import { startTestServer, type TestServer } from './support/test-server';
import { TestSocket } from './support/ws-client';

let server: TestServer;
let quickPings: TestServer;
const sockets: TestSocket[] = [];
beforeAll(async () => {
  server = await startTestServer({
    WS_MAX_BUFFERED_BYTES: String(256 * 1024),
    WS_FRAMES_PER_SECOND: '100000',
    WS_FRAME_BURST: '100000',
    WS_USER_FRAMES_PER_SECOND: '100000',
    WS_USER_FRAME_BURST: '100000',
  });
  quickPings = await startTestServer({ WS_PING_INTERVAL_SECONDS: '0.4', WS_HELLO_TIMEOUT_SECONDS: '1' });
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await server.close();
  await quickPings.close();
});

/** Stops reading from the socket, as a frozen or overwhelmed client would. */
function freeze(socket: TestSocket): void {
  (socket.ws as unknown as { _socket: Socket })._socket.pause();
}

describe('socket liveness', () => {
  it('closes a slow consumer with slow_consumer instead of buffering without end, and it can resume', async () => {
    const [a, b, c] = await people(server, 3);
    const room = await groupRoom(server, a!, [b!, c!]);
    const sender = await TestSocket.open(server.url, a!.token);
    const healthy = await TestSocket.open(server.url, c!.token);
    const slow = await TestSocket.open(server.url, b!.token);
    sockets.push(sender, healthy, slow);
    const closedAt = new Promise<{ code: number; reason: string }>((resolve) => slow.ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
    freeze(slow);

    const text = 'x'.repeat(3900);
    let sent = 0;
    while (sent < 4000) {
      for (let i = 0; i < 40; i++) sender.send({ t: 'send', roomId: room.id, clientMsgId: `big-${sent++}`, kind: 'text', body: { text } });
      await sender.until(() => sender.of('ack').length >= sent - 40, 30_000, 'acks');
      if (server.app.gateway.connectionCount < 3) break;
    }
    // The server dropped the frozen socket long before all of that was sent.
    expect(server.app.gateway.connectionCount).toBe(2);
    expect(sent).toBeLessThan(4000);
    (slow.ws as unknown as { _socket: Socket })._socket.resume();
    expect(await closedAt).toEqual({ code: 4008, reason: 'slow_consumer' });
    // The healthy member got everything, and the slow one catches up from its cursor on reconnecting.
    await healthy.until(() => healthy.of('msg').filter((m) => m.kind === 'text').length === sent, 20_000, 'all messages');
    const resumed = await TestSocket.open(server.url, b!.token, { [room.id]: 1 });
    sockets.push(resumed);
    const replay = resumed.of('msg').length + resumed.of('reset').length;
    expect(replay).toBeGreaterThan(0);
  });

  it('drops a socket that stops answering pings, and keeps one that answers', async () => {
    const [a] = await people(quickPings, 1);
    const alive = await TestSocket.open(quickPings.url, a!.token);
    const dead = await TestSocket.open(quickPings.url, a!.token);
    sockets.push(alive, dead);
    expect(quickPings.app.gateway.connectionCount).toBe(2);
    freeze(dead);
    const deadline = Date.now() + 5000;
    while (quickPings.app.gateway.connectionCount > 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(quickPings.app.gateway.connectionCount).toBe(1);
    await new Promise((r) => setTimeout(r, 1500));
    expect(alive.closed).toBeNull();
  });

  it('closes a socket that never says hello with hello_timeout, in a proper close frame', async () => {
    const quiet = await TestSocket.connect(quickPings.url);
    sockets.push(quiet);
    expect(await quiet.waitClosed(15_000)).toEqual({ code: CLOSE_HELLO_TIMEOUT, reason: 'hello_timeout' });
  });
});
