import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/platform/clock';
import { befriend, people, type Person } from './support/chat';
import { giftSteps } from './support/gifts';
import { circle, dayOf, eventually, messagesFrom, pictureForm, profileSteps, shopProduct, type Json } from './support/profiles';
import { signIn, startServerProcess, startTestServer, testEngine, type TestServer } from './support/test-server';
import { TestSocket } from './support/ws-client';

// Profile spaces as their owners and visitors see them: who sees which block and event, secret guestbook entries,
// celebrations and the visitor counter under concurrency, feelings that fade, event cards on the day, gifts for an
// event, notices and the export. The server runs on a clock the tests move; its scheduler ticks every 50 ms.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const clock = new ManualClock(new Date('2026-09-01T10:00:00Z'));
let server: TestServer;
const sockets: TestSocket[] = [];
beforeAll(async () => {
  server = await startTestServer({ SCHEDULER_INTERVAL_SECONDS: '0.05' }, { clock });
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await server.close();
});

const steps = () => profileSteps(server);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const ids = (items: Json[]) => items.map((x) => x.id as string);
const kinds = (blocks: Record<string, Json>) => Object.keys(blocks);
/** Moves the clock to `hour` o'clock (UTC) of the day `days` from its today. */
const toDay = (days: number, hour = 10) => clock.set(new Date(`${dayOf(clock, days)}T${String(hour).padStart(2, '0')}:00:00Z`));

/** Two people who have added each other. */
async function mutual(a: Person, ...others: Person[]) {
  await befriend(server, a, ...others);
  for (const o of others) await befriend(server, o, a);
}

describe('a space before decorating', () => {
  it('has the default look and blocks, shown to friends, hidden from strangers and absent for the blocked', async () => {
    const c = await circle(server);
    const { space } = steps();
    const own = await space(c.owner, c.owner);
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({
      owner: { id: c.owner.user.id, handle: c.owner.handle },
      relation: 'owner',
      cover: { kind: 'theme', theme: 'plain' },
      background: { colour: '#ffffff', pattern: 'none' },
      stickers: [],
      showVisitors: true,
      visitors: { today: 0, total: 0 },
      followingEvents: false,
    });
    expect(own.body.blocks.map((b: Json) => [b.kind, b.audience])).toEqual([
      ['feeling', { kind: 'friends' }],
      ['events', { kind: 'friends' }],
      ['guestbook', { kind: 'friends' }],
      ['wishlist', { kind: 'friends' }],
    ]);
    expect(own.body.blocks[0].feeling).toBeNull();
    expect(own.body.blocks[1].events).toEqual([]);
    expect(own.body.blocks[2].count).toBe(0);

    const seen = await space(c.friend, c.owner);
    expect(seen.body.relation).toBe('friend');
    expect(seen.body.blocks.map((b: Json) => [b.kind, b.audience])).toEqual([
      ['feeling', null],
      ['events', null],
      ['guestbook', null],
      ['wishlist', null],
    ]);
    const stranger = await space(c.stranger, c.owner);
    expect(stranger.status).toBe(200);
    expect(stranger.body).toMatchObject({ relation: 'stranger', blocks: [] });
    const blocked = await space(c.blocked, c.owner);
    expect({ status: blocked.status, code: blocked.body.code }).toEqual({ status: 404, code: 'not_found' });
    const anonymous = await space(undefined, c.owner);
    expect({ status: anonymous.status, code: anonymous.body.code }).toEqual({ status: 401, code: 'unauthorized' });
  });
});

describe('audiences', () => {
  it('show each block to exactly the people its audience admits, after changes and after a list is deleted', async () => {
    const c = await circle(server);
    const [hidden] = await people(server, 1);
    await befriend(server, hidden!, c.owner);
    await befriend(server, c.owner, hidden!);
    expect((await server.request('PATCH', `/api/friends/${hidden!.user.id}`, { token: c.owner.token, body: { hidden: true } })).status).toBe(200);
    const { decorate, blocks, space } = steps();
    const list = { kind: 'list', listId: c.listId };
    const first = await decorate(c.owner, {
      blocks: [
        { kind: 'feeling', audience: { kind: 'everyone' } },
        { kind: 'events', audience: { kind: 'friends' } },
        { kind: 'guestbook', audience: { kind: 'favourites' } },
        { kind: 'wishlist', audience: list },
        { kind: 'music', audience: { kind: 'only_me' } },
      ],
      music: { url: 'https://music.example.com/track/1', title: 'Spring day' },
    });
    expect(first.status).toBe(200);
    expect(first.body.blocks.map((b: Json) => [b.kind, b.audience])).toEqual([
      ['feeling', { kind: 'everyone' }],
      ['events', { kind: 'friends' }],
      ['guestbook', { kind: 'favourites' }],
      ['wishlist', list],
      ['music', { kind: 'only_me' }],
    ]);
    const seenBy = async () => ({
      owner: kinds(await blocks(c.owner, c.owner)),
      friend: kinds(await blocks(c.friend, c.owner)),
      hidden: kinds(await blocks(hidden!, c.owner)),
      favourite: kinds(await blocks(c.favourite, c.owner)),
      listed: kinds(await blocks(c.listed, c.owner)),
      stranger: kinds(await blocks(c.stranger, c.owner)),
      blocked: (await space(c.blocked, c.owner)).status,
    });
    expect(await seenBy()).toEqual({
      owner: ['feeling', 'events', 'guestbook', 'wishlist', 'music'],
      friend: ['feeling', 'events'],
      hidden: ['feeling', 'events'],
      favourite: ['feeling', 'events', 'guestbook'],
      listed: ['feeling', 'events', 'wishlist'],
      stranger: ['feeling'],
      blocked: 404,
    });
    // Others are not told who a block is shown to; the owner's music is theirs alone.
    for (const b of Object.values(await blocks(c.listed, c.owner))) expect(b.audience).toBeNull();
    expect((await blocks(c.owner, c.owner)).music.music).toEqual({ url: 'https://music.example.com/track/1', title: 'Spring day' });

    // The owner changes the order and every audience.
    expect(
      (
        await decorate(c.owner, {
          blocks: [
            { kind: 'music', audience: { kind: 'friends' } },
            { kind: 'events', audience: { kind: 'everyone' } },
            { kind: 'guestbook', audience: list },
            { kind: 'wishlist', audience: { kind: 'favourites' } },
            { kind: 'feeling', audience: { kind: 'only_me' } },
          ],
        })
      ).status,
    ).toBe(200);
    expect(await seenBy()).toEqual({
      owner: ['music', 'events', 'guestbook', 'wishlist', 'feeling'],
      friend: ['music', 'events'],
      hidden: ['music', 'events'],
      favourite: ['music', 'events', 'wishlist'],
      listed: ['music', 'events', 'guestbook'],
      stranger: ['events'],
      blocked: 404,
    });
    expect((await blocks(c.friend, c.owner)).music.music).toEqual({ url: 'https://music.example.com/track/1', title: 'Spring day' });

    // A list deleted: what was shown to it is the owner's alone.
    expect((await server.request('DELETE', `/api/profile/lists/${c.listId}`, { token: c.owner.token })).status).toBe(204);
    expect((await blocks(c.owner, c.owner)).guestbook.audience).toEqual({ kind: 'only_me' });
    expect(kinds(await blocks(c.listed, c.owner))).toEqual(['music', 'events']);

    // A block left out is shown to no one, not even its owner.
    expect((await decorate(c.owner, { blocks: [{ kind: 'events', audience: { kind: 'everyone' } }] })).status).toBe(200);
    expect(kinds(await blocks(c.owner, c.owner))).toEqual(['events']);
    expect(kinds(await blocks(c.favourite, c.owner))).toEqual(['events']);
  });

  it('show each event to exactly the people both its own audience and the events block admit', async () => {
    const c = await circle(server);
    const { decorate, blocks, addEvent, updateEvent, wall, celebrate, sign } = steps();
    expect((await decorate(c.owner, { blocks: [{ kind: 'events', audience: { kind: 'everyone' } }, { kind: 'guestbook', audience: { kind: 'everyone' } }] })).status).toBe(200);
    const day = dayOf(clock, 5);
    const everyone = await addEvent(c.owner, day, { title: 'For everyone', audience: { kind: 'everyone' } });
    const friends = await addEvent(c.owner, day, { title: 'For friends', audience: { kind: 'friends' } });
    const favourites = await addEvent(c.owner, day, { title: 'For favourites', audience: { kind: 'favourites' } });
    const listed = await addEvent(c.owner, day, { title: 'For the list', audience: { kind: 'list', listId: c.listId } });
    const mine = await addEvent(c.owner, day, { title: 'For me', audience: { kind: 'only_me' } });
    expect(mine).toMatchObject({ ownerId: c.owner.user.id, title: 'For me', date: day, occursOn: day, daysUntil: 5, audience: { kind: 'only_me' }, giftsAllowed: true });
    const all = [everyone, friends, favourites, listed, mine];

    const eventsSeen = async (viewer: Person) => {
      const events = (await blocks(viewer, c.owner)).events?.events as Json[] | undefined;
      return events === undefined ? 'no block' : ids(events).sort();
    };
    const sorted = (...events: Json[]) => ids(events).sort();
    const visible = async () => ({
      owner: await eventsSeen(c.owner),
      friend: await eventsSeen(c.friend),
      favourite: await eventsSeen(c.favourite),
      listed: await eventsSeen(c.listed),
      stranger: await eventsSeen(c.stranger),
    });
    expect(await visible()).toEqual({
      owner: sorted(...all),
      friend: sorted(everyone, friends),
      favourite: sorted(everyone, friends, favourites),
      listed: sorted(everyone, friends, listed),
      stranger: sorted(everyone),
    });
    expect(((await blocks(c.owner, c.owner)).events.events as Json[]).map((e) => e.audience)).toEqual(
      expect.arrayContaining([{ kind: 'everyone' }, { kind: 'friends' }, { kind: 'favourites' }, { kind: 'list', listId: c.listId }, { kind: 'only_me' }]),
    );
    for (const e of (await blocks(c.listed, c.owner)).events.events as Json[]) expect(e.audience).toBeNull();

    // Whatever names an event the viewer cannot see answers as if there were none.
    for (const [viewer, event] of [
      [c.stranger, friends],
      [c.friend, favourites],
      [c.friend, listed],
      [c.favourite, mine],
      [c.blocked, everyone],
    ] as Array<[Person, Json]>) {
      expect((await wall(viewer, c.owner, event.id)).status).toBe(404);
      expect((await celebrate(viewer, c.owner, event.id, 'party')).status).toBe(404);
      const signed = await sign(viewer, c.owner, { text: 'Congratulations', eventId: event.id });
      expect({ status: signed.status, code: signed.body.code }).toEqual({ status: 404, code: 'not_found' });
    }
    expect((await wall(c.listed, c.owner, listed.id)).status).toBe(200);
    expect((await wall(c.stranger, c.owner, everyone.id)).status).toBe(200);

    // The events block shown to favourites only: a friend sees no event at all, whatever each event's audience.
    expect((await decorate(c.owner, { blocks: [{ kind: 'events', audience: { kind: 'favourites' } }] })).status).toBe(200);
    expect(await visible()).toEqual({
      owner: sorted(...all),
      friend: 'no block',
      favourite: sorted(everyone, friends, favourites),
      listed: 'no block',
      stranger: 'no block',
    });
    expect((await wall(c.friend, c.owner, everyone.id)).status).toBe(404);
    expect((await wall(c.stranger, c.owner, everyone.id)).status).toBe(404);

    // An event's audience changed; then the list deleted, so what was shown to it is the owner's alone.
    expect((await decorate(c.owner, { blocks: [{ kind: 'events', audience: { kind: 'everyone' } }] })).status).toBe(200);
    const changed = await updateEvent(c.owner, friends.id, { audience: { kind: 'favourites' } });
    expect(changed.status).toBe(200);
    expect(changed.body.audience).toEqual({ kind: 'favourites' });
    expect(await eventsSeen(c.friend)).toEqual(sorted(everyone));
    expect((await server.request('DELETE', `/api/profile/lists/${c.listId}`, { token: c.owner.token })).status).toBe(204);
    const owned = (await blocks(c.owner, c.owner)).events.events as Json[];
    expect(owned.find((e) => e.id === listed.id).audience).toEqual({ kind: 'only_me' });
    expect(await eventsSeen(c.listed)).toEqual(sorted(everyone));
    expect((await wall(c.listed, c.owner, listed.id)).status).toBe(404);
  });

  it('take lists of people the owner added, at most 20, and only the owner’s own lists', async () => {
    const c = await circle(server);
    const { addList, decorate, addEvent, call } = steps();
    const strangerOnList = await addList(c.owner, 'Nope', [c.stranger]);
    expect({ status: strangerOnList.status, code: strangerOnList.body.code }).toEqual({ status: 400, code: 'validation_failed' });
    const blockedOnList = await addList(c.owner, 'Nope', [c.blocked]);
    expect(blockedOnList.status).toBe(400);
    const changed = await call(c.owner, 'PUT', `/api/profile/lists/${c.listId}`, { name: 'Closest', memberIds: [c.listed.user.id, c.favourite.user.id] });
    expect(changed.status).toBe(200);
    expect({ name: changed.body.name, members: [...changed.body.memberIds].sort() }).toEqual({ name: 'Closest', members: [c.listed.user.id, c.favourite.user.id].sort() });
    expect((await call(c.owner, 'PUT', `/api/profile/lists/${c.listId}`, { name: 'Closest', memberIds: [c.stranger.user.id] })).status).toBe(400);
    const lists = await call(c.owner, 'GET', '/api/profile/lists');
    expect(lists.body.lists.map((l: Json) => l.name)).toEqual(['Closest']);

    // Someone else's list cannot be an audience.
    const theirs = await addList(c.friend, 'Mine', []);
    expect(theirs.status).toBe(201);
    const foreign = { kind: 'list', listId: theirs.body.id };
    const refused = await decorate(c.owner, { blocks: [{ kind: 'guestbook', audience: foreign }] });
    expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 400, code: 'validation_failed' });
    const event = await call(c.owner, 'POST', '/api/profile/events', { kind: 'other', title: 'X', date: dayOf(clock, 1), yearly: false, audience: foreign });
    expect(event.status).toBe(400);
    const ok = await addEvent(c.owner, dayOf(clock, 1));
    expect((await call(c.owner, 'PATCH', `/api/profile/events/${ok.id}`, { audience: foreign })).status).toBe(400);

    for (let i = 2; i <= 20; i++) expect((await addList(c.owner, `List ${i}`, [])).status).toBe(201);
    const extra = await addList(c.owner, 'List 21', []);
    expect({ status: extra.status, code: extra.body.code }).toEqual({ status: 400, code: 'validation_failed' });
  });
});

describe('the guestbook', () => {
  it('shows a secret entry only to its writer and the owner, in lists, counts, walls and filters; deletes and replies by the rules', async () => {
    const [owner, writer, reader] = (await people(server, 3)) as [Person, Person, Person];
    await mutual(owner, writer, reader);
    const { addEvent, signOk, sign, guestbook, blocks, wall, reply, unsign } = steps();
    const event = await addEvent(owner, dayOf(clock, 2));
    // A second apart, so "newest first" is plain.
    const signLater = (writer: Person, body: object) => (clock.advance(1000), signOk(writer, owner, body));
    const p1 = await signLater(writer, { text: 'Hello there' });
    const s1 = await signLater(writer, { text: 'Just between us', secret: true });
    const s2 = await signLater(writer, { text: 'A secret wish', secret: true, eventId: event.id });
    const p2 = await signLater(reader, { text: 'Happy birthday!', eventId: event.id });
    expect(s2).toMatchObject({ writer: { id: writer.user.id }, text: 'A secret wish', secret: true, eventId: event.id, reply: null, canDelete: true });
    const own = await sign(owner, owner, { text: 'Talking to myself' });
    expect({ status: own.status, code: own.body.code }).toEqual({ status: 403, code: 'forbidden' });

    const read = async (viewer: Person, query = '') => {
      const res = await guestbook(viewer, owner, query);
      expect(res.status).toBe(200);
      return res.body.entries as Json[];
    };
    expect(ids(await read(owner))).toEqual(ids([p2, s2, s1, p1]));
    expect(ids(await read(writer))).toEqual(ids([p2, s2, s1, p1]));
    expect(ids(await read(reader))).toEqual(ids([p2, p1]));
    expect(ids(await read(reader, `?eventId=${event.id}`))).toEqual(ids([p2]));
    expect(ids(await read(writer, `?eventId=${event.id}`))).toEqual(ids([p2, s2]));
    expect(ids(await read(owner, `?before=${s2.id}`))).toEqual(ids([s1, p1]));
    expect(ids(await read(reader, `?before=${p2.id}`))).toEqual(ids([p1]));
    expect(Object.fromEntries((await read(reader)).map((e) => [e.id, e.canDelete]))).toEqual({ [p2.id]: true, [p1.id]: false });
    expect((await read(owner)).every((e) => e.canDelete)).toBe(true);

    const counts = { owner: (await blocks(owner, owner)).guestbook.count, writer: (await blocks(writer, owner)).guestbook.count, reader: (await blocks(reader, owner)).guestbook.count };
    expect(counts).toEqual({ owner: 4, writer: 4, reader: 2 });
    const wallOf = async (viewer: Person) => ids((await wall(viewer, owner, event.id)).body.entries);
    expect({ owner: await wallOf(owner), writer: await wallOf(writer), reader: await wallOf(reader) }).toEqual({
      owner: ids([p2, s2]),
      writer: ids([p2, s2]),
      reader: ids([p2]),
    });
    expect(JSON.stringify((await wall(reader, owner, event.id)).body)).not.toContain('A secret wish');
    expect(JSON.stringify(await read(reader))).not.toContain('Just between us');

    // Only the owner replies; someone who cannot see the entry is told it does not exist.
    const answered = await reply(owner, owner, s1.id, 'Thank you, truly');
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({ id: s1.id, secret: true, reply: { text: 'Thank you, truly' } });
    expect((await reply(writer, owner, s1.id, 'Me too')).status).toBe(403);
    expect((await reply(reader, owner, p1.id, 'Me too')).status).toBe(403);
    expect((await reply(reader, owner, s1.id, 'Me too')).status).toBe(404);
    expect((await read(writer)).find((e) => e.id === s1.id).reply).toMatchObject({ text: 'Thank you, truly' });

    // The writer and the owner delete; anyone else is refused, or told the secret entry does not exist.
    const refusedSecret = await unsign(reader, owner, s1.id);
    expect({ status: refusedSecret.status, code: refusedSecret.body.code }).toEqual({ status: 404, code: 'not_found' });
    const refusedPublic = await unsign(reader, owner, p1.id);
    expect({ status: refusedPublic.status, code: refusedPublic.body.code }).toEqual({ status: 403, code: 'forbidden' });
    expect((await unsign(writer, owner, s1.id)).status).toBe(204);
    expect((await unsign(owner, owner, p2.id)).status).toBe(204);
    expect((await unsign(owner, owner, p2.id)).status).toBe(404);
    expect(ids(await read(owner))).toEqual(ids([s2, p1]));
    expect(ids(await read(reader))).toEqual(ids([p1]));
    expect((await blocks(reader, owner)).guestbook.count).toBe(1);
  });

  it('takes up to 500 characters, and 5 entries a minute from each writer', async () => {
    const [owner, writer, other] = (await people(server, 3)) as [Person, Person, Person];
    await mutual(owner, writer, other);
    const { sign } = steps();
    const long = await sign(writer, owner, { text: '가'.repeat(501) });
    expect({ status: long.status, code: long.body.code }).toEqual({ status: 400, code: 'validation_failed' });
    expect((await sign(writer, owner, { text: '' })).status).toBe(400);
    expect((await sign(writer, owner, { text: '가'.repeat(500) })).status).toBe(201);
    for (let i = 0; i < 4; i++) expect((await sign(writer, owner, { text: `Entry ${i}` })).status).toBe(201);
    const sixth = await sign(writer, owner, { text: 'One too many' });
    expect({ status: sixth.status, code: sixth.body.code }).toEqual({ status: 429, code: 'rate_limited' });
    // Another writer is not held back by it, and a minute later the first may write again.
    expect((await sign(other, owner, { text: 'Me, though' })).status).toBe(201);
    clock.advance(61_000);
    expect((await sign(writer, owner, { text: 'Back again' })).status).toBe(201);

    // Ten at once from a fresh writer: five get in.
    const [eager] = await people(server, 1);
    await mutual(owner, eager!);
    const burst = await Promise.all(Array.from({ length: 10 }, (_, i) => sign(eager!, owner, { text: `Burst ${i}` })));
    expect(burst.map((r) => r.status).sort()).toEqual([...Array(5).fill(201), ...Array(5).fill(429)]);
  });
});

describe('celebrations', () => {
  it('count once per visitor, whatever the concurrency and however the reactions change', async () => {
    const [owner, ...visitors] = (await people(server, 4)) as [Person, Person, Person, Person];
    await mutual(owner, ...visitors);
    const { addEvent, celebrate, uncelebrate, wall, notices } = steps();
    const event = await addEvent(owner, dayOf(clock, 0), { title: 'Today!' });
    expect(event.daysUntil).toBe(0);
    const reactions = ['party', 'heart', 'clap', 'cake', 'hug'];
    const taps = await Promise.all(Array.from({ length: 30 }, (_, i) => celebrate(visitors[i % 3], owner, event.id, reactions[i % 5]!)));
    expect(taps.map((t) => t.status)).toEqual(Array(30).fill(200));

    const owned = (await wall(owner, owner, event.id)).body;
    expect(owned.event.celebrations.total).toBe(3);
    expect(Object.values(owned.event.celebrations.counts as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(3);
    expect(owned.celebrators.map((x: Json) => x.user.id).sort()).toEqual(visitors.map((v) => v.user.id).sort());
    for (const v of visitors) {
      const theirs = (await wall(v, owner, event.id)).body;
      expect(theirs.celebrators).toBeNull();
      expect(theirs.event.celebrations.total).toBe(3);
      expect(reactions).toContain(theirs.event.celebrations.mine);
    }
    const celebrationNotices = async () => ((await notices(owner)).body.notices as Json[]).filter((n) => n.kind === 'celebration');
    expect(await celebrationNotices()).toHaveLength(3);

    // A different reaction replaces the old one, and is no new notice.
    const changed = await celebrate(visitors[0], owner, event.id, 'hug');
    expect(changed.body).toMatchObject({ total: 3, mine: 'hug' });
    const again = await celebrate(visitors[0], owner, event.id, 'cake');
    expect(again.body).toMatchObject({ total: 3, mine: 'cake' });
    expect(await celebrationNotices()).toHaveLength(3);

    const own = await celebrate(owner, owner, event.id, 'party');
    expect({ status: own.status, code: own.body.code }).toEqual({ status: 403, code: 'forbidden' });
    const taken = await uncelebrate(visitors[0], owner, event.id);
    expect(taken.status).toBe(200);
    expect(taken.body).toMatchObject({ total: 2, mine: null });
    expect((await wall(owner, owner, event.id)).body.celebrators).toHaveLength(2);
  });

  it('gather around one occurrence: the last one while at most 7 days past, then the next year’s, afresh', async () => {
    const [owner, visitor] = (await people(server, 2)) as [Person, Person];
    await mutual(owner, visitor);
    const { addEvent, celebrate, wall } = steps();
    const today = dayOf(clock, 0);
    const yearly = await addEvent(owner, `2000-${today.slice(5)}`, { title: 'Yearly' });
    const once = await addEvent(owner, today, { kind: 'graduation', title: 'Once', yearly: false });
    for (const e of [yearly, once]) expect((await celebrate(visitor, owner, e.id, 'party')).body).toMatchObject({ total: 1, mine: 'party' });
    const seen = async (eventId: string) => {
      const { event } = (await wall(visitor, owner, eventId)).body;
      return { occursOn: event.occursOn, daysUntil: event.daysUntil, total: event.celebrations.total, mine: event.celebrations.mine };
    };

    clock.advance(7 * DAY);
    expect(await seen(yearly.id)).toEqual({ occursOn: today, daysUntil: -7, total: 1, mine: 'party' });
    clock.advance(DAY);
    const next = new Date(`${today}T00:00:00Z`);
    next.setUTCFullYear(next.getUTCFullYear() + 1);
    const nextDay = next.toISOString().slice(0, 10);
    expect(await seen(yearly.id)).toEqual({ occursOn: nextDay, daysUntil: Math.round((next.getTime() - Date.parse(`${dayOf(clock, 0)}T00:00:00Z`)) / DAY), total: 0, mine: null });
    // A one-off event keeps its own day and what gathered around it.
    expect(await seen(once.id)).toEqual({ occursOn: today, daysUntil: -8, total: 1, mine: 'party' });
    expect((await celebrate(visitor, owner, yearly.id, 'hug')).body).toMatchObject({ total: 1, mine: 'hug' });
  });
});

describe('the visitor counter', () => {
  it('counts each visitor once a day whatever the concurrency, never the owner, and hides from visitors on request', async () => {
    const [owner, ...visitors] = (await people(server, 5)) as [Person, Person, Person, Person, Person];
    const { space, decorate } = steps();
    const visits = await Promise.all([
      ...Array.from({ length: 20 }, (_, i) => space(visitors[i % 4], owner)),
      ...Array.from({ length: 5 }, () => space(owner, owner)),
    ]);
    expect(visits.map((v) => v.status)).toEqual(Array(25).fill(200));
    expect((await space(owner, owner)).body.visitors).toEqual({ today: 4, total: 4 });
    // Shown, visitors see the counter too.
    expect((await space(visitors[0], owner)).body.visitors).toEqual({ today: 4, total: 4 });

    toDay(1, 0);
    clock.advance(60_000);
    await Promise.all([...Array.from({ length: 6 }, (_, i) => space(visitors[i % 2], owner)), space(owner, owner)]);
    expect((await space(owner, owner)).body.visitors).toEqual({ today: 2, total: 6 });
    expect((await space(visitors[2], owner)).status).toBe(200);
    expect((await space(owner, owner)).body.visitors).toEqual({ today: 3, total: 7 });

    expect((await decorate(owner, { showVisitors: false })).status).toBe(200);
    const hidden = await space(visitors[0], owner);
    expect({ visitors: hidden.body.visitors, showVisitors: hidden.body.showVisitors }).toEqual({ visitors: null, showVisitors: false });
    expect((await space(owner, owner)).body).toMatchObject({ visitors: { today: 3, total: 7 }, showVisitors: false });
  });
});

describe('the feeling', () => {
  it('fades 24 hours after it is set unless pinned', async () => {
    const [owner, friend] = (await people(server, 2)) as [Person, Person];
    await mutual(owner, friend);
    const { setFeeling, blocks, call } = steps();
    const setAt = clock.now();
    const set = await setFeeling(owner, { emoji: '😊', text: 'A good day' });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ emoji: '😊', text: 'A good day', pinned: false, setAt: setAt.toISOString(), fadesAt: new Date(setAt.getTime() + DAY).toISOString() });
    const feelingOf = async (viewer: Person) => (await blocks(viewer, owner)).feeling.feeling;
    expect(await feelingOf(friend)).toMatchObject({ emoji: '😊', text: 'A good day' });

    clock.advance(DAY - 60_000);
    expect(await feelingOf(friend)).toMatchObject({ emoji: '😊' });
    clock.advance(2 * 60_000);
    expect(await feelingOf(friend)).toBeNull();
    expect(await feelingOf(owner)).toBeNull();

    const pinned = await setFeeling(owner, { emoji: '🎉', text: 'Pinned', pinned: true });
    expect(pinned.body).toMatchObject({ pinned: true, fadesAt: null });
    clock.advance(3 * DAY);
    expect(await feelingOf(friend)).toMatchObject({ emoji: '🎉', text: 'Pinned', pinned: true });

    expect((await setFeeling(owner, { emoji: '😊', text: 'x'.repeat(61) })).status).toBe(400);
    expect((await setFeeling(owner, { emoji: 'smile', text: 'Not an emoji' })).status).toBe(400);
    expect((await call(owner, 'DELETE', '/api/profile/feeling')).status).toBe(204);
    expect(await feelingOf(friend)).toBeNull();
  });
});

describe('decoration', () => {
  it('keeps the look, and refuses unknown stickers, too many, out of place, a block twice and a music link that is not https', async () => {
    const [owner] = await people(server, 1);
    const { decorate, space } = steps();
    const stickers = [
      { kind: 'heart', x: 0.1, y: 0.2, scale: 1, rotation: 0 },
      { kind: 'cake', x: 1, y: 0, scale: 2, rotation: -180 },
    ];
    const done = await decorate(owner!, { theme: 'night', background: { colour: '#112233', pattern: 'stars' }, stickers });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ cover: { kind: 'theme', theme: 'night' }, background: { colour: '#112233', pattern: 'stars' }, stickers });
    expect((await space(owner!, owner!)).body.stickers).toEqual(stickers);

    const sticker = stickers[0]!;
    for (const [what, body] of [
      ['an unknown sticker', { stickers: [{ ...sticker, kind: 'dragon' }] }],
      ['21 stickers', { stickers: Array(21).fill(sticker) }],
      ['a sticker off the cover', { stickers: [{ ...sticker, x: 1.01 }] }],
      ['a sticker too big', { stickers: [{ ...sticker, scale: 3 }] }],
      ['a block twice', { blocks: [{ kind: 'events', audience: { kind: 'friends' } }, { kind: 'events', audience: { kind: 'everyone' } }] }],
      ['an unknown block', { blocks: [{ kind: 'games', audience: { kind: 'friends' } }] }],
      ['an unknown theme', { theme: 'lava' }],
      ['a music link over http', { music: { url: 'http://music.example.com/1', title: 'Song' } }],
      ['an unknown field', { wallpaper: 'x' }],
    ] as Array<[string, object]>) {
      const res = await decorate(owner!, body);
      expect({ what, status: res.status, code: res.body.code }).toEqual({ what, status: 400, code: 'validation_failed' });
    }
    expect((await space(owner!, owner!)).body.stickers).toEqual(stickers);
    expect((await decorate(owner!, { stickers: Array(20).fill(sticker) })).status).toBe(200);
  });

  it('takes pictures through the image pipeline: a cover, up to 12 photos, shown to those the photo block admits', async () => {
    const c = await circle(server);
    const { call, decorate } = steps();
    const cover = await call(c.owner, 'PUT', '/api/profile/cover', await pictureForm('#c33'));
    expect(cover.status).toBe(200);
    expect(cover.body.cover).toMatchObject({ kind: 'picture' });
    const coverUrl = cover.body.cover.url as string;
    const served = await fetch(server.url + coverUrl);
    expect.soft({ coverUrl, status: served.status, type: served.headers.get('content-type') }).toEqual({ coverUrl, status: 200, type: 'image/webp' });
    const notImage = new FormData();
    notImage.append('file', new Blob(['this is no picture'], { type: 'image/png' }), 'a.png');
    const refused = await call(c.owner, 'PUT', '/api/profile/cover', notImage);
    expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 400, code: 'invalid_image' });
    const big = new FormData();
    big.append('file', new Blob([new Uint8Array(21 * 1024 * 1024).fill(7)], { type: 'image/png' }), 'big.png');
    expect((await call(c.owner, 'POST', '/api/profile/photos', big)).status).toBe(413);

    expect((await decorate(c.owner, { blocks: [{ kind: 'photos', audience: { kind: 'list', listId: c.listId } }] })).status).toBe(200);
    const photos: Json[] = [];
    for (let i = 0; i < 12; i++) {
      const added = await call(c.owner, 'POST', '/api/profile/photos', await pictureForm(`#0${i.toString(16)}0`, 40));
      expect(added.status).toBe(201);
      photos.push(added.body);
    }
    const thirteenth = await call(c.owner, 'POST', '/api/profile/photos', await pictureForm());
    expect({ status: thirteenth.status, code: thirteenth.body.code }).toEqual({ status: 400, code: 'validation_failed' });
    const photo = photos[0]!;
    expect(photo).toMatchObject({ id: expect.stringMatching(/^pph_/), width: 40, height: 40 });

    const fetchPhoto = async (viewer: Person) => {
      const res = await fetch(`${server.url}/api/profiles/${c.owner.user.id}/photos/${photo.id}`, { headers: { authorization: `Bearer ${viewer.token}` } });
      return { status: res.status, type: res.status === 200 ? res.headers.get('content-type') : null };
    };
    expect({ owner: await fetchPhoto(c.owner), listed: await fetchPhoto(c.listed), friend: await fetchPhoto(c.friend), stranger: await fetchPhoto(c.stranger) }).toEqual({
      owner: { status: 200, type: 'image/webp' },
      listed: { status: 200, type: 'image/webp' },
      friend: { status: 404, type: null },
      stranger: { status: 404, type: null },
    });
    const strip = (await steps().blocks(c.listed, c.owner)).photos.photos as Json[];
    expect(ids(strip).sort()).toEqual(ids(photos).sort());

    expect((await call(c.owner, 'DELETE', `/api/profile/photos/${photo.id}`)).status).toBe(204);
    expect((await fetchPhoto(c.listed)).status).toBe(404);
    expect((await call(c.owner, 'POST', '/api/profile/photos', await pictureForm())).status).toBe(201);

    // Choosing a theme replaces the cover picture.
    expect((await decorate(c.owner, { theme: 'sea' })).body.cover).toEqual({ kind: 'theme', theme: 'sea' });
  });
});

describe('upcoming events', () => {
  it('lists the events of people the viewer added that they may see, from today to 30 days ahead, soonest first', async () => {
    const [viewer, a, b, stranger] = (await people(server, 4)) as [Person, Person, Person, Person];
    await mutual(viewer, a, b);
    await befriend(server, stranger, viewer);
    const { addEvent, decorate, upcoming, blocks } = steps();
    const yearAgo = (days: number) => `1995-${dayOf(clock, days).slice(5)}`;
    const today = await addEvent(a, yearAgo(0), { title: 'A birthday' });
    const inThree = await addEvent(a, dayOf(clock, 3), { kind: 'trip', title: 'Off to Jeju', yearly: false });
    const inThirty = await addEvent(a, dayOf(clock, 30), { kind: 'new_job', title: 'New job', yearly: false });
    await addEvent(a, dayOf(clock, 31), { kind: 'graduation', title: 'Too far', yearly: false });
    await addEvent(a, dayOf(clock, 1), { kind: 'other', title: 'Private', yearly: false, audience: { kind: 'only_me' } });
    const past = await addEvent(a, yearAgo(-2), { kind: 'anniversary', title: 'Two days ago' });
    const longPast = await addEvent(a, yearAgo(-8), { kind: 'anniversary', title: 'Eight days ago' });
    await addEvent(b, dayOf(clock, 10), { title: 'For favourites', audience: { kind: 'favourites' } });
    const fromB = await addEvent(b, dayOf(clock, 5), { kind: 'wedding', title: 'Wedding', yearly: false });
    expect((await decorate(stranger, { blocks: [{ kind: 'events', audience: { kind: 'everyone' } }] })).status).toBe(200);
    await addEvent(stranger, dayOf(clock, 2), { title: 'Not added', audience: { kind: 'everyone' } });

    const res = await upcoming(viewer);
    expect(res.status).toBe(200);
    expect(res.body.events.map((u: Json) => [u.owner.id, u.event.id, u.event.daysUntil])).toEqual([
      [a.user.id, today.id, 0],
      [a.user.id, inThree.id, 3],
      [b.user.id, fromB.id, 5],
      [a.user.id, inThirty.id, 30],
    ]);
    expect(res.body.events[0].event).toMatchObject({ occursOn: dayOf(clock, 0), audience: null, yearly: true });

    // A yearly event gathers around its last day while at most 7 days past, then around its next one.
    const events = Object.fromEntries(((await blocks(viewer, a)).events.events as Json[]).map((e) => [e.id, e]));
    expect(events[past.id]).toMatchObject({ occursOn: dayOf(clock, -2), daysUntil: -2 });
    const next = new Date(`${dayOf(clock, -8)}T00:00:00Z`);
    next.setUTCFullYear(next.getUTCFullYear() + 1);
    expect(events[longPast.id]).toMatchObject({ occursOn: next.toISOString().slice(0, 10) });
  });
});

describe('gifts for an event', () => {
  it('go to the event’s owner alone, show on its wall and as a notice, and never when no gifts are wanted', async () => {
    const [owner, friend, other] = (await people(server, 3)) as [Person, Person, Person];
    await mutual(owner, friend, other);
    await befriend(server, friend, other);
    const gifts = giftSteps(server);
    const { addEvent, wall, notices } = steps();
    const event = await addEvent(owner, dayOf(clock, 4));
    const noGifts = await addEvent(owner, dayOf(clock, 4), { kind: 'wedding', title: 'Just wishes', yearly: false, giftsAllowed: false });
    const hidden = await addEvent(owner, dayOf(clock, 4), { kind: 'other', title: 'Hidden', yearly: false, audience: { kind: 'only_me' } });
    expect(noGifts.giftsAllowed).toBe(false);
    const product = await shopProduct(server);
    await gifts.fund(friend, 100_000);
    const order = (eventId: string, recipients: Person[]) =>
      gifts.order(friend, {
        productId: product.id,
        option: product.options[0]?.values[0],
        recipientIds: recipients.map((r) => r.user.id),
        card: { template: 'birthday', text: 'Happy birthday' },
        occasion: { profileEventId: eventId },
      });

    const sent = await order(event.id, [owner]);
    expect(sent.status).toBe(201);
    const giftId = sent.body.gifts[0].id as string;
    const balance = await gifts.balance(friend);
    expect(balance).toBe(100_000 - product.price.amount);

    const owned = (await wall(owner, owner, event.id)).body.gifts;
    expect(owned).toEqual({ count: 1, items: [{ giftId, from: expect.objectContaining({ id: friend.user.id }), productName: product.name, sentAt: expect.any(String) }] });
    expect((await wall(friend, owner, event.id)).body.gifts).toEqual(owned);
    expect((await wall(other, owner, event.id)).body.gifts).toEqual({ count: 1, items: [] });
    const notice = ((await notices(owner)).body.notices as Json[]).find((n) => n.kind === 'gift');
    expect(notice).toMatchObject({ from: { id: friend.user.id }, event: { id: event.id, title: event.title }, productName: product.name, read: false });

    const refused = await order(noGifts.id, [owner]);
    expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 409, code: 'gifts_not_wanted' });
    const many = await order(event.id, [owner, other]);
    expect({ status: many.status, code: many.body.code }).toEqual({ status: 400, code: 'validation_failed' });
    const elsewhere = await order(event.id, [other]);
    expect({ status: elsewhere.status, code: elsewhere.body.code }).toEqual({ status: 400, code: 'validation_failed' });
    const unseen = await order(hidden.id, [owner]);
    expect({ status: unseen.status, code: unseen.body.code }).toEqual({ status: 404, code: 'not_found' });
    expect(await gifts.balance(friend)).toBe(balance);
    expect((await wall(owner, owner, noGifts.id)).body.gifts).toEqual({ count: 0, items: [] });
    expect((await wall(owner, owner, event.id)).body.gifts.count).toBe(1);
  });
});

describe('notices', () => {
  it('tell the owner of first celebrations, entries and gifts, count the unread, and reach their sockets live', async () => {
    const [owner, visitor] = (await people(server, 2)) as [Person, Person];
    await mutual(owner, visitor);
    const { addEvent, signOk, celebrate, notices, call } = steps();
    const event = await addEvent(owner, dayOf(clock, 1), { kind: 'graduation', title: 'Graduation' });
    const socket = await TestSocket.open(server.url, owner.token);
    sockets.push(socket);
    const unreadPushed = () => socket.frames.filter((f) => f.t === 'event' && f.name === 'profiles.notice').map((f) => (f.data as { unread: number }).unread);

    const entry = await signOk(visitor, owner, { text: 'Congrats!', secret: true, eventId: event.id });
    await socket.until(() => unreadPushed().length >= 1, 10_000, 'the first notice');
    clock.advance(1000);
    expect((await celebrate(visitor, owner, event.id, 'clap')).status).toBe(200);
    await socket.until(() => unreadPushed().length >= 2, 10_000, 'the second notice');
    expect((await celebrate(visitor, owner, event.id, 'hug')).status).toBe(200);
    await sleep(300);
    expect(unreadPushed()).toEqual([1, 2]);
    const beforeRead = socket.frames.length;

    const listed = await notices(owner);
    expect(listed.status).toBe(200);
    expect(listed.body.unread).toBe(2);
    expect(listed.body.notices).toEqual([
      expect.objectContaining({ kind: 'celebration', from: expect.objectContaining({ id: visitor.user.id }), event: { id: event.id, kind: 'graduation', title: 'Graduation' }, reaction: 'clap', read: false }),
      expect.objectContaining({ kind: 'guestbook', from: expect.objectContaining({ id: visitor.user.id }), entryId: entry.id, secret: true, event: expect.objectContaining({ id: event.id }), read: false }),
    ]);
    // Another person's notices are their own.
    expect((await notices(visitor)).body).toEqual({ notices: [], unread: 0 });

    const read = await call(owner, 'POST', '/api/profile/notices/read');
    expect(read.status).toBe(200);
    expect(read.body).toEqual({ unread: 0 });
    const after = await notices(owner);
    expect(after.body.unread).toBe(0);
    expect((after.body.notices as Json[]).every((n) => n.read)).toBe(true);

    // (The server may also tell the owner's other sockets that everything is read.)
    await signOk(visitor, owner, { text: 'Once more' });
    const pushedSince = () => socket.frames.slice(beforeRead).filter((f) => f.t === 'event' && f.name === 'profiles.notice').map((f) => (f.data as { unread: number }).unread);
    await socket.until(() => pushedSince().includes(1), 10_000, 'the third notice');
    expect(pushedSince().filter((n) => n !== 0)).toEqual([1]);
    expect((await notices(owner)).body.unread).toBe(1);
  });
});

describe('the export', () => {
  it('is a zip of profile.json with everything, secret entries and replies too, and the pictures', async () => {
    const c = await circle(server);
    const { decorate, call, setFeeling, addEvent, signOk, reply, celebrate, space, exported } = steps();
    const gifts = giftSteps(server);
    const stickers = [{ kind: 'star', x: 0.5, y: 0.5, scale: 1.5, rotation: 45 }];
    const blocks = [
      { kind: 'events', audience: { kind: 'friends' } },
      { kind: 'guestbook', audience: { kind: 'list', listId: c.listId } },
      { kind: 'photos', audience: { kind: 'everyone' } },
      { kind: 'music', audience: { kind: 'favourites' } },
    ];
    const music = { url: 'https://music.example.com/2', title: 'Our song' };
    const background = { colour: '#abcdef', pattern: 'hearts' };
    expect((await decorate(c.owner, { theme: 'sea', background, stickers, blocks, music, showVisitors: false })).status).toBe(200);
    expect((await call(c.owner, 'PUT', '/api/profile/cover', await pictureForm('#f80', 64))).status).toBe(200);
    const photos = [(await call(c.owner, 'POST', '/api/profile/photos', await pictureForm('#08f'))).body, (await call(c.owner, 'POST', '/api/profile/photos', await pictureForm('#8f0'))).body];
    expect(await setFeeling(c.owner, { emoji: '🌊', text: 'By the sea', pinned: true })).toMatchObject({ status: 200 });
    const event = await addEvent(c.owner, dayOf(clock, 2), { title: 'Birthday' });
    const secretEvent = await addEvent(c.owner, dayOf(clock, 9), { kind: 'anniversary', title: 'Ours', audience: { kind: 'list', listId: c.listId } });
    const open = await signOk(c.listed, c.owner, { text: 'Lovely space', eventId: event.id });
    const secret = await signOk(c.listed, c.owner, { text: 'Our secret', secret: true });
    expect((await reply(c.owner, c.owner, secret.id, 'Kept safe')).status).toBe(200);
    expect((await celebrate(c.listed, c.owner, event.id, 'cake')).status).toBe(200);
    const product = await shopProduct(server);
    await gifts.fund(c.friend, 50_000);
    const sent = await gifts.order(c.friend, { productId: product.id, option: product.options[0]?.values[0], recipientIds: [c.owner.user.id], card: { template: 'plain', text: '' }, occasion: { profileEventId: event.id } });
    expect(sent.status).toBe(201);
    expect((await space(c.friend, c.owner)).status).toBe(200);

    const { contentType, files, profile } = await exported(c.owner);
    expect(contentType).toContain('application/zip');
    const webp = (bytes: Uint8Array | undefined) => !!bytes && new TextDecoder().decode(bytes.slice(0, 4)) === 'RIFF' && new TextDecoder().decode(bytes.slice(8, 12)) === 'WEBP';
    expect(Object.keys(files).filter((name) => !name.endsWith('/')).sort()).toEqual(['pictures/cover.webp', ...photos.map((p) => `pictures/photos/${p.id}.webp`), 'profile.json'].sort());
    expect(webp(files['pictures/cover.webp'])).toBe(true);
    for (const p of photos) expect(webp(files[`pictures/photos/${p.id}.webp`])).toBe(true);

    expect(profile.exportedAt).toBe(clock.now().toISOString());
    expect(profile.owner).toMatchObject({ id: c.owner.user.id, handle: c.owner.handle });
    expect(profile.space).toMatchObject({ cover: { kind: 'picture' }, background, stickers, blocks, music, showVisitors: false });
    expect(profile.feeling).toMatchObject({ emoji: '🌊', text: 'By the sea', pinned: true });
    expect(profile.events.map((e: Json) => [e.id, e.audience]).sort()).toEqual(
      [
        [event.id, { kind: 'friends' }],
        [secretEvent.id, { kind: 'list', listId: c.listId }],
      ].sort(),
    );
    expect(profile.lists).toEqual([expect.objectContaining({ id: c.listId, name: 'Close', memberIds: [c.listed.user.id] })]);
    const entries = Object.fromEntries((profile.guestbook as Json[]).map((e) => [e.id, e]));
    expect(Object.keys(entries).sort()).toEqual([open.id, secret.id].sort());
    expect(entries[secret.id]).toMatchObject({ text: 'Our secret', secret: true, writer: { id: c.listed.user.id }, reply: { text: 'Kept safe' } });
    expect(entries[open.id]).toMatchObject({ text: 'Lovely space', secret: false, eventId: event.id, reply: null });
    expect(profile.celebrations).toEqual([{ eventId: event.id, occursOn: event.occursOn, user: expect.objectContaining({ id: c.listed.user.id }), reaction: 'cake', at: expect.any(String) }]);
    expect(profile.gifts).toEqual([
      { eventId: event.id, occursOn: event.occursOn, giftId: sent.body.gifts[0].id, from: expect.objectContaining({ id: c.friend.user.id }), productName: product.name, sentAt: expect.any(String) },
    ]);
    expect(profile.visitors).toEqual({ today: 1, total: 1 });

    // It is the owner's own: another person's export is theirs, with none of this in it.
    const theirs = await exported(c.listed);
    expect(JSON.stringify(theirs.profile)).not.toContain('Our secret');
    expect(theirs.profile.owner.id).toBe(c.listed.user.id);
  });
});

/** The profile_event cards in a person's direct room with the Maum account (found by its name; its handle is checked apart). */
async function eventCards(person: Person): Promise<Json[]> {
  return (await messagesFrom(server, person, (o) => o.displayName === 'Maum')).filter((m) => m.kind === 'card' && m.body.card.type === 'profile_event');
}

describe('event cards', () => {
  it('reach each follower who may see the event in chat on its day, once, and again on its next occurrence', async () => {
    const [owner, follower, unfollowed, unshown] = (await people(server, 4)) as [Person, Person, Person, Person];
    await mutual(owner, follower, unfollowed, unshown);
    expect((await server.request('PATCH', `/api/friends/${follower.user.id}`, { token: owner.token, body: { favourite: true } })).status).toBe(200);
    const { addEvent, follow, space } = steps();
    expect((await space(follower, owner)).body.followingEvents).toBe(false);
    const followed = await follow(follower, owner);
    expect(followed.status).toBe(200);
    expect(followed.body).toEqual({ followingEvents: true });
    expect((await space(follower, owner)).body.followingEvents).toBe(true);
    expect((await follow(unshown, owner)).status).toBe(200);

    const tomorrow = dayOf(clock, 1);
    const event = await addEvent(owner, `2001-${tomorrow.slice(5)}`, { title: 'Birthday', audience: { kind: 'favourites' } });
    await addEvent(owner, tomorrow, { kind: 'other', title: 'Mine alone', yearly: false, audience: { kind: 'only_me' } });
    await sleep(300);
    expect(await eventCards(follower)).toEqual([]);

    toDay(1, 9);
    const first = await eventually(() => eventCards(follower), (cards) => cards.length >= 1, 'the event card');
    await sleep(400);
    const cards = await eventCards(follower);
    expect(cards).toHaveLength(1);
    expect(cards[0].body.card).toEqual({
      type: 'profile_event',
      eventId: event.id,
      ownerId: owner.user.id,
      ownerName: owner.handle,
      ownerAvatarUrl: null,
      kind: 'birthday',
      title: 'Birthday',
      occursOn: tomorrow,
      giftsAllowed: true,
    });
    const rooms = (await server.request('GET', '/api/rooms', { token: follower.token })).body.rooms as Json[];
    const maum = rooms.find((r) => r.others.length === 1 && r.others[0].displayName === 'Maum');
    expect(first[0].senderId).toBe(maum.others[0].id);
    expect.soft(maum.others[0].handle, 'the service account’s handle').toBe('maum_events');
    expect(await eventCards(unfollowed)).toEqual([]);
    expect(await eventCards(unshown)).toEqual([]);

    // Someone who starts following later that day, and whom the event is shown to, still gets the day's card; nobody gets a second.
    expect((await server.request('PATCH', `/api/friends/${unfollowed.user.id}`, { token: owner.token, body: { favourite: true } })).status).toBe(200);
    expect((await follow(unfollowed, owner)).status).toBe(200);
    const late = await eventually(() => eventCards(unfollowed), (c) => c.length >= 1, 'the late follower’s card');
    expect(late[0].body.card).toMatchObject({ eventId: event.id, occursOn: tomorrow });
    await sleep(400);
    expect(await eventCards(follower)).toHaveLength(1);
    expect(await eventCards(unfollowed)).toHaveLength(1);
    expect((await follow(unfollowed, owner, false)).status).toBe(200);

    // A year on, the yearly event's next day brings a new card.
    const nextYear = new Date(`${tomorrow}T09:00:00Z`);
    nextYear.setUTCFullYear(nextYear.getUTCFullYear() + 1);
    clock.set(nextYear);
    await signIn(server, follower);
    await signIn(server, unfollowed);
    const again = await eventually(() => eventCards(follower), (c) => c.length >= 2, 'the next year’s card');
    await sleep(400);
    expect(await eventCards(follower)).toHaveLength(2);
    expect(again[1].body.card).toMatchObject({ eventId: event.id, occursOn: nextYear.toISOString().slice(0, 10) });
    // The late follower stopped following: last year's card only.
    expect(await eventCards(unfollowed)).toHaveLength(1);
    expect((await follow(follower, owner, false)).body).toEqual({ followingEvents: false });

    // Nobody can take the service account's handle.
    expect.soft((await server.request('POST', '/api/auth/signup', { body: { handle: 'maum_events', displayName: 'x', password: 'a-password-1' } })).body.code, 'signing up as the Maum account').toBe('handle_taken');
  });
});

if (testEngine !== 'postgres') console.log('profile event cards on two server processes: runs in the PostgreSQL pass only (an embedded PGlite database belongs to one process)');
describe('event cards with two server processes on one database', () => {
  it.runIf(testEngine === 'postgres')('reach each follower once', async () => {
    // The other node keeps the system clock; this node's clock is moved to now so both agree on the day.
    clock.set(new Date());
    const other = await startServerProcess({ ...server.env, SCHEDULER_INTERVAL_SECONDS: '0.05' });
    try {
      const [owner, ...followers] = (await people(server, 5)) as Person[];
      await mutual(owner!, ...followers);
      const { addEvent, follow } = steps();
      for (const f of followers) expect((await follow(f, owner!)).status).toBe(200);
      const today = new Date().toISOString().slice(0, 10);
      const events = [await addEvent(owner!, today, { title: 'First' }), await addEvent(owner!, today, { kind: 'new_job', title: 'Second', yearly: false })];
      await eventually(() => eventCards(followers[0]!), (cards) => cards.length >= 2, 'the first follower’s cards');
      // Hand the lease over, so the other node runs the job too, over what this one has done.
      await server.app.scheduler.stop();
      await sleep(1500);
      for (const f of followers) {
        const cards = await eventCards(f);
        expect(cards.map((m) => m.body.card.eventId).sort()).toEqual(ids(events).sort());
      }
      server.app.scheduler.start();
    } finally {
      await other.stop();
    }
  });
});
