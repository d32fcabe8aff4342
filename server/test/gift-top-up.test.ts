import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { befriend, people, type Person } from './support/chat';
import { giftSteps, key, type ShopProduct } from './support/gifts';
import { startTestServer, type TestServer } from './support/test-server';

let server: TestServer;
let americano: ShopProduct;
beforeAll(async () => {
  server = await startTestServer();
  await server.app.services.catalogue.seedDemo();
  americano = await giftSteps(server).product('q=Americano%20(Tall)');
});
afterEach(() => server.app.services.ledger.checkInvariants());
afterAll(() => server.close());

const steps = () => giftSteps(server);

async function pair(funds: number): Promise<{ sender: Person; friend: Person }> {
  const [sender, friend] = await people(server, 2);
  await befriend(server, sender!, friend!);
  if (funds > 0) await steps().fund(sender!, funds);
  return { sender: sender!, friend: friend! };
}

const giftBody = (friend: Person, topUp?: number) => ({
  productId: americano.id,
  recipientIds: [friend.user.id],
  card: { template: 'thanks', text: 'Coffee is on me' },
  ...(topUp ? { topUp: { amount: topUp } } : {}),
});

async function entries(p: Person): Promise<Array<{ kind: string; amount: number }>> {
  return (await server.request('GET', '/api/wallet/entries', { token: p.token })).body.entries;
}

describe('a gift paid with a short wallet, topped up in the same payment', () => {
  it('tops up the shortfall and buys the gift in one request: one top-up, one charge', async () => {
    const { sender, friend } = await pair(1000);
    const price = americano.price.amount;
    const res = await steps().order(sender, giftBody(friend, price - 1000));
    expect(res.status).toBe(201);
    expect(res.body.total.amount).toBe(price);
    expect(res.body.gifts[0]).toMatchObject({ status: 'delivered', recipient: expect.objectContaining({ id: friend.user.id }) });
    expect(await steps().balance(sender)).toBe(0);
    const history = await entries(sender);
    expect(history.filter((e) => e.kind === 'top_up').map((e) => e.amount)).toEqual([price - 1000, 1000]);
    expect(history.filter((e) => e.kind === 'gift_purchase').map((e) => e.amount)).toEqual([-price]);
  });

  it('tops up and charges once when five identical requests with one key race, and again when one is replayed later', async () => {
    const { sender, friend } = await pair(0);
    const price = americano.price.amount;
    const one = key();
    const answers = await Promise.all(Array.from({ length: 5 }, () => steps().order(sender, giftBody(friend, price), one)));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    const replay = await steps().order(sender, giftBody(friend, price), one);
    expect(replay.status).toBe(201);
    expect(replay.body.id).toBe(answers[0]!.body.id);

    expect(await steps().balance(sender)).toBe(0);
    const history = await entries(sender);
    expect(history.filter((e) => e.kind === 'top_up')).toEqual([expect.objectContaining({ amount: price })]);
    expect(history.filter((e) => e.kind === 'gift_purchase')).toEqual([expect.objectContaining({ amount: -price })]);
    const sent = await server.request('GET', '/api/gifts/sent', { token: sender.token });
    expect(sent.body.gifts).toHaveLength(1);

    // The same key with another top-up is another payment, refused rather than run.
    const changed = await steps().order(sender, giftBody(friend, price + 500), one);
    expect(changed.status).toBe(409);
    expect(changed.body.code).toBe('idempotency_key_reused');
  });

  it('answers a replay with the first answer, even once the wallet it was checked against has been spent', async () => {
    const { sender, friend } = await pair(1000);
    const price = americano.price.amount;
    const one = key();
    const first = await steps().order(sender, giftBody(friend, price - 1000), one);
    expect(first.status).toBe(201);
    expect(await steps().balance(sender)).toBe(0);
    // Checked again now, the top-up would leave the wallet short; a retry still gets the purchase it made.
    const replays = await Promise.all(Array.from({ length: 3 }, () => steps().order(sender, giftBody(friend, price - 1000), one)));
    expect(replays.map((r) => [r.status, r.body.id])).toEqual(replays.map(() => [201, first.body.id]));
    expect((await entries(sender)).filter((e) => e.kind === 'top_up').map((e) => e.amount)).toEqual([price - 1000, 1000]);
  });

  it('refuses a top-up that would still leave the wallet short, before anything is charged', async () => {
    const { sender, friend } = await pair(1000);
    const res = await steps().order(sender, giftBody(friend, 100));
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('top_up_too_small');
    expect(await steps().balance(sender)).toBe(1000);
    expect((await entries(sender)).map((e) => e.kind)).toEqual(['top_up']);
  });

  it('tops up nothing when the gift itself is refused: to a stranger, or with a bad top-up amount', async () => {
    const [sender, stranger] = await people(server, 2);
    const res = await steps().order(sender!, giftBody(stranger!, americano.price.amount));
    expect(res.status).toBe(403);
    for (const amount of [0, -1, 1.5, 1e12]) {
      const bad = await steps().order(sender!, { ...giftBody(stranger!), topUp: { amount } });
      expect(bad.status, String(amount)).toBe(400);
    }
    expect(await entries(sender!)).toEqual([]);
  });

  it('without a top-up a short wallet is still refused as before', async () => {
    const { sender, friend } = await pair(1000);
    const res = await steps().order(sender, giftBody(friend));
    expect(res.status).toBe(402);
    expect(res.body.code).toBe('insufficient_funds');
  });
});
