import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directRoom, groupRoom, people, sendText } from './support/chat';
import { startServerProcess, startTestServer, testEngine, testNatsUrl, type ServerProcess, type TestServer } from './support/test-server';
import { TestSocket } from './support/ws-client';

let server: TestServer;
let sibling: ServerProcess | undefined;
const sockets: TestSocket[] = [];
const open = async (url: string, token: string, cursors: Record<string, number> = {}) => {
  const socket = await TestSocket.open(url, token, cursors);
  sockets.push(socket);
  return socket;
};

beforeAll(async () => {
  server = await startTestServer();
  // On PostgreSQL with NATS, a second server process shares the database and the bus: a scale-out deployment.
  if (testEngine === 'postgres' && testNatsUrl) sibling = await startServerProcess(server.env);
  else console.warn(`ℹ chat realtime tests run on one server process (${testEngine}${testEngine === 'postgres' ? ', no NATS' : ''})`);
});
afterAll(async () => {
  for (const s of sockets) s.close();
  expect(await sibling?.stop()).toBeOneOf([0, undefined]);
  await server.close();
});

describe('realtime chat', () => {
  let bigRoom: { roomId: string; token: string } | undefined;

  it('gives 1000 concurrent messages from 20 sockets the seqs 1..N with no gaps, each acked exactly once', async () => {
    const [owner, ...members] = await people(server, 5);
    const room = await groupRoom(server, owner!, members, 'Load');
    bigRoom = { roomId: room.id, token: owner!.token };
    const everyone = [owner!, ...members];
    const urls = sibling ? [server.url, sibling.url] : [server.url];
    const senders: TestSocket[] = [];
    for (let i = 0; i < 20; i++) senders.push(await open(urls[i % urls.length]!, everyone[i % everyone.length]!.token));

    const sent = senders.map((socket, s) =>
      Array.from({ length: 50 }, (_, m) => {
        const clientMsgId = `s${s}m${m}`;
        socket.send({ t: 'send', roomId: room.id, clientMsgId, kind: 'text', body: { text: `socket ${s} message ${m}` } });
        return clientMsgId;
      }),
    );
    await Promise.all(senders.map((socket) => socket.until(() => socket.of('ack').length >= 50, 60_000, '50 acks')));

    const ackSeqs: number[] = [];
    senders.forEach((socket, s) => {
      const acks = socket.of('ack');
      expect(acks).toHaveLength(50);
      expect(new Set(acks.map((a) => a.clientMsgId))).toEqual(new Set(sent[s]));
      ackSeqs.push(...acks.map((a) => a.seq));
      expect(socket.of('error')).toEqual([]);
    });
    expect(new Set(ackSeqs).size).toBe(1000);

    // The stored room: seq 1 is the "created" notice, then exactly 1000 messages, no gaps, no duplicates.
    const seqs: number[] = [];
    let before: number | undefined;
    for (;;) {
      const page = await server.request('GET', `/api/rooms/${room.id}/messages?limit=200${before ? `&before=${before}` : ''}`, {
        token: owner!.token,
      });
      seqs.unshift(...page.body.messages.map((m: { seq: number }) => m.seq));
      if (!page.body.hasMore) break;
      before = page.body.messages[0].seq;
    }
    expect(seqs).toEqual(Array.from({ length: 1001 }, (_, i) => i + 1));
    expect([...ackSeqs].sort((a, b) => a - b)).toEqual(seqs.slice(1));

    // Every socket, on either node, heard every message.
    await Promise.all(
      senders.map((socket) => socket.until(() => socket.of('msg').filter((m) => m.kind === 'text').length >= 1000, 60_000, '1000 messages')),
    );
    for (const socket of senders) {
      const heard = socket.of('msg').filter((m) => m.kind === 'text').map((m) => m.seq);
      expect(new Set(heard).size).toBe(1000);
    }
  });

  it('answers the same clientMsgId sent 5 times with 5 identical acks and keeps one message', async () => {
    const [a, b] = await people(server, 2);
    const room = await directRoom(server, a!, b!);
    const socket = await open(server.url, a!.token);
    for (let i = 0; i < 5; i++) socket.send({ t: 'send', roomId: room.id, clientMsgId: 'same-id-1', kind: 'text', body: { text: 'once' } });
    await socket.until(() => socket.of('ack').length === 5, 15_000, '5 acks');
    const acks = socket.of('ack');
    expect(new Set(acks.map((a) => JSON.stringify(a))).size).toBe(1);
    // Over HTTP too, later.
    const again = await sendText(server, a!, room.id, 'once', 'same-id-1');
    expect(again.body).toMatchObject({ seq: acks[0]!.seq, id: acks[0]!.id });
    const history = await server.request('GET', `/api/rooms/${room.id}/messages`, { token: b!.token });
    expect(history.body.messages).toHaveLength(1);
  });

  it('resumes from a cursor: exactly the 30 missed messages, in order, then caught_up', async () => {
    const [a, b] = await people(server, 2);
    const room = await directRoom(server, a!, b!);
    await sendText(server, b!, room.id, 'before');
    const first = await open(server.url, a!.token);
    first.close();
    await first.waitClosed();

    for (let i = 1; i <= 30; i++) await sendText(server, b!, room.id, `missed ${i}`);
    const socket = await open(sibling?.url ?? server.url, a!.token, { [room.id]: 1 });
    const welcome = socket.frames.findIndex((f) => f.t === 'welcome');
    const caughtUp = socket.frames.findIndex((f) => f.t === 'caught_up');
    const replay = socket.frames.slice(welcome + 1, caughtUp);
    expect(replay.map((f) => f.t)).toEqual(Array(30).fill('msg'));
    expect(replay.map((f) => f.seq)).toEqual(Array.from({ length: 30 }, (_, i) => i + 2));
    expect(replay.map((f) => (f.body as { text: string }).text)).toEqual(Array.from({ length: 30 }, (_, i) => `missed ${i + 1}`));

    // Up to date: nothing is replayed; live messages follow.
    const fresh = await open(server.url, a!.token, { [room.id]: 31 });
    expect(fresh.frames.map((f) => f.t)).toEqual(['welcome', 'caught_up']);
    await sendText(server, b!, room.id, 'live');
    expect((await fresh.waitFor((f) => f.t === 'msg')).seq).toBe(32);
  });

  it('sends reset for a cursor more than 1000 messages behind', async () => {
    expect(bigRoom).toBeDefined();
    const { roomId, token } = bigRoom!;
    const behind = await open(server.url, token, { [roomId]: 0 });
    const frames = behind.frames.map((f) => f.t);
    expect(frames).toEqual(['welcome', 'reset', 'caught_up']);
    expect(behind.of('reset')[0]).toMatchObject({ roomId, lastSeq: 1001 });
    // 1000 behind is still a replay, not a reset.
    const close = await open(server.url, token, { [roomId]: 1 });
    expect(close.of('msg')).toHaveLength(1000);
    expect(close.frames.at(-1)?.t).toBe('caught_up');
  });

  it('counts unread like KakaoTalk: in a room of 4, after 2 members read seq N, N shows 1 unread', async () => {
    const [sender, x, y, z] = await people(server, 4);
    const room = await groupRoom(server, sender!, [x!, y!, z!]);
    const senderSocket = await open(server.url, sender!.token);
    const ack = await sendText(server, sender!, room.id, 'who has read this?');
    const n = ack.body.seq as number;
    const unreadAt = async () => {
      const detail = await server.request('GET', `/api/rooms/${room.id}`, { token: sender!.token });
      return detail.body.members.filter((m: { user: { id: string }; readSeq: number }) => m.user.id !== sender!.user.id && m.readSeq < n).length;
    };
    expect(await unreadAt()).toBe(3);
    for (const reader of [x!, y!]) {
      const socket = await open(sibling?.url ?? server.url, reader.token);
      socket.send({ t: 'read', roomId: room.id, seq: n });
    }
    await senderSocket.until(() => senderSocket.of('read').filter((r) => r.roomId === room.id).length === 2, 15_000, 'two read frames');
    expect(senderSocket.of('read').map((r) => r.seq)).toEqual([n, n]);
    expect(await unreadAt()).toBe(1);

    // A read pointer never moves back, nor past the last message.
    const xSocket = await open(server.url, x!.token);
    xSocket.send({ t: 'read', roomId: room.id, seq: 1 });
    xSocket.send({ t: 'read', roomId: room.id, seq: n + 50 });
    await new Promise((r) => setTimeout(r, 300));
    const detail = await server.request('GET', `/api/rooms/${room.id}`, { token: x!.token });
    expect(detail.body.members.find((m: { user: { id: string } }) => m.user.id === x!.user.id).readSeq).toBe(n);
    const list = await server.request('GET', '/api/rooms', { token: z!.token });
    expect(list.body.rooms.find((r: { id: string }) => r.id === room.id).unread).toBe(n);
  });

  it('delivers to every device of a member, and typing to the others only', async () => {
    const [a, b] = await people(server, 2);
    const room = await directRoom(server, a!, b!);
    const phone = await open(server.url, b!.token);
    const laptop = await open(sibling?.url ?? server.url, b!.token);
    const sender = await open(server.url, a!.token);
    sender.send({ t: 'typing', roomId: room.id });
    await phone.waitFor((f) => f.t === 'typing' && f.userId === a!.user.id);
    await laptop.waitFor((f) => f.t === 'typing');
    sender.send({ t: 'send', roomId: room.id, clientMsgId: 'multi-1', kind: 'text', body: { text: 'to both devices' } });
    await phone.waitFor((f) => f.t === 'msg' && f.roomId === room.id);
    await laptop.waitFor((f) => f.t === 'msg' && f.roomId === room.id);
    await sender.waitFor((f) => f.t === 'msg' && f.roomId === room.id);
    expect(sender.of('typing')).toEqual([]);
  });

  it('closes the sockets of a session that is logged out', async () => {
    const [a] = await people(server, 1);
    const socket = await open(server.url, a!.token);
    await server.request('POST', '/api/auth/logout', { token: a!.token });
    expect((await socket.waitClosed()).code).toBe(4001);
    const again = await TestSocketHello(a!.token);
    expect(again).toMatchObject({ t: 'error', code: 'unauthorized' });
  });
});

async function TestSocketHello(token: string) {
  const socket = await TestSocket.connect(server.url);
  sockets.push(socket);
  socket.send({ t: 'hello', token, cursors: {} });
  return socket.waitFor((f) => f.t === 'error');
}
