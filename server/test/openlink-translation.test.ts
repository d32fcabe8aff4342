import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { people, type Person } from './support/chat';
import { startLibreTranslateStandIn, type LibreTranslateStandIn } from './support/libretranslate-standin';
import { signUp, startTestServer, type TestServer } from './support/test-server';
import { TestSocket } from './support/ws-client';

let standIn: LibreTranslateStandIn;
let server: TestServer;
beforeAll(async () => {
  standIn = await startLibreTranslateStandIn();
  server = await startTestServer({ TRANSLATE_URL: standIn.url, TRANSLATE_TIMEOUT_SECONDS: '3' });
});
afterAll(async () => {
  await server?.close();
  await standIn?.close();
});

type Translation = { seq: number; source: string | null; state: string; text: string | null };
let n = 0;
const say = (who: Person, roomId: string, text: string) =>
  server.request('POST', `/api/rooms/${roomId}/messages`, { token: who.token, body: { clientMsgId: `t${++n}`, kind: 'text', body: { text } } });
const translate = async (who: Person, roomId: string, seqs: number[], lang: string): Promise<{ status: number; translations: Translation[] }> => {
  const res = await server.request('POST', `/api/open/rooms/${roomId}/translations`, { token: who.token, body: { seqs, lang } });
  return { status: res.status, translations: res.body.translations };
};

async function webcomicRoom(host: Person, members: Array<[Person, string]>): Promise<string> {
  const room = await server.request('POST', '/api/open/rooms', { token: host.token, body: { name: 'Webcomic fans', category: 'webcomics', languages: ['ko', 'ja', 'id'] } });
  await Promise.all(members.map(([p, lang]) => server.request('POST', `/api/open/rooms/${room.body.id}/join`, { token: p.token, body: { lang } })));
  return room.body.id as string;
}

describe('translation in an open room', () => {
  it('shows a room’s preview to someone not in it in their language, so nobody subscribes blind', async () => {
    const [host, ja, visitor] = await people(server, 3);
    const roomId = await webcomicRoom(host!, [[ja!, 'ja']]);
    await say(host!, roomId, '다음 화는 금요일에 올라와요');
    await say(ja!, roomId, '楽しみにしています');
    const preview = await server.request('GET', `/api/open/rooms/${roomId}/preview?lang=ja`, { token: visitor!.token });
    expect(preview.status).toBe(200);
    expect(preview.body.messages.map((m: { text: string; translated: string | null }) => [m.text, m.translated])).toEqual([
      ['다음 화는 금요일에 올라와요', '[ja] 다음 화는 금요일에 올라와요'],
      ['楽しみにしています', null],
    ]);
    const plain = await server.request('GET', `/api/open/rooms/${roomId}/preview`);
    expect(plain.body.messages.every((m: { translated: string | null }) => m.translated === null)).toBe(true);
    expect((await server.request('GET', `/api/open/rooms/${roomId}/preview?lang=japanese`)).status).toBe(400);
  });

  it('detects each message’s language among the room’s, and translates it once per language for a hundred readers at once', async () => {
    const readers = await people(server, 100);
    const [host, ko, ja, id] = readers as [Person, Person, Person, Person];
    const langs = ['ko', 'ja', 'id'];
    const roomId = await webcomicRoom(host, readers.slice(1).map((p, i) => [p, langs[i % 3]!]));

    const sent = [await say(ko, roomId, '이번 화 진짜 대박이다 ㅋㅋㅋ'), await say(ja, roomId, '今週の話、最高だった！草'), await say(id, roomId, 'wkwk seru banget chapter ini')];
    const history = (await server.request('GET', `/api/rooms/${roomId}/messages`, { token: host.token })).body.messages as Array<{ seq: number; body: { lang?: string } }>;
    expect(sent.map((s) => history.find((m) => m.seq === s.body.seq)?.body.lang)).toEqual(['ko', 'ja', 'id']);

    const koSeq = sent[0]!.body.seq as number;
    const answers = await Promise.all(readers.slice(1).map((p, i) => translate(p, roomId, [koSeq], langs[i % 3]!)));
    for (const [i, answer] of answers.entries()) {
      const lang = langs[i % 3]!;
      expect(answer.status).toBe(200);
      expect(answer.translations).toEqual([
        lang === 'ko'
          ? { seq: koSeq, source: 'ko', state: 'original', text: null }
          : { seq: koSeq, source: 'ko', state: 'translated', text: `[${lang}] 이번 화 진짜 대박이다 ㅋㅋㅋ` },
      ]);
    }
    expect(standIn.translations('이번 화 진짜 대박이다 ㅋㅋㅋ', 'ja')).toBe(1);
    expect(standIn.translations('이번 화 진짜 대박이다 ㅋㅋㅋ', 'id')).toBe(1);
    expect(standIn.translations('이번 화 진짜 대박이다 ㅋㅋㅋ', 'ko')).toBe(0);

    // Later readers read what was kept.
    await translate(ja, roomId, sent.map((s) => s.body.seq), 'ja');
    expect(standIn.translations('이번 화 진짜 대박이다 ㅋㅋㅋ', 'ja')).toBe(1);
  }, 180_000);

  it('translates a new message into the room’s other languages as it is sent, and pushes it to the room', async () => {
    const [host, ko, ja] = (await people(server, 3)) as [Person, Person, Person];
    const roomId = await webcomicRoom(host, [[ko, 'ko'], [ja, 'ja']]);
    const socket = await TestSocket.open(server.url, ja.token, {}, 'ja');
    const other = await TestSocket.open(server.url, ko.token, {}, 'ko');
    try {
      const sent = await say(ko, roomId, '푸시 번역 테스트');
      const pushed = await socket.waitFor((f) => f.t === 'event' && f.name === 'openlink.translated' && f.data.seq === sent.body.seq && f.data.lang === 'ja');
      expect(pushed.data).toEqual({ roomId, seq: sent.body.seq, lang: 'ja', text: '[ja] 푸시 번역 테스트' });
      // Each socket hears only the language it reads: the Korean reader, none of this Korean message's.
      await other.waitFor((f) => f.t === 'msg' && f.seq === sent.body.seq);
      expect(socket.frames.filter((f) => f.t === 'event' && f.name === 'openlink.translated').map((f) => f.data.lang)).toEqual(['ja']);
      // Readers who ask later read what was kept.
      expect((await translate(ja, roomId, [sent.body.seq], 'ja')).translations[0]).toMatchObject({ state: 'translated', text: '[ja] 푸시 번역 테스트' });
      expect(standIn.translations('푸시 번역 테스트', 'ja')).toBe(1);
      expect(standIn.translations('푸시 번역 테스트', 'ko')).toBe(0);
      expect(other.frames.filter((f) => f.t === 'event' && f.name === 'openlink.translated')).toEqual([]);
    } finally {
      socket.close();
      other.close();
    }
  });

  it('keeps the room’s glossary words as they are, and uses its own terms', async () => {
    const [host, member, reader] = (await people(server, 3)) as [Person, Person, Person];
    const roomId = await webcomicRoom(host, [[member, 'id'], [reader, 'ja']]);
    const glossary = { keep: ['Jinwoo', 'Solo Leveling'], terms: [{ term: 'hunter', lang: 'ja', text: 'ハンター' }] };
    expect((await server.request('PUT', `/api/open/rooms/${roomId}/glossary`, { token: member.token, body: glossary })).status).toBe(403);
    expect((await server.request('PUT', `/api/open/rooms/${roomId}/glossary`, { token: host.token, body: glossary })).body).toEqual(glossary);
    expect((await server.request('GET', `/api/open/rooms/${roomId}/glossary`, { token: reader.token })).body).toEqual(glossary);

    const sent = await say(member, roomId, 'jinwoo hunter terkuat di Solo Leveling');
    const { translations } = await translate(reader, roomId, [sent.body.seq], 'ja');
    expect(translations[0]).toMatchObject({ state: 'translated', text: '[ja] Jinwoo ハンター terkuat di Solo Leveling' });
    expect(standIn.bodies.map((b) => b.body)).toContainEqual(expect.objectContaining({ q: '⟦0⟧ ⟦1⟧ terkuat di ⟦2⟧', source: 'id', target: 'ja' }));
  });

  afterEach(() => {
    standIn.failWith = undefined;
    standIn.hang = false;
    standIn.garbage = false;
  });

  it('never blocks sending or reading when the translator is down, slow or refuses; the message shows as written, and a retry translates it', async () => {
    const [host, member, reader] = (await people(server, 3)) as [Person, Person, Person];
    const roomId = await webcomicRoom(host, [[member, 'ko'], [reader, 'ja']]);
    for (const failure of [500, 429, 403, 'hang', 'garbage'] as const) {
      if (failure === 'hang') standIn.hang = true;
      else if (failure === 'garbage') standIn.garbage = true;
      else standIn.failWith = failure;
      const sent = await say(member, roomId, `서버가 아파요 ${failure}`);
      expect(sent.status).toBe(200);
      const history = await server.request('GET', `/api/rooms/${roomId}/messages`, { token: reader.token });
      expect(history.body.messages.at(-1).body.text).toBe(`서버가 아파요 ${failure}`);
      const down = await translate(reader, roomId, [sent.body.seq], 'ja');
      expect({ failure, status: down.status, translations: down.translations }).toEqual({
        failure, status: 200, translations: [{ seq: sent.body.seq, source: 'ko', state: 'unavailable', text: null }],
      });
      standIn.failWith = undefined;
      standIn.hang = false;
      standIn.garbage = false;
      const retried = await translate(reader, roomId, [sent.body.seq], 'ja');
      expect(retried.translations[0]).toMatchObject({ state: 'translated', text: `[ja] 서버가 아파요 ${failure}` });
    }
  }, 60_000);

  it('translates only what the reader may read: members only, nothing from before they joined, nothing hidden', async () => {
    const [host, member, late, outsider] = (await people(server, 4)) as [Person, Person, Person, Person];
    const roomId = await webcomicRoom(host, [[member, 'ko']]);
    const before = await say(member, roomId, '들어오기 전의 말');
    await server.request('POST', `/api/open/rooms/${roomId}/join`, { token: late.token, body: { lang: 'ja' } });
    const after = await say(member, roomId, '들어온 뒤의 말');
    expect((await translate(outsider, roomId, [after.body.seq], 'ja')).status).toBe(403);
    expect((await translate(late, roomId, [before.body.seq], 'ja')).translations).toEqual([{ seq: before.body.seq, source: null, state: 'original', text: null }]);
    expect((await translate(late, roomId, [after.body.seq], 'ja')).translations[0]).toMatchObject({ state: 'translated' });
    expect((await server.request('POST', `/api/open/rooms/${roomId}/messages/${after.body.seq}/hide`, { token: host.token, body: {} })).status).toBe(204);
    expect((await translate(late, roomId, [after.body.seq], 'ja')).translations).toEqual([{ seq: after.body.seq, source: null, state: 'original', text: null }]);
  });

  it('says whether the server translates, and which languages', async () => {
    const res = await server.request('GET', '/api/open/translator');
    expect(res.body).toEqual({ translates: true, languages: ['en', 'id', 'ja', 'ko'] });
  });
});

describe('without a translator', () => {
  it('says so, and answers every message as unavailable rather than failing', async () => {
    const plain = await startTestServer();
    try {
      expect((await plain.request('GET', '/api/open/translator')).body).toEqual({ translates: false, languages: [] });
      const host = await signUp(plain);
      const room = await plain.request('POST', '/api/open/rooms', { token: host.token, body: { name: 'No translator', category: 'other', languages: ['ko', 'ja'] } });
      const sent = await plain.request('POST', `/api/rooms/${room.body.id}/messages`, { token: host.token, body: { clientMsgId: 'x1', kind: 'text', body: { text: '안녕하세요' } } });
      const res = await plain.request('POST', `/api/open/rooms/${room.body.id}/translations`, { token: host.token, body: { seqs: [sent.body.seq], lang: 'ja' } });
      expect(res.body.translations).toEqual([{ seq: sent.body.seq, source: 'ko', state: 'unavailable', text: null }]);
    } finally {
      await plain.close();
    }
  });
});
