import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, startTestServer, type TestServer } from './support/test-server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

type Person = Awaited<ReturnType<typeof signUp>>;
const friendsOf = async (p: Person, query = '') =>
  (await server.request('GET', `/api/friends${query}`, { token: p.token })).body.friends as Array<{
    user: { handle: string; id: string };
    favourite: boolean;
    hidden: boolean;
    mutual: boolean;
  }>;
const handles = (list: Array<{ user: { handle: string } } | { handle: string }>) =>
  list.map((f) => ('user' in f ? f.user.handle : f.handle));
const add = (p: Person, body: object) => server.request('POST', '/api/friends', { token: p.token, body });

describe('friends', () => {
  it('adds one way by handle; the other person sees it under "people who added you" and can add back', async () => {
    const ara = await signUp(server);
    const bo = await signUp(server);
    const added = await add(ara, { handle: bo.handle });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ user: { handle: bo.handle }, favourite: false, hidden: false, mutual: false });

    expect(handles(await friendsOf(ara))).toEqual([bo.handle]);
    expect(await friendsOf(bo)).toEqual([]);
    const addedMe = await server.request('GET', '/api/friends/added-me', { token: bo.token });
    expect(handles(addedMe.body.users)).toEqual([ara.handle]);

    const back = await add(bo, { handle: ara.handle });
    expect(back.body.mutual).toBe(true);
    expect((await server.request('GET', '/api/friends/added-me', { token: bo.token })).body.users).toEqual([]);
    expect((await friendsOf(ara))[0]!.mutual).toBe(true);

    // Adding again changes nothing and is not an error.
    expect((await add(ara, { handle: bo.handle })).status).toBe(201);
    expect(await friendsOf(ara)).toHaveLength(1);
  });

  it('adds by the code in a friend QR, and a renewed code retires the old one', async () => {
    const cho = await signUp(server);
    const dae = await signUp(server);
    const profile = await server.request('GET', `/api/friend-codes/${dae.user.friendCode}`, { token: cho.token });
    expect(profile.status).toBe(200);
    expect(profile.body.handle).toBe(dae.handle);
    expect((await add(cho, { code: dae.user.friendCode })).status).toBe(201);

    const renewed = await server.request('POST', '/api/me/friend-code', { token: dae.token });
    expect(renewed.body.friendCode).not.toBe(dae.user.friendCode);
    const eun = await signUp(server);
    const stale = await add(eun, { code: dae.user.friendCode });
    expect(stale.status).toBe(404);
    expect((await add(eun, { code: renewed.body.friendCode })).status).toBe(201);
  });

  it('refuses to add yourself or someone who does not exist', async () => {
    const fay = await signUp(server);
    expect((await add(fay, { handle: fay.handle })).body.code).toBe('cannot_add_self');
    const ghost = await add(fay, { handle: 'nosuchperson' });
    expect(ghost.status).toBe(404);
    expect(ghost.body.code).toBe('not_found');
    expect((await add(fay, { handle: 'x', code: 'y' })).status).toBe(400);
  });

  it('searches, puts favourites first and keeps hidden friends apart', async () => {
    const gil = await signUp(server);
    const people = [
      await signUp(server, undefined, 'Yuna Park'),
      await signUp(server, undefined, 'Minho Kim'),
      await signUp(server, undefined, 'Yuri Lee'),
    ];
    for (const p of people) await add(gil, { handle: p.handle });

    expect(handles(await friendsOf(gil, '?q=yu'))).toEqual([people[0]!.handle, people[2]!.handle]);
    expect(handles(await friendsOf(gil, '?q=KIM'))).toEqual([people[1]!.handle]);
    expect(await friendsOf(gil, '?q=%25')).toEqual([]);

    const fav = await server.request('PATCH', `/api/friends/${people[2]!.user.id}`, {
      token: gil.token,
      body: { favourite: true },
    });
    expect(fav.body.favourite).toBe(true);
    expect(handles(await friendsOf(gil))[0]).toBe(people[2]!.handle);

    await server.request('PATCH', `/api/friends/${people[1]!.user.id}`, { token: gil.token, body: { hidden: true } });
    expect(handles(await friendsOf(gil))).not.toContain(people[1]!.handle);
    expect(handles(await friendsOf(gil, '?hidden=true'))).toEqual([people[1]!.handle]);

    const removed = await server.request('DELETE', `/api/friends/${people[0]!.user.id}`, { token: gil.token });
    expect(removed.status).toBe(204);
    expect(handles(await friendsOf(gil))).toEqual([people[2]!.handle]);
  });

  it('blocks: the blocked person can neither see the profile nor add, and learns nothing', async () => {
    const hana = await signUp(server);
    const ivan = await signUp(server);
    await add(hana, { handle: ivan.handle });
    await add(ivan, { handle: hana.handle });

    expect((await server.request('PUT', `/api/blocks/${ivan.user.id}`, { token: hana.token })).status).toBe(204);
    expect(handles(await friendsOf(hana))).toEqual([]);
    expect(handles((await server.request('GET', '/api/blocks', { token: hana.token })).body.users)).toEqual([
      ivan.handle,
    ]);

    // Ivan sees the same 404 as for someone who does not exist.
    const profile = await server.request('GET', `/api/users/${hana.handle}`, { token: ivan.token });
    expect(profile.status).toBe(404);
    expect(profile.body).toEqual((await server.request('GET', '/api/users/nobodyatall', { token: ivan.token })).body);
    expect((await server.request('GET', `/api/friend-codes/${hana.user.friendCode}`, { token: ivan.token })).status).toBe(404);
    expect((await add(ivan, { handle: hana.handle })).status).toBe(404);
    expect((await add(ivan, { code: hana.user.friendCode })).status).toBe(404);

    // Hana cannot add Ivan while he is blocked; after unblocking she can.
    expect((await add(hana, { handle: ivan.handle })).body.code).toBe('user_blocked');
    expect((await server.request('DELETE', `/api/blocks/${ivan.user.id}`, { token: hana.token })).status).toBe(204);
    expect((await server.request('GET', `/api/users/${hana.handle}`, { token: ivan.token })).status).toBe(200);
    expect((await add(hana, { handle: ivan.handle })).status).toBe(201);
  });

  it('only lets a user change their own friend list', async () => {
    const jin = await signUp(server);
    const kai = await signUp(server);
    const lee = await signUp(server);
    await add(jin, { handle: kai.handle });
    // Lee has no friendship with Kai: the same ids do nothing for him.
    expect((await server.request('PATCH', `/api/friends/${kai.user.id}`, { token: lee.token, body: { favourite: true } })).status).toBe(404);
    expect((await server.request('DELETE', `/api/friends/${kai.user.id}`, { token: lee.token })).status).toBe(404);
    expect((await server.request('DELETE', `/api/blocks/${kai.user.id}`, { token: lee.token })).status).toBe(404);
    expect((await friendsOf(jin))[0]!.favourite).toBe(false);
    expect((await server.request('PUT', '/api/blocks/usr_01j00000000000000000000000', { token: lee.token })).status).toBe(404);
    expect((await server.request('PUT', '/api/blocks/not-an-id', { token: lee.token })).status).toBe(400);
  });

  it('keeps one row per pair when both add each other many times at once', async () => {
    const mo = await signUp(server);
    const ni = await signUp(server);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? add(mo, { handle: ni.handle }) : add(ni, { handle: mo.handle }))),
    );
    expect(results.every((r) => r.status === 201)).toBe(true);
    expect(await friendsOf(mo)).toHaveLength(1);
    expect(await friendsOf(ni)).toHaveLength(1);
    expect((await friendsOf(mo))[0]!.mutual).toBe(true);
  });
});
