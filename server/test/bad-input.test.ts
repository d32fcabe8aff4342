import { errorStatus } from '@maum/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { befriend, directRoom, groupRoom, people, type Person } from './support/chat';
import { hasFfmpeg } from './support/ffmpeg';
import { startTestServer, type TestServer } from './support/test-server';
import { TestSocket } from './support/ws-client';

let server: TestServer;
const sockets: TestSocket[] = [];
beforeAll(async () => {
  server = await startTestServer({ WS_FRAMES_PER_SECOND: '10000', WS_FRAME_BURST: '10000' });
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await server.close();
});

/** The refusal every bad input gets: a 4xx whose code the error table maps to that very status. */
function expectRefused(res: { status: number; body: { code?: string; message?: string } }, status = 400, code = 'validation_failed') {
  expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
  expect(typeof res.body.message).toBe('string');
  expect(errorStatus[res.body.code as keyof typeof errorStatus]).toBe(res.status);
}

const ffmpeg = hasFfmpeg;

const NUL = 'hi\u0000there';
const LONE = 'a\ud800b';

describe('text Maum does not accept (NUL, lone surrogates) is refused with 400 wherever it is sent', () => {
  let me: Person;
  let friend: Person;
  let roomId: string;
  beforeAll(async () => {
    [me, friend] = (await people(server, 2)) as [Person, Person];
    await befriend(server, me, friend);
    roomId = (await directRoom(server, me, friend)).id;
  });

  for (const [label, bad] of [['a NUL character', NUL], ['a lone surrogate', LONE]] as const) {
    it(`${label} in bodies, queries and path parameters`, async () => {
      const raw = (text: string) => `"${text.replace('\u0000', '\\u0000').replace('\ud800', '\\ud800')}"`;
      const calls: Array<[string, string, string | undefined, boolean]> = [
        ['PATCH', '/api/me', `{"statusMessage":${raw(bad)}}`, true],
        ['PATCH', '/api/me', `{"displayName":${raw(bad)}}`, true],
        ['POST', '/api/auth/login', `{"handle":${raw(bad)},"password":"x"}`, false],
        ['POST', '/api/auth/login', `{"handle":"${me.handle}","password":${raw(bad)}}`, false],
        ['POST', '/api/auth/signup', `{"handle":"okhandle1","displayName":${raw(bad)},"password":"abcdefg12"}`, false],
        ['POST', `/api/rooms/${roomId}/messages`, `{"clientMsgId":"c1","kind":"text","body":{"text":${raw(bad)}}}`, true],
        ['POST', '/api/friends', `{"handle":${raw(bad)}}`, true],
      ];
      for (const [method, path, body, signedIn] of calls) {
        const res = await server.request(method, path, {
          body,
          token: signedIn ? me.token : undefined,
          headers: { 'content-type': 'application/json' },
        });
        expectRefused(res);
      }
      // A lone surrogate has no UTF-8 form, so in a URL only the NUL can be sent (percent-encoded); the other is
      // sent as the bytes a careless encoder makes of it, which must not fail either.
      const q = bad === NUL ? 'hi%00there' : 'a%ED%A0%80b';
      const search = await server.request('GET', `/api/rooms/${roomId}/search?q=${q}`, { token: me.token });
      if (bad === NUL) expectRefused(search);
      else expect(search.status).toBeLessThan(500);
      const react = await server.request('PUT', `/api/rooms/${roomId}/messages/1/reactions/${encodeURIComponent('\u0000')}`, { token: me.token });
      expectRefused(react);
    });
  }

  it('over the WebSocket: the bad frame gets a bad_frame error and the socket carries on', async () => {
    const socket = await TestSocket.open(server.url, me.token, { [roomId]: 0 });
    sockets.push(socket);
    socket.send(`{"t":"send","roomId":"${roomId}","clientMsgId":"nul1","kind":"text","body":{"text":"a\\u0000b"}}`);
    socket.send(`{"t":"send","roomId":"${roomId}","clientMsgId":"sur1","kind":"text","body":{"text":"a\\ud800b"}}`);
    socket.send({ t: 'send', roomId, clientMsgId: 'fine1', kind: 'text', body: { text: 'still here' } });
    const errors = await Promise.all(['nul1', 'sur1'].map((ref) => socket.waitFor((f) => f.t === 'error' && f.ref === ref)));
    for (const error of errors) expect(error.code).toBe('bad_frame');
    const ack = await socket.waitFor((f) => f.t === 'ack' && f.clientMsgId === 'fine1');
    expect(ack.seq).toBeGreaterThan(0);
  });

  it('the profile keeps what it had', async () => {
    const res = await server.request('GET', '/api/me', { token: me.token });
    expect(res.body.statusMessage).toBe('');
  });
});

describe('a broken multipart body is 400 on every upload route', () => {
  let seller: Person;
  let roomId: string;
  beforeAll(async () => {
    const [a, b] = await people(server, 2);
    seller = a!;
    roomId = (await groupRoom(server, a!, [b!])).id;
  });

  const bodies: Array<[string, string, string]> = [
    [
      'an unterminated body',
      'multipart/form-data; boundary=XYZ',
      '--XYZ\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\nabcdef',
    ],
    ['the wrong boundary', 'multipart/form-data; boundary=XYZ', '--ABC\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\nabc\r\n--ABC--\r\n'],
    ['no boundary at all', 'multipart/form-data', 'garbage'],
    ['a part with no headers', 'multipart/form-data; boundary=XYZ', '--XYZ\r\n\r\n\r\n--XYZ--\r\n'],
  ];

  it('for the avatar, chat media, seller images and channel pictures', async () => {
    const routes: Array<[string, string]> = [
      ['PUT', '/api/me/avatar'],
      ['POST', `/api/rooms/${roomId}/media`],
      ['POST', '/api/seller/images'],
      ['PUT', '/api/seller/channel/cover'],
    ];
    for (const [method, path] of routes) {
      for (const [, type, body] of bodies) {
        const res = await server.request(method, path, { token: seller.token, body, headers: { 'content-type': type } });
        expect(res.status, `${method} ${path}`).toBeGreaterThanOrEqual(400);
        expect(res.status, `${method} ${path}`).toBeLessThan(500);
        expect(errorStatus[res.body.code as keyof typeof errorStatus]).toBe(res.status);
      }
    }
    // The uploader's own routes still work afterwards.
    expect((await server.request('GET', '/api/me', { token: seller.token })).status).toBe(200);
  });

  it('a well-formed body carrying broken sound is 4xx on every upload route, and invalid_audio in a room', async () => {
    const sounds: Array<[string, Buffer]> = [
      ['an Ogg Opus header and then noise', Buffer.concat([Buffer.from('OggS\0\x02'), Buffer.alloc(20), Buffer.from([1, 19]), Buffer.from('OpusHead'), Buffer.alloc(400, 0xa5)])],
      ['an M4A header and nothing after it', Buffer.concat([Buffer.from([0, 0, 0, 0x20]), Buffer.from('ftypM4A '), Buffer.alloc(20)])],
      ['an MP3 frame header and then noise', Buffer.concat([Buffer.from([0xff, 0xfb, 0x90, 0x64]), Buffer.alloc(2000, 0x3c)])],
    ];
    const routes: Array<[string, string]> = [
      ['PUT', '/api/me/avatar'],
      ['POST', `/api/rooms/${roomId}/media`],
      ['POST', '/api/seller/images'],
      ['PUT', '/api/seller/channel/cover'],
    ];
    for (const [label, bytes] of sounds) {
      for (const [method, path] of routes) {
        const form = new FormData();
        form.append('file', new Blob([new Uint8Array(bytes)], { type: 'audio/mp4' }), 'voice.m4a');
        const res = await server.request(method, path, { token: seller.token, body: form });
        if (path.endsWith('/media') && !ffmpeg) {
          // Without ffmpeg, sound is shared as a plain file.
          expect(res.body.kind, label).toBe('file');
          continue;
        }
        expect(res.status, `${label}: ${method} ${path}`).toBeGreaterThanOrEqual(400);
        expect(res.status, `${label}: ${method} ${path}`).toBeLessThan(500);
        expect(errorStatus[res.body.code as keyof typeof errorStatus]).toBe(res.status);
        if (path.endsWith('/media') && ffmpeg) expect(res.body.code, label).toBe('invalid_audio');
      }
    }
  });

  it('a member uploading to their room gets 400 validation_failed, not a failure of ours', async () => {
    for (const [, type, body] of bodies) {
      const res = await server.request('POST', `/api/rooms/${roomId}/media`, { token: seller.token, body, headers: { 'content-type': type } });
      expectRefused(res);
    }
  });
});

describe('JSON nesting and long URLs', () => {
  it('a deeply nested body is refused before anything walks it, on every route that takes JSON', async () => {
    const [me] = await people(server, 1);
    for (const deep of ['['.repeat(5000) + ']'.repeat(5000), '{"a":'.repeat(5000) + '1' + '}'.repeat(5000)]) {
      for (const [method, path] of [
        ['POST', '/api/orders/ord_01j00000000000000000000000/pay'],
        ['PATCH', '/api/me'],
        ['POST', '/api/gifts/orders'],
      ] as const) {
        const res = await server.request(method, path, {
          token: me!.token,
          body: deep,
          headers: { 'content-type': 'application/json', 'idempotency-key': `deep-${Math.random()}` },
        });
        expectRefused(res);
        expect(res.body.message).toMatch(/nests deeper/);
      }
    }
    // Brackets inside strings are text, not nesting.
    const res = await server.request('PATCH', '/api/me', { token: me!.token, body: { statusMessage: '[[[[[[[[[[{{{{{{{{{{'.repeat(3) } });
    expect(res.status).toBe(200);
  });

  it('an over-long path parameter is 414 with its own code', async () => {
    const res = await server.request('GET', `/api/rooms/${'x'.repeat(5000)}`);
    expectRefused(res, 414, 'uri_too_long');
  });
});

describe('one message the database refuses fails only its own send', () => {
  it('in a batch of sends to one room, the refused message alone fails; every other is stored and acked, gapless', async () => {
    const [owner, ...others] = await people(server, 4);
    const room = await groupRoom(server, owner!, others);
    const members = [owner!, ...others];
    const memberSockets = await Promise.all(members.map((m) => TestSocket.open(server.url, m.token, { [room.id]: 0 })));
    sockets.push(...memberSockets);
    // Straight to the service, past the protocol's text rule: the closest thing to a row the database refuses. Sends
    // made in one tick wait for the room's write in flight and are then written together, so these share batches.
    const chat = server.app.services.chat;
    const as = (m: Person) => ({ kind: 'user' as const, userId: m.user.id, role: 'user' as const, sessionId: 'test', ip: '127.0.0.1' });
    const ROUNDS = 10;
    const sends: Array<Promise<string>> = [];
    for (let i = 0; i < ROUNDS; i++) {
      members.forEach((m, n) => {
        sends.push(chat.send(as(m), room.id, { clientMsgId: `s${n}-${i}`, kind: 'text', body: { text: `hello ${i}` } }).then(() => 'stored', () => 'refused'));
        if (n === 1) sends.push(chat.send(as(m), room.id, { clientMsgId: `bad-${i}`, kind: 'text', body: { text: `bad\u0000${i}` } }).then(() => 'stored (bad)', () => 'refused (bad)'));
      });
    }
    // Meanwhile the members chat over their sockets too.
    memberSockets.forEach((socket, n) => {
      for (let i = 0; i < ROUNDS; i++) socket.send({ t: 'send', roomId: room.id, clientMsgId: `w${n}-${i}`, kind: 'text', body: { text: `live ${i}` } });
    });
    const outcomes = await Promise.all(sends);
    expect(outcomes.filter((o) => o === 'refused (bad)').length).toBe(ROUNDS);
    expect(outcomes.filter((o) => o === 'stored').length).toBe(ROUNDS * members.length);
    for (const [n, socket] of memberSockets.entries()) {
      await socket.until(() => socket.of('ack').filter((a) => String(a.clientMsgId).startsWith(`w${n}-`)).length === ROUNDS, 15_000, `member ${n}'s acks`);
      expect(socket.of('error')).toEqual([]);
    }
    const history = await server.request('GET', `/api/rooms/${room.id}/messages?limit=200`, { token: owner!.token });
    const seqs = (history.body.messages as Array<{ seq: number }>).map((m) => m.seq);
    // The room's "created" notice, then every valid message and none of the refused ones, with no gap.
    expect(seqs).toEqual(Array.from({ length: 1 + 2 * ROUNDS * members.length }, (_, i) => i + 1));
  });
});

describe('requests Node cannot parse', () => {
  it('headers over the size limit are 431 with the code for it, and the server carries on', async () => {
    const res = await server.request('GET', `/api/rooms?pad=${'x'.repeat(20_000)}`);
    expectRefused(res, 431, 'headers_too_large');
    expect((await server.request('GET', '/healthz')).status).toBe(200);
  });
});
