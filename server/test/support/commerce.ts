import sharp from 'sharp';
import { people, type Person } from './chat';
import { giftSteps, key } from './gifts';
import { PASSWORD, uniqueHandle, type Reply, type TestServer } from './test-server';

export const ADDRESS = { name: 'Kim Minji', phone: '010-1234-5678', postalCode: '04524', line1: '110 Sejong-daero, Jung-gu, Seoul', line2: '3F' };

export interface SellerAccount {
  person: Person;
  sellerId: string;
  channelId: string;
  kind: 'brand' | 'small_business';
}

export interface ListedProduct {
  id: string;
  variants: Array<{ id: string; name: string; price: { amount: number } }>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read loosely typed JSON bodies
type Json = any;

/** A small PNG of one colour: the picture these tests upload. */
export async function png(colour = '#8d6e63', size = 16): Promise<Blob> {
  const bytes = await sharp({ create: { width: size, height: size, channels: 3, background: colour } }).png().toBuffer();
  return new Blob([bytes], { type: 'image/png' });
}

let registration = 1000;
const nextRegistration = () => `${String(++registration).padStart(3, '0').slice(-3)}-45-${String(10000 + registration).slice(-5)}`;

/** Commerce steps over the API, as the web app takes them. */
export function commerceSteps(server: TestServer) {
  const gifts = giftSteps(server);
  const call = (method: string, path: string, who: Person | undefined, body?: unknown, headers?: Record<string, string>): Promise<Reply<Json>> =>
    server.request<Json>(method, path, { token: who?.token, body, headers });

  function expectStatus<T>(res: Reply<T>, status: number, what: string): T {
    if (res.status !== status) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  /** An operator account (made the way the CLI makes one), signed in. */
  async function operator(): Promise<Person> {
    const handle = uniqueHandle('op');
    const user = await server.app.services.accounts.createUser({ handle, displayName: 'Operator', password: PASSWORD }, 'operator');
    const res = await call('POST', '/api/auth/login', undefined, { handle, password: PASSWORD });
    return { token: expectStatus(res, 200, 'operator login').token, user: { id: user.id, handle, friendCode: user.friendCode }, handle };
  }

  function apply(person: Person, kind: 'brand' | 'small_business', businessName = `Shop ${key().slice(-6)}`) {
    return call('POST', '/api/sellers', person, {
      kind,
      businessName,
      registrationNumber: nextRegistration(),
      contactEmail: `${person.handle}@example.com`,
      contactPhone: '010-2222-3333',
    });
  }

  /** A new person who applied, was approved by `op`, and opened a channel. */
  async function seller(op: Person, kind: 'brand' | 'small_business' = 'small_business', name = `Shop ${key().slice(-6)}`): Promise<SellerAccount> {
    const [person] = await people(server, 1);
    const applied = expectStatus(await apply(person!, kind, name), 201, 'apply');
    expectStatus(await call('POST', `/api/operator/sellers/${applied.id}/approve`, op), 200, 'approve');
    const channel = expectStatus(await call('PUT', '/api/seller/channel', person, { name, description: `${name} on Maum`, category: 'living' }), 200, 'channel');
    return { person: person!, sellerId: applied.id, channelId: channel.id, kind };
  }

  async function product(
    owner: SellerAccount,
    input: { name?: string; variants?: Array<{ name: string; price: number; stock: number }>; giftListing?: 'none' | 'delivery' } = {},
  ): Promise<ListedProduct> {
    const body = {
      name: input.name ?? `Mug ${key().slice(-5)}`,
      description: 'Hand-thrown stoneware.',
      variants: input.variants ?? [{ name: 'Default', price: 10_000, stock: 100 }],
      giftListing: input.giftListing ?? 'none',
    };
    const created = expectStatus(await call('POST', '/api/seller/products', owner.person, body), 201, 'create product');
    return created.product;
  }

  function coupon(owner: SellerAccount, input: Record<string, unknown>) {
    const now = Date.now();
    return call('POST', '/api/seller/coupons', owner.person, {
      code: `SAVE${key().slice(-6).toUpperCase().replace(/[^A-Z0-9]/g, 'X')}`,
      kind: 'percent',
      value: 10,
      startsAt: new Date(now - 3_600_000).toISOString(),
      endsAt: new Date(now + 86_400_000).toISOString(),
      ...input,
    });
  }

  function checkout(buyer: Person, body: Record<string, unknown>) {
    return call('POST', '/api/orders', buyer, { address: ADDRESS, ...body });
  }

  function pay(buyer: Person, orderId: string, idempotencyKey = key()) {
    return call('POST', `/api/orders/${orderId}/pay`, buyer, undefined, { 'idempotency-key': idempotencyKey });
  }

  /** Checkout then payment, as one click of "Pay": the first refusal is the answer. */
  async function buy(buyer: Person, lines: Array<{ variantId: string; quantity: number }>, extra: Record<string, unknown> = {}): Promise<Reply<Json>> {
    const started = await checkout(buyer, { lines, ...extra });
    if (started.status !== 201) return started;
    return pay(buyer, started.body.id);
  }

  /** A picture uploaded by the seller, for a product listing or certification evidence; answers its image id. */
  async function image(owner: SellerAccount, colour?: string): Promise<string> {
    const form = new FormData();
    form.append('file', await png(colour), 'picture.png');
    return expectStatus(await call('POST', '/api/seller/images', owner.person, form), 201, 'image').id;
  }

  /** The seller asks for the product to be certified with these pictures, and `op` approves; answers the approved request. */
  async function certify(op: Person, owner: SellerAccount, productId: string, imageIds: string[]) {
    const request = expectStatus(await call('POST', '/api/seller/certifications', owner.person, { productId, evidenceImageIds: imageIds }), 201, 'certification request');
    return expectStatus(await call('POST', `/api/operator/certifications/${request.id}/approve`, op), 200, 'approve certification');
  }

  async function ledgerOf(owner: SellerAccount) {
    return expectStatus(await call('GET', '/api/seller/settlements', owner.person), 200, 'seller ledger');
  }

  async function stockOf(owner: SellerAccount, variantId: string) {
    const list = expectStatus(await call('GET', '/api/seller/products', owner.person), 200, 'seller products');
    for (const item of list.products) for (const level of item.stock) if (level.variantId === variantId) return level;
    throw new Error(`no variant ${variantId}`);
  }

  return { ...gifts, call, expectStatus, operator, apply, seller, product, coupon, checkout, pay, buy, image, certify, ledgerOf, stockOf };
}
