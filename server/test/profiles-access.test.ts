import { profilesApi } from '@maum/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/platform/clock';
import { giftSteps, key } from './support/gifts';
import { circle, dayOf, pictureForm, profileSteps, shopProduct, type Answer, type Circle, type Json } from './support/profiles';
import { startTestServer, type TestServer } from './support/test-server';

// Every profile-space route, and a gift for an event, tried by each kind of caller of one owner's space: the owner, a
// friend, a friend on the list the guarded blocks and event are shown to, a stranger, someone the owner blocked and
// someone not signed in. The guestbook, the photo strip and the event are shown to the list, so a friend who is not
// on it is refused where the listed friend is let in. The table records each answer as `ok` (2xx) or its status.

const clock = new ManualClock(new Date('2026-09-01T10:00:00Z'));
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({}, { clock });
});
afterAll(() => server.close());

// Within each route the owner goes last, so what the owner alone may undo is still there for everyone before.
const roles = ['anonymous', 'blocked', 'stranger', 'friend', 'listed', 'owner'] as const;
type Role = (typeof roles)[number];
type Row = Record<Role, string>;
const verdict = (status: number) => (status >= 200 && status < 300 ? 'ok' : String(status));

interface World {
  c: Circle;
  /** The event, shown to the list; another the owner changes and removes. */
  eventId: string;
  spareEventId: string;
  photoId: string;
  sparePhotoId: string;
  spareListId: string;
  /** Entries by `favourite` (on the list too): public, and secret; and the listed friend's secret one. */
  open: Json;
  secret: Json;
  listedSecret: Json;
  /** Entries by the listed friend for the delete rows: one they delete themselves, one the owner does. */
  listedOwn: Json;
  listedForOwner: Json;
  product: { id: string; options: Array<{ values: string[] }> };
  /** The owner's blocks: feeling and events to friends, the guestbook and the photo strip to the list. */
  blocks: Json[];
}

async function makeWorld(): Promise<World> {
  const c = await circle(server);
  const { ok, call, decorate, addEvent, signOk } = profileSteps(server);
  // The favourite is on the list too, to write the entries that the listed friend may see but did not write.
  await ok(call(c.owner, 'PUT', `/api/profile/lists/${c.listId}`, { name: 'Close', memberIds: [c.listed.user.id, c.favourite.user.id] }), 200, 'list');
  const list = { kind: 'list', listId: c.listId };
  const blocks = [
    { kind: 'feeling', audience: { kind: 'friends' } },
    { kind: 'events', audience: { kind: 'friends' } },
    { kind: 'guestbook', audience: list },
    { kind: 'photos', audience: list },
  ];
  await ok(decorate(c.owner, { blocks }), 200, 'decorate');
  const event = await addEvent(c.owner, dayOf(clock, 3), { audience: list });
  const spare = await addEvent(c.owner, dayOf(clock, 6), { kind: 'trip', title: 'Spare', yearly: false });
  const photo = await ok(call(c.owner, 'POST', '/api/profile/photos', await pictureForm('#123')), 201, 'photo');
  const sparePhoto = await ok(call(c.owner, 'POST', '/api/profile/photos', await pictureForm('#321')), 201, 'photo');
  const spareList = await ok(call(c.owner, 'POST', '/api/profile/lists', { name: 'Spare', memberIds: [] }), 201, 'list');
  const open = await signOk(c.favourite, c.owner, { text: 'An open wish', eventId: event.id });
  const secret = await signOk(c.favourite, c.owner, { text: 'A secret wish from the favourite', secret: true, eventId: event.id });
  const listedSecret = await signOk(c.listed, c.owner, { text: 'A secret note from the listed friend', secret: true });
  const listedOwn = await signOk(c.listed, c.owner, { text: 'To be taken back' });
  const listedForOwner = await signOk(c.listed, c.owner, { text: 'To be taken down' });
  // Past the guestbook's rate-limit window, so the rows that sign start afresh.
  clock.advance(61_000);

  const gifts = giftSteps(server);
  const product = await shopProduct(server);
  for (const p of [c.owner, c.friend, c.listed, c.stranger, c.blocked]) await gifts.fund(p, 100_000);
  return { c, eventId: event.id, spareEventId: spare.id, photoId: photo.id, sparePhotoId: sparePhoto.id, spareListId: spareList.id, open, secret, listedSecret, listedOwn, listedForOwner, product, blocks };
}

describe('the profile spaces access matrix', () => {
  it('lets each caller do exactly what their standing with the owner allows, by every route', async () => {
    const w = await makeWorld();
    const { c } = w;
    const person = { blocked: c.blocked, stranger: c.stranger, friend: c.friend, listed: c.listed, owner: c.owner };
    const token = (role: Role) => (role === 'anonymous' ? undefined : person[role].token);
    const o = `/api/profiles/${c.owner.user.id}`;
    const entry = (e: Json) => `${o}/guestbook/${e.id}`;
    const giftOrder = {
      productId: w.product.id,
      option: w.product.options[0]?.values[0],
      recipientIds: [c.owner.user.id],
      card: { template: 'birthday', text: 'For your day' },
      occasion: { profileEventId: w.eventId },
    };

    // Name, method, path (or the path for each role), body (or a maker of it), and whether it takes an idempotency
    // key. Routes that change things come last.
    type Target = string | ((role: Role) => string);
    const routes: Array<[string, string, Target, unknown, 'idempotent'?]> = [
      // Anyone's space, as the caller may see it.
      ['space', 'GET', o, undefined],
      ['photo', 'GET', `${o}/photos/${w.photoId}`, undefined],
      ['guestbook', 'GET', `${o}/guestbook`, undefined],
      ['guestbook of the event', 'GET', `${o}/guestbook?eventId=${w.eventId}`, undefined],
      ['wall', 'GET', `${o}/events/${w.eventId}/wall`, undefined],
      ['upcoming', 'GET', '/api/profiles/upcoming-events', undefined],
      // The caller's own space.
      ['lists', 'GET', '/api/profile/lists', undefined],
      ['notices', 'GET', '/api/profile/notices', undefined],
      ['export', 'GET', '/api/profile/export', undefined],
      ['readNotices', 'POST', '/api/profile/notices/read', undefined],
      ['decorate', 'PATCH', '/api/profile/space', { theme: 'sea', showVisitors: true }],
      ['decorate with the owner’s list', 'PATCH', '/api/profile/space', { blocks: w.blocks }],
      ['setCover', 'PUT', '/api/profile/cover', () => pictureForm('#456')],
      ['addPhoto', 'POST', '/api/profile/photos', () => pictureForm('#654')],
      ['setFeeling', 'PUT', '/api/profile/feeling', { emoji: '🙂', text: 'Fine' }],
      ['clearFeeling', 'DELETE', '/api/profile/feeling', undefined],
      ['addEvent', 'POST', '/api/profile/events', { kind: 'other', title: 'Something', date: dayOf(clock, 4), yearly: false, audience: { kind: 'friends' } }],
      ['updateEvent', 'PATCH', `/api/profile/events/${w.spareEventId}`, { title: 'Changed' }],
      ['addList', 'POST', '/api/profile/lists', { name: 'Mine', memberIds: [] }],
      ['updateList', 'PUT', `/api/profile/lists/${w.spareListId}`, { name: 'Renamed', memberIds: [] }],
      // Doing things on the owner's space.
      ['follow', 'PUT', `${o}/follow`, { events: true }],
      ['sign', 'POST', `${o}/guestbook`, { text: 'Hello from the matrix' }],
      ['sign for the event', 'POST', `${o}/guestbook`, { text: 'Happy day', eventId: w.eventId }],
      ['sign a secret', 'POST', `${o}/guestbook`, { text: 'Psst', secret: true }],
      ['celebrate', 'PUT', `${o}/events/${w.eventId}/celebration`, { reaction: 'party' }],
      ['uncelebrate', 'DELETE', `${o}/events/${w.eventId}/celebration`, undefined],
      ['reply to an open entry', 'PUT', `${entry(w.open)}/reply`, { text: 'Thanks' }],
      ['reply to a secret entry', 'PUT', `${entry(w.secret)}/reply`, { text: 'Thanks' }],
      ['reply to the listed friend’s secret', 'PUT', `${entry(w.listedSecret)}/reply`, { text: 'Thanks' }],
      ['gift for the event', 'POST', '/api/gifts', giftOrder, 'idempotent'],
      // Undoing.
      ['removePhoto', 'DELETE', `/api/profile/photos/${w.sparePhotoId}`, undefined],
      ['removeEvent', 'DELETE', `/api/profile/events/${w.spareEventId}`, undefined],
      ['removeList', 'DELETE', `/api/profile/lists/${w.spareListId}`, undefined],
      ['unsign a secret entry', 'DELETE', entry(w.secret), undefined],
      ['unsign an open entry', 'DELETE', entry(w.open), undefined],
      ['unsign one’s own entry', 'DELETE', (role) => entry(role === 'owner' ? w.listedForOwner : w.listedOwn), undefined],
    ];

    // Every route of the contract is in the table.
    const covered = new Set(routes.map(([, method, path]) => `${method} ${typeof path === 'string' ? path : path('friend')}`));
    const pattern = (path: string) => new RegExp(`^${path.replace(/:\w+/g, '[^/?]+')}(\\?.*)?$`);
    for (const [name, e] of Object.entries(profilesApi)) {
      expect([...covered].some((route) => route.startsWith(`${e.method} `) && pattern(e.path).test(route.slice(e.method.length + 1))), name).toBe(true);
    }

    const actual: Record<string, Row> = {};
    for (const [name, method, path, body, idempotent] of routes) {
      actual[name] = {} as Row;
      for (const role of roles) {
        const payload = typeof body === 'function' ? await (body as () => unknown)() : body;
        const headers: Record<string, string> = idempotent ? { 'idempotency-key': key() } : {};
        const res: Answer = await server.request(method, typeof path === 'string' ? path : path(role), { token: token(role), body: payload, headers });
        actual[name][role] = verdict(res.status);
        if (res.status >= 500) actual[name][role] += ` ${JSON.stringify(res.body).slice(0, 120)}`;
      }
    }

    const signedIn: Row = { anonymous: '401', blocked: 'ok', stranger: 'ok', friend: 'ok', listed: 'ok', owner: 'ok' };
    const mineOnly: Row = { anonymous: '401', blocked: '404', stranger: '404', friend: '404', listed: '404', owner: 'ok' };
    const visible: Row = { anonymous: '401', blocked: '404', stranger: 'ok', friend: 'ok', listed: 'ok', owner: 'ok' };
    const onList: Row = { anonymous: '401', blocked: '404', stranger: '404', friend: '404', listed: 'ok', owner: 'ok' };
    const visitorOnList: Row = { ...onList, owner: '403' };
    const ownerReplies: Row = { ...onList, listed: '403' };
    expect(actual).toEqual({
      space: visible,
      photo: onList,
      guestbook: onList,
      'guestbook of the event': onList,
      wall: onList,
      upcoming: signedIn,
      lists: signedIn,
      notices: signedIn,
      export: signedIn,
      readNotices: signedIn,
      decorate: signedIn,
      // Someone else's list cannot be an audience.
      'decorate with the owner’s list': { anonymous: '401', blocked: '400', stranger: '400', friend: '400', listed: '400', owner: 'ok' },
      setCover: signedIn,
      addPhoto: signedIn,
      setFeeling: signedIn,
      clearFeeling: signedIn,
      addEvent: signedIn,
      updateEvent: mineOnly,
      addList: signedIn,
      updateList: mineOnly,
      follow: { ...visible, owner: '403' },
      sign: visitorOnList,
      'sign for the event': visitorOnList,
      'sign a secret': visitorOnList,
      celebrate: visitorOnList,
      // The owner has no celebration of their own to take back: it answers the counts, as to anyone who has none.
      uncelebrate: { ...onList, owner: 'ok' },
      'reply to an open entry': ownerReplies,
      // The listed friend cannot see the favourite's secret entry: it does not exist for them.
      'reply to a secret entry': { ...onList, listed: '404' },
      'reply to the listed friend’s secret': ownerReplies,
      // The owner cannot give themselves a gift; the others who cannot see the event (the blocked too) are told it does
      // not exist.
      'gift for the event': { anonymous: '401', blocked: '404', stranger: '404', friend: '404', listed: 'ok', owner: '400' },
      removePhoto: mineOnly,
      removeEvent: mineOnly,
      removeList: mineOnly,
      'unsign a secret entry': { ...onList, listed: '404' },
      'unsign an open entry': { ...onList, listed: '403' },
      'unsign one’s own entry': onList,
    });
  }, 120_000);

  it('shows secret entries only to their writer and the owner, by every route that can reveal an entry', async () => {
    const w = await makeWorld();
    const { c } = w;
    const { call, wall, guestbook, space, sign, reply, exported } = profileSteps(server);
    // A visitor's entry and the owner's answers, so the writer's and the owner's replies show as well.
    expect((await reply(c.owner, c.owner, w.secret.id, 'An answer to the favourite')).status).toBe(200);
    expect((await reply(c.owner, c.owner, w.listedSecret.id, 'An answer to the listed friend')).status).toBe(200);
    const favouriteSecret = [w.secret.id, 'A secret wish from the favourite', 'An answer to the favourite'];
    const listedSecret = [w.listedSecret.id, 'A secret note from the listed friend', 'An answer to the listed friend'];

    /** Everything each route that can show an entry answers this caller. */
    const everything = async (role: Exclude<Role, 'anonymous'>) => {
      const p = { blocked: c.blocked, stranger: c.stranger, friend: c.friend, listed: c.listed, owner: c.owner }[role];
      const seen: unknown[] = [
        (await space(p, c.owner)).body,
        (await guestbook(p, c.owner)).body,
        (await guestbook(p, c.owner, `?eventId=${w.eventId}`)).body,
        (await guestbook(p, c.owner, `?before=${w.listedForOwner.id}`)).body,
        (await wall(p, c.owner, w.eventId)).body,
        (await call(p, 'GET', '/api/profile/notices')).body,
        (await call(p, 'GET', '/api/profiles/upcoming-events')).body,
        (await exported(p)).profile,
        (await reply(p, c.owner, w.secret.id, 'Trying')).body,
        (await reply(p, c.owner, w.listedSecret.id, 'Trying')).body,
        (await call(p, 'DELETE', `/api/profiles/${c.owner.user.id}/guestbook/${role === 'owner' || role === 'listed' ? 'pgb_00000000000000000000000000' : w.secret.id}`)).body,
      ];
      return JSON.stringify(seen);
    };
    const shows = (seen: string, facts: string[]) => facts.map((f) => seen.includes(f));
    const table: Record<string, { favourite: boolean[]; listed: boolean[] }> = {};
    for (const role of ['blocked', 'stranger', 'friend', 'listed', 'owner'] as const) {
      const seen = await everything(role);
      table[role] = { favourite: shows(seen, favouriteSecret), listed: shows(seen, listedSecret) };
    }
    const all = [true, true, true];
    const none = [false, false, false];
    expect(table).toEqual({
      blocked: { favourite: none, listed: none },
      stranger: { favourite: none, listed: none },
      friend: { favourite: none, listed: none },
      listed: { favourite: none, listed: all },
      owner: { favourite: all, listed: all },
    });

    // What each can count: the listed friend four open entries and their own secret, the owner every one.
    const count = async (p: Json) => ((await space(p, c.owner)).body.blocks as Json[]).find((b) => b.kind === 'guestbook')?.count;
    expect({ listed: await count(c.listed), owner: await count(c.owner), friend: await count(c.friend) }).toEqual({ listed: 4, owner: 5, friend: undefined });
    // A secret entry written for the event is on the wall for the owner and its writer alone.
    const wallEntries = async (p: Json) => ((await wall(p, c.owner, w.eventId)).body.entries as Json[]).map((e) => e.id).sort();
    expect(await wallEntries(c.favourite)).toEqual([w.open.id, w.secret.id].sort());
    expect(await wallEntries(c.owner)).toEqual([w.open.id, w.secret.id].sort());
    expect(await wallEntries(c.listed)).toEqual([w.open.id]);
    // Signing answers the writer their own entry, secret and all.
    const signed = await sign(c.listed, c.owner, { text: 'Another secret', secret: true });
    expect(signed.body).toMatchObject({ secret: true, text: 'Another secret', canDelete: true });
  }, 60_000);
});
