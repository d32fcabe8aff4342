import { befriend, people, type Person } from './chat';
import type { TestServer } from './test-server';

export interface ShopProduct {
  id: string;
  name: string;
  kind: 'exchange' | 'cash';
  brand: { id: string; name: string };
  price: { amount: number };
  options: Array<{ values: string[] }>;
}

let keys = 0;
/** A fresh idempotency key. */
export const key = () => `test-key-${++keys}-${Math.random().toString(36).slice(2, 10)}`;

/** Gift-shop steps over the API, as the web app takes them. */
export function giftSteps(server: TestServer) {
  const fund = (p: Person, amount: number) =>
    server.request('POST', '/api/wallet/top-ups', { token: p.token, body: { amount }, headers: { 'idempotency-key': key() } });
  const wallet = async (p: Person) => (await server.request('GET', '/api/wallet', { token: p.token })).body as { balance: { amount: number }; points: { amount: number } };
  const balance = async (p: Person) => (await wallet(p)).balance.amount;

  /** The first product matching a shop query such as `q=Americano`. */
  async function product(query: string): Promise<ShopProduct> {
    const [viewer] = await people(server, 1);
    const res = await server.request('GET', `/api/shop/products?${query}`, { token: viewer!.token });
    if (!res.body.products?.[0]) throw new Error(`no product for ${query}`);
    return res.body.products[0];
  }

  function order(p: Person, body: object, idempotencyKey = key()) {
    return server.request('POST', '/api/gifts', { token: p.token, body, headers: { 'idempotency-key': idempotencyKey } });
  }

  /** A gift of the query's first product from a fresh sender to a fresh friend, accepted: its PIN and the people. */
  async function couponFor(query: string) {
    const item = await product(query);
    const [sender, holder] = await people(server, 2);
    await befriend(server, sender!, holder!);
    await fund(sender!, Math.max(100_000, item.price.amount));
    const ordered = await order(sender!, { productId: item.id, option: item.options[0]?.values[0], recipientIds: [holder!.user.id], card: { template: 'plain', text: '' } });
    if (ordered.status !== 201) throw new Error(`order failed: ${ordered.status} ${JSON.stringify(ordered.body)}`);
    const giftId = ordered.body.gifts[0].id as string;
    const accepted = await server.request('POST', `/api/gifts/${giftId}/accept`, { token: holder!.token });
    return { pin: accepted.body.coupon.pin as string, giftId, sender: sender!, holder: holder!, product: item };
  }

  /** A store of the brand, opened by the system as an operator would; answers its id and API key. */
  function storeFor(brand: string) {
    return server.app.services.stores.createStore({ kind: 'system' }, { brand, name: `Store ${key()}` });
  }

  return { fund, wallet, balance, product, order, couponFor, storeFor };
}
