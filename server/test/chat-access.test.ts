import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatApi } from '@maum/protocol';
import { directRoom, groupRoom, people, sendText } from './support/chat';
import { startTestServer, type TestServer } from './support/test-server';
import { TestSocket } from './support/ws-client';

let server: TestServer;
const sockets: TestSocket[] = [];
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await server.close();
});

describe('chat access', () => {
  it('keeps non-members out of every room route and socket frame', async () => {
    const [a, b, outsider] = await people(server, 3);
    const room = await directRoom(server, a!, b!);
    await sendText(server, a!, room.id, 'private');
    const upload = new FormData();
    upload.append('file', new Blob([new TextEncoder().encode('notes')]), 'notes.txt');
    const media = await server.request('POST', `/api/rooms/${room.id}/media`, { token: a!.token, body: upload });
    expect(media.status).toBe(201);

    const attempts: Array<[string, string, unknown?]> = [
      ['GET', `/api/rooms/${room.id}`],
      ['GET', `/api/rooms/${room.id}/messages`],
      ['GET', `/api/rooms/${room.id}/search?q=private`],
      ['POST', `/api/rooms/${room.id}/messages`, { clientMsgId: 'x1', kind: 'text', body: { text: 'let me in' } }],
      ['PATCH', `/api/rooms/${room.id}`, { title: 'mine now' }],
      ['POST', `/api/rooms/${room.id}/members`, { userIds: [outsider!.user.id] }],
      ['POST', `/api/rooms/${room.id}/leave`],
      ['DELETE', `/api/rooms/${room.id}/messages/1`],
      ['PUT', `/api/rooms/${room.id}/messages/1/reactions/%F0%9F%91%8D`],
      ['GET', `/api/media/${media.body.id}/original`],
    ];
    for (const [method, path, body] of attempts) {
      const res = await server.request(method, path, { token: outsider!.token, body });
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body.code).toBe('forbidden');
    }
    const form = new FormData();
    form.append('file', new Blob([new TextEncoder().encode('x')]), 'x.txt');
    expect((await server.request('POST', `/api/rooms/${room.id}/media`, { token: outsider!.token, body: form })).status).toBe(403);

    const socket = await TestSocket.open(server.url, outsider!.token, { [room.id]: 0 });
    sockets.push(socket);
    // A cursor for someone else's room replays nothing.
    expect(socket.of('msg')).toEqual([]);
    socket.send({ t: 'send', roomId: room.id, clientMsgId: 'intruder-1', kind: 'text', body: { text: 'hi' } });
    socket.send({ t: 'read', roomId: room.id, seq: 1 });
    socket.send({ t: 'typing', roomId: room.id });
    await socket.until(() => socket.of('error').length === 3, 10_000, 'three errors');
    expect(socket.of('error').map((e) => e.code)).toEqual(['forbidden', 'forbidden', 'forbidden']);
    // Each frame is answered on its own, in whatever order they finish: the send's refusal names it.
    expect(socket.of('error').filter((e) => e.ref === 'intruder-1')).toHaveLength(1);
    // And it hears nothing from the room afterwards.
    await sendText(server, b!, room.id, 'still private');
    await new Promise((r) => setTimeout(r, 200));
    expect(socket.of('msg')).toEqual([]);
    expect((await server.request('GET', `/api/rooms/${room.id}/messages`, { token: b!.token })).body.messages).toHaveLength(2);
  });

  it('never delivers a blocked person’s messages to the one who blocked them', async () => {
    const [host, blocker, blocked] = await people(server, 3);
    const room = await groupRoom(server, host!, [blocker!, blocked!]);
    const direct = await directRoom(server, blocker!, blocked!);
    expect((await server.request('PUT', `/api/blocks/${blocked!.user.id}`, { token: blocker!.token })).status).toBe(204);

    const blockerSocket = await TestSocket.open(server.url, blocker!.token);
    const hostSocket = await TestSocket.open(server.url, host!.token);
    sockets.push(blockerSocket, hostSocket);
    const sent = await sendText(server, blocked!, room.id, 'can you see me?');
    await sendText(server, blocked!, direct.id, 'psst');
    await hostSocket.waitFor((f) => f.t === 'msg' && f.seq === sent.body.seq);
    expect(hostSocket.of('msg').find((m) => m.seq === sent.body.seq)!.body).toEqual({ text: 'can you see me?' });

    await blockerSocket.until(() => blockerSocket.of('msg').length === 2, 10_000, 'two placeholders');
    for (const placeholder of blockerSocket.of('msg')) {
      expect(placeholder).toMatchObject({ hidden: true, body: {} });
      expect(JSON.stringify(placeholder)).not.toMatch(/can you see me|psst/);
    }
    const history = await server.request('GET', `/api/rooms/${room.id}/messages`, { token: blocker!.token });
    expect(JSON.stringify(history.body)).not.toContain('can you see me');
    const list = await server.request('GET', '/api/rooms', { token: blocker!.token });
    expect(JSON.stringify(list.body)).not.toMatch(/can you see me|psst/);
    // The blocked person cannot open a new direct room with the blocker either.
    const [other] = await people(server, 1);
    await server.request('PUT', `/api/blocks/${other!.user.id}`, { token: blocker!.token });
    expect((await server.request('POST', '/api/rooms/direct', { token: other!.token, body: { userId: blocker!.user.id } })).status).toBe(404);
  });

  it('answers anonymous callers 401 on every chat route', async () => {
    for (const endpoint of Object.values(chatApi)) {
      const path = endpoint.path.replace(':roomId', 'room_01j00000000000000000000000').replace(':seq', '1').replace(':emoji', 'x');
      const res = await server.request(endpoint.method, path, { body: 'body' in endpoint ? {} : undefined });
      expect(res.status, `${endpoint.method} ${path}`).toBe(401);
    }
    expect((await server.request('GET', '/api/media/med_01j00000000000000000000000/original')).status).toBe(401);
  });
});
