import { CLOSE_TOO_MANY_SOCKETS } from '@maum/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directRoom, people } from './support/chat';
import { startTestServer, type TestServer } from './support/test-server';
import { TestSocket } from './support/ws-client';

let server: TestServer;
const sockets: TestSocket[] = [];
beforeAll(async () => {
  // Generous rates and sockets per account, so each malformed frame gets its own answer.
  server = await startTestServer({
    WS_FRAMES_PER_SECOND: '10000',
    WS_FRAME_BURST: '10000',
    WS_USER_FRAMES_PER_SECOND: '10000',
    WS_USER_FRAME_BURST: '10000',
    WS_MAX_SOCKETS_PER_USER: '100',
  });
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await server.close();
});

const ROOM = 'room_01j00000000000000000000000';

/** Frames that are valid JSON but break the schema in every way we could think of. */
function schemaBreakers(roomId: string): unknown[] {
  const frames: unknown[] = [
    null, 42, 'text', [], [1, 2], true, {}, { t: null }, { t: 42 }, { t: 'nope' }, { t: 'HELLO' }, { t: 'send' },
    { t: 'read' }, { t: 'typing' }, { t: 'hello' }, { t: 'hello', token: 5 }, { t: 'hello', token: 'x'.repeat(300) },
    { t: 'hello', token: 'x', cursors: [] }, { t: 'hello', token: 'x', cursors: { notaroom: 1 } },
    { t: 'hello', token: 'x', cursors: { [roomId]: -1 } }, { t: 'hello', token: 'x', cursors: { [roomId]: 'one' } },
  ];
  const sends: Array<Record<string, unknown>> = [
    { roomId: 'room_bad' }, { roomId: 42 }, { roomId: null }, { clientMsgId: '' }, { clientMsgId: 'has space' },
    { clientMsgId: 'x'.repeat(65) }, { clientMsgId: 7 }, { kind: 'gift' }, { kind: 'system' }, { kind: 'unknown' },
    { kind: null }, { body: null }, { body: 'text' }, { body: [] }, { body: {} }, { body: { text: '' } },
    { body: { text: '   ' } }, { body: { text: 'x'.repeat(4001) } }, { body: { text: 5 } }, { body: { text: 'ok', extra: 1 } },
    { kind: 'reply', body: { text: 'r' } }, { kind: 'reply', body: { text: 'r', replyToSeq: 0 } },
    { kind: 'reply', body: { text: 'r', replyToSeq: -3 } }, { kind: 'reply', body: { text: 'r', replyToSeq: 1.5 } },
    { kind: 'image', body: {} }, { kind: 'image', body: { mediaId: 'med_x' } }, { kind: 'video', body: { mediaId: 5 } },
    { kind: 'file', body: { mediaId: 'med_01j00000000000000000000000', caption: 'no captions on files' } },
    { kind: 'image', body: { mediaId: 'med_01j00000000000000000000000', caption: 'x'.repeat(1001) } },
    { kind: 'voice', body: {} }, { kind: 'voice', body: { mediaId: 'med_x' } },
    { kind: 'voice', body: { mediaId: 'med_01j00000000000000000000000', caption: 'no captions on voice messages' } },
  ];
  for (const patch of sends) {
    frames.push({ t: 'send', roomId, clientMsgId: 'c1', kind: 'text', body: { text: 'hi' }, ...patch });
  }
  for (const seq of [0, -1, 1.5, 'one', null, 2 ** 40, {}, []]) frames.push({ t: 'read', roomId, seq });
  for (const id of ['', 'room_', 'usr_01j00000000000000000000000', 'room_01J00000000000000000000000', 5]) {
    frames.push({ t: 'read', roomId: id, seq: 1 }, { t: 'typing', roomId: id });
  }
  // Long strings in every field, under the frame cap.
  for (const field of ['t', 'roomId', 'clientMsgId', 'kind']) {
    frames.push({ t: 'send', roomId, clientMsgId: 'c', kind: 'text', body: { text: 'a' }, [field]: 'z'.repeat(20_000) });
  }
  // Random garbage objects.
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const values = [null, 0, -1, 'x', '', [], {}, true, 'room_x', Number.MAX_VALUE, 'hello', 'send'];
  while (frames.length < 160) {
    const frame: Record<string, unknown> = {};
    for (const key of ['t', 'roomId', 'seq', 'body', 'kind', 'token']) if (rand() < 0.6) frame[key] = values[Math.floor(rand() * values.length)];
    if (frame.t === 'hello' || frame.t === 'send' || frame.t === 'read' || frame.t === 'typing') frame.t = `${frame.t}!`;
    frames.push(frame);
  }
  return frames;
}

describe('malformed frames', () => {
  it('answers 160+ schema-breaking frames with bad_frame, keeps the socket open, and leaks nothing', async () => {
    const [a, b] = await people(server, 2);
    const room = await directRoom(server, a!, b!);
    const socket = await TestSocket.open(server.url, a!.token);
    sockets.push(socket);
    const frames = schemaBreakers(room.id);
    expect(frames.length).toBeGreaterThanOrEqual(160);
    for (const frame of frames) socket.send(JSON.stringify(frame));
    await socket.until(() => socket.of('error').length >= frames.length, 20_000, 'an error per frame');
    const errors = socket.of('error');
    expect(errors).toHaveLength(frames.length);
    for (const error of errors) {
      expect(error.code).toBe('bad_frame');
      expect(error.message).toEqual(expect.any(String));
    }
    expect(socket.closed).toBeNull();
    // Nothing was stored or delivered, and the socket still works.
    expect(socket.of('msg')).toEqual([]);
    socket.send({ t: 'send', roomId: room.id, clientMsgId: 'after-garbage', kind: 'text', body: { text: 'still here' } });
    expect((await socket.waitFor((f) => f.t === 'ack')).seq).toBe(1);
  });

  it('closes with 1007 for text that is not JSON or for binary frames, and 1009 for oversize frames', async () => {
    const [a] = await people(server, 1);
    const cases: Array<{ payload: string | Buffer; code: number }> = [];
    const broken = ['{', '{"t":"hello"', 'nope', '{"t":"send",}', "{'t':'hello'}", '[1,2', '\u0000', '{"a":1}}', 'undefined', 'NaN'];
    for (const text of broken) cases.push({ payload: text, code: 1007 }, { payload: Buffer.from(text), code: 1007 });
    for (let i = 0; i < 10; i++) cases.push({ payload: JSON.stringify({ t: 'typing', roomId: ROOM, pad: 'x'.repeat(70_000 + i) }), code: 1009 });
    for (let i = 0; i < 10; i++) cases.push({ payload: Buffer.alloc(1024 + i, i), code: 1007 });
    expect(cases.length).toBe(40);

    await Promise.all(
      cases.map(async ({ payload, code }, i) => {
        const socket = await TestSocket.connect(server.url);
        sockets.push(socket);
        // Half say hello first, so both states are covered.
        if (i % 2 === 0) {
          socket.send({ t: 'hello', token: a!.token, cursors: {} });
          await socket.waitFor((f) => f.t === 'caught_up');
        }
        socket.ws.send(payload, { binary: Buffer.isBuffer(payload) });
        expect((await socket.waitClosed()).code).toBe(code);
      }),
    );
    expect((await server.request('GET', '/healthz')).status).toBe(200);
  });

  it('refuses frames before hello and a second hello', async () => {
    const [a] = await people(server, 1);
    const socket = await TestSocket.connect(server.url);
    sockets.push(socket);
    socket.send({ t: 'typing', roomId: ROOM });
    expect(await socket.waitFor((f) => f.t === 'error')).toMatchObject({ code: 'unauthorized' });
    socket.send({ t: 'hello', token: a!.token, cursors: {} });
    await socket.waitFor((f) => f.t === 'caught_up');
    socket.send({ t: 'hello', token: a!.token, cursors: {} });
    expect(await socket.waitFor((f) => f.t === 'error' && f.code === 'bad_frame')).toBeTruthy();
    const stranger = await TestSocket.connect(server.url);
    sockets.push(stranger);
    stranger.send({ t: 'hello', token: 'not-a-token', cursors: {} });
    expect(await stranger.waitFor((f) => f.t === 'error')).toMatchObject({ code: 'unauthorized' });
    expect((await stranger.waitClosed()).code).toBe(4001);
  });
});

describe('flood control', () => {
  let limited: TestServer;
  beforeAll(async () => {
    limited = await startTestServer({ WS_FRAMES_PER_SECOND: '20', WS_FRAME_BURST: '40' });
  });
  afterAll(() => limited.close());

  it('rate-limits a flood of frames per socket, without closing it or handling the excess', async () => {
    const [a, b] = await people(limited, 2);
    const room = await directRoom(limited, a!, b!);
    const socket = await TestSocket.open(limited.url, a!.token);
    sockets.push(socket);
    for (let i = 0; i < 300; i++) {
      socket.send({ t: 'send', roomId: room.id, clientMsgId: `flood-${i}`, kind: 'text', body: { text: `flood ${i}` } });
    }
    await socket.waitFor((f) => f.t === 'error' && f.code === 'rate_limited');
    // Wait until the accepted frames have all been answered: the count stops moving.
    let acked = -1;
    for (let stable = 0; stable < 4; ) {
      await new Promise((r) => setTimeout(r, 250));
      const now = socket.of('ack').length;
      stable = now === acked ? stable + 1 : 0;
      acked = now;
    }
    // The burst is 40 frames and `hello` was one of them; the bucket refills at 20 a second meanwhile.
    expect(acked).toBeGreaterThanOrEqual(39);
    expect(acked).toBeLessThan(100);
    expect(socket.closed).toBeNull();
    const history = await limited.request('GET', `/api/rooms/${room.id}/messages?limit=200`, { token: a!.token });
    expect(history.body.messages).toHaveLength(acked);
  });
});

describe('flood control per account', () => {
  let limited: TestServer;
  beforeAll(async () => {
    // Each socket alone may send 40 frames at once; the account, across all its sockets, 30 and then one every 2 s.
    limited = await startTestServer({
      WS_FRAMES_PER_SECOND: '20',
      WS_FRAME_BURST: '40',
      WS_USER_FRAMES_PER_SECOND: '0.5',
      WS_USER_FRAME_BURST: '30',
      WS_MAX_SOCKETS_PER_USER: '5',
    });
  });
  afterAll(() => limited.close());

  /** Waits until the count stops moving: every accepted frame has been answered. */
  async function settled(count: () => number): Promise<number> {
    let last = -1;
    for (let stable = 0; stable < 4; ) {
      await new Promise((r) => setTimeout(r, 250));
      const now = count();
      stable = now === last ? stable + 1 : 0;
      last = now;
    }
    return last;
  }

  it('bounds what one account gets accepted across all its sockets, and leaves other accounts alone', async () => {
    const [a, b] = await people(limited, 2);
    const room = await directRoom(limited, a!, b!);
    const own = await Promise.all(Array.from({ length: 5 }, () => TestSocket.open(limited.url, a!.token)));
    sockets.push(...own);
    own.forEach((socket, s) => {
      for (let i = 0; i < 39; i++) socket.send({ t: 'send', roomId: room.id, clientMsgId: `many-${s}-${i}`, kind: 'text', body: { text: `${s}.${i}` } });
    });
    const acked = await settled(() => own.reduce((sum, socket) => sum + socket.of('ack').length, 0));
    // Each socket's own budget would let all 195 through; the account's lets 30 through, and a trickle after.
    expect(acked).toBeGreaterThanOrEqual(30);
    expect(acked).toBeLessThan(60);
    expect(own.some((socket) => socket.of('error').some((f) => f.code === 'rate_limited'))).toBe(true);
    expect(own.every((socket) => socket.closed === null)).toBe(true);
    const history = await limited.request('GET', `/api/rooms/${room.id}/messages?limit=200`, { token: a!.token });
    expect(history.body.messages).toHaveLength(acked);

    const other = await TestSocket.open(limited.url, b!.token);
    sockets.push(other);
    other.send({ t: 'send', roomId: room.id, clientMsgId: 'b-still-talks', kind: 'text', body: { text: 'hi' } });
    await other.waitFor((f) => f.t === 'ack' && f.clientMsgId === 'b-still-talks');
  });

  it('closes a socket beyond the account’s limit with too_many_sockets, and takes one again once another closes', async () => {
    const [a] = await people(limited, 1);
    const open = [];
    for (let i = 0; i < 5; i++) open.push(await TestSocket.open(limited.url, a!.token));
    sockets.push(...open);
    const extra = await TestSocket.connect(limited.url);
    sockets.push(extra);
    extra.send({ t: 'hello', token: a!.token, cursors: {} });
    expect(await extra.waitClosed()).toEqual({ code: CLOSE_TOO_MANY_SOCKETS, reason: 'too_many_sockets' });
    expect(extra.of('welcome')).toHaveLength(0);
    expect(open.every((socket) => socket.closed === null)).toBe(true);

    const before = limited.app.gateway.connectionCount;
    open[0]!.close();
    await open[0]!.waitClosed();
    await expect.poll(() => limited.app.gateway.connectionCount).toBe(before - 1);
    const again = await TestSocket.open(limited.url, a!.token);
    sockets.push(again);
    expect(again.of('welcome')).toHaveLength(1);
  });
});
