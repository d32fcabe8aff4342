import {
  accountsApi,
  certificatesApi,
  chatApi,
  commerceApi,
  friendsApi,
  giftsApi,
  IDEMPOTENCY_HEADER,
  logApi,
  profilesApi,
  STORE_KEY_HEADER,
  storeApi,
  systemApi,
  walletApi,
  type Endpoint,
} from '@maum/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { befriend, directRoom, people, sendText, type Person } from './support/chat';
import { commerceSteps, png, type SellerAccount } from './support/commerce';
import { key } from './support/gifts';
import {
  deepJson,
  pool,
  positions,
  recordingLogger,
  replyProblem,
  resolveRef,
  sampleOf,
  send,
  shuffled,
  URL_LONE_SURROGATE,
  URL_NUL,
  withAt,
  wrongType,
  type JsonPath,
  type OpenApiDocument,
  type OpenApiOperation,
  type RawRequest,
  type Schema,
  type ServerError,
} from './support/fuzz';
import { PASSWORD, startTestServer, type TestServer } from './support/test-server';

// Bad input never causes a 5xx: every route of the OpenAPI document gets malformed, mistyped, oversized and
// hostile input, as an anonymous caller, as a signed-in user (the seller or operator on their routes), and with a
// store key on store routes, and every answer must be a 4xx (or a success) with a `{code, message}` body whose code
// maps to that status. Path parameters are real ids of objects made first, so the input gets past access checks.

const CONCURRENCY = 8;
const MIB = 1024 * 1024;
const OVER_MIB_BODY = JSON.stringify({ text: 'a'.repeat(MIB) });

let server: TestServer;
const recorder = recordingLogger();

interface World {
  me: Person;
  other: Person;
  /** Whose sessions the session-ending routes end (see victimSession), so no one else is signed out. */
  victim: Person;
  victimOtherSession: string;
  op: Person;
  seller: SellerAccount;
  storeKey: string;
  ids: Record<string, string>;
  params: Record<string, string>;
  otherRoomId: string;
}
let world: World;

beforeAll(async () => {
  server = await startTestServer(
    // Bad logins and PIN look-ups count towards their limits; lifted, so each one reaches the code behind them.
    { LOGIN_LIMIT_PER_HANDLE: '1000000', LOGIN_LIMIT_PER_IP: '1000000', PIN_LOOKUP_LIMIT: '1000000' },
    { log: recorder.log },
  );
  await server.app.services.catalogue.seedDemo();
  const steps = commerceSteps(server);
  const { call, expectStatus } = steps;
  const [op, [me, friend, other, victim]] = await Promise.all([steps.operator(), people(server, 4)]);

  /** A direct room with messages and a picture in it, and one of other's. */
  async function rooms() {
    await befriend(server, me!, friend!);
    await befriend(server, friend!, me!, other!);
    await befriend(server, other!, friend!);
    const room = await directRoom(server, me!, friend!);
    expect((await sendText(server, me!, room.id, 'hello')).status).toBe(200);
    expect((await sendText(server, friend!, room.id, 'hi back')).status).toBe(200);
    const form = new FormData();
    form.append('file', await png('#123456'), 'photo.png');
    const media = expectStatus(await call('POST', `/api/rooms/${room.id}/media`, me, form), 201, 'media');
    return { room, media, otherRoom: await directRoom(server, other!, friend!) };
  }

  /** A seller's certified product with a certificate, bought by me: an order, a certificate I own. */
  async function shop() {
    const seller = await steps.seller(op, 'brand');
    const image = await steps.image(seller);
    const product = expectStatus(
      await call('POST', '/api/seller/products', seller.person, { name: 'Fuzz mug', imageIds: [image], variants: [{ name: 'Default', price: 10_000, stock: 1000 }] }),
      201,
      'product',
    ).product;
    const certification = await steps.certify(op, seller, product.id, [image]);
    const certificate = expectStatus(await call('POST', '/api/seller/certificates', seller.person, { productId: product.id, serials: ['FZ-0001'] }), 201, 'issue')
      .certificates[0];
    expectStatus(await steps.coupon(seller, {}), 201, 'coupon');
    await steps.fund(me!, 1_000_000);
    const order = expectStatus(await steps.checkout(me!, { lines: [{ variantId: product.variants[0].id, quantity: 1 }] }), 201, 'checkout');
    expectStatus(await steps.pay(me!, order.id), 200, 'pay');
    return { seller, image, product, certification, certificate, order };
  }

  /** Two gifts to me from a friend (once we are friends): one left pending, one accepted and redeemed at a store. */
  async function gifts(friends: Promise<unknown>) {
    const found = expectStatus(await call('GET', '/api/shop/products?q=Americano', me), 200, 'shop').products[0];
    const store = await steps.storeFor(found.brand.id);
    await friends;
    await steps.fund(friend!, 100_000);
    const give = async () =>
      expectStatus(
        await steps.order(friend!, { productId: found.id, option: found.options[0]?.values[0], recipientIds: [me!.user.id], card: { template: 'plain', text: 'Fuzz' } }),
        201,
        'gift',
      ).gifts[0];
    const [pending, redeemed] = [await give(), await give()];
    const pin = expectStatus(await call('POST', `/api/gifts/${redeemed.id}/accept`, me), 200, 'accept').coupon.pin as string;
    const redemption = await send(server.url, {
      method: 'POST',
      target: '/api/store/redemptions',
      headers: { 'content-type': 'application/json', [STORE_KEY_HEADER]: store.apiKey, [IDEMPOTENCY_HEADER]: key() },
      body: JSON.stringify({ pin }),
    });
    expect(redemption.status).toBe(201);
    return { giftProduct: found as { id: string }, held: { pin }, store, redemptionId: JSON.parse(redemption.text).id as string, gift: pending };
  }

  /** Another session of the victim's, for the route that ends one session by id. */
  async function victimSessions() {
    const login = await call('POST', '/api/auth/login', undefined, { handle: victim!.handle, password: PASSWORD });
    return expectStatus(await call('GET', '/api/sessions', { ...victim!, token: login.body.token }), 200, 'sessions').sessions as Array<{ id: string; current: boolean }>;
  }

  /**
   * A profile space of the friend's that admits me (an event, and my entry in its guestbook), and a list and a photo
   * of mine.
   */
  async function space(friends: Promise<unknown>) {
    await friends;
    const event = expectStatus(
      await call('POST', '/api/profile/events', friend, { kind: 'birthday', title: 'Fuzz day', date: '1990-06-15', yearly: true, audience: { kind: 'friends' } }),
      201,
      'event',
    );
    const entry = expectStatus(await call('POST', `/api/profiles/${friend!.user.id}/guestbook`, me, { text: 'Fuzz was here', eventId: event.id }), 201, 'entry');
    const list = expectStatus(await call('POST', '/api/profile/lists', me, { name: 'Fuzz', memberIds: [friend!.user.id] }), 201, 'list');
    const form = new FormData();
    form.append('file', await png('#654321'), 'strip.png');
    const photo = expectStatus(await call('POST', '/api/profile/photos', me, form), 201, 'photo');
    return { event: event.id as string, entry: entry.id as string, list: list.id as string, photo: photo.id as string };
  }

  const chats = rooms();
  const [{ room, media, otherRoom }, { seller, image, product, certification, certificate, order }, { giftProduct, held, store, redemptionId, gift }, sessions, profile] =
    await Promise.all([chats, shop(), gifts(chats), victimSessions(), space(chats)]);

  world = {
    me: me!,
    other: other!,
    victim: victim!,
    victimOtherSession: sessions.find((s) => !s.current)!.id,
    op,
    seller,
    storeKey: store.apiKey,
    otherRoomId: otherRoom.id,
    ids: {
      usr: friend!.user.id,
      room: room.id,
      med: media.id,
      prd: giftProduct.id,
      gft: gift.id,
      sor: order.id,
      slr: seller.sellerId,
      chn: seller.channelId,
      itm: product.id,
      var: product.variants[0].id,
      crq: certification.id,
      crt: certificate.id,
      rdm: redemptionId,
      ses: sessions.find((s) => !s.current)!.id,
      pev: profile.event,
      pgb: profile.entry,
      pal: profile.list,
      pph: profile.photo,
    },
    params: {
      handle: friend!.handle,
      code: friend!.user.friendCode,
      seq: '1',
      emoji: encodeURIComponent('👍'),
      variant: 'original',
      picture: 'profile',
      imageId: image,
      pin: held.pin,
      '*': '0/000',
    },
  };
}, 120_000);

afterAll(() => server?.close());

type Who = 'anonymous' | 'user' | 'store';

interface Route {
  method: string;
  path: string;
  op: OpenApiOperation;
  auth: 'none' | 'optional' | 'user' | 'store';
  idempotent: boolean;
  multipart: boolean;
  jsonBody: Schema | undefined;
}

interface Case {
  route: Route;
  who: Who;
  name: string;
  build: () => Promise<RawRequest>;
}

interface Violation {
  route: string;
  who: Who;
  name: string;
  problem: string;
  status: number;
  /** The error code answered, if the body had one. */
  code: string;
  excerpt: string;
  serverErrors: ServerError[];
}

const API_GROUPS = [accountsApi, friendsApi, systemApi, chatApi, walletApi, giftsApi, storeApi, commerceApi, logApi, certificatesApi, profilesApi];
const openapiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}').replace(/\*$/, '{*}');
const MULTIPART = new Set(
  API_GROUPS.flatMap((group) => Object.values(group as Record<string, Endpoint>))
    .filter((e) => e.multipart)
    .map((e) => `${e.method} ${openapiPath(e.path)}`),
);

/** Routes that end sessions: as a signed-in caller they act for the victim, on a session of theirs (see victimSession). */
const ENDS_SESSION = /^(POST \/api\/auth\/logout|DELETE \/api\/sessions\/\{sessionId\}|POST \/api\/sessions\/revoke-others)$/;
/** Routes whose success undoes the objects others' cases use (leaving, blocking, refusing, suspending…): they run last. */
const LATE =
  /^(POST \/api\/auth\/logout|DELETE \/api\/sessions\/.*|POST \/api\/sessions\/revoke-others|DELETE \/api\/friends\/.*|PUT \/api\/blocks\/.*|POST \/api\/rooms\/\{roomId\}\/leave|DELETE \/api\/rooms\/\{roomId\}\/messages\/\{seq\}|POST \/api\/operator\/.*|POST \/api\/gifts\/\{giftId\}\/(accept|refuse|cancel|exchange|refund)|POST \/api\/orders\/\{orderId\}\/(cancel|refuse|complete|accept)|POST \/api\/seller\/orders\/.*|POST \/api\/certificates\/\{certId\}\/transfer|POST \/api\/store\/redemptions\/.*|DELETE \/api\/profiles?\/.*|POST \/api\/open\/rooms\/\{roomId\}\/close|POST \/api\/subscriptions\/\{subscriptionId\}\/(cancel|refund))$/;

function routesOf(doc: OpenApiDocument): Route[] {
  const routes: Route[] = [];
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(operations)) {
      const security = (op.security ?? []).map((s) => Object.keys(s)[0] ?? 'none');
      const auth = security.includes('storeKey') ? 'store' : security.includes('none') ? 'optional' : security.includes('session') ? 'user' : 'none';
      routes.push({
        method: method.toUpperCase(),
        path,
        op,
        auth,
        idempotent: (op.parameters ?? []).some((p) => p.in === 'header' && p.name === IDEMPOTENCY_HEADER),
        multipart: MULTIPART.has(`${method.toUpperCase()} ${path}`),
        jsonBody: op.requestBody?.content['application/json']?.schema,
      });
    }
  }
  return routes;
}

/** The token a signed-in caller of this route uses: the seller on seller routes, the operator on operator routes. */
function ownerOf(route: Route): Person {
  if (route.path.startsWith('/api/seller/')) return world.seller.person;
  if (route.path.startsWith('/api/operator/')) return world.op;
  return world.me;
}

let victimToken: Promise<string> | undefined;
/**
 * The victim's session for the session-ending routes: shared until a request ends it (a logout that succeeded, or
 * any 401), then the victim signs in again. A request that raced with the ending gets its 401, an answer like any.
 */
function victimSession(): Promise<string> {
  return (victimToken ??= send(server.url, {
    method: 'POST',
    target: '/api/auth/login',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ handle: world.victim.handle, password: PASSWORD }),
  }).then((res) => {
    if (res.status !== 200) throw new Error(`victim login: ${res.status} ${res.text}`);
    return JSON.parse(res.text).token as string;
  }));
}

/** The cases for one route and one kind of caller. */
function casesFor(route: Route, who: Who, doc: OpenApiDocument): Case[] {
  const label = `${route.method} ${route.path}`;
  const pathParams = (route.op.parameters ?? []).filter((p) => p.in === 'path');
  const queryParams = (route.op.parameters ?? []).filter((p) => p.in === 'query');
  const idFor = (prefix: string) => world.ids[prefix];
  // Past authentication, so the input reaches parsing, validation and the handler.
  const deep = who === 'store' ? true : who === 'user' ? route.auth !== 'store' : route.auth === 'none' || route.auth === 'optional';
  const sessionEnding = who === 'user' && ENDS_SESSION.test(label);

  const realParam = (name: string, schema: Schema): string => {
    if (name === 'sessionId') return world.victimOtherSession;
    if (world.params[name]) return world.params[name]!;
    return encodeURIComponent(String(sampleOf(schema, doc, idFor, name)));
  };
  const pathWith = (overrides: Record<string, string> = {}) =>
    route.path.replace(/\{([^}]+)\}/g, (_, name: string) => overrides[name] ?? realParam(name, pathParams.find((p) => p.name === name)?.schema ?? {}));
  const baseQuery = () => {
    const query = new URLSearchParams();
    for (const p of queryParams) if (p.required) query.set(p.name, String(sampleOf(p.schema, doc, idFor, p.name)));
    return query;
  };
  const target = (path: string, query: string) => (query ? `${path}?${query}` : path);

  async function headersFor(extra: { idempotencyKey?: string | null } = {}): Promise<Record<string, string>> {
    const headers: Record<string, string> = {};
    if (who === 'user') headers.authorization = `Bearer ${sessionEnding ? await victimSession() : ownerOf(route).token}`;
    if (who === 'store') headers[STORE_KEY_HEADER] = world.storeKey;
    if (route.idempotent && extra.idempotencyKey !== null) headers[IDEMPOTENCY_HEADER] = extra.idempotencyKey ?? key();
    return headers;
  }

  const cases: Case[] = [];
  const add = (name: string, build: () => Promise<RawRequest>) => cases.push({ route, who, name, build });
  /** A request to the route with the real path and required query, changed by `parts`. */
  const request = (
    name: string,
    parts: { path?: string; query?: string; body?: string | Uint8Array; contentType?: string | null; headers?: Record<string, string>; idempotencyKey?: string | null },
  ) =>
    add(name, async () => {
      const headers = { ...(await headersFor({ idempotencyKey: parts.idempotencyKey })), ...parts.headers };
      if (parts.body !== undefined && parts.contentType !== null) headers['content-type'] = parts.contentType ?? 'application/json';
      return { method: route.method, target: target(parts.path ?? pathWith(), parts.query ?? baseQuery().toString()), headers, body: parts.body };
    });

  // The URL: malformed path parameters, hostile and mistyped query parameters, huge query strings, an over-long URL.
  for (const p of pathParams) {
    const real = realParam(p.name, p.schema);
    const bad: Record<string, string> = {
      'a malformed id': 'nope',
      'NUL after a real id': real + URL_NUL,
      'a lone surrogate after a real id': real + URL_LONE_SURROGATE,
      NUL: URL_NUL,
      'a lone surrogate': URL_LONE_SURROGATE,
      'a broken %-escape': '%E0%A4%A',
      'a 150-character value': 'x'.repeat(150),
      'a path escape': encodeURIComponent('../../etc/passwd'),
    };
    for (const [what, value] of Object.entries(bad)) request(`path ${p.name} = ${what}`, { path: pathWith({ [p.name]: value }) });
  }
  const withParam = (name: string, raw: string) => {
    const query = baseQuery();
    query.delete(name);
    const rest = query.toString();
    return `${rest ? `${rest}&` : ''}${name}=${raw}`;
  };
  for (const p of queryParams) {
    const sample = encodeURIComponent(String(sampleOf(p.schema, doc, idFor, p.name)));
    request(`query ${p.name} = NUL`, { query: withParam(p.name, sample + URL_NUL) });
    request(`query ${p.name} = a lone surrogate`, { query: withParam(p.name, sample + URL_LONE_SURROGATE) });
    request(`query ${p.name} given twice`, { query: `${withParam(p.name, sample)}&${p.name}=${sample}` });
    const schema = resolveRef(p.schema, doc);
    request(`query ${p.name} of the wrong type`, { query: withParam(p.name, schema.type === 'integer' || schema.type === 'number' ? 'abc' : schema.enum ? 'zzz' : '') });
    request(`query ${p.name} = 12 KB`, { query: withParam(p.name, 'a'.repeat(12_000)) });
  }
  // A route that reads no query string only parses it, before authentication: an anonymous caller covers that.
  if (queryParams.length > 0 || who === 'anonymous') {
    if (queryParams.length === 0) {
      request('an unknown query parameter = NUL', { query: withParam('junk', `a${URL_NUL}`) });
      request('an unknown query parameter = a lone surrogate', { query: withParam('junk', `a${URL_LONE_SURROGATE}`) });
    }
    request('a 12 KB query string of many parameters', { query: `${baseQuery().toString()}&${Array.from({ length: 120 }, (_, i) => `pad${i}=${'a'.repeat(96)}`).join('&')}` });
  }
  // Past Node's header limit (16 KiB): refused before any route is found, so once per route is plenty.
  if (who === 'anonymous') request('an over-long URL (20 KB)', { query: `${baseQuery().toString()}&long=${'a'.repeat(20_000)}` });

  if (route.method === 'GET') return cases;

  // The body: not JSON, the wrong content type, nested too deep, too large.
  const sample = route.jsonBody ? sampleOf(route.jsonBody, doc, idFor) : { note: 'unexpected' };
  const sampleJson = JSON.stringify(sample);
  request('malformed JSON', { body: '{"a":' });
  request('5,000 levels of [', { body: deepJson('array') });
  // A caller who is not let in is refused before the body is read: the rest is for callers who get that far.
  if (!deep) return cases;
  request('an empty JSON body', { body: '' });
  request('5,000 levels of {"a":', { body: deepJson('object') });
  request('content type text/plain', { body: sampleJson, contentType: 'text/plain' });
  if (route.jsonBody || route.multipart) {
    request('content type x-www-form-urlencoded', { body: 'a=1&b=2', contentType: 'application/x-www-form-urlencoded' });
    request('no content type', { body: new TextEncoder().encode(sampleJson), contentType: null });
  }
  request('a JSON body over 1 MiB', { body: OVER_MIB_BODY });

  if (route.idempotent) {
    request('no Idempotency-Key', { body: sampleJson, idempotencyKey: null });
    request('a malformed Idempotency-Key', { body: sampleJson, idempotencyKey: 'bad key!' });
    request('an over-long Idempotency-Key', { body: sampleJson, idempotencyKey: 'k'.repeat(500) });
  }

  if (route.multipart) {
    const boundary = 'fuzzboundary7MA4YWxk';
    const multipart = (body: string | Uint8Array, type = `multipart/form-data; boundary=${boundary}`) => ({ body, contentType: type });
    const part = (field: string, filename: string, content: string, type = 'image/png') =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n${content}\r\n`;
    request('multipart: unterminated', multipart(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n`));
    request('multipart: the wrong boundary', multipart(`${part('file', 'a.png', 'x').replaceAll(boundary, 'otherboundary')}--otherboundary--\r\n`));
    request('multipart: no file part', multipart(`--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n--${boundary}--\r\n`));
    request('multipart: no boundary', multipart(`${part('file', 'a.png', 'x')}--${boundary}--\r\n`, 'multipart/form-data'));
    request('multipart: an empty body', multipart(''));
    request('multipart: the file in another field', multipart(`${part('picture', 'a.png', 'x')}--${boundary}--\r\n`));
    request('multipart: bytes that are no image', multipart(`${part('file', 'a.png', 'this is not a picture')}--${boundary}--\r\n`));
    request('multipart: a truncated PNG', multipart(`${part('file', 'a.png', '\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x10\0\0\0\x10\0')}--${boundary}--\r\n`));
    request('multipart: NUL in the file name', multipart(`${part('file', 'a\0b.png', 'x')}--${boundary}--\r\n`));
    request(
      'multipart: a lone surrogate in the file name',
      multipart(new Uint8Array([...new TextEncoder().encode(part('file', 'a', 'x').replace('filename="a"', 'filename="a')), 0xed, 0xa0, 0x80, ...new TextEncoder().encode(`"\r\n--${boundary}--\r\n`)])),
    );
    request('multipart: two files', multipart(`${part('file', 'a.png', 'x')}${part('file', 'b.png', 'y')}--${boundary}--\r\n`));
    return cases;
  }

  // Valid JSON of the wrong shape, then each field in turn: missing, mistyped, null, hostile strings, huge, deep.
  if (!route.jsonBody) {
    request('body null', { body: 'null' });
    request('an unexpected body with NUL and a lone surrogate', { body: JSON.stringify({ note: 'a\u0000b', other: 'a\ud800b' }) });
    return cases;
  }
  for (const [what, body] of Object.entries({ '{}': '{}', null: 'null', '[]': '[]', 'a string': '"x"', 'a number': '42' })) request(`body ${what}`, { body });
  const name = (path: JsonPath) => `body.${path.join('.')}`;
  for (const { path, value } of positions(sample)) {
    // Each field left out in turn, at any depth: the required ones must be refused, the optional ones not trip anything.
    if (typeof path.at(-1) === 'string') request(`${name(path)} missing`, { body: JSON.stringify(withAt(sample, path, undefined)) });
    request(`${name(path)} of the wrong type`, { body: JSON.stringify(withAt(sample, path, wrongType(value))) });
    request(`${name(path)} null`, { body: JSON.stringify(withAt(sample, path, null)) });
    if (typeof value === 'string') {
      request(`${name(path)} with NUL`, { body: JSON.stringify(withAt(sample, path, `${value}\u0000`)) });
      request(`${name(path)} with a lone surrogate`, { body: JSON.stringify(withAt(sample, path, `${value}\ud800`)) });
      request(`${name(path)} a string just under 1 MiB`, { body: JSON.stringify(withAt(sample, path, 'a'.repeat(MIB - sampleJson.length - 64))) });
    }
    if (path.length === 1) {
      const marker = '"__deep__"';
      request(`${name(path)} 5,000 levels deep`, { body: JSON.stringify(withAt(sample, path, '__deep__')).replace(marker, deepJson('array')) });
    }
  }
  const firstString = positions(sample).find((p) => typeof p.value === 'string');
  if (firstString) request(`${name(firstString.path)} a 1 MiB string`, { body: JSON.stringify(withAt(sample, firstString.path, 'a'.repeat(MIB))) });
  return cases;
}

async function runCase(c: Case): Promise<Violation | null> {
  const request = await c.build();
  const startedAt = Date.now();
  const reply = await send(server.url, request);
  if (c.who === 'user' && ENDS_SESSION.test(`${c.route.method} ${c.route.path}`) && ((reply.status < 300 && c.route.path === '/api/auth/logout') || reply.status === 401)) {
    victimToken = undefined;
  }
  const problem = replyProblem(reply);
  if (!problem) return null;
  const endedAt = Date.now();
  const serverErrors = recorder.errors.filter((e) => e.method === request.method && e.url === request.target && e.time >= startedAt - 5 && e.time <= endedAt + 50);
  return {
    route: `${c.route.method} ${c.route.path}`,
    who: c.who,
    name: c.name,
    problem,
    status: reply.status,
    code: codeOf(reply.text),
    excerpt: reply.text.slice(0, 160),
    serverErrors,
  };
}

function codeOf(text: string): string {
  try {
    const code = (JSON.parse(text) as { code?: unknown }).code;
    return typeof code === 'string' ? code : '';
  } catch {
    return '';
  }
}

/** One paragraph per distinct cause (what was wrong, and what the server logged), then each case and its routes. */
function describeViolations(violations: Violation[], total: number): string {
  const groups = new Map<string, Violation[]>();
  for (const v of violations) {
    const causes = [...new Set(v.serverErrors.map((e) => `${e.message} at ${e.at}`))];
    const logged = causes.length > 0 ? `\n    server logged: ${causes.join('\n    or: ')}` : '';
    const groupKey = `${v.problem} (${v.status}${v.code ? ` ${v.code}` : ''})${logged}`;
    groups.set(groupKey, [...(groups.get(groupKey) ?? []), v]);
  }
  const lines = [`${violations.length} of ${total} fuzz requests broke the bad-input rule, for ${groups.size} distinct causes:`];
  for (const [cause, list] of [...groups].sort((a, b) => b[1].length - a[1].length)) {
    lines.push('', `● ${list.length} × ${cause}`, `    e.g. ${list[0]!.excerpt}`);
    const byCase = new Map<string, string[]>();
    for (const v of list) byCase.set(v.name, [...(byCase.get(v.name) ?? []), `${v.route} as ${v.who}`]);
    for (const [name, routes] of byCase) {
      const shown = routes.length > 6 ? `${routes.slice(0, 4).join(', ')} and ${routes.length - 4} more routes` : routes.join(', ');
      lines.push(`    ${name}: ${shown}`);
    }
  }
  return lines.join('\n');
}

describe('bad input on every HTTP route', () => {
  it('never answers 5xx, and every error is {code, message} with the status its code maps to', { timeout: 300_000 }, async () => {
    const docReply = await send(server.url, { method: 'GET', target: '/api/openapi.json' });
    expect(docReply.status).toBe(200);
    const doc = JSON.parse(docReply.text) as OpenApiDocument;
    const routes = routesOf(doc);
    expect(routes.length).toBeGreaterThan(100);
    expect(routes.filter((r) => r.multipart).length).toBe(MULTIPART.size);

    const cases: Case[] = [];
    for (const route of routes) {
      cases.push(...casesFor(route, 'anonymous', doc));
      if (route.auth !== 'none') cases.push(...casesFor(route, 'user', doc));
      if (route.auth === 'store') cases.push(...casesFor(route, 'store', doc));
    }
    const late = (c: Case) => LATE.test(`${c.route.method} ${c.route.path}`) && c.who !== 'anonymous';
    const first = shuffled(cases.filter((c) => !late(c)));
    const last = shuffled(cases.filter(late));
    const violations = [...(await pool(first.map((c) => () => runCase(c)), CONCURRENCY)), ...(await pool(last.map((c) => () => runCase(c)), CONCURRENCY))].filter(
      (v): v is Violation => v !== null,
    );

    // The server is still up and still serves everyone else.
    expect((await server.request('GET', '/healthz')).status).toBe(200);
    expect((await server.request('GET', '/api/me', { token: world.other.token })).status).toBe(200);
    expect((await sendText(server, world.other, world.otherRoomId, 'still here')).status).toBe(200);

    if (violations.length > 0) expect.fail(describeViolations(violations, cases.length));
  });
});
