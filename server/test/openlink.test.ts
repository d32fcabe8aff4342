import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { people, type Person } from './support/chat';
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

type Room = { id: string; name: string; role: string | null; memberCount: number; memberCap: number; linkCode: string; joinMode: string; code?: string };

const create = async (host: Person, body: Record<string, unknown>) => {
  const res = await server.request<Room>('POST', '/api/open/rooms', { token: host.token, body: { category: 'webcomics', languages: ['ko', 'ja', 'id'], ...body } });
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
};
const search = async (query: string, token?: string) => {
  const res = await server.request<{ rooms: Room[] }>('GET', `/api/open/rooms?${query}`, { token });
  expect(res.status, query).toBe(200);
  return res.body.rooms;
};
const join = (person: Person, roomId: string, entryCode?: string, from?: string) =>
  server.request<Room>('POST', `/api/open/rooms/${roomId}/join`, { token: person.token, body: entryCode === undefined ? {} : { entryCode }, from });

describe('open rooms', () => {
  let host: Person;
  let room: Room;
  beforeAll(async () => {
    [host] = (await people(server, 1)) as [Person];
    room = await create(host, {
      name: '나 혼자만 레벨업 팬클럽',
      description: '俺だけレベルアップな件のファン集合！ Ngobrol santai tentang webtoon favorit',
      tags: ['SoloLeveling', '웹툰'],
      memberCap: 100,
    });
  });

  it('are made by a host, who is their first member, with a chat room of kind open', async () => {
    expect(room).toMatchObject({ role: 'host', memberCount: 1, memberCap: 100, joinMode: 'open', linkCode: expect.stringMatching(/^[0-9a-z]{10}$/) });
    const rooms = await server.request('GET', '/api/rooms', { token: host.token });
    expect(rooms.body.rooms.find((r: { id: string }) => r.id === room.id)).toMatchObject({ kind: 'open', title: room.name, memberCount: 1 });
  });

  it('are found by anyone, signed in or not, by a part of a word in Korean, Japanese or Indonesian, by tag, category and language', async () => {
    for (const q of ['레벨업', '혼자', 'レベルアップ', 'ファン', 'ngobrol', 'WEBT', 'sololev']) {
      expect((await search(`q=${encodeURIComponent(q)}`)).map((r) => r.id), q).toContain(room.id);
    }
    expect((await search(`tag=${encodeURIComponent('웹툰')}`)).map((r) => r.id)).toContain(room.id);
    expect((await search('tag=solo')).map((r) => r.id)).not.toContain(room.id);
    expect((await search('category=webcomics&langs=id,en')).map((r) => r.id)).toContain(room.id);
    expect((await search('category=games')).map((r) => r.id)).not.toContain(room.id);
    expect((await search('langs=fr')).map((r) => r.id)).not.toContain(room.id);
    expect((await search(`q=${encodeURIComponent('나루토')}`)).map((r) => r.id)).not.toContain(room.id);
    // Each caller sees their own place in it.
    expect((await search(`q=${encodeURIComponent('레벨업')}`, host.token)).find((r) => r.id === room.id)?.role).toBe('host');
    expect((await search(`q=${encodeURIComponent('레벨업')}`)).find((r) => r.id === room.id)?.role).toBeNull();
  });

  it('open by their shared link, and a link that is no room is 404', async () => {
    expect((await server.request('GET', `/api/open/links/${room.linkCode}`)).body).toMatchObject({ id: room.id, name: room.name });
    expect((await server.request('GET', '/api/open/links/zzzzzzzzzz')).status).toBe(404);
  });

  it('let anyone join an open room once, into its chat, where they talk live', async () => {
    const [fan] = (await people(server, 1)) as [Person];
    const hostSocket = await TestSocket.open(server.url, host.token);
    sockets.push(hostSocket);
    const first = await join(fan, room.id);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ role: 'member', memberCount: 2 });
    expect((await join(fan, room.id)).body).toMatchObject({ role: 'member', memberCount: 2 });
    const sent = await server.request('POST', `/api/rooms/${room.id}/messages`, { token: fan.token, body: { clientMsgId: 'hello-1', kind: 'text', body: { text: '안녕하세요!' } } });
    expect(sent.status).toBe(200);
    await hostSocket.waitFor((f) => f.t === 'msg' && f.roomId === room.id && (f.body as { text?: string }).text === '안녕하세요!');
  });
});

describe('joining by entry code', () => {
  it('refuses a missing or wrong code, limits wrong guesses, and lets the right code in', async () => {
    const [host, guest, guesser] = (await people(server, 3)) as [Person, Person, Person];
    const room = await create(host, { name: 'Secret garden', joinMode: 'code', entryCode: 'moon42' });
    expect((await join(guest, room.id)).body.code).toBe('entry_code_wrong');
    const wrong = await join(guest, room.id, 'moon43');
    expect({ status: wrong.status, code: wrong.body.code }).toEqual({ status: 403, code: 'entry_code_wrong' });
    expect((await join(guest, room.id, 'moon42')).body).toMatchObject({ role: 'member', memberCount: 2 });

    // From an address of its own, so only the guesser's tries count against it.
    const answers = [];
    for (let i = 0; i < 12; i++) answers.push((await join(guesser, room.id, `guess${i}`, '127.0.0.2')).status);
    expect(answers.slice(0, 10)).toEqual(Array(10).fill(403));
    expect(answers.slice(10)).toEqual([429, 429]);
    // Limited even with the right code, until the window ends, from any address: a guesser learns nothing from it.
    expect((await join(guesser, room.id, 'moon42', '127.0.0.3')).status).toBe(429);
    // Another account at the guessing address is held back too.
    const [neighbour] = (await people(server, 1)) as [Person];
    expect((await join(neighbour, room.id, 'moon42', '127.0.0.2')).status).toBe(429);
    expect((await join(neighbour, room.id, 'moon42')).body).toMatchObject({ role: 'member', memberCount: 3 });
  });

  it('asks for a code with a code room and only then', async () => {
    const [host] = (await people(server, 1)) as [Person];
    for (const body of [{ joinMode: 'code' }, { joinMode: 'open', entryCode: 'abcd' }, { joinMode: 'code', entryCode: 'a b' }]) {
      const res = await server.request('POST', '/api/open/rooms', { token: host.token, body: { name: 'x', category: 'other', languages: ['en'], ...body } });
      expect(res.status).toBe(400);
    }
  });
});

describe('a full room', () => {
  it('takes exactly as many people as its cap when many join at once', async () => {
    const [host, ...crowd] = (await people(server, 13)) as Person[];
    const room = await create(host!, { name: 'Tiny room', memberCap: 5 });
    const answers = await Promise.all(crowd.map((p) => join(p, room.id)));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(4);
    expect(answers.filter((a) => a.status === 409 && a.body.code === 'room_full')).toHaveLength(8);
    expect((await server.request('GET', `/api/open/rooms/${room.id}`)).body.memberCount).toBe(5);
    const chatRoom = await server.request('GET', `/api/rooms/${room.id}`, { token: host!.token });
    expect(chatRoom.body.members).toHaveLength(5);
  });
});

describe('a leaving host', () => {
  it('hands the room to the member who has been in it longest; the room lives on', async () => {
    const [host, first, second] = (await people(server, 3)) as [Person, Person, Person];
    const room = await create(host, { name: 'Relay room' });
    await join(first, room.id);
    await join(second, room.id);
    expect((await server.request('POST', `/api/open/rooms/${room.id}/leave`, { token: host.token })).status).toBe(204);
    expect((await server.request('GET', `/api/open/rooms/${room.id}`, { token: first.token })).body).toMatchObject({ role: 'host', memberCount: 2 });
    expect((await server.request('GET', `/api/open/rooms/${room.id}`, { token: host.token })).body.role).toBeNull();
    // Left means out of the chat too.
    expect((await server.request('GET', `/api/rooms/${room.id}`, { token: host.token })).status).toBe(403);
    expect((await server.request('POST', `/api/open/rooms/${room.id}/leave`, { token: host.token })).status).toBe(403);
  });
});

describe('trending', () => {
  it('puts the room people are joining now above a bigger room nobody joins', async () => {
    const tag = `trend${Date.now().toString(36)}`;
    const [quietHost, busyHost, ...joiners] = (await people(server, 6)) as Person[];
    const quiet = await create(quietHost!, { name: 'Quiet', tags: [tag] });
    const busy = await create(busyHost!, { name: 'Busy', tags: [tag] });
    for (const p of joiners.slice(0, 1)) await join(p, quiet.id);
    for (const p of joiners.slice(1)) await join(p, busy.id);
    expect((await search(`tag=${tag}`)).map((r) => r.name)).toEqual(['Busy', 'Quiet']);
    expect((await search(`tag=${tag}&sort=new`)).map((r) => r.name)).toEqual(['Busy', 'Quiet']);
  });

  it('puts a room where people are talking above a bigger room where nobody says a word', async () => {
    const tag = `talk${Date.now().toString(36)}`;
    const [bigHost, talkHost, ...joiners] = (await people(server, 5)) as Person[];
    const big = await create(bigHost!, { name: 'Big and silent', tags: [tag] });
    const talking = await create(talkHost!, { name: 'Small and talking', tags: [tag] });
    for (const p of joiners) await join(p, big.id);
    expect((await search(`tag=${tag}`)).map((r) => r.name)).toEqual(['Big and silent', 'Small and talking']);
    // Fifty messages (warmth is written in batches, after fifty messages or ten seconds).
    for (let i = 0; i < 50; i++) {
      const res = await server.request('POST', `/api/rooms/${talking.id}/messages`, { token: talkHost!.token, body: { clientMsgId: `talk-${i}`, kind: 'text', body: { text: `message ${i}` } } });
      expect(res.status).toBe(200);
    }
    expect((await search(`tag=${tag}`)).map((r) => r.name)).toEqual(['Small and talking', 'Big and silent']);
    expect((await search(`tag=${tag}&sort=members`)).map((r) => r.name)).toEqual(['Big and silent', 'Small and talking']);
  });
});
