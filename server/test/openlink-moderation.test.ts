import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/platform/clock';
import { people, type Person } from './support/chat';
import { startTestServer, type TestServer } from './support/test-server';
import { TestSocket } from './support/ws-client';

const clock = new ManualClock(new Date('2026-09-01T00:00:00Z'));
let server: TestServer;
const sockets: TestSocket[] = [];
beforeAll(async () => {
  server = await startTestServer({}, { clock });
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await server.close();
});

type Reply = { status: number; body: { code?: string; message?: string } & Record<string, unknown> };

async function openRoom(host: Person, members: Person[]): Promise<string> {
  const res = await server.request('POST', '/api/open/rooms', { token: host.token, body: { name: 'Moderated', category: 'webcomics', languages: ['ko'] } });
  for (const m of members) expect((await server.request('POST', `/api/open/rooms/${res.body.id}/join`, { token: m.token, body: {} })).status).toBe(200);
  return res.body.id as string;
}
let n = 0;
const say = (who: Person, roomId: string, text: string): Promise<Reply> =>
  server.request('POST', `/api/rooms/${roomId}/messages`, { token: who.token, body: { clientMsgId: `m${++n}`, kind: 'text', body: { text } } });
const settings = (who: Person, roomId: string, body: object) => server.request('PATCH', `/api/open/rooms/${roomId}/settings`, { token: who.token, body });
/** The member id a room knows someone by (the room tells only them; others see it on their messages and in the member list). */
const memberIds = new Map<string, string>();
async function memberIdOf(roomId: string, who: Person): Promise<string> {
  const key = `${roomId}:${who.user.id}`;
  const mine = (await server.request('GET', `/api/open/rooms/${roomId}`, { token: who.token })).body.memberId as string | null;
  if (mine) memberIds.set(key, mine);
  return memberIds.get(key) ?? 'opm_00000000000000000000000000';
}
const cohost = async (who: Person, roomId: string, target: Person, rights: string[]) =>
  server.request('PUT', `/api/open/rooms/${roomId}/cohosts/${await memberIdOf(roomId, target)}`, { token: who.token, body: { rights } });
const kick = async (who: Person, roomId: string, target: Person) =>
  server.request('POST', `/api/open/rooms/${roomId}/members/${await memberIdOf(roomId, target)}/kick`, { token: who.token, body: { reason: 'spam' } });
const ban = async (who: Person, roomId: string, target: Person) => server.request('POST', `/api/open/rooms/${roomId}/bans/${await memberIdOf(roomId, target)}`, { token: who.token, body: {} });
const join = (who: Person, roomId: string) => server.request('POST', `/api/open/rooms/${roomId}/join`, { token: who.token, body: {} });
const logOf = async (who: Person, roomId: string) => (await server.request('GET', `/api/open/rooms/${roomId}/moderation`, { token: who.token })).body.entries as Array<{ action: string; actor: { displayName: string }; target: { id: string } | null; detail: string }>;

describe('slow mode', () => {
  it('lets a member post once per interval, exactly once of many sent at once, over HTTP and WebSocket; hosts are not slowed', async () => {
    const [host, member] = (await people(server, 2)) as [Person, Person];
    const roomId = await openRoom(host, [member]);
    expect((await settings(host, roomId, { slowModeSeconds: 30 })).body).toMatchObject({ slowModeSeconds: 30 });

    const burst = await Promise.all(Array.from({ length: 8 }, (_, i) => say(member, roomId, `hello ${i}`)));
    expect(burst.filter((r) => r.status === 200)).toHaveLength(1);
    const slowed = burst.filter((r) => r.status === 429);
    expect(slowed).toHaveLength(7);
    for (const r of slowed) expect(r.body.code).toBe('slow_mode');

    const socket = await TestSocket.open(server.url, member.token);
    sockets.push(socket);
    socket.send({ t: 'send', roomId, clientMsgId: 'ws-1', kind: 'text', body: { text: 'over the socket' } });
    expect(await socket.waitFor((f) => f.t === 'error' && f.ref === 'ws-1')).toMatchObject({ code: 'slow_mode' });

    for (let i = 0; i < 3; i++) expect((await say(host, roomId, `host ${i}`)).status).toBe(200);
    clock.advance(30_000);
    expect((await say(member, roomId, 'after the wait')).status).toBe(200);
    expect((await say(member, roomId, 'too soon')).status).toBe(429);
  });
});

describe('announcements only and banned words', () => {
  it('take only the hosts’ messages in an announcements room, and refuse a member’s message with a banned word', async () => {
    const [host, helper, member] = (await people(server, 3)) as [Person, Person, Person];
    const roomId = await openRoom(host, [helper, member]);
    expect((await cohost(host, roomId, helper, [])).status).toBe(204);
    await settings(host, roomId, { readOnly: true, pinnedNotice: 'Read the rules first' });
    expect((await say(member, roomId, 'can I talk?')).body.code).toBe('room_read_only');
    expect((await say(helper, roomId, 'announcement from a co-host')).status).toBe(200);
    expect((await say(host, roomId, 'announcement')).status).toBe(200);

    await settings(host, roomId, { readOnly: false, bannedWords: { words: ['Spoiler', '스포'], match: 'contains' } });
    expect((await say(member, roomId, 'big SPOILERS ahead')).body.code).toBe('word_blocked');
    expect((await say(member, roomId, '이거 스포인가요')).body.code).toBe('word_blocked');
    expect((await say(member, roomId, 'no secrets here')).status).toBe(200);
    await settings(host, roomId, { bannedWords: { words: ['ass'], match: 'exact' } });
    expect((await say(member, roomId, 'a classic class')).status).toBe(200);
    expect((await say(member, roomId, 'you ass')).body.code).toBe('word_blocked');

    const room = await server.request('GET', `/api/open/rooms/${roomId}`, { token: member.token });
    expect(room.body).toMatchObject({ readOnly: false, pinnedNotice: 'Read the rules first', role: 'member' });
    expect((await server.request('GET', `/api/open/rooms/${roomId}/banned-words`, { token: member.token })).status).toBe(403);
    expect((await server.request('GET', `/api/open/rooms/${roomId}/banned-words`, { token: helper.token })).body).toEqual({ words: ['ass'], match: 'exact' });
  });
});

describe('co-hosts, kicks and bans', () => {
  it('let a co-host do only what the host granted; a kicked or banned account cannot come back', async () => {
    const [host, helper, member, troll, outsider] = (await people(server, 5)) as [Person, Person, Person, Person, Person];
    const roomId = await openRoom(host, [helper, member, troll]);

    // Members and outsiders moderate nothing.
    expect((await kick(member, roomId, troll)).status).toBe(403);
    expect((await kick(outsider, roomId, troll)).status).toBe(403);
    expect((await settings(member, roomId, { slowModeSeconds: 10 })).status).toBe(403);
    expect((await cohost(member, roomId, troll, ['kick'])).status).toBe(403);

    expect((await cohost(host, roomId, helper, ['kick'])).status).toBe(204);
    expect((await server.request('GET', `/api/open/rooms/${roomId}`, { token: helper.token })).body).toMatchObject({ role: 'cohost', rights: ['kick'] });
    // Granted kick, not ban nor settings; and a co-host cannot remove the host.
    expect((await ban(helper, roomId, troll)).status).toBe(403);
    expect((await settings(helper, roomId, { slowModeSeconds: 10 })).status).toBe(403);
    expect((await kick(helper, roomId, host)).status).toBe(403);

    expect((await kick(helper, roomId, troll)).status).toBe(204);
    expect((await server.request('GET', `/api/rooms/${roomId}`, { token: troll.token })).status).toBe(403);
    expect((await say(troll, roomId, 'let me back')).status).toBe(403);
    const back = await join(troll, roomId);
    expect({ status: back.status, code: back.body.code }).toEqual({ status: 403, code: 'banned_from_room' });

    // A ban keeps out someone who has already left, named by the member id they had.
    expect((await join(outsider, roomId)).status).toBe(200);
    const outsiderId = await memberIdOf(roomId, outsider);
    expect((await server.request('POST', `/api/open/rooms/${roomId}/leave`, { token: outsider.token })).status).toBe(204);
    expect((await ban(host, roomId, outsider)).status).toBe(204);
    const comeBack = await server.request('POST', `/api/open/rooms/${roomId}/join`, { token: outsider.token, body: { profile: { kind: 'open', nickname: 'someone new' } } });
    expect(comeBack.body.code).toBe('banned_from_room');
    expect((await server.request('DELETE', `/api/open/rooms/${roomId}/bans/${outsiderId}`, { token: host.token })).status).toBe(204);
    expect((await join(outsider, roomId)).status).toBe(200);

    // Everything is in the log that members read, and outsiders do not.
    const log = await logOf(member, roomId);
    expect(log.map((e) => e.action)).toEqual(['unban', 'ban', 'kick', 'cohost']);
    expect(log.find((e) => e.action === 'kick')).toMatchObject({ actor: { displayName: helper.user.handle }, target: { id: await memberIdOf(roomId, troll) }, detail: 'spam' });
    expect((await server.request('GET', `/api/open/rooms/${roomId}/moderation`, { token: troll.token })).status).toBe(403);
    expect((await server.request('GET', `/api/open/rooms/${roomId}`)).body.memberCount).toBe(4);
  });

  it('hands a leaving host’s room to a co-host before a member who has been there longer', async () => {
    const [host, early, later] = (await people(server, 3)) as [Person, Person, Person];
    const roomId = await openRoom(host, [early, later]);
    await cohost(host, roomId, later, ['kick']);
    expect((await server.request('POST', `/api/open/rooms/${roomId}/leave`, { token: host.token })).status).toBe(204);
    expect((await server.request('GET', `/api/open/rooms/${roomId}`, { token: later.token })).body).toMatchObject({ role: 'host', rights: [] });
    expect((await server.request('GET', `/api/open/rooms/${roomId}`, { token: early.token })).body.role).toBe('member');
  });
});

describe('reading a room before joining, hiding messages and trying banned words first', () => {
  it('shows the latest words of an open room to anyone, and of a code room only to its members', async () => {
    const [host, member] = (await people(server, 2)) as [Person, Person];
    const roomId = await openRoom(host, [member]);
    await say(member, roomId, '첫 번째 메시지');
    await say(host, roomId, 'welcome!');
    const preview = await server.request('GET', `/api/open/rooms/${roomId}/preview`);
    expect(preview.status).toBe(200);
    expect(preview.body.messages.map((m: { text: string }) => m.text)).toEqual(['첫 번째 메시지', 'welcome!']);
    expect(preview.body.messages[0]).toEqual({ seq: expect.any(Number), senderName: member.user.handle, text: '첫 번째 메시지', translated: null, createdAt: expect.any(String) });
    // Nothing that names an account.
    expect(JSON.stringify(preview.body)).not.toContain(member.user.id);

    const code = await server.request('POST', '/api/open/rooms', { token: host.token, body: { name: 'Closed', category: 'other', languages: ['en'], joinMode: 'code', entryCode: 'k3y9' } });
    expect((await server.request('GET', `/api/open/rooms/${code.body.id}/preview`)).status).toBe(403);
    expect((await server.request('GET', `/api/open/rooms/${code.body.id}/preview`, { token: member.token })).status).toBe(403);
    expect((await server.request('GET', `/api/open/rooms/${code.body.id}/preview`, { token: host.token })).status).toBe(200);
  });

  it('lets the host and a co-host granted "hide" hide a message for everyone, live, and logs it', async () => {
    const [host, helper, member] = (await people(server, 3)) as [Person, Person, Person];
    const roomId = await openRoom(host, [helper, member]);
    const sent = await say(member, roomId, 'something rude');
    const seq = sent.body.seq as number;
    const watcher = await TestSocket.open(server.url, member.token);
    sockets.push(watcher);
    const hide = (who: Person) => server.request('POST', `/api/open/rooms/${roomId}/messages/${seq}/hide`, { token: who.token, body: { reason: 'rude' } });
    expect((await hide(member)).status).toBe(403);
    await cohost(host, roomId, helper, ['kick']);
    expect((await hide(helper)).status).toBe(403);
    await cohost(host, roomId, helper, ['hide']);
    expect((await hide(helper)).status).toBe(204);
    await watcher.waitFor((f) => f.t === 'event' && f.name === 'chat.message.deleted' && (f.data as { seq: number }).seq === seq);
    const history = await server.request('GET', `/api/rooms/${roomId}/messages`, { token: member.token });
    expect(history.body.messages.find((m: { seq: number }) => m.seq === seq)).toMatchObject({ deletedAt: expect.any(String), body: {} });
    expect((await hide(host)).status).toBe(404);
    expect((await logOf(member, roomId))[0]).toMatchObject({ action: 'hide', detail: `message ${seq}: rude` });
  });

  it('tries a word list on the latest messages without switching it on', async () => {
    const [host, member] = (await people(server, 2)) as [Person, Person];
    const roomId = await openRoom(host, [member]);
    await say(member, roomId, 'chapter 12 SPOILER: he wins');
    await say(member, roomId, 'no spoilers please');
    await say(member, roomId, 'lovely art');
    const run = await server.request('POST', `/api/open/rooms/${roomId}/banned-words/dry-run`, { token: host.token, body: { words: ['spoiler'], match: 'exact' } });
    expect(run.body).toEqual({ checked: 3, matched: [{ seq: expect.any(Number), text: 'chapter 12 SPOILER: he wins' }] });
    const contains = await server.request('POST', `/api/open/rooms/${roomId}/banned-words/dry-run`, { token: host.token, body: { words: ['spoiler'], match: 'contains' } });
    expect(contains.body.matched).toHaveLength(2);
    expect((await say(member, roomId, 'spoiler again')).status).toBe(200);
    expect((await server.request('POST', `/api/open/rooms/${roomId}/banned-words/dry-run`, { token: member.token, body: { words: ['x'], match: 'exact' } })).status).toBe(403);
  });
});
