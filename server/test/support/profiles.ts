import type { Clock } from '../../src/platform/clock';
import sharp from 'sharp';
import { unzipSync } from 'fflate';
import { befriend, people, type Person } from './chat';
import type { TestServer } from './test-server';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read loosely typed JSON bodies
export type Json = any;
export interface Answer {
  status: number;
  body: Json;
}

/** The calendar day (UTC, `YYYY-MM-DD`) `offset` days from the clock's today. */
export function dayOf(clock: Clock, offset = 0): string {
  return new Date(clock.now().getTime() + offset * 86_400_000).toISOString().slice(0, 10);
}

const base36 = (length: number) => Array.from({ length }, () => Math.floor(Math.random() * 36).toString(36)).join('');

/**
 * One product in the gift shop, listed as a seller's product is: enough to send gifts with, without drawing the demo
 * catalogue's pictures (which takes half a minute on a busy machine).
 */
export async function shopProduct(server: TestServer, name = 'Americano', price = 4_500) {
  const id = await server.app.services.catalogue.listSellerProduct(
    { kind: 'system' },
    { brandId: `slr_${base36(26)}`, brandName: `Cafe ${base36(6)}`, sellerProductId: `itm_${base36(26)}`, giftProductId: null, name, price, options: [], imageKey: 'shop/none.webp' },
  );
  return { id, name, price: { amount: price }, options: [] as Array<{ values: string[] }> };
}

/** A small picture as a multipart form, as the web app uploads a cover or a photo. */
export async function pictureForm(colour = '#3a7', size = 48): Promise<FormData> {
  const png = await sharp({ create: { width: size, height: size, channels: 3, background: colour } }).png().toBuffer();
  const form = new FormData();
  form.append('file', new Blob([png], { type: 'image/png' }), 'picture.png');
  return form;
}

/** Waits (in real time) until `check` holds for what `read` answers, or fails naming `what`. */
export async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value).slice(0, 400)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Every message in the person's direct room with the account `other` picks out (none if it has not spoken). */
export async function messagesFrom(server: TestServer, person: Person, other: (profile: { handle: string; displayName: string }) => boolean): Promise<Json[]> {
  const rooms = await server.request('GET', '/api/rooms', { token: person.token });
  const room = rooms.body.rooms.find((r: { others: Array<{ handle: string; displayName: string }> }) => r.others.length === 1 && other(r.others[0]!));
  if (!room) return [];
  const history = await server.request('GET', `/api/rooms/${room.id}/messages`, { token: person.token });
  return history.body.messages as Json[];
}

/**
 * An owner and the people around them, one of each standing: `friend` (added by the owner), `favourite` (added and
 * made a favourite), `listed` (added and on the owner's list `listId`), `stranger` (not added) and `blocked` (blocked
 * by the owner). Each of them has added the owner, so only the owner's side tells them apart (and gifts can go to the
 * owner from anyone the owner has not blocked).
 */
export async function circle(server: TestServer) {
  const [owner, friend, favourite, listed, stranger, blocked] = (await people(server, 6)) as [Person, Person, Person, Person, Person, Person];
  for (const p of [friend, favourite, listed, stranger, blocked]) await befriend(server, p, owner);
  await befriend(server, owner, friend, favourite, listed);
  const fav = await server.request('PATCH', `/api/friends/${favourite.user.id}`, { token: owner.token, body: { favourite: true } });
  if (fav.status !== 200) throw new Error(`favourite failed: ${fav.status} ${JSON.stringify(fav.body)}`);
  const list = await server.request('POST', '/api/profile/lists', { token: owner.token, body: { name: 'Close', memberIds: [listed.user.id] } });
  if (list.status !== 201) throw new Error(`list failed: ${list.status} ${JSON.stringify(list.body)}`);
  const block = await server.request('PUT', `/api/blocks/${blocked.user.id}`, { token: owner.token });
  if (block.status !== 204) throw new Error(`block failed: ${block.status} ${JSON.stringify(block.body)}`);
  return { owner, friend, favourite, listed, stranger, blocked, listId: list.body.id as string };
}
export type Circle = Awaited<ReturnType<typeof circle>>;

/** Profile-space steps over the API, as the web app takes them. Each answers the reply; `…Ok` ones check the status. */
export function profileSteps(server: TestServer) {
  const call = (who: Person | undefined, method: string, path: string, body?: unknown): Promise<Answer> =>
    server.request(method, path, { token: who?.token, body });
  const ok = async (reply: Promise<Answer>, status: number, what: string): Promise<Json> => {
    const res = await reply;
    if (res.status !== status) throw new Error(`${what}: expected ${status}, got ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
    return res.body;
  };
  const eventBody = (day: string, more: object = {}) => ({ kind: 'birthday', title: 'Birthday', date: day, yearly: true, audience: { kind: 'friends' }, ...more });
  const of = (owner: Person) => `/api/profiles/${owner.user.id}`;

  return {
    call,
    ok,
    decorate: (owner: Person, body: object) => call(owner, 'PATCH', '/api/profile/space', body),
    space: (viewer: Person | undefined, owner: Person) => call(viewer, 'GET', of(owner)),
    /** The space's blocks as the viewer sees them, by kind. */
    blocks: async (viewer: Person, owner: Person): Promise<Record<string, Json>> => {
      const space = await ok(call(viewer, 'GET', of(owner)), 200, 'space');
      return Object.fromEntries((space.blocks as Json[]).map((b) => [b.kind, b]));
    },
    addEvent: (owner: Person, day: string, more: object = {}): Promise<Json> => ok(call(owner, 'POST', '/api/profile/events', eventBody(day, more)), 201, 'add event'),
    updateEvent: (owner: Person, eventId: string, body: object) => call(owner, 'PATCH', `/api/profile/events/${eventId}`, body),
    addList: (owner: Person, name: string, members: Person[]) =>
      call(owner, 'POST', '/api/profile/lists', { name, memberIds: members.map((m) => m.user.id) }),
    setFeeling: (owner: Person, body: object) => call(owner, 'PUT', '/api/profile/feeling', body),
    guestbook: (viewer: Person | undefined, owner: Person, query = '') => call(viewer, 'GET', `${of(owner)}/guestbook${query}`),
    sign: (writer: Person | undefined, owner: Person, body: object) => call(writer, 'POST', `${of(owner)}/guestbook`, body),
    signOk: (writer: Person, owner: Person, body: object): Promise<Json> => ok(call(writer, 'POST', `${of(owner)}/guestbook`, body), 201, 'sign'),
    reply: (who: Person | undefined, owner: Person, entryId: string, text: string) => call(who, 'PUT', `${of(owner)}/guestbook/${entryId}/reply`, { text }),
    unsign: (who: Person | undefined, owner: Person, entryId: string) => call(who, 'DELETE', `${of(owner)}/guestbook/${entryId}`),
    celebrate: (who: Person | undefined, owner: Person, eventId: string, reaction: string) =>
      call(who, 'PUT', `${of(owner)}/events/${eventId}/celebration`, { reaction }),
    uncelebrate: (who: Person | undefined, owner: Person, eventId: string) => call(who, 'DELETE', `${of(owner)}/events/${eventId}/celebration`),
    wall: (viewer: Person | undefined, owner: Person, eventId: string) => call(viewer, 'GET', `${of(owner)}/events/${eventId}/wall`),
    follow: (who: Person | undefined, owner: Person, events = true) => call(who, 'PUT', `${of(owner)}/follow`, { events }),
    notices: (owner: Person) => call(owner, 'GET', '/api/profile/notices'),
    upcoming: (viewer: Person) => call(viewer, 'GET', '/api/profiles/upcoming-events'),
    /** The owner's export, unzipped: each file's bytes by name, and profile.json read. */
    exported: async (owner: Person): Promise<{ contentType: string; files: Record<string, Uint8Array>; profile: Json }> => {
      const res = await fetch(`${server.url}/api/profile/export`, { headers: { authorization: `Bearer ${owner.token}` } });
      const bytes = new Uint8Array(await res.arrayBuffer());
      if (res.status !== 200) throw new Error(`export: ${res.status} ${new TextDecoder().decode(bytes).slice(0, 300)}`);
      const files = unzipSync(bytes);
      const json = files['profile.json'];
      return { contentType: res.headers.get('content-type') ?? '', files, profile: json ? JSON.parse(new TextDecoder().decode(json)) : undefined };
    },
  };
}
