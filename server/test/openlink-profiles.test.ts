import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { people, type Person } from './support/chat';
import { signUp, startTestServer, type TestServer } from './support/test-server';
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

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- bodies of many shapes, read field by field
type Reply = { status: number; body: any };
let n = 0;
const say = (who: Person, roomId: string, body: object): Promise<Reply> =>
  server.request('POST', `/api/rooms/${roomId}/messages`, { token: who.token, body: { clientMsgId: `p${++n}`, ...body } });
const openSocket = async (who: Person, cursors: Record<string, number> = {}) => {
  const socket = await TestSocket.open(server.url, who.token, cursors);
  sockets.push(socket);
  return socket;
};
const png = () => sharp({ create: { width: 64, height: 64, channels: 3, background: '#3a7' } }).png().toBuffer();
const upload = async (path: string, token: string) => {
  const form = new FormData();
  form.append('file', new Blob([await png()], { type: 'image/png' }), 'me.png');
  return server.request('PUT', path, { token, body: form });
};

describe('an open profile', () => {
  it('is all anyone in the room ever receives about its member: no route or frame names their account, handle or main profile', async () => {
    const [host, watcher] = (await people(server, 2)) as [Person, Person];
    const secret = await signUp(server, undefined, 'Hidden Real Name');
    const me = await upload('/api/me/avatar', secret.token);
    expect(me.status).toBe(200);
    const leaks = [secret.user.id, secret.handle, 'Hidden Real Name', secret.user.friendCode, me.body.avatarUrl as string];

    const created = await server.request('POST', '/api/open/rooms', { token: host.token, body: { name: 'Webtoon talk', category: 'webcomics', languages: ['ko', 'en'] } });
    const roomId = created.body.id as string;
    expect((await server.request('POST', `/api/open/rooms/${roomId}/join`, { token: watcher.token, body: { profile: { kind: 'main' } } })).status).toBe(200);
    const hostSocket = await openSocket(host);
    const watcherSocket = await openSocket(watcher);

    const joined = await server.request('POST', `/api/open/rooms/${roomId}/join`, { token: secret.token, body: { profile: { kind: 'open', nickname: 'Shadow' }, lang: 'en' } });
    expect(joined.status).toBe(200);
    const memberId = joined.body.memberId as string;
    expect(memberId).toMatch(/^opm_[0-9a-z]{26}$/);
    expect((await upload(`/api/open/rooms/${roomId}/profile/avatar`, secret.token)).body).toMatchObject({ id: memberId, displayName: 'Shadow', profile: 'open' });
    const cover = await upload(`/api/open/rooms/${roomId}/cover`, host.token);
    expect(cover.body.coverUrl).toMatch(/^\/media\/avatars\/[0-9a-z]{24}\.webp$/);
    const served = await fetch(server.url + cover.body.coverUrl);
    expect({ status: served.status, type: served.headers.get('content-type') }).toEqual({ status: 200, type: 'image/webp' });
    const secretSocket = await openSocket(secret);

    // Everything a member can do that others see.
    const first = await say(watcher, roomId, { kind: 'text', body: { text: 'hello from the watcher' } });
    const spoken = await say(secret, roomId, { kind: 'text', body: { text: 'hello from the shadow' } });
    expect(spoken.status).toBe(200);
    await say(secret, roomId, { kind: 'reply', body: { text: 'replying', replyToSeq: first.body.seq } });
    const last = await say(watcher, roomId, { kind: 'reply', body: { text: 'replying back', replyToSeq: spoken.body.seq } });
    expect((await server.request('PUT', `/api/rooms/${roomId}/messages/${first.body.seq}/reactions/%F0%9F%91%8D`, { token: secret.token })).status).toBe(200);
    secretSocket.send({ t: 'read', roomId, seq: last.body.seq });
    secretSocket.send({ t: 'typing', roomId });
    await watcherSocket.waitFor((f) => f.t === 'typing');
    expect((await server.request('PUT', `/api/open/rooms/${roomId}/profile`, { token: secret.token, body: { nickname: 'Shadow Two' } })).status).toBe(200);
    expect((await server.request('PUT', `/api/open/rooms/${roomId}/cohosts/${memberId}`, { token: host.token, body: { rights: ['hide'] } })).status).toBe(204);
    expect((await server.request('DELETE', `/api/open/rooms/${roomId}/cohosts/${memberId}`, { token: host.token })).status).toBe(204);
    const report = { memberId, seq: spoken.body.seq, reason: 'spam', detail: 'testing' };
    expect((await server.request('POST', `/api/open/rooms/${roomId}/reports`, { token: watcher.token, body: report })).status).toBe(204);
    await watcherSocket.waitFor((f) => f.t === 'read' && f.userId === memberId);

    // Everything others can read, by every route, and every frame their sockets were sent.
    const seen: unknown[] = [];
    for (const viewer of [watcher, host]) {
      const get = async (path: string) => {
        const res = await server.request('GET', path, { token: viewer.token });
        expect(res.status, path).toBe(200);
        seen.push(res.body);
        return res.body;
      };
      const room = await get(`/api/rooms/${roomId}`);
      const members = await get(`/api/open/rooms/${roomId}/members`);
      const history = await get(`/api/rooms/${roomId}/messages`);
      await get(`/api/rooms/${roomId}/search?q=hello`);
      await get('/api/rooms');
      await get(`/api/open/rooms/${roomId}`);
      await get(`/api/open/rooms?q=webtoon`);
      await get(`/api/open/rooms/${roomId}/preview`);
      await get(`/api/open/rooms/${roomId}/moderation`);
      if (viewer === host) await get(`/api/open/rooms/${roomId}/reports`);
      const resync = await openSocket(viewer, { [roomId]: 0 });
      seen.push(resync.frames);

      // And what they do see of the member is the room's own face.
      expect(room.members.map((m: { user: { id: string } }) => m.user.id)).toContain(memberId);
      expect(members.members).toContainEqual(expect.objectContaining({ id: memberId, displayName: 'Shadow Two', profile: 'open' }));
      const theirs = history.messages.filter((m: { senderId: string }) => m.senderId === memberId);
      expect(theirs.map((m: { body: { text?: string } }) => m.body.text)).toEqual(expect.arrayContaining(['hello from the shadow', 'replying']));
      const reactions = history.messages.find((m: { seq: number }) => m.seq === first.body.seq).reactions;
      expect(reactions['👍']).toEqual([memberId]);
    }
    seen.push((await server.request('GET', `/api/open/rooms/${roomId}/preview`)).body);
    seen.push(hostSocket.frames, watcherSocket.frames);

    const everything = JSON.stringify(seen);
    expect(everything).toContain('Shadow Two');
    for (const leak of leaks) expect(everything, `leaked ${leak}`).not.toContain(leak);

    // The member knows who they are in the room.
    expect((await server.request('GET', `/api/rooms/${roomId}`, { token: secret.token })).body.selfId).toBe(memberId);
  });

  it('comes with a member id of its own in each room and each join, so rooms cannot be matched up', async () => {
    const [host, person] = (await people(server, 2)) as [Person, Person];
    const ids: string[] = [];
    for (const name of ['First room', 'Second room']) {
      const room = await server.request('POST', '/api/open/rooms', { token: host.token, body: { name, category: 'anime', languages: ['ja'] } });
      ids.push((await server.request('POST', `/api/open/rooms/${room.body.id}/join`, { token: person.token, body: { profile: { kind: 'open', nickname: 'Same Name' } } })).body.memberId);
      expect((await server.request('POST', `/api/open/rooms/${room.body.id}/leave`, { token: person.token })).status).toBe(204);
      ids.push((await server.request('POST', `/api/open/rooms/${room.body.id}/join`, { token: person.token, body: { profile: { kind: 'open', nickname: 'Same Name' } } })).body.memberId);
    }
    expect(new Set(ids).size).toBe(4);
  });

  it('is refused a nickname change when the member came as their main profile, and outsiders see no members', async () => {
    const [host, member, outsider] = (await people(server, 3)) as [Person, Person, Person];
    const room = await server.request('POST', '/api/open/rooms', { token: host.token, body: { name: 'Main only', category: 'music', languages: ['id'] } });
    await server.request('POST', `/api/open/rooms/${room.body.id}/join`, { token: member.token, body: {} });
    const change = await server.request('PUT', `/api/open/rooms/${room.body.id}/profile`, { token: member.token, body: { nickname: 'Other' } });
    expect({ status: change.status, code: change.body.code }).toEqual({ status: 400, code: 'validation_failed' });
    expect((await server.request('PUT', `/api/open/rooms/${room.body.id}/profile`, { token: member.token, body: { lang: 'en' } })).body).toMatchObject({ lang: 'en', profile: 'main' });
    expect((await server.request('GET', `/api/open/rooms/${room.body.id}/members`, { token: outsider.token })).status).toBe(403);
    expect((await server.request('GET', `/api/open/rooms/${room.body.id}/members`)).status).toBe(401);
  });
});

describe('joining by request', () => {
  it('waits for a host or a co-host allowed to kick; the answer lets them in once, as the profile they asked with', async () => {
    const [host, helper, member, asker, other] = (await people(server, 5)) as [Person, Person, Person, Person, Person];
    const created = await server.request('POST', '/api/open/rooms', {
      token: host.token,
      body: { name: 'Ask first', category: 'study', languages: ['ko'], joinMode: 'request', question: 'Which chapter are you on?' },
    });
    const roomId = created.body.id as string;
    expect(created.body).toMatchObject({ joinMode: 'request', question: 'Which chapter are you on?' });
    for (const p of [helper, member]) {
      await server.request('POST', `/api/open/rooms/${roomId}/join`, { token: p.token, body: {} });
    }
    // helper and member asked too: the host lets them in.
    const early = (await server.request('GET', `/api/open/rooms/${roomId}/requests`, { token: host.token })).body.requests as Array<{ id: string }>;
    expect(early).toHaveLength(2);
    for (const r of early) expect((await server.request('POST', `/api/open/rooms/${roomId}/requests/${r.id}/approve`, { token: host.token })).status).toBe(204);
    const helperId = (await server.request('GET', `/api/open/rooms/${roomId}`, { token: helper.token })).body.memberId;
    await server.request('PUT', `/api/open/rooms/${roomId}/cohosts/${helperId}`, { token: host.token, body: { rights: ['kick'] } });

    const asked = await server.request('POST', `/api/open/rooms/${roomId}/join`, {
      token: asker.token,
      body: { answer: 'Chapter 110', profile: { kind: 'open', nickname: 'Reader' } },
    });
    expect(asked.body).toMatchObject({ pending: true, role: null, memberId: null, memberCount: 3 });
    expect((await server.request('GET', `/api/rooms/${roomId}`, { token: asker.token })).status).toBe(403);
    expect((await server.request('GET', `/api/open/rooms/${roomId}/requests`, { token: member.token })).status).toBe(403);
    expect((await server.request('GET', `/api/open/rooms/${roomId}/requests`, { token: asker.token })).status).toBe(403);
    const requests = (await server.request('GET', `/api/open/rooms/${roomId}/requests`, { token: helper.token })).body.requests;
    expect(requests).toEqual([expect.objectContaining({ displayName: 'Reader', answer: 'Chapter 110' })]);
    expect(JSON.stringify(requests)).not.toContain(asker.user.id);

    // Two answers at once: one lets them in, the other finds it answered.
    const answers = await Promise.all([helper, host].map((p) => server.request('POST', `/api/open/rooms/${roomId}/requests/${requests[0].id}/approve`, { token: p.token })));
    expect(answers.map((a) => a.status).sort()).toEqual([204, 404]);
    const inside = await server.request('GET', `/api/open/rooms/${roomId}`, { token: asker.token });
    expect(inside.body).toMatchObject({ pending: false, role: 'member', memberCount: 4 });
    const members = (await server.request('GET', `/api/open/rooms/${roomId}/members`, { token: member.token })).body.members;
    expect(members).toContainEqual(expect.objectContaining({ id: inside.body.memberId, displayName: 'Reader', profile: 'open' }));

    // A declined request is gone; asking again is a new request.
    await server.request('POST', `/api/open/rooms/${roomId}/join`, { token: other.token, body: { answer: 'none' } });
    const [pending] = (await server.request('GET', `/api/open/rooms/${roomId}/requests`, { token: host.token })).body.requests;
    expect((await server.request('POST', `/api/open/rooms/${roomId}/requests/${pending.id}/decline`, { token: member.token })).status).toBe(403);
    expect((await server.request('POST', `/api/open/rooms/${roomId}/requests/${pending.id}/decline`, { token: host.token })).status).toBe(204);
    expect((await server.request('GET', `/api/open/rooms/${roomId}`, { token: other.token })).body).toMatchObject({ pending: false, role: null });
    const log = (await server.request('GET', `/api/open/rooms/${roomId}/moderation`, { token: member.token })).body.entries.map((e: { action: string }) => e.action);
    expect(log.slice(0, 3)).toEqual(['decline', 'approve', 'cohost']);
  });
});

describe('reports', () => {
  it('reach the host and co-hosts only, with the message as it read, and only about a member’s own messages', async () => {
    const [host, member, troll] = (await people(server, 3)) as [Person, Person, Person];
    const roomId = (await server.request('POST', '/api/open/rooms', { token: host.token, body: { name: 'Reports', category: 'games', languages: ['en'] } })).body.id;
    for (const p of [member, troll]) await server.request('POST', `/api/open/rooms/${roomId}/join`, { token: p.token, body: { profile: { kind: 'open', nickname: p === troll ? 'Troll' : 'Nice' } } });
    const trollId = (await server.request('GET', `/api/open/rooms/${roomId}`, { token: troll.token })).body.memberId;
    const memberId = (await server.request('GET', `/api/open/rooms/${roomId}`, { token: member.token })).body.memberId;
    const bad = await say(troll, roomId, { kind: 'text', body: { text: 'buy cheap coins here' } });
    const fine = await say(member, roomId, { kind: 'text', body: { text: 'a fine message' } });
    const report = (who: Person, body: object) => server.request('POST', `/api/open/rooms/${roomId}/reports`, { token: who.token, body });

    expect((await report(member, { memberId: trollId, seq: fine.body.seq, reason: 'spam' })).status).toBe(404);
    expect((await report(member, { memberId, reason: 'spam' })).status).toBe(400);
    expect((await report(host, { memberId: trollId, seq: bad.body.seq, reason: 'scam', detail: 'selling coins' })).status).toBe(204);
    expect((await report(member, { memberId: trollId, seq: bad.body.seq, reason: 'spam' })).status).toBe(204);
    expect((await report(member, { memberId: trollId, seq: bad.body.seq, reason: 'spam' })).status).toBe(204);

    expect((await server.request('GET', `/api/open/rooms/${roomId}/reports`, { token: member.token })).status).toBe(403);
    const reports = (await server.request('GET', `/api/open/rooms/${roomId}/reports`, { token: host.token })).body.reports;
    expect(reports).toHaveLength(2);
    expect(reports[0]).toMatchObject({ member: { id: trollId, displayName: 'Troll' }, seq: bad.body.seq, text: 'buy cheap coins here' });
    expect(JSON.stringify(reports)).not.toContain(member.user.id);
  });
});

describe('a one-to-one open profile', () => {
  it('gives each person who joins a 1:1 room of their own with the host, where neither sees the other’s account', async () => {
    const [host, guest, other] = (await people(server, 3)) as [Person, Person, Person];
    const created = await server.request('POST', '/api/open/rooms', {
      token: host.token,
      body: { name: 'Ask the artist', category: 'webcomics', languages: ['ko'], format: 'one_to_one', profile: { kind: 'open', nickname: 'Artist' } },
    });
    expect(created.body).toMatchObject({ format: 'one_to_one', role: 'host', conversationId: null });
    const roomId = created.body.id as string;
    const join = (who: Person, nickname: string) =>
      server.request('POST', `/api/open/rooms/${roomId}/join`, { token: who.token, body: { profile: { kind: 'open', nickname } } });

    const joined = await Promise.all([join(guest, 'Fan'), join(guest, 'Fan')]);
    const conversationId = joined[0]!.body.conversationId as string;
    expect(conversationId).toMatch(/^room_/);
    expect(joined[1]!.body.conversationId).toBe(conversationId);
    const otherConversation = (await join(other, 'Other fan')).body.conversationId as string;
    expect(otherConversation).not.toBe(conversationId);

    expect((await say(guest, conversationId, { kind: 'text', body: { text: 'I love your comic' } })).status).toBe(200);
    expect((await say(host, conversationId, { kind: 'text', body: { text: 'Thank you!' } })).status).toBe(200);
    expect((await server.request('GET', `/api/rooms/${conversationId}/messages`, { token: other.token })).status).toBe(403);

    const asGuest = await server.request('GET', `/api/rooms/${conversationId}`, { token: guest.token });
    const asHost = await server.request('GET', `/api/rooms/${conversationId}`, { token: host.token });
    expect(asGuest.body.members.map((m: { user: { displayName: string } }) => m.user.displayName).sort()).toEqual(['Artist', 'Fan']);
    const everything = JSON.stringify([asGuest.body, asHost.body, (await server.request('GET', '/api/rooms', { token: host.token })).body, (await server.request('GET', '/api/rooms', { token: guest.token })).body]);
    for (const leak of [host.user.id, host.handle, guest.user.id, guest.handle]) expect(everything).not.toContain(leak);
    const hostRooms = (await server.request('GET', '/api/rooms', { token: host.token })).body.rooms.map((r: { id: string }) => r.id);
    expect(hostRooms).toEqual(expect.arrayContaining([conversationId, otherConversation]));

    // The host keeps someone out by the member id the conversation shows them by.
    const guestMember = asHost.body.members.find((m: { user: { id: string } }) => m.user.id !== asHost.body.selfId).user.id as string;
    expect((await server.request('POST', `/api/open/rooms/${roomId}/bans/${guestMember}`, { token: host.token, body: {} })).status).toBe(204);
    expect((await say(guest, conversationId, { kind: 'text', body: { text: 'hello?' } })).status).toBe(403);
    expect((await join(guest, 'New fan')).body.code).toBe('banned_from_room');
  });
});
