import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/platform/clock';
import { PASSWORD, signUp, startTestServer, uniqueHandle, type TestServer } from './support/test-server';

describe('sign-up and login', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('signs up, answers the new account and a working session token', async () => {
    const handle = uniqueHandle('Mina');
    const res = await server.request('POST', '/api/auth/signup', {
      body: { handle, displayName: '  Mina  ', password: PASSWORD },
    });
    expect(res.status).toBe(201);
    expect(res.body.user).toMatchObject({ handle: handle.toLowerCase(), displayName: 'Mina', role: 'user', avatarUrl: null });
    expect(res.body.user.id).toMatch(/^usr_[0-9a-z]{26}$/);
    const me = await server.request('GET', '/api/me', { token: res.body.token });
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(res.body.user.id);
  });

  it('logs in with the right password, and gives one 401 for a wrong password or an unknown handle', async () => {
    const { handle } = await signUp(server);
    const ok = await server.request('POST', '/api/auth/login', { body: { handle, password: PASSWORD } });
    expect(ok.status).toBe(200);
    expect(ok.body.token).toEqual(expect.any(String));

    const wrong = await server.request('POST', '/api/auth/login', { body: { handle, password: 'wrong-password-1' } });
    const unknown = await server.request('POST', '/api/auth/login', {
      body: { handle: 'nobody-here', password: 'wrong-password-1' },
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    // Same code and message: the answer does not reveal which accounts exist.
    expect(unknown.body).toEqual(wrong.body);
    expect(wrong.body).toEqual({ code: 'invalid_credentials', message: expect.any(String) });
  });

  it('gives exactly one account when many people race for the same handle', async () => {
    const handle = uniqueHandle('race');
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        server.request('POST', '/api/auth/signup', { body: { handle, displayName: `R${i}`, password: PASSWORD } }),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    const rest = results.filter((r) => r.status !== 201);
    expect(rest).toHaveLength(11);
    for (const r of rest) expect(r).toMatchObject({ status: 409, body: { code: 'handle_taken' } });
  });

  it('refuses a weak password with 400 and states the rule', async () => {
    for (const password of ['short1', 'onlyletters', '1234567890']) {
      const res = await server.request('POST', '/api/auth/signup', {
        body: { handle: uniqueHandle(), displayName: 'Weak', password },
      });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('weak_password');
      expect(res.body.message).toMatch(/8 characters/);
    }
  });

  it('answers malformed JSON, wrong types, over-long fields and bad handles with 400 {code, message}', async () => {
    const cases: Array<{ body: string | object; code: string }> = [
      { body: '{"handle": "a', code: 'malformed_json' },
      { body: { handle: 42, displayName: 'X', password: PASSWORD }, code: 'validation_failed' },
      { body: { handle: uniqueHandle(), displayName: 'x'.repeat(41), password: PASSWORD }, code: 'validation_failed' },
      { body: { handle: uniqueHandle(), displayName: 'X', password: 'p1'.repeat(101) }, code: 'validation_failed' },
      { body: { handle: 'no spaces!', displayName: 'X', password: PASSWORD }, code: 'validation_failed' },
      { body: { displayName: 'X', password: PASSWORD }, code: 'validation_failed' },
      { body: [], code: 'validation_failed' },
      { body: 'null', code: 'validation_failed' },
    ];
    for (const { body, code } of cases) {
      const res = await server.request('POST', '/api/auth/signup', {
        body,
        headers: { 'content-type': 'application/json' },
      });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body).toEqual({ code, message: expect.any(String) });
    }
    const tooBig = await server.request('POST', '/api/auth/login', {
      body: JSON.stringify({ handle: 'x', password: 'y'.repeat(2 * 1024 * 1024) }),
      headers: { 'content-type': 'application/json' },
    });
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.code).toBe('payload_too_large');
    const health = await server.request('GET', '/healthz');
    expect(health.status).toBe(200);
  });

  it('lets a user change display name and status message', async () => {
    const { token } = await signUp(server);
    const res = await server.request('PATCH', '/api/me', {
      token,
      body: { displayName: 'New Name', statusMessage: 'On holiday 🌴' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ displayName: 'New Name', statusMessage: 'On holiday 🌴' });
    const empty = await server.request('PATCH', '/api/me', { token, body: {} });
    expect(empty.status).toBe(400);
  });
});

describe('login rate limit', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ LOGIN_LIMIT_PER_HANDLE: '3', LOGIN_LIMIT_PER_IP: '25' });
  });
  afterAll(() => server.close());

  it('answers 429 with retry-after once an address has too many attempts on a handle, even with the right password', async () => {
    const { handle } = await signUp(server);
    for (let i = 0; i < 3; i++) {
      const res = await server.request('POST', '/api/auth/login', { body: { handle, password: 'wrong-password-1' } });
      expect(res.status).toBe(401);
    }
    const limited = await server.request('POST', '/api/auth/login', { body: { handle, password: PASSWORD } });
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('rate_limited');
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(900);
  });

  it('counts parallel attempts exactly: no more than the limit get through', async () => {
    const { handle } = await signUp(server);
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        server.request('POST', '/api/auth/login', { body: { handle, password: 'wrong-password-1' } }),
      ),
    );
    expect(results.filter((r) => r.status === 401)).toHaveLength(3);
    expect(results.filter((r) => r.status === 429)).toHaveLength(7);
  });

});

describe('login attempts from another address', () => {
  const login = (server: TestServer, from: string, handle: string, password: string) =>
    server.request('POST', '/api/auth/login', { from, body: { handle, password } });

  describe('one guessing address', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer({ LOGIN_LIMIT_PER_HANDLE: '5' });
    });
    afterAll(() => server.close());

    it('holds back the guessing address, while the owner signs in from theirs and from a new one', async () => {
      const { handle } = await signUp(server);
      for (let i = 0; i < 5; i++) expect((await login(server, '127.0.0.2', handle, 'wrong-password-1')).status).toBe(401);
      expect((await login(server, '127.0.0.2', handle, 'wrong-password-1')).status).toBe(429);

      const owner = await login(server, '127.0.0.1', handle, PASSWORD);
      expect(owner.status).toBe(200);
      expect((await server.request('GET', '/api/me', { token: owner.body.token })).body.handle).toBe(handle.toLowerCase());
      expect((await login(server, '127.0.0.3', handle, PASSWORD)).status).toBe(200);

      const attacker = await login(server, '127.0.0.2', handle, PASSWORD);
      expect(attacker.status).toBe(429);
      expect(attacker.body.code).toBe('rate_limited');
      expect(Number(attacker.headers.get('retry-after'))).toBeGreaterThan(0);
    });
  });

  describe('guesses spread over many addresses', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer({ LOGIN_LIMIT_PER_HANDLE: '2', LOGIN_LIMIT_PER_HANDLE_FROM_NEW_ADDRESSES: '4' });
    });
    afterAll(() => server.close());

    it('caps the handle for addresses it has not signed in from, but not for the owner’s own', async () => {
      const { handle } = await signUp(server);
      for (const from of ['127.0.0.2', '127.0.0.3']) {
        for (let i = 0; i < 2; i++) expect((await login(server, from, handle, 'wrong-password-1')).status).toBe(401);
      }
      // Four guesses from new addresses: a fifth new address is refused, right password or not.
      const fresh = await login(server, '127.0.0.4', handle, PASSWORD);
      expect(fresh.status).toBe(429);
      expect(fresh.body.code).toBe('rate_limited');
      expect((await login(server, '127.0.0.5', handle, 'wrong-password-1')).status).toBe(429);
      // The owner signed up from 127.0.0.1, so that address is theirs and still gets in; that does not reopen the others.
      expect((await login(server, '127.0.0.1', handle, PASSWORD)).status).toBe(200);
      expect((await login(server, '127.0.0.6', handle, 'wrong-password-1')).status).toBe(429);
      // Another handle is not affected.
      const other = await signUp(server);
      expect((await login(server, '127.0.0.7', other.handle, PASSWORD)).status).toBe(200);
    });
  });
});

describe('login rate limit per address', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ LOGIN_LIMIT_PER_IP: '5' });
  });
  afterAll(() => server.close());

  it('limits one address across many handles', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await server.request('POST', '/api/auth/login', {
        body: { handle: uniqueHandle('ghost'), password: 'wrong-password-1' },
      });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
  });
});

describe('sign-up rate limit per address', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ SIGNUP_LIMIT_PER_IP: '3' });
  });
  afterAll(() => server.close());

  const signUpFrom = (from: string) =>
    server.request('POST', '/api/auth/signup', { from, body: { handle: uniqueHandle('new'), displayName: 'New', password: PASSWORD } });

  it('answers 429 with retry-after once an address has made its accounts for the window; another address still signs up', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await signUpFrom('127.0.0.1')).status);
    expect(statuses).toEqual([201, 201, 201]);
    const limited = await signUpFrom('127.0.0.1');
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('rate_limited');
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect((await signUpFrom('127.0.0.2')).status).toBe(201);
  });

  it('counts parallel sign-ups exactly', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, () => signUpFrom('127.0.0.3')));
    expect(results.filter((r) => r.status === 201)).toHaveLength(3);
    expect(results.filter((r) => r.status === 429)).toHaveLength(5);
  });
});

describe('sessions', () => {
  const clock = new ManualClock(new Date('2026-03-01T09:00:00Z'));
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ SESSION_TTL_DAYS: '30' }, { clock });
  });
  afterAll(() => server.close());

  const login = async (handle: string, agent: string) => {
    const res = await server.request('POST', '/api/auth/login', {
      body: { handle, password: PASSWORD },
      headers: { 'user-agent': agent },
    });
    expect(res.status).toBe(200);
    return res.body.token as string;
  };

  it('lists devices and logs out other devices', async () => {
    const { handle, token: first } = await signUp(server);
    const phone = await login(handle, 'Mozilla/5.0 (Linux; Android 14) Chrome/130.0 Mobile');
    const laptop = await login(handle, 'Mozilla/5.0 (Macintosh; Mac OS X 14_0) Firefox/131.0');

    const list = await server.request('GET', '/api/sessions', { token: phone });
    expect(list.status).toBe(200);
    expect(list.body.sessions).toHaveLength(3);
    expect(list.body.sessions.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
    expect(list.body.sessions.map((s: { deviceName: string }) => s.deviceName)).toContain('Chrome on Android');

    const revoked = await server.request('POST', '/api/sessions/revoke-others', { token: phone });
    expect(revoked.body).toEqual({ revoked: 2 });
    expect((await server.request('GET', '/api/me', { token: laptop })).status).toBe(401);
    expect((await server.request('GET', '/api/me', { token: first })).status).toBe(401);
    expect((await server.request('GET', '/api/me', { token: phone })).status).toBe(200);
  });

  it('revokes one device, but never another user’s', async () => {
    const alice = await signUp(server);
    const bob = await signUp(server);
    const bobSessions = await server.request('GET', '/api/sessions', { token: bob.token });
    const bobSession = bobSessions.body.sessions[0].id as string;

    const stranger = await server.request('DELETE', `/api/sessions/${bobSession}`, { token: alice.token });
    expect(stranger.status).toBe(404);
    expect((await server.request('GET', '/api/me', { token: bob.token })).status).toBe(200);

    const own = await server.request('DELETE', `/api/sessions/${bobSession}`, { token: bob.token });
    expect(own.status).toBe(204);
    expect((await server.request('GET', '/api/me', { token: bob.token })).status).toBe(401);
  });

  it('refuses a revoked session to every request sent after the revocation answered, while requests with it race', async () => {
    const { handle, token } = await signUp(server);
    const phone = await login(handle, 'Mozilla/5.0 (Linux; Android 14) Chrome/130.0 Mobile');
    const mine = await server.request('GET', '/api/sessions', { token });
    const sessionId = (mine.body.sessions as Array<{ id: string; current: boolean }>).find((s) => s.current)!.id;

    // Eight clients use the token back to back, before, during and after its revocation from the phone.
    const sent: Array<{ at: number; status: number }> = [];
    let stop = false;
    let revokedAt = Infinity;
    const clients = Array.from({ length: 8 }, async () => {
      while (!stop) {
        const at = performance.now();
        sent.push({ at, status: (await server.request('GET', '/api/me', { token })).status });
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 150));
    const revoked = await server.request('DELETE', `/api/sessions/${sessionId}`, { token: phone });
    revokedAt = performance.now();
    expect(revoked.status).toBe(204);
    await new Promise((resolve) => setTimeout(resolve, 300));
    stop = true;
    await Promise.all(clients);

    const before = sent.filter((r) => r.at < revokedAt);
    const after = sent.filter((r) => r.at > revokedAt);
    expect(before.some((r) => r.status === 200)).toBe(true);
    expect(after.length).toBeGreaterThan(8);
    expect(after.filter((r) => r.status !== 401)).toEqual([]);
    expect(sent.every((r) => r.status === 200 || r.status === 401)).toBe(true);
    expect((await server.request('GET', '/api/me', { token: phone })).status).toBe(200);
  });

  it('logs out: the token stops working', async () => {
    const { token } = await signUp(server);
    expect((await server.request('POST', '/api/auth/logout', { token })).status).toBe(204);
    const after = await server.request('GET', '/api/me', { token });
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('unauthorized');
  });

  it('expires a session after its time to live', async () => {
    const { token } = await signUp(server);
    clock.advance(29 * 24 * 3600 * 1000);
    expect((await server.request('GET', '/api/me', { token })).status).toBe(200);
    clock.advance(2 * 24 * 3600 * 1000);
    expect((await server.request('GET', '/api/me', { token })).status).toBe(401);
  });
});
