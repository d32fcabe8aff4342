import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { people, type Person } from './support/chat';
import { ADDRESS, commerceSteps, png, type ListedProduct, type SellerAccount } from './support/commerce';
import { key } from './support/gifts';
import { startTestServer, type TestServer } from './support/test-server';

type Role = 'owner' | 'otherSeller' | 'buyer' | 'anonymous' | 'operator';
const roles: Role[] = ['owner', 'otherSeller', 'buyer', 'anonymous', 'operator'];

let server: TestServer;
let steps: ReturnType<typeof commerceSteps>;
let who: Record<Role, Person | undefined>;
let owner: SellerAccount;
let other: SellerAccount;
let product: ListedProduct;
let picture: Blob;
const ids: Record<string, string> = {};

async function paidOrder(buyer: Person): Promise<string> {
  return steps.expectStatus(await steps.buy(buyer, [{ variantId: product.variants[0]!.id, quantity: 1 }]), 200, 'paid order').id;
}

beforeAll(async () => {
  server = await startTestServer();
  steps = commerceSteps(server);
  const op = await steps.operator();
  owner = await steps.seller(op, 'small_business');
  other = await steps.seller(op, 'brand');
  const [buyer, friend] = await people(server, 2);
  who = { owner: owner.person, otherSeller: other.person, buyer, anonymous: undefined, operator: op };
  product = await steps.product(owner, { giftListing: 'delivery', variants: [{ name: 'One', price: 1_000, stock: 1000 }] });
  await steps.fund(buyer!, 1_000_000);
  await steps.fund(friend!, 1_000_000);
  picture = await png('#e66', 8);

  ids.image = await steps.image(owner, '#e66');
  ids.pending = steps.expectStatus(await steps.checkout(buyer!, { lines: [{ variantId: product.variants[0]!.id, quantity: 1 }] }), 201, 'checkout').id;
  ids.paid = await paidOrder(buyer!);
  ids.toShip = await paidOrder(buyer!);
  ids.toDeliver = await paidOrder(buyer!);
  await steps.call('POST', `/api/seller/orders/${ids.toDeliver}/ship`, owner.person, { carrier: 'CJ', trackingNumber: 'TRACK-0001' });
  ids.delivered = await paidOrder(buyer!);
  await steps.call('POST', `/api/seller/orders/${ids.delivered}/ship`, owner.person, { carrier: 'CJ', trackingNumber: 'TRACK-0002' });
  await steps.call('POST', `/api/seller/orders/${ids.delivered}/deliver`, owner.person);
  for (const name of ['giftToAccept', 'giftToRefuse']) {
    const gift = steps.expectStatus(
      await steps.call('POST', '/api/orders', friend, { lines: [{ variantId: product.variants[0]!.id, quantity: 1 }], giftTo: { recipientId: buyer!.user.id, card: { template: 'plain', text: '' } } }),
      201,
      'gift checkout',
    );
    await steps.pay(friend!, gift.id);
    ids[name] = gift.id;
  }
  ids.room = steps.expectStatus(await steps.call('POST', `/api/channels/${owner.channelId}/chat`, buyer), 200, 'chat').id;
  const [pending1, pending2, staffA, staffB] = await people(server, 4);
  ids.staffA = staffA!.handle;
  ids.staffB = staffB!.handle;
  ids.pendingSeller1 = steps.expectStatus(await steps.apply(pending1!, 'brand'), 201, 'apply').id;
  ids.pendingSeller2 = steps.expectStatus(await steps.apply(pending2!, 'brand'), 201, 'apply').id;
  ids.suspendable = (await steps.seller(op, 'brand')).sellerId;
});
afterAll(() => server.close());

function form(): FormData {
  const body = new FormData();
  body.append('file', picture, 'picture.png');
  return body;
}

const sellerOnly = (ok: number, otherSeller = ok) => ({ owner: ok, otherSeller, buyer: 403, anonymous: 401, operator: 403 });
const anyUser = (ok: number) => ({ owner: ok, otherSeller: ok, buyer: ok, anonymous: 401, operator: ok });
const buyerOnly = (ok: number) => ({ owner: 404, otherSeller: 404, buyer: ok, anonymous: 401, operator: 404 });
const operatorOnly = (ok: number) => ({ owner: 403, otherSeller: 403, buyer: 403, anonymous: 401, operator: ok });

/** Every commerce route, what each caller sends, and the status each must get. */
const matrix: Array<{ route: string; call: (r: Role) => [string, string, unknown?, Record<string, string>?]; expect: Record<Role, number> }> = [
  { route: 'GET /api/sellers/me', call: () => ['GET', '/api/sellers/me'], expect: anyUser(200) },
  { route: 'POST /api/seller/staff', call: (r) => ['POST', '/api/seller/staff', { handle: r === 'otherSeller' ? ids.staffB : ids.staffA }], expect: sellerOnly(204) },
  { route: 'GET /api/seller/staff', call: () => ['GET', '/api/seller/staff'], expect: sellerOnly(200) },
  { route: 'GET /api/operator/sellers', call: () => ['GET', '/api/operator/sellers'], expect: operatorOnly(200) },
  { route: 'POST /api/operator/sellers/:id/approve', call: () => ['POST', `/api/operator/sellers/${ids.pendingSeller1}/approve`], expect: operatorOnly(200) },
  { route: 'POST /api/operator/sellers/:id/reject', call: () => ['POST', `/api/operator/sellers/${ids.pendingSeller2}/reject`, { reason: 'No licence' }], expect: operatorOnly(200) },
  { route: 'POST /api/operator/sellers/:id/suspend', call: () => ['POST', `/api/operator/sellers/${ids.suspendable}/suspend`, { reason: 'Reports' }], expect: operatorOnly(200) },
  { route: 'PUT /api/seller/channel', call: () => ['PUT', '/api/seller/channel', { name: `Renamed ${key().slice(-4)}`, category: 'living' }], expect: sellerOnly(200) },
  { route: 'PUT /api/seller/channel/:picture', call: () => ['PUT', '/api/seller/channel/cover', form()], expect: sellerOnly(200) },
  { route: 'POST /api/seller/images', call: () => ['POST', '/api/seller/images', form()], expect: sellerOnly(201) },
  { route: 'GET /api/commerce/images/:id', call: () => ['GET', `/api/commerce/images/${ids.image}`], expect: { ...anyUser(200), anonymous: 200 } },
  { route: 'GET /api/channels', call: () => ['GET', '/api/channels?q=Shop'], expect: anyUser(200) },
  { route: 'GET /api/channels/:id', call: () => ['GET', `/api/channels/${owner.channelId}`], expect: anyUser(200) },
  { route: 'PUT /api/channels/:id/follow', call: () => ['PUT', `/api/channels/${owner.channelId}/follow`, { notify: false }], expect: anyUser(200) },
  { route: 'DELETE /api/channels/:id/follow', call: () => ['DELETE', `/api/channels/${other.channelId}/follow`], expect: anyUser(204) },
  { route: 'POST /api/channels/:id/chat', call: () => ['POST', `/api/channels/${other.channelId}/chat`], expect: anyUser(200) },
  { route: 'POST /api/seller/posts', call: () => ['POST', '/api/seller/posts', { text: 'New in' }], expect: sellerOnly(201) },
  {
    route: 'POST /api/seller/products',
    call: () => ['POST', '/api/seller/products', { name: 'Cup', variants: [{ name: 'S', price: 1000, stock: 1 }] }],
    expect: sellerOnly(201),
  },
  { route: 'PATCH /api/seller/products/:id', call: () => ['PATCH', `/api/seller/products/${product.id}`, { description: 'Glazed.' }], expect: sellerOnly(200, 404) },
  { route: 'PUT /api/seller/variants/:id/stock', call: () => ['PUT', `/api/seller/variants/${product.variants[0]!.id}/stock`, { onHand: 999 }], expect: sellerOnly(200, 404) },
  { route: 'GET /api/seller/products', call: () => ['GET', '/api/seller/products'], expect: sellerOnly(200) },
  { route: 'GET /api/products/:id', call: () => ['GET', `/api/products/${product.id}`], expect: anyUser(200) },
  { route: 'GET /api/products', call: () => ['GET', '/api/products'], expect: anyUser(200) },
  {
    route: 'POST /api/seller/coupons',
    call: () => ['POST', '/api/seller/coupons', { code: `C${key().slice(-6).replace(/[^a-z0-9]/g, 'x')}`, kind: 'fixed', value: 100, startsAt: new Date().toISOString(), endsAt: new Date(Date.now() + 86_400_000).toISOString() }],
    expect: sellerOnly(201),
  },
  { route: 'GET /api/seller/coupons', call: () => ['GET', '/api/seller/coupons'], expect: sellerOnly(200) },
  { route: 'POST /api/orders/quote', call: () => ['POST', '/api/orders/quote', { lines: [{ variantId: product.variants[0]!.id, quantity: 1 }] }], expect: anyUser(200) },
  { route: 'POST /api/orders', call: () => ['POST', '/api/orders', { lines: [{ variantId: product.variants[0]!.id, quantity: 1 }], address: ADDRESS }], expect: anyUser(201) },
  { route: 'POST /api/orders/:id/pay', call: () => ['POST', `/api/orders/${ids.pending}/pay`, undefined, { 'idempotency-key': key() }], expect: buyerOnly(200) },
  { route: 'POST /api/orders/:id/cancel', call: () => ['POST', `/api/orders/${ids.paid}/cancel`], expect: buyerOnly(200) },
  { route: 'POST /api/orders/:id/complete', call: () => ['POST', `/api/orders/${ids.delivered}/complete`], expect: buyerOnly(200) },
  { route: 'POST /api/orders/:id/accept', call: () => ['POST', `/api/orders/${ids.giftToAccept}/accept`, { address: ADDRESS }], expect: buyerOnly(200) },
  { route: 'POST /api/orders/:id/refuse', call: () => ['POST', `/api/orders/${ids.giftToRefuse}/refuse`], expect: buyerOnly(200) },
  { route: 'GET /api/orders', call: () => ['GET', '/api/orders'], expect: anyUser(200) },
  { route: 'GET /api/orders/:id', call: () => ['GET', `/api/orders/${ids.toShip}`], expect: { ...buyerOnly(200), owner: 200 } },
  { route: 'GET /api/seller/orders', call: () => ['GET', '/api/seller/orders'], expect: sellerOnly(200) },
  { route: 'POST /api/seller/orders/:id/prepare', call: () => ['POST', `/api/seller/orders/${ids.toShip}/prepare`], expect: sellerOnly(200, 404) },
  {
    route: 'POST /api/seller/orders/:id/ship',
    call: () => ['POST', `/api/seller/orders/${ids.toShip}/ship`, { carrier: 'CJ', trackingNumber: 'TRACK-1234' }],
    expect: sellerOnly(200, 404),
  },
  { route: 'POST /api/seller/orders/:id/deliver', call: () => ['POST', `/api/seller/orders/${ids.toDeliver}/deliver`], expect: sellerOnly(200, 404) },
  { route: 'GET /api/seller/inbox', call: () => ['GET', '/api/seller/inbox'], expect: sellerOnly(200) },
  { route: 'GET /api/seller/inbox/:roomId', call: () => ['GET', `/api/seller/inbox/${ids.room}`], expect: sellerOnly(200, 404) },
  { route: 'POST /api/seller/inbox/:roomId/messages', call: () => ['POST', `/api/seller/inbox/${ids.room}/messages`, { clientMsgId: key(), text: 'Hello' }], expect: sellerOnly(201, 404) },
  { route: 'PATCH /api/seller/inbox/:roomId', call: () => ['PATCH', `/api/seller/inbox/${ids.room}`, { status: 'resolved' }], expect: sellerOnly(200, 404) },
  { route: 'GET /api/seller/settlements', call: () => ['GET', '/api/seller/settlements'], expect: sellerOnly(200) },
  { route: 'POST /api/seller/settlements', call: () => ['POST', '/api/seller/settlements'], expect: sellerOnly(201) },
  // Applying last: it makes the caller a (pending) seller.
  { route: 'POST /api/sellers', call: () => ['POST', '/api/sellers', { kind: 'small_business', businessName: 'Late', registrationNumber: '123-45-67890', contactEmail: 'a@example.com', contactPhone: '010-1111-2222' }], expect: { owner: 409, otherSeller: 409, buyer: 201, anonymous: 401, operator: 201 } },
];

describe('every commerce route, for the owner, another seller, a buyer, an anonymous caller and an operator', () => {
  it.each(matrix.map((m) => [m.route, m] as const))('%s', async (_, { call, expect: expected }) => {
    // Callers expected to be refused go first, so a refusal is never just a change someone else already made.
    const order = [...roles].sort((a, b) => Number(expected[a] < 300) - Number(expected[b] < 300));
    const got: Partial<Record<Role, number>> = {};
    for (const role of order) {
      const [method, path, body, headers] = call(role);
      const res = await steps.call(method, path, who[role], body, headers);
      got[role] = res.status;
      expect(res.status, `${role}: ${JSON.stringify(res.body)}`).toBeLessThan(500);
      if (res.status >= 400) expect(res.body).toEqual({ code: expect.any(String), message: expect.any(String) });
    }
    expect(got).toEqual(expected);
  });

  it('shows a buyer only their own orders, and a seller only its own store’s', async () => {
    const buyerOrders = (await steps.call('GET', '/api/orders', who.buyer)).body.orders.map((o: { id: string }) => o.id);
    expect(buyerOrders).toContain(ids.toShip);
    for (const role of ['otherSeller', 'operator'] as const) {
      const theirs = (await steps.call('GET', '/api/orders', who[role])).body.orders.map((o: { id: string }) => o.id);
      expect(theirs).not.toContain(ids.toShip);
    }
    const otherStore = (await steps.call('GET', '/api/seller/orders', other.person)).body.orders;
    expect(otherStore.map((o: { id: string }) => o.id)).not.toContain(ids.toShip);
  });
});
