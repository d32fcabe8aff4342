import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { people, type Person } from './support/chat';
import { startTestServer, type TestServer } from './support/test-server';
import { TestSocket } from './support/ws-client';

// Every OpenLink route, and every chat route and frame on an open room, tried by each kind of caller: the host, a
// co-host granted only "hide", a member, a banned account, an outsider and someone not signed in. A caller who is
// let through may still get a 4xx of the domain (404 for a message already hidden, 400 for a main profile's
// nickname); the table records only whether the access check let them through.

let server: TestServer;
const sockets: TestSocket[] = [];
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await server.close();
});

const roles = ['anonymous', 'outsider', 'banned', 'member', 'cohost', 'host'] as const;
type Role = (typeof roles)[number];
/** `in`: let through; `401`/`403`: refused as not signed in / not allowed. */
type Verdict = 'in' | '401' | '403';

const png = () => sharp({ create: { width: 32, height: 32, channels: 3, background: '#888' } }).png().toBuffer();

describe('the OpenLink access matrix', () => {
  it('lets each caller do exactly what their place in the room allows, by every route and frame', async () => {
    const [host, cohost, member, banned, outsider, target, kicked, toBan] = (await people(server, 8)) as Person[] as [Person, Person, Person, Person, Person, Person, Person, Person];
    const created = await server.request('POST', '/api/open/rooms', { token: host.token, body: { name: 'Access', category: 'games', languages: ['ko', 'ja'] } });
    const roomId = created.body.id as string;
    const linkCode = created.body.linkCode as string;
    for (const p of [cohost, member, banned, target, kicked, toBan]) expect((await server.request('POST', `/api/open/rooms/${roomId}/join`, { token: p.token, body: {} })).status).toBe(200);
    const idOf = async (p: Person) => (await server.request('GET', `/api/open/rooms/${roomId}`, { token: p.token })).body.memberId as string;
    const [cohostId, bannedId, targetId, kickedId, toBanId] = await Promise.all([cohost, banned, target, kicked, toBan].map(idOf)) as [string, string, string, string, string];
    expect((await server.request('PUT', `/api/open/rooms/${roomId}/cohosts/${cohostId}`, { token: host.token, body: { rights: ['hide'] } })).status).toBe(204);
    const said = async (text: string) =>
      (await server.request('POST', `/api/rooms/${roomId}/messages`, { token: target.token, body: { clientMsgId: crypto.randomUUID(), kind: 'text', body: { text } } })).body.seq as number;
    const seqs = [await said('first'), await said('second')];
    expect((await server.request('POST', `/api/open/rooms/${roomId}/bans/${bannedId}`, { token: host.token, body: {} })).status).toBe(204);

    const tokens: Record<Role, string | undefined> = { anonymous: undefined, outsider: outsider.token, banned: banned.token, member: member.token, cohost: cohost.token, host: host.token };
    const upload = async () => {
      const form = new FormData();
      form.append('file', new Blob([await png()], { type: 'image/png' }), 'a.png');
      return form;
    };
    const r = `/api/open/rooms/${roomId}`;
    const fakeRequest = 'opq_00000000000000000000000000';
    // In order: routes that change the room come last, and within a route the host goes last.
    const routes: Array<[string, string, string, (() => unknown) | unknown]> = [
      ['search', 'GET', '/api/open/rooms?q=access', undefined],
      ['room', 'GET', r, undefined],
      ['byLink', 'GET', `/api/open/links/${linkCode}`, undefined],
      ['preview', 'GET', `${r}/preview`, undefined],
      ['translator', 'GET', '/api/open/translator', undefined],
      ['members', 'GET', `${r}/members`, undefined],
      ['moderationLog', 'GET', `${r}/moderation`, undefined],
      ['glossary', 'GET', `${r}/glossary`, undefined],
      ['bannedWords', 'GET', `${r}/banned-words`, undefined],
      ['requests', 'GET', `${r}/requests`, undefined],
      ['reports', 'GET', `${r}/reports`, undefined],
      ['translate', 'POST', `${r}/translations`, { seqs, lang: 'ja' }],
      ['chat room', 'GET', `/api/rooms/${roomId}`, undefined],
      ['chat history', 'GET', `/api/rooms/${roomId}/messages`, undefined],
      ['chat search', 'GET', `/api/rooms/${roomId}/search?q=first`, undefined],
      ['chat send', 'POST', `/api/rooms/${roomId}/messages`, () => ({ clientMsgId: crypto.randomUUID(), kind: 'text', body: { text: 'hello' } })],
      ['chat react', 'PUT', `/api/rooms/${roomId}/messages/${seqs[0]}/reactions/ok`, undefined],
      ['chat unreact', 'DELETE', `/api/rooms/${roomId}/messages/${seqs[0]}/reactions/ok`, undefined],
      ['chat upload', 'POST', `/api/rooms/${roomId}/media`, upload],
      ['setProfile', 'PUT', `${r}/profile`, { lang: 'ja' }],
      ['setAvatar', 'PUT', `${r}/profile/avatar`, upload],
      ['report', 'POST', `${r}/reports`, { memberId: targetId, reason: 'spam' }],
      ['settings', 'PATCH', `${r}/settings`, { slowModeSeconds: 0 }],
      ['setGlossary', 'PUT', `${r}/glossary`, { keep: ['Access'], terms: [] }],
      ['setCover', 'PUT', `${r}/cover`, upload],
      ['dryRunBannedWords', 'POST', `${r}/banned-words/dry-run`, { words: ['first'], match: 'contains' }],
      ['approve', 'POST', `${r}/requests/${fakeRequest}/approve`, undefined],
      ['decline', 'POST', `${r}/requests/${fakeRequest}/decline`, undefined],
      ['hide', 'POST', `${r}/messages/${seqs[1]}/hide`, {}],
      ['makeCohost', 'PUT', `${r}/cohosts/${targetId}`, { rights: [] }],
      ['removeCohost', 'DELETE', `${r}/cohosts/${targetId}`, undefined],
      ['kick', 'POST', `${r}/members/${kickedId}/kick`, {}],
      ['ban', 'POST', `${r}/bans/${toBanId}`, {}],
      ['unban', 'DELETE', `${r}/bans/${toBanId}`, undefined],
      ['create', 'POST', '/api/open/rooms', { name: 'Another', category: 'games', languages: ['ko'] }],
      ['join', 'POST', `${r}/join`, {}],
      ['leave', 'POST', `${r}/leave`, undefined],
    ];

    // Frames first (the routes end with everyone leaving): a send from each signed-in caller.
    const frames: Record<string, Verdict | string> = {};
    for (const role of roles.filter((x) => x !== 'anonymous')) {
      const person = { outsider, banned, member, cohost, host }[role as Exclude<Role, 'anonymous'>];
      const socket = await TestSocket.open(server.url, person.token);
      sockets.push(socket);
      socket.send({ t: 'send', roomId, clientMsgId: `frame-${role}`, kind: 'text', body: { text: 'over the socket' } });
      const answer = await socket.waitFor((f) => (f.t === 'ack' && f.clientMsgId === `frame-${role}`) || (f.t === 'error' && f.ref === `frame-${role}`));
      frames[role] = answer.t === 'ack' ? 'in' : answer.code === 'forbidden' ? '403' : String(answer.code);
    }

    const verdict = (status: number): Verdict | string => (status === 401 ? '401' : status === 403 ? '403' : status >= 500 ? `5xx ${status}` : 'in');
    const actual: Record<string, Record<Role, Verdict | string>> = {};
    for (const [name, method, path, body] of routes) {
      actual[name] = {} as Record<Role, Verdict | string>;
      for (const role of roles) {
        const payload = typeof body === 'function' ? await (body as () => unknown)() : body;
        const res = await server.request(method, path, { token: tokens[role], body: payload as object | undefined });
        actual[name][role] = verdict(res.status);
      }
    }

    const everyone: Record<Role, Verdict> = { anonymous: 'in', outsider: 'in', banned: 'in', member: 'in', cohost: 'in', host: 'in' };
    const signedIn: Record<Role, Verdict> = { ...everyone, anonymous: '401' };
    const members: Record<Role, Verdict> = { anonymous: '401', outsider: '403', banned: '403', member: 'in', cohost: 'in', host: 'in' };
    const moderators: Record<Role, Verdict> = { ...members, member: '403' };
    const hostOnly: Record<Role, Verdict> = { ...moderators, cohost: '403' };
    expect(actual).toEqual({
      search: everyone,
      room: everyone,
      byLink: everyone,
      preview: { ...everyone, banned: '403' },
      translator: everyone,
      members,
      moderationLog: members,
      glossary: members,
      bannedWords: moderators,
      requests: hostOnly,
      reports: moderators,
      translate: members,
      'chat room': members,
      'chat history': members,
      'chat search': members,
      'chat send': members,
      'chat react': members,
      'chat unreact': members,
      'chat upload': members,
      setProfile: members,
      setAvatar: members,
      report: members,
      settings: hostOnly,
      setGlossary: hostOnly,
      setCover: hostOnly,
      dryRunBannedWords: hostOnly,
      approve: hostOnly,
      decline: hostOnly,
      hide: moderators,
      makeCohost: hostOnly,
      removeCohost: hostOnly,
      kick: hostOnly,
      ban: hostOnly,
      unban: hostOnly,
      create: signedIn,
      join: { ...signedIn, banned: '403' },
      // The outsider joined in the row before.
      leave: { ...members, outsider: 'in' },
    });
    expect(frames).toEqual({ outsider: '403', banned: '403', member: 'in', cohost: 'in', host: 'in' });
  }, 120_000);
});
