import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/platform/clock';
import { befriend, directRoom, groupRoom, people, sendText } from './support/chat';
import { startTestServer, type TestServer } from './support/test-server';
import { TestSocket } from './support/ws-client';

const clock = new ManualClock(new Date('2026-05-05T10:00:00Z'));
let server: TestServer;
const sockets: TestSocket[] = [];
beforeAll(async () => {
  server = await startTestServer({}, { clock });
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await server.close();
});

describe('rooms', () => {
  it('has exactly one direct room per pair, even when both open it at once', async () => {
    const [a, b] = await people(server, 2);
    const opened = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        server.request('POST', '/api/rooms/direct', { token: (i % 2 ? a : b)!.token, body: { userId: (i % 2 ? b : a)!.user.id } }),
      ),
    );
    expect(opened.every((r) => r.status === 200)).toBe(true);
    expect(new Set(opened.map((r) => r.body.id)).size).toBe(1);
    expect(opened[0]!.body).toMatchObject({ kind: 'direct', title: null });
    expect(opened[0]!.body.members).toHaveLength(2);
    // An empty room is not listed; after the first message it is.
    expect((await server.request('GET', '/api/rooms', { token: a!.token })).body.rooms).toEqual([]);
    await sendText(server, b!, opened[0]!.body.id, 'hi');
    const list = await server.request('GET', '/api/rooms', { token: a!.token });
    expect(list.body.rooms).toHaveLength(1);
    expect(list.body.rooms[0]).toMatchObject({ unread: 1, others: [{ handle: b!.handle }], lastMessage: { body: { text: 'hi' } } });
  });

  it('lists rooms by last activity', async () => {
    const [me, x, y] = await people(server, 3);
    const withX = await directRoom(server, me!, x!);
    const withY = await directRoom(server, me!, y!);
    await sendText(server, x!, withX.id, 'first');
    clock.advance(1000);
    await sendText(server, y!, withY.id, 'second');
    const ids = (await server.request('GET', '/api/rooms', { token: me!.token })).body.rooms.map((r: { id: string }) => r.id);
    expect(ids).toEqual([withY.id, withX.id]);
    clock.advance(1000);
    await sendText(server, x!, withX.id, 'third');
    const again = (await server.request('GET', '/api/rooms', { token: me!.token })).body.rooms.map((r: { id: string }) => r.id);
    expect(again).toEqual([withX.id, withY.id]);
  });

  it('creates groups with friends only, and records joins, renames and departures as system messages', async () => {
    const [host, f1, f2, f3, stranger] = await people(server, 5);
    await befriend(server, host!, f1!, f2!, f3!);
    const refused = await server.request('POST', '/api/rooms', { token: host!.token, body: { memberIds: [f1!.user.id, stranger!.user.id] } });
    expect(refused.status).toBe(403);

    const room = await groupRoom(server, host!, [f1!, f2!], 'Hiking club');
    expect(room.members.map((m) => m.role).sort()).toEqual(['host', 'member', 'member']);
    const invited = await server.request('POST', `/api/rooms/${room.id}/members`, { token: host!.token, body: { userIds: [f3!.user.id] } });
    expect(invited.body.members).toHaveLength(4);
    // The newcomer sees only what comes after joining.
    const newcomer = await server.request('GET', `/api/rooms/${room.id}/messages`, { token: f3!.token });
    expect(newcomer.body.messages.map((m: { body: { event: string } }) => m.body.event)).toEqual(['joined']);

    await server.request('PATCH', `/api/rooms/${room.id}`, { token: f1!.token, body: { title: 'Weekend hikes' } });
    expect((await server.request('POST', `/api/rooms/${room.id}/leave`, { token: f2!.token })).status).toBe(204);
    const history = await server.request('GET', `/api/rooms/${room.id}/messages`, { token: host!.token });
    expect(history.body.messages.map((m: { kind: string; body: { event: string } }) => `${m.kind}:${m.body.event}`)).toEqual([
      'system:created',
      'system:joined',
      'system:renamed',
      'system:left',
    ]);
    const after = await server.request('GET', `/api/rooms/${room.id}`, { token: host!.token });
    expect(after.body).toMatchObject({ title: 'Weekend hikes' });
    expect(after.body.members).toHaveLength(3);
    // Someone who left can no longer read or send.
    expect((await sendText(server, f2!, room.id, 'hello?')).status).toBe(403);
    expect((await server.request('GET', `/api/rooms/${room.id}/messages`, { token: f2!.token })).status).toBe(403);
    // Direct rooms are neither renamed nor left.
    const direct = await directRoom(server, host!, f1!);
    expect((await server.request('POST', `/api/rooms/${direct.id}/leave`, { token: host!.token })).status).toBe(403);
  });

  it('pages history backwards and searches a room', async () => {
    const [a, b] = await people(server, 2);
    const room = await directRoom(server, a!, b!);
    for (let i = 1; i <= 25; i++) await sendText(server, i % 2 ? a! : b!, room.id, i === 13 ? 'the Lucky number 13' : `message ${i}`);
    const latest = await server.request('GET', `/api/rooms/${room.id}/messages?limit=10`, { token: a!.token });
    expect(latest.body.messages.map((m: { seq: number }) => m.seq)).toEqual([16, 17, 18, 19, 20, 21, 22, 23, 24, 25]);
    expect(latest.body.hasMore).toBe(true);
    const older = await server.request('GET', `/api/rooms/${room.id}/messages?limit=10&before=16`, { token: a!.token });
    expect(older.body.messages[0].seq).toBe(6);
    const oldest = await server.request('GET', `/api/rooms/${room.id}/messages?limit=10&before=6`, { token: a!.token });
    expect(oldest.body).toMatchObject({ hasMore: false });
    expect(oldest.body.messages).toHaveLength(5);

    const found = await server.request('GET', `/api/rooms/${room.id}/search?q=lucky`, { token: b!.token });
    expect(found.body.messages.map((m: { seq: number }) => m.seq)).toEqual([13]);
    expect((await server.request('GET', `/api/rooms/${room.id}/search?q=%25`, { token: b!.token })).body.messages).toEqual([]);
  });

  it('replies quote the message, reactions reach everyone, and delete-for-everyone works for 5 minutes', async () => {
    const [a, b] = await people(server, 2);
    const room = await directRoom(server, a!, b!);
    const watcher = await TestSocket.open(server.url, b!.token);
    sockets.push(watcher);
    const original = await sendText(server, a!, room.id, 'Lunch at noon?');
    const reply = await server.request('POST', `/api/rooms/${room.id}/messages`, {
      token: b!.token,
      body: { clientMsgId: 'reply-1', kind: 'reply', body: { text: 'Yes!', replyToSeq: original.body.seq } },
    });
    expect(reply.status).toBe(200);
    const delivered = await watcher.waitFor((f) => f.t === 'msg' && f.seq === reply.body.seq);
    expect(delivered.body).toMatchObject({ text: 'Yes!', replyToSeq: 1, replyPreview: { senderId: a!.user.id, text: 'Lunch at noon?' } });
    const missing = await server.request('POST', `/api/rooms/${room.id}/messages`, {
      token: b!.token,
      body: { clientMsgId: 'reply-2', kind: 'reply', body: { text: '?', replyToSeq: 99 } },
    });
    expect(missing.status).toBe(404);

    const heart = encodeURIComponent('❤️');
    const reacted = await server.request('PUT', `/api/rooms/${room.id}/messages/1/reactions/${heart}`, { token: b!.token });
    expect(reacted.body.reactions).toEqual({ '❤️': [b!.user.id] });
    const event = await watcher.waitFor((f) => f.t === 'event' && f.name === 'chat.reactions.changed');
    expect(event.data).toMatchObject({ seq: 1, reactions: { '❤️': [b!.user.id] } });
    const unreacted = await server.request('DELETE', `/api/rooms/${room.id}/messages/1/reactions/${heart}`, { token: b!.token });
    expect(unreacted.body.reactions).toEqual({});

    // Only the sender deletes, and only within 5 minutes.
    expect((await server.request('DELETE', `/api/rooms/${room.id}/messages/1`, { token: b!.token })).status).toBe(403);
    clock.advance(4 * 60 * 1000);
    expect((await server.request('DELETE', `/api/rooms/${room.id}/messages/1`, { token: a!.token })).status).toBe(204);
    const deleted = await watcher.waitFor((f) => f.t === 'event' && f.name === 'chat.message.deleted');
    expect(deleted.data).toEqual({ roomId: room.id, seq: 1 });
    const history = await server.request('GET', `/api/rooms/${room.id}/messages`, { token: b!.token });
    expect(history.body.messages[0]).toMatchObject({ seq: 1, body: {}, deletedAt: expect.any(String) });

    const late = await sendText(server, a!, room.id, 'oops');
    clock.advance(5 * 60 * 1000 + 1000);
    const tooLate = await server.request('DELETE', `/api/rooms/${room.id}/messages/${late.body.seq}`, { token: a!.token });
    expect(tooLate.status).toBe(409);
    expect(tooLate.body.code).toBe('too_late');
  });
});
