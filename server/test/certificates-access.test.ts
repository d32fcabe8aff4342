import { certificatesApi, logApi } from '@maum/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { befriend, people, type Person } from './support/chat';
import { commerceSteps, type ListedProduct, type SellerAccount } from './support/commerce';
import { startTestServer, type TestServer } from './support/test-server';

type Role = 'owner' | 'otherSeller' | 'buyer' | 'stranger' | 'anonymous' | 'operator';
const roles: Role[] = ['owner', 'otherSeller', 'buyer', 'stranger', 'anonymous', 'operator'];

/** Well-formed ids that name nothing. */
const NO_CERT = `crt_${'0'.repeat(26)}`;
const NO_REQUEST = `crq_${'0'.repeat(26)}`;
const NO_PRODUCT = `itm_${'0'.repeat(26)}`;
const NO_USER = `usr_${'0'.repeat(26)}`;

let server: TestServer;
let steps: ReturnType<typeof commerceSteps>;
let who: Record<Role, Person | undefined>;
let op: Person;
let owner: SellerAccount;
let other: SellerAccount;
let buyer: Person;
let friend: Person;
let blocker: Person;
let pendingSeller: Person;
let suspended: { seller: SellerAccount; product: ListedProduct };
/** The owner's products: certified, never asked about, waiting for review, refused, and the ones the matrix asks about and reviews. */
const products: Record<'certified' | 'plain' | 'waiting' | 'refused' | 'asked' | 'toApprove' | 'toReject', ListedProduct> = {} as never;
const ids = {} as Record<'ownerImage' | 'otherImage' | 'toApprove' | 'toReject' | 'otherRequest' | 'held', string>;
/** Certificates the buyer owns, by serial, each used by one test only. */
const certs: Record<string, string> = {};
/** The log's size once everything is set up: a tile this wide exists from then on. */
let logSize: number;

async function askCertification(seller: SellerAccount, product: ListedProduct, imageId: string): Promise<string> {
  return steps.expectStatus(await steps.call('POST', '/api/seller/certifications', seller.person, { productId: product.id, evidenceImageIds: [imageId] }), 201, 'request').id;
}

/** A seller whose product the operator certified, then suspended. */
async function suspendedSeller(): Promise<{ seller: SellerAccount; product: ListedProduct }> {
  const seller = await steps.seller(op, 'brand');
  const product = await steps.product(seller, { name: 'Bag' });
  await steps.certify(op, seller, product.id, [await steps.image(seller, '#000')]);
  steps.expectStatus(await steps.call('POST', `/api/operator/sellers/${seller.sellerId}/suspend`, op, { reason: 'Reports' }), 200, 'suspend');
  return { seller, product };
}

beforeAll(async () => {
  // Short log batches: every issue, transfer and revocation waits for a signed checkpoint.
  server = await startTestServer({ TLOG_BATCH_MS: '20' });
  steps = commerceSteps(server);
  const { call, expectStatus } = steps;
  const [operator, [b, stranger, f, bl, pending]] = await Promise.all([steps.operator(), people(server, 5)]);
  op = operator;
  buyer = b!;
  friend = f!;
  blocker = bl!;
  pendingSeller = pending!;
  [owner, other, suspended] = await Promise.all([
    steps.seller(op, 'brand'),
    steps.seller(op, 'small_business'),
    suspendedSeller(),
    (async () => {
      await befriend(server, buyer, friend, blocker);
      await befriend(server, friend, buyer);
      expectStatus(await call('PUT', `/api/blocks/${buyer.user.id}`, blocker), 204, 'block');
    })(),
    steps.apply(pendingSeller, 'brand').then((res) => expectStatus(res, 201, 'apply')),
  ]);
  who = { owner: owner.person, otherSeller: other.person, buyer, stranger, anonymous: undefined, operator: op };

  const names = ['certified', 'plain', 'waiting', 'refused', 'asked', 'toApprove', 'toReject'] as const;
  const [ownerImage, otherImage, ownerProducts, otherProduct] = await Promise.all([
    steps.image(owner, '#455a64'),
    steps.image(other, '#6a1b9a'),
    Promise.all(names.map((name) => steps.product(owner, { name: `Watch ${name}`, variants: [{ name: 'Steel', price: 10_000, stock: 100 }] }))),
    steps.product(other, { name: 'Scarf' }),
  ]);
  ids.ownerImage = ownerImage;
  ids.otherImage = otherImage;
  names.forEach((name, i) => (products[name] = ownerProducts[i]!));
  [ids.toApprove, ids.toReject, ids.otherRequest] = await Promise.all([
    askCertification(owner, products.toApprove, ids.ownerImage),
    askCertification(owner, products.toReject, ids.ownerImage),
    askCertification(other, otherProduct, ids.otherImage),
    steps.certify(op, owner, products.certified.id, [ids.ownerImage]),
    askCertification(owner, products.waiting, ids.ownerImage),
    askCertification(owner, products.refused, ids.ownerImage).then(async (id) =>
      expectStatus(await call('POST', `/api/operator/certifications/${id}/reject`, op, { reason: 'No authorisation letter' }), 200, 'reject'),
    ),
  ]);

  // Six certificates; a sale of five hands them to the buyer, oldest serial first.
  const serials = ['CF-1', 'CF-2', 'CF-3', 'CF-4', 'CF-5', 'CF-6'];
  expectStatus(await call('POST', '/api/seller/certificates', owner.person, { productId: products.certified.id, serials }), 201, 'issue');
  await steps.fund(buyer, 1_000_000);
  expectStatus(await steps.buy(buyer, [{ variantId: products.certified.variants[0]!.id, quantity: 5 }]), 200, 'buy');
  const mine = expectStatus(await call('GET', '/api/certificates/mine', buyer), 200, 'mine').certificates as Array<{ id: string; serial: string }>;
  for (const cert of mine) certs[cert.serial] = cert.id;
  if (Object.keys(certs).length !== 5) throw new Error(`the buyer got ${mine.length} certificates`);
  ids.held = expectStatus(await call('GET', '/api/seller/certificates', owner.person), 200, 'seller certificates').certificates.find((c: { serial: string }) => c.serial === 'CF-6').id;
  expectStatus(await call('POST', `/api/operator/certificates/${certs['CF-5']}/revoke`, op, { reason: 'issued_in_error' }), 200, 'revoke');

  logSize = expectStatus(await call('GET', '/api/log/checkpoint', undefined), 200, 'checkpoint').treeSize;
});
afterAll(() => server.close());

const sellerOnly = (ok: number, otherSeller = ok) => ({ owner: ok, otherSeller, buyer: 403, stranger: 403, anonymous: 401, operator: 403 });
const anyUser = (ok: number) => ({ owner: ok, otherSeller: ok, buyer: ok, stranger: ok, anonymous: 401, operator: ok });
const anyone = (ok: number) => ({ ...anyUser(ok), anonymous: ok });
const operatorOnly = (ok: number) => ({ owner: 403, otherSeller: 403, buyer: 403, stranger: 403, anonymous: 401, operator: ok });
const certOwnerOnly = (ok: number) => ({ owner: 404, otherSeller: 404, buyer: ok, stranger: 404, anonymous: 401, operator: 404 });

/** Every certificate and log route, what each caller sends, and the status each must get. */
const matrix: Array<{ route: string; call: (r: Role) => [string, string, unknown?]; expect: Record<Role, number> }> = [
  {
    route: 'POST /api/seller/certifications',
    call: () => ['POST', '/api/seller/certifications', { productId: products.asked.id, evidenceImageIds: [ids.ownerImage], note: 'Dealer letter.' }],
    expect: sellerOnly(201, 404),
  },
  { route: 'GET /api/seller/certifications', call: () => ['GET', '/api/seller/certifications'], expect: sellerOnly(200) },
  { route: 'GET /api/operator/certifications', call: () => ['GET', '/api/operator/certifications'], expect: operatorOnly(200) },
  { route: 'GET /api/operator/certifications (by status)', call: () => ['GET', '/api/operator/certifications?status=pending'], expect: operatorOnly(200) },
  { route: 'POST /api/operator/certifications/:requestId/approve', call: () => ['POST', `/api/operator/certifications/${ids.toApprove}/approve`], expect: operatorOnly(200) },
  {
    route: 'POST /api/operator/certifications/:requestId/reject',
    call: () => ['POST', `/api/operator/certifications/${ids.toReject}/reject`, { reason: 'Photos do not show the serial' }],
    expect: operatorOnly(200),
  },
  { route: 'POST /api/seller/certificates', call: () => ['POST', '/api/seller/certificates', { productId: products.certified.id, serials: ['MX-1'] }], expect: sellerOnly(201, 404) },
  { route: 'GET /api/seller/certificates', call: () => ['GET', '/api/seller/certificates'], expect: sellerOnly(200) },
  { route: 'GET /api/certificates/mine', call: () => ['GET', '/api/certificates/mine'], expect: anyUser(200) },
  { route: 'POST /api/certificates/:certId/transfer', call: () => ['POST', `/api/certificates/${certs['CF-1']}/transfer`, { toUserId: friend.user.id }], expect: certOwnerOnly(200) },
  { route: 'POST /api/operator/certificates/:certId/revoke', call: () => ['POST', `/api/operator/certificates/${certs['CF-2']}/revoke`, { reason: 'counterfeit' }], expect: operatorOnly(200) },
  { route: 'GET /api/certificates/:certId', call: () => ['GET', `/api/certificates/${certs['CF-3']}`], expect: anyone(200) },
  { route: 'GET /api/certificates/:certId/bundle', call: () => ['GET', `/api/certificates/${certs['CF-3']}/bundle`], expect: anyone(200) },
  { route: 'GET /api/products/:productId/certification', call: () => ['GET', `/api/products/${products.certified.id}/certification`], expect: anyone(200) },
  { route: 'GET /api/log/checkpoint', call: () => ['GET', '/api/log/checkpoint'], expect: anyone(200) },
  { route: 'GET /api/log/proof/inclusion', call: () => ['GET', `/api/log/proof/inclusion?index=0&size=${logSize}`], expect: anyone(200) },
  { route: 'GET /api/log/proof/consistency', call: () => ['GET', `/api/log/proof/consistency?from=1&to=${logSize}`], expect: anyone(200) },
  { route: 'GET /api/log/bundle', call: () => ['GET', '/api/log/bundle?indices=0,1'], expect: anyone(200) },
  { route: 'GET /api/log/anchors', call: () => ['GET', '/api/log/anchors'], expect: anyone(200) },
  { route: 'GET /log/checkpoint', call: () => ['GET', '/log/checkpoint'], expect: anyone(200) },
  { route: 'GET /log/verifier-key', call: () => ['GET', '/log/verifier-key'], expect: anyone(200) },
  { route: 'GET /log/tile/<L>/<N>', call: () => ['GET', `/log/tile/0/000.p/${Math.min(logSize, 255)}`], expect: anyone(200) },
  { route: 'GET /log/tile/entries/<N>', call: () => ['GET', `/log/tile/entries/000.p/${Math.min(logSize, 255)}`], expect: anyone(200) },
];

const isError = (body: unknown) => expect(body).toEqual({ code: expect.any(String), message: expect.any(String) });

describe('every certificate route, for the product’s seller, another seller, a certificate’s owner, a stranger, an anonymous caller and the operator', () => {
  // The tests of this file run in order, and those after the matrix build on the changes it made: it approved
  // `toApprove`, rejected `toReject`, gave CF-1 to the friend, revoked CF-2 and issued MX-1.
  it('covers every certificate and log endpoint the protocol declares', () => {
    const covered = (route: string) => matrix.some((m) => m.route === route || m.route.startsWith(`${route} `));
    const declared = [...Object.values(certificatesApi), ...Object.values(logApi)].map((e) => `${e.method} ${e.path}`);
    expect(declared.filter((route) => !covered(route))).toEqual([]);
  });

  it.each(matrix.map((m) => [m.route, m] as const))('%s', async (_, { call, expect: expected }) => {
    // Callers expected to be refused go first, so a refusal is never just a change someone else already made.
    const order = [...roles].sort((a, b) => Number(expected[a] < 300) - Number(expected[b] < 300));
    const got: Partial<Record<Role, number>> = {};
    for (const role of order) {
      const [method, path, body] = call(role);
      const res = await steps.call(method, path, who[role], body);
      got[role] = res.status;
      expect(res.status, `${role}: ${JSON.stringify(res.body)}`).toBeLessThan(500);
      if (res.status >= 400) isError(res.body);
    }
    expect(got).toEqual(expected);
  });
});

describe('certification', () => {
  it('lets a seller issue only for its own product once the operator verified it, and only while it may sell', async () => {
    const issue = (person: Person, productId: string) => steps.call('POST', '/api/seller/certificates', person, { productId, serials: ['NC-1'] });
    for (const name of ['plain', 'waiting', 'refused'] as const) {
      const res = await issue(owner.person, products[name].id);
      expect([name, res.status, res.body]).toEqual([name, 409, { code: 'product_not_certified', message: expect.any(String) }]);
    }
    // The matrix approved one request and rejected another.
    expect((await issue(owner.person, products.toApprove.id)).status).toBe(201);
    expect((await issue(owner.person, products.toReject.id)).body.code).toBe('product_not_certified');
    expect((await issue(pendingSeller, products.certified.id)).body).toEqual({ code: 'seller_not_approved', message: expect.any(String) });
    expect((await issue(suspended.seller.person, suspended.product.id)).body).toEqual({ code: 'seller_suspended', message: expect.any(String) });
    // Another seller learns no more about the owner's product than about one that does not exist.
    const theirs = await issue(other.person, products.certified.id);
    expect(theirs.status).toBe(404);
    expect(theirs.body).toEqual((await issue(other.person, NO_PRODUCT)).body);
    expect((await issue(owner.person, NO_PRODUCT)).status).toBe(404);
    // A serial is certified once per product.
    expect((await steps.call('POST', '/api/seller/certificates', owner.person, { productId: products.certified.id, serials: ['CF-1'] })).body).toEqual({
      code: 'serial_taken',
      message: expect.any(String),
    });
  });

  it('lets only the product’s seller ask for certification, with pictures of its own', async () => {
    const ask = (person: Person, productId: string, imageId: string) => steps.call('POST', '/api/seller/certifications', person, { productId, evidenceImageIds: [imageId] });
    const theirs = await ask(other.person, products.plain.id, ids.otherImage);
    expect(theirs.status).toBe(404);
    expect(theirs.body).toEqual((await ask(other.person, NO_PRODUCT, ids.otherImage)).body);
    expect((await ask(owner.person, products.plain.id, ids.otherImage)).body).toEqual({ code: 'validation_failed', message: expect.any(String) });
    expect((await ask(pendingSeller, products.plain.id, ids.ownerImage)).body.code).toBe('seller_not_approved');
    expect((await ask(suspended.seller.person, suspended.product.id, ids.ownerImage)).body.code).toBe('seller_suspended');
  });

  it('keeps one open request per product: asking again waits for a rejection, even when asked many times at once', async () => {
    const ask = (productId: string) => steps.call('POST', '/api/seller/certifications', owner.person, { productId, evidenceImageIds: [ids.ownerImage] });
    for (const productId of [products.waiting.id, products.certified.id]) {
      expect((await ask(productId)).body).toEqual({ code: 'certification_open', message: expect.any(String) });
    }
    // The refused product may ask again, once.
    const answers = await Promise.all(Array.from({ length: 8 }, () => ask(products.refused.id)));
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    const mine = (await steps.call('GET', '/api/seller/certifications', owner.person)).body.requests as Array<{ productId: string; status: string }>;
    expect(mine.filter((r) => r.productId === products.refused.id).map((r) => r.status).sort()).toEqual(['pending', 'rejected']);
  });

  it('lets a seller that may not sell now still read its requests and certificates', async () => {
    for (const person of [suspended.seller.person, pendingSeller]) {
      expect((await steps.call('GET', '/api/seller/certifications', person)).status).toBe(200);
      expect((await steps.call('GET', '/api/seller/certificates', person)).status).toBe(200);
    }
    const requests = (await steps.call('GET', '/api/seller/certifications', suspended.seller.person)).body.requests;
    expect(requests).toEqual([expect.objectContaining({ productId: suspended.product.id, status: 'approved' })]);
  });

  it('reviews a request once, and only one that exists', async () => {
    const { call } = steps;
    expect((await call('POST', `/api/operator/certifications/${ids.toApprove}/approve`, op)).body).toEqual({ code: 'too_late', message: expect.any(String) });
    expect((await call('POST', `/api/operator/certifications/${ids.toApprove}/reject`, op, { reason: 'Changed my mind' })).body.code).toBe('too_late');
    expect((await call('POST', `/api/operator/certifications/${ids.toReject}/approve`, op)).body.code).toBe('too_late');
    expect((await call('POST', `/api/operator/certifications/${NO_REQUEST}/approve`, op)).body).toEqual({ code: 'not_found', message: expect.any(String) });
    expect((await call('POST', `/api/operator/certifications/${NO_REQUEST}/reject`, op, { reason: 'No' })).status).toBe(404);
    // A seller cannot review, not even its own request, and learns nothing of one that does not exist.
    expect((await call('POST', `/api/operator/certifications/${ids.otherRequest}/approve`, other.person)).status).toBe(403);
    expect((await call('POST', `/api/operator/certifications/${NO_REQUEST}/approve`, other.person)).status).toBe(403);
  });

  it('shows each seller only its own requests and certificates, and the whole queue to the operator', async () => {
    const { call } = steps;
    const requestIds = async (person: Person, path = '/api/seller/certifications') => (await call('GET', path, person)).body.requests.map((r: { id: string }) => r.id);
    expect(await requestIds(owner.person)).toEqual(expect.arrayContaining([ids.toApprove, ids.toReject]));
    expect(await requestIds(owner.person)).not.toContain(ids.otherRequest);
    expect(await requestIds(other.person)).toEqual([ids.otherRequest]);
    expect(await requestIds(op, '/api/operator/certifications')).toEqual(expect.arrayContaining([ids.toApprove, ids.toReject, ids.otherRequest]));
    const pending = (await call('GET', '/api/operator/certifications?status=pending', op)).body.requests;
    expect(pending.length).toBeGreaterThan(0);
    expect(pending.every((r: { status: string }) => r.status === 'pending')).toBe(true);
    expect(pending.map((r: { id: string }) => r.id)).not.toContain(ids.toApprove);

    const ownerCerts = (await call('GET', '/api/seller/certificates', owner.person)).body.certificates.map((c: { serial: string }) => c.serial);
    expect(ownerCerts).toEqual(expect.arrayContaining(['CF-1', 'CF-6', 'MX-1']));
    expect((await call('GET', '/api/seller/certificates', other.person)).body.certificates).toEqual([]);
  });
});

describe('certificates', () => {
  it('can be given only by their current owner: a previous owner is refused', async () => {
    const { call } = steps;
    const cert = certs['CF-4']!;
    const give = (from: Person, to: Person) => call('POST', `/api/certificates/${cert}/transfer`, from, { toUserId: to.user.id });
    expect((await give(buyer, friend)).status).toBe(200);
    const refused = await give(buyer, friend);
    expect(refused.status).toBe(404);
    // Refused exactly as for a certificate that does not exist.
    expect(refused.body).toEqual((await call('POST', `/api/certificates/${NO_CERT}/transfer`, buyer, { toUserId: friend.user.id })).body);
    expect((await give(friend, buyer)).status).toBe(200);
    expect((await give(friend, buyer)).status).toBe(404);
    const mine = async (person: Person) => (await call('GET', '/api/certificates/mine', person)).body.certificates.map((c: { id: string }) => c.id);
    expect(await mine(buyer)).toContain(cert);
    expect(await mine(friend)).not.toContain(cert);
    // The matrix gave CF-1 to the friend.
    expect(await mine(friend)).toEqual([certs['CF-1']]);
    expect((await call('POST', `/api/certificates/${certs['CF-1']}/transfer`, buyer, { toUserId: friend.user.id })).status).toBe(404);
  });

  it('are given only to a friend who has not blocked the giver, and never once revoked', async () => {
    const { call } = steps;
    const give = (certId: string, toUserId: string) => call('POST', `/api/certificates/${certId}/transfer`, buyer, { toUserId });
    expect((await give(certs['CF-3']!, buyer.user.id)).body).toEqual({ code: 'validation_failed', message: expect.any(String) });
    const nobody = await give(certs['CF-3']!, NO_USER);
    expect(nobody.body).toEqual({ code: 'not_found', message: expect.any(String) });
    expect((await give(certs['CF-3']!, blocker.user.id)).body).toEqual(nobody.body);
    // Someone who exists but is not in the giver's friends, as for nobody.
    expect((await give(certs['CF-3']!, who.stranger!.user.id)).body).toEqual(nobody.body);
    expect((await give(certs['CF-5']!, friend.user.id)).body).toEqual({ code: 'too_late', message: expect.any(String) });
    // The matrix's revocation, too.
    expect((await give(certs['CF-2']!, friend.user.id)).body.code).toBe('too_late');
    // Still the buyer's.
    expect((await call('GET', `/api/certificates/${certs['CF-3']}`, buyer)).body.mine).toBe(true);
  });

  it('are not transferred by their seller while it still holds them', async () => {
    const res = await steps.call('POST', `/api/certificates/${ids.held}/transfer`, owner.person, { toUserId: buyer.user.id });
    expect(res.status).toBe(404);
    isError(res.body);
  });

  it('are revoked once, and only when they exist', async () => {
    const { call } = steps;
    expect((await call('POST', `/api/operator/certificates/${certs['CF-5']}/revoke`, op, { reason: 'counterfeit' })).body).toEqual({ code: 'too_late', message: expect.any(String) });
    expect((await call('POST', `/api/operator/certificates/${NO_CERT}/revoke`, op, { reason: 'counterfeit' })).body).toEqual({ code: 'not_found', message: expect.any(String) });
    expect((await call('POST', `/api/operator/certificates/${NO_CERT}/revoke`, owner.person, { reason: 'counterfeit' })).status).toBe(403);
    const revoked = (await call('GET', `/api/certificates/${certs['CF-2']}`, undefined)).body;
    expect(revoked).toMatchObject({ status: 'revoked', mine: false });
    expect(revoked.history.map((e: { kind: string }) => e.kind)).toEqual(['issue', 'transfer', 'revoke']);
  });

  it('are shown to anyone, marked as theirs only for their owner, with no account in sight', async () => {
    const cert = certs['CF-3']!;
    const views = await Promise.all(roles.map(async (role) => [role, (await steps.call('GET', `/api/certificates/${cert}`, who[role])).body] as const));
    for (const [role, view] of views) expect([role, view.mine]).toEqual([role, role === 'buyer']);
    const anonymous = views.find(([role]) => role === 'anonymous')![1];
    expect(JSON.stringify(anonymous)).not.toContain(buyer.user.id);
    expect(anonymous.owner).toMatch(/^own_[0-9a-f]{64}$/);
    expect((await steps.call('GET', `/api/certificates/${NO_CERT}`, undefined)).body).toEqual({ code: 'not_found', message: expect.any(String) });
    expect((await steps.call('GET', `/api/certificates/${NO_CERT}/bundle`, buyer)).body).toEqual({ code: 'not_found', message: expect.any(String) });
    const mine = await steps.call('GET', '/api/certificates/mine', undefined);
    expect(mine.status).toBe(401);
    isError(mine.body);
    expect((await steps.call('GET', '/api/certificates/mine', who.stranger)).body.certificates).toEqual([]);
  });

  it('are still shown to a reader whose session ended, as to anyone, while their own list asks them to sign in', async () => {
    const stale = { token: 'a-session-that-ended', user: buyer.user, handle: buyer.handle };
    const cert = await steps.call('GET', `/api/certificates/${certs['CF-3']}`, stale);
    expect(cert.status).toBe(200);
    expect(cert.body).toMatchObject({ id: certs['CF-3'], mine: false });
    const product = await steps.call('GET', `/api/products/${products.certified.id}/certification`, stale);
    expect(product.status).toBe(200);
    expect(product.body).toMatchObject({ certified: true, mine: [] });
    // The bundle and the log ignore who asks, and serve an ended session as anyone.
    expect((await steps.call('GET', `/api/certificates/${certs['CF-3']}/bundle`, stale)).status).toBe(200);
    expect((await steps.call('GET', '/api/log/checkpoint', stale)).status).toBe(200);
    const mine = await steps.call('GET', '/api/certificates/mine', stale);
    expect(mine.body).toEqual({ code: 'unauthorized', message: expect.any(String) });
    expect(mine.status).toBe(401);
  });

  it('of a product are listed to each caller only when they are the caller’s own', async () => {
    const certification = async (role: Role, productId = products.certified.id) => (await steps.call('GET', `/api/products/${productId}/certification`, who[role])).body;
    const buyers = await certification('buyer');
    expect(buyers).toMatchObject({ productId: products.certified.id, certified: true, certifiedAt: expect.any(String) });
    expect(buyers.mine.length).toBeGreaterThan(0);
    expect(buyers.mine.every((c: { mine: boolean }) => c.mine)).toBe(true);
    for (const role of ['owner', 'otherSeller', 'stranger', 'anonymous', 'operator'] as const) {
      expect([role, (await certification(role)).mine]).toEqual([role, []]);
    }
    expect(await certification('owner', products.plain.id)).toMatchObject({ certified: false, certifiedAt: null, mine: [] });
    expect(await certification('owner', products.refused.id)).toMatchObject({ certified: false });
  });
});

describe('malformed requests', () => {
  const long = (n: number) => 'x'.repeat(n);
  const json = { 'content-type': 'application/json' };
  const cases: Array<[string, (r: Record<Role, Person | undefined>) => [string, string, Person | undefined, unknown?, Record<string, string>?]]> = [
    ['a product id that is not one', (w) => ['POST', '/api/seller/certifications', w.owner, { productId: 'itm_1', evidenceImageIds: [ids.ownerImage] }]],
    ['no evidence', (w) => ['POST', '/api/seller/certifications', w.owner, { productId: products.plain.id, evidenceImageIds: [] }]],
    ['evidence that is not an image id', (w) => ['POST', '/api/seller/certifications', w.owner, { productId: products.plain.id, evidenceImageIds: ['../etc/passwd'] }]],
    ['eleven pictures', (w) => ['POST', '/api/seller/certifications', w.owner, { productId: products.plain.id, evidenceImageIds: Array(11).fill(ids.ownerImage) }]],
    ['a note too long', (w) => ['POST', '/api/seller/certifications', w.owner, { productId: products.plain.id, evidenceImageIds: [ids.ownerImage], note: long(1001) }]],
    ['a body that is not JSON', (w) => ['POST', '/api/seller/certifications', w.owner, '{"productId":', json]],
    ['a body that is a JSON array', (w) => ['POST', '/api/seller/certifications', w.owner, [products.plain.id]]],
    ['no body', (w) => ['POST', '/api/seller/certifications', w.owner]],
    ['an unknown queue status', (w) => ['GET', '/api/operator/certifications?status=maybe', w.operator]],
    ['a request id that is not one', (w) => ['POST', '/api/operator/certifications/crq_1/approve', w.operator]],
    ['a certificate id as a request id', (w) => ['POST', `/api/operator/certifications/${certs['CF-3']}/approve`, w.operator]],
    ['a rejection with no reason', (w) => ['POST', `/api/operator/certifications/${NO_REQUEST}/reject`, w.operator, {}]],
    ['a rejection with a blank reason', (w) => ['POST', `/api/operator/certifications/${NO_REQUEST}/reject`, w.operator, { reason: '   ' }]],
    ['a rejection with no body', (w) => ['POST', `/api/operator/certifications/${NO_REQUEST}/reject`, w.operator]],
    ['no serials', (w) => ['POST', '/api/seller/certificates', w.owner, { productId: products.certified.id, serials: [] }]],
    ['a blank serial', (w) => ['POST', '/api/seller/certificates', w.owner, { productId: products.certified.id, serials: ['  '] }]],
    ['a serial too long', (w) => ['POST', '/api/seller/certificates', w.owner, { productId: products.certified.id, serials: [long(65)] }]],
    ['a serial that is a number', (w) => ['POST', '/api/seller/certificates', w.owner, { productId: products.certified.id, serials: [7] }]],
    ['101 serials', (w) => ['POST', '/api/seller/certificates', w.owner, { productId: products.certified.id, serials: Array.from({ length: 101 }, (_, i) => `S-${i}`) }]],
    ['issuing with no product', (w) => ['POST', '/api/seller/certificates', w.owner, { serials: ['S-1'] }]],
    ['a certificate id that is not one', () => ['GET', '/api/certificates/crt_1', undefined]],
    ['a certificate id in capitals', () => ['GET', `/api/certificates/${certs['CF-3']!.toUpperCase()}`, undefined]],
    ['a certificate id too long', () => ['GET', `/api/certificates/crt_${long(96)}`, undefined]],
    ['a product id that is not one, asking whether it is certified', () => ['GET', '/api/products/nope/certification', undefined]],
    ['a bundle of a certificate id that is not one', () => ['GET', '/api/certificates/nope/bundle', undefined]],
    ['a transfer of a certificate id that is not one', (w) => ['POST', '/api/certificates/crt_1/transfer', w.buyer, { toUserId: NO_USER }]],
    ['a transfer to a user id that is not one', (w) => ['POST', `/api/certificates/${certs['CF-3']}/transfer`, w.buyer, { toUserId: 'usr_1' }]],
    ['a transfer to a handle', (w) => ['POST', `/api/certificates/${certs['CF-3']}/transfer`, w.buyer, { toUserId: friend.handle }]],
    ['a transfer with no body', (w) => ['POST', `/api/certificates/${certs['CF-3']}/transfer`, w.buyer]],
    ['a revocation for no known reason', (w) => ['POST', `/api/operator/certificates/${certs['CF-3']}/revoke`, w.operator, { reason: 'because' }]],
    ['a revocation with no reason', (w) => ['POST', `/api/operator/certificates/${certs['CF-3']}/revoke`, w.operator, {}]],
    ['a revocation with a detail too long', (w) => ['POST', `/api/operator/certificates/${certs['CF-3']}/revoke`, w.operator, { reason: 'other', detail: long(501) }]],
    ['a revocation of a certificate id that is not one', (w) => ['POST', '/api/operator/certificates/crt_1/revoke', w.operator, { reason: 'other' }]],
  ];
  it.each(cases)('%s: 400 with {code, message}', async (_, make) => {
    const [method, path, person, body, headers] = make(who);
    const res = await steps.call(method, path, person, body, headers);
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    isError(res.body);
  });

  it('refuses ids longer than any route takes and broken escapes with 4xx, never 5xx', async () => {
    for (const path of [`/api/certificates/crt_${long(2000)}`, `/api/certificates/crt_${long(2000)}/bundle`, '/api/certificates/%zz', '/log/tile/%zz']) {
      const res = await steps.call('GET', path, undefined);
      expect(res.status, path).toBeGreaterThanOrEqual(400);
      expect(res.status, path).toBeLessThan(500);
      expect(res.body, path).toEqual({ code: res.status === 414 ? 'uri_too_long' : 'validation_failed', message: expect.any(String) });
    }
  });

  it('leaves the certificate the bad requests named as it was', async () => {
    const view = (await steps.call('GET', `/api/certificates/${certs['CF-3']}`, buyer)).body;
    expect(view).toMatchObject({ status: 'active', mine: true });
  });
});

describe('the public log, for an anonymous caller', () => {
  const cases: Array<[string, () => string, number]> = [
    ['an inclusion proof past the end', () => `/api/log/proof/inclusion?index=${logSize + 1000}`, 404],
    ['an inclusion proof in a tree larger than the log', () => `/api/log/proof/inclusion?index=0&size=${logSize + 1000}`, 404],
    ['an inclusion proof of an entry outside its tree', () => '/api/log/proof/inclusion?index=5&size=3', 404],
    ['an inclusion proof in the empty tree', () => '/api/log/proof/inclusion?index=0&size=0', 404],
    ['an inclusion proof of a negative index', () => '/api/log/proof/inclusion?index=-1', 400],
    ['an inclusion proof of a word', () => '/api/log/proof/inclusion?index=abc', 400],
    ['an inclusion proof of an index too large to be exact', () => '/api/log/proof/inclusion?index=9999999999999999', 400],
    ['an inclusion proof with no index', () => '/api/log/proof/inclusion', 400],
    ['a consistency proof backwards', () => '/api/log/proof/consistency?from=5&to=2', 400],
    ['a consistency proof to a tree larger than the log', () => `/api/log/proof/consistency?from=1&to=${logSize + 1000}`, 404],
    ['a consistency proof from a tree larger than the log', () => `/api/log/proof/consistency?from=${logSize + 1000}`, 400],
    ['a consistency proof with no start', () => '/api/log/proof/consistency', 400],
    ['a bundle of an entry past the end', () => `/api/log/bundle?indices=0,${logSize + 1000}`, 404],
    ['a bundle of nothing', () => '/api/log/bundle?indices=', 400],
    ['a bundle of words', () => '/api/log/bundle?indices=a,b', 400],
    ['a bundle of 101 entries', () => `/api/log/bundle?indices=${Array.from({ length: 101 }, (_, i) => i).join(',')}`, 400],
    ['a tile wider than the log', () => '/log/tile/0/000.p/255', 404],
    ['a tile past the end', () => '/log/tile/0/001', 404],
    ['an entry bundle past the end', () => '/log/tile/entries/x001/000', 404],
    ['a tile at a level with no hashes yet', () => '/log/tile/3/000.p/1', 404],
    ['a tile path that is not one', () => '/log/tile/0/1', 400],
    ['a tile of width zero', () => '/log/tile/0/000.p/0', 400],
    ['a tile at a level that cannot exist', () => '/log/tile/99/000', 400],
    ['a tile path that climbs out', () => '/log/tile/0/%2e%2e/000', 400],
    ['an empty tile path', () => '/log/tile/', 400],
    ['a tile path far too long', () => `/log/tile/0/${'x001/'.repeat(60)}000`, 400],
  ];
  it.each(cases)('%s: 4xx with {code, message}', async (_, path, status) => {
    const res = await steps.call('GET', path(), undefined);
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    isError(res.body);
  });

  it('serves a certificate’s proof bundle and the log’s files to anyone, readable from other sites', async () => {
    const bundle = (await steps.call('GET', `/api/certificates/${certs['CF-3']}/bundle`, undefined)).body;
    expect(bundle.entries.map((e: { index: number }) => e.index).every((i: number) => i < bundle.treeSize)).toBe(true);
    const tile = await fetch(`${server.url}/log/tile/entries/000.p/${Math.min(logSize, 255)}`);
    expect(tile.status).toBe(200);
    expect(tile.headers.get('access-control-allow-origin')).toBe('*');
  });
});
