import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/platform/clock';
import { befriend, people, type Person } from './support/chat';
import { recordingLogger } from './support/fuzz';
import { giftSteps, key } from './support/gifts';
import { startTestServer, type TestServer } from './support/test-server';
import { TestSocket } from './support/ws-client';

const clock = new ManualClock(new Date('2026-06-01T09:00:00Z'));
let server: TestServer;
/** The server's warnings, such as a batch of purchases that failed. */
const recorder = recordingLogger('warn');
const sockets: TestSocket[] = [];
beforeAll(async () => {
  server = await startTestServer({}, { clock, log: recorder.log });
  await server.app.services.catalogue.seedDemo();
});
afterEach(async () => {
  await server.app.services.ledger.checkInvariants();
  // A batch of purchases that failed (and was written one by one) would pass unseen otherwise.
  expect(recorder.errors.splice(0)).toEqual([]);
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await server.close();
});

const steps = () => giftSteps(server);
const fund = (p: Person, amount: number) => steps().fund(p, amount);
const balance = (p: Person) => steps().balance(p);
const product = (query: string) => steps().product(query);
const order = (p: Person, body: object, idempotencyKey = key()) => steps().order(p, body, idempotencyKey);

describe('gift shop', () => {
  it('has six brands and 40+ products, a popular ranking, categories, birthday picks and search', async () => {
    const [a] = await people(server, 1);
    const home = await server.request('GET', '/api/shop/home', { token: a!.token });
    expect(home.status).toBe(200);
    expect(home.body.categories).toHaveLength(6);
    expect(home.body.categories.reduce((n: number, c: { count: number }) => n + c.count, 0)).toBeGreaterThanOrEqual(40);
    const popularity = home.body.popular.map((p: { popularity: number }) => p.popularity);
    expect(popularity).toEqual([...popularity].sort((x, y) => y - x));
    expect(home.body.birthday.every((p: { tags: string[] }) => p.tags.includes('birthday'))).toBe(true);

    const cheap = await server.request('GET', '/api/shop/products?maxPrice=5000&sort=price_asc', { token: a!.token });
    const prices = cheap.body.products.map((p: { price: { amount: number } }) => p.price.amount);
    expect(prices.length).toBeGreaterThan(3);
    expect(prices.every((x: number) => x <= 5000)).toBe(true);
    expect(prices).toEqual([...prices].sort((x, y) => x - y));
    const cakes = await server.request('GET', '/api/shop/products?q=cake&category=bakery', { token: a!.token });
    expect(cakes.body.products.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['Chocolate Ganache Cake']));
    const image = await fetch(server.url + cakes.body.products[0].imageUrl);
    expect(image.headers.get('content-type')).toBe('image/webp');
  });

  it('shows friends with a birthday soon, to friends only, and wish lists to friends', async () => {
    const [me, friend, stranger] = await people(server, 3);
    await befriend(server, me!, friend!);
    await befriend(server, friend!, me!);
    await server.request('PATCH', '/api/me', { token: friend!.token, body: { birthday: '06-04' } });
    await server.request('PATCH', '/api/me', { token: stranger!.token, body: { birthday: '06-03' } });
    const home = await server.request('GET', '/api/shop/home', { token: me!.token });
    expect(home.body.birthdaysSoon).toEqual([{ friend: expect.objectContaining({ handle: friend!.handle }), birthday: '06-04', inDays: 3 }]);

    const cake = await product('q=Strawberry%20Fresh');
    expect((await server.request('PUT', `/api/wishlist/me/${cake.id}`, { token: friend!.token })).status).toBe(204);
    const seen = await server.request('GET', `/api/wishlist/${friend!.user.id}`, { token: me!.token });
    expect(seen.body.products.map((p: { id: string }) => p.id)).toEqual([cake.id]);
    expect((await server.request('GET', `/api/wishlist/${friend!.user.id}`, { token: stranger!.token })).status).toBe(404);
  });
});

describe('gifts', () => {
  it('sends a gift to two friends: paid once, delivered into each chat, accepted as a coupon with a PIN', async () => {
    const [sender, b, c] = await people(server, 3);
    await befriend(server, sender!, b!, c!);
    await fund(sender!, 50_000);
    const latte = await product('q=Caf%C3%A9%20Latte');
    const inbox = await TestSocket.open(server.url, b!.token);
    sockets.push(inbox);

    const res = await order(sender!, {
      productId: latte.id,
      option: 'Iced',
      recipientIds: [b!.user.id, c!.user.id],
      card: { template: 'thanks', text: 'Thank you for everything!' },
    });
    expect(res.status).toBe(201);
    expect(res.body.total).toEqual({ amount: 10_000, currency: 'KRW' });
    expect(res.body.gifts.map((g: { status: string }) => g.status)).toEqual(['delivered', 'delivered']);
    expect(await balance(sender!)).toBe(40_000);

    const message = await inbox.waitFor((f) => f.t === 'msg' && f.kind === 'card');
    expect(message).toMatchObject({ senderId: sender!.user.id, body: { text: `Gift: ${latte.name}`, card: { type: 'gift', event: 'sent', productName: latte.name, card: { template: 'thanks', text: 'Thank you for everything!' } } } });
    const giftId = (message.body as { card: { giftId: string } }).card.giftId;

    const box = await server.request('GET', '/api/gifts/box', { token: b!.token });
    expect(box.body.gifts).toHaveLength(1);
    expect(box.body.gifts[0].coupon).toMatchObject({ status: 'issued', pin: expect.stringMatching(/^\d{12}$/) });
    const accepted = await server.request('POST', `/api/gifts/${giftId}/accept`, { token: b!.token });
    expect(accepted.body).toMatchObject({ status: 'accepted', coupon: { status: 'accepted', balance: { amount: 5000 } } });
    expect(accepted.body.coupon.pin).toBe(box.body.gifts[0].coupon.pin);

    // The sender sees the gift, never the PIN; someone else does not see it at all.
    const sent = await server.request('GET', '/api/gifts/sent', { token: sender!.token });
    expect(sent.body.gifts.find((g: { id: string }) => g.id === giftId)).toMatchObject({ status: 'accepted', coupon: { pin: null } });
    expect((await server.request('GET', `/api/gifts/${giftId}`, { token: c!.token })).status).toBe(404);
    expect((await server.request('POST', `/api/gifts/${giftId}/accept`, { token: c!.token })).status).toBe(404);
    // Accepted gifts can no longer be cancelled.
    expect((await server.request('POST', `/api/gifts/${giftId}/cancel`, { token: sender!.token })).body.code).toBe('too_late');
  });

  it('refuses to pay without enough money: 402, and nothing changes', async () => {
    const [sender, b] = await people(server, 2);
    await befriend(server, sender!, b!);
    await fund(sender!, 1000);
    const cake = await product('q=Chocolate%20Ganache');
    const body = { productId: cake.id, recipientIds: [b!.user.id], card: { template: 'birthday', text: '' } };
    const res = await order(sender!, body, 'short-wallet-key');
    expect(res.status).toBe(402);
    expect(res.body.code).toBe('insufficient_funds');
    expect(await balance(sender!)).toBe(1000);
    expect((await server.request('GET', '/api/gifts/sent', { token: sender!.token })).body.gifts).toEqual([]);
    // The refusal is that key's answer, even once the wallet could pay: paying takes a new key.
    await fund(sender!, 100_000);
    const retried = await order(sender!, body, 'short-wallet-key');
    expect([retried.status, retried.body.code]).toEqual([402, 'insufficient_funds']);
    expect(await balance(sender!)).toBe(101_000);
    expect((await order(sender!, body, 'short-wallet-key-2')).status).toBe(201);
  });

  it('charges once when a purchase is retried 100 times at once with one key; another body with it gets 409', async () => {
    const [sender, b] = await people(server, 2);
    await befriend(server, sender!, b!);
    await fund(sender!, 20_000);
    const milk = await product('q=Banana%20Milk');
    const body = { productId: milk.id, recipientIds: [b!.user.id], card: { template: 'cheer', text: 'Fighting!' } };
    const answers = await Promise.all(Array.from({ length: 100 }, () => order(sender!, body, 'one-purchase-key-1')));
    expect(answers.every((r) => r.status === 201)).toBe(true);
    expect(new Set(answers.map((r) => r.body.id)).size).toBe(1);
    expect(await balance(sender!)).toBe(20_000 - 1700);
    expect((await server.request('GET', '/api/gifts/sent', { token: sender!.token })).body.gifts).toHaveLength(1);
    const other = await order(sender!, { ...body, card: { template: 'cheer', text: 'Different' } }, 'one-purchase-key-1');
    expect(other.status).toBe(409);
  });

  it('pages sent gifts and the gift box newest first, with no sent gift twice or missed while new ones are bought', async () => {
    const [sender, ...friends] = await people(server, 4);
    for (const friend of friends) await befriend(server, sender!, friend);
    await fund(sender!, 200_000);
    const milk = await product('q=Banana%20Milk');
    const body = { productId: milk.id, recipientIds: friends.map((f) => f.user.id), card: { template: 'cheer', text: '' } };
    // Four orders of three gifts, two of them at the same time: gifts of one moment are ordered by their ids.
    for (let i = 0; i < 4; i++) {
      expect((await order(sender!, body)).status).toBe(201);
      if (i % 2 === 1) clock.advance(60_000);
    }
    type Page = { status: number; body: { gifts: Array<{ id: string; createdAt: string }>; hasMore: boolean; code?: string } };
    const list = (path: string, p: Person) => server.request('GET', path, { token: p.token }) as Promise<Page>;
    const everything = (await list('/api/gifts/sent', sender!)).body;
    expect(everything.gifts).toHaveLength(12);
    expect(everything.hasMore).toBe(false);

    async function pageThrough(path: string, p: Person, limit: number, between?: () => Promise<void>) {
      const seen: string[] = [];
      for (let before: string | undefined, more = true; more; ) {
        const page = await list(`${path}?limit=${limit}${before ? `&before=${before}` : ''}`, p);
        expect(page.status).toBe(200);
        expect(page.body.gifts.length).toBeLessThanOrEqual(limit);
        seen.push(...page.body.gifts.map((g) => g.id));
        ({ hasMore: more } = page.body);
        before = page.body.gifts.at(-1)?.id;
        await between?.();
      }
      return seen;
    }
    // A gift bought while the sender pages is newer than every page after the first: it shifts nothing.
    let bought = false;
    const paged = await pageThrough('/api/gifts/sent', sender!, 5, async () => {
      if (!bought) expect((await order(sender!, { ...body, recipientIds: [friends[0]!.user.id] })).status).toBe(201);
      bought = true;
    });
    expect(paged).toEqual(everything.gifts.map((g) => g.id));
    const times = everything.gifts.map((g) => Date.parse(g.createdAt));
    expect(times).toEqual([...times].sort((x, y) => y - x));

    const box = (await list('/api/gifts/box', friends[0]!)).body.gifts.map((g) => g.id);
    expect(box).toHaveLength(5);
    expect(await pageThrough('/api/gifts/box', friends[0]!, 2)).toEqual(box);

    // A page from someone else's gift, or from a gift of another list, is not found; a malformed page is a 400.
    const others = (await list('/api/gifts/box', friends[1]!)).body.gifts[0]!.id;
    expect((await list(`/api/gifts/box?before=${others}`, friends[0]!)).status).toBe(404);
    expect((await list(`/api/gifts/sent?before=${box[0]}`, friends[0]!)).status).toBe(404);
    for (const query of ['limit=0', 'limit=101', 'limit=x', 'before=gft_%00', `before=${'a'.repeat(5000)}`]) {
      const bad = await list(`/api/gifts/sent?${query}`, sender!);
      expect([bad.status, bad.body.code]).toEqual([400, 'validation_failed']);
    }
  });

  it('pays purchases that arrive together each on its own: a short wallet is refused alone, retries answer once, every card arrives once', async () => {
    const senders = await people(server, 12);
    const [recipient] = await people(server, 1);
    const watcher = await TestSocket.open(server.url, recipient!.token);
    sockets.push(watcher);
    const milk = await product('q=Banana%20Milk');
    const price = 1700;
    // Sender i can pay for i mod 4 of the three purchases it sends at once (so some are short, and some not at all).
    const affords = (i: number) => i % 4;
    await Promise.all(
      senders.map(async (s, i) => {
        await befriend(server, s!, recipient!);
        if (affords(i) > 0) await fund(s!, affords(i) * price);
      }),
    );
    const body = (i: number, n: number) => ({ productId: milk.id, recipientIds: [recipient!.user.id], card: { template: 'cheer', text: `from ${i}, #${n}` } });
    const keyOf = (i: number, n: number) => `together-${i}-${n}-${key()}`;
    const keys = senders.map((_, i) => [0, 1, 2].map((n) => keyOf(i, n)));
    // Every purchase at once, each sent twice with its key (a client's retry racing its first try).
    const answers = await Promise.all(
      senders.flatMap((s, i) => [0, 1, 2].flatMap((n) => [order(s!, body(i, n), keys[i]![n]), order(s!, body(i, n), keys[i]![n])])),
    );

    let paid = 0;
    for (const [i, s] of senders.entries()) {
      const mine = answers.slice(i * 6, i * 6 + 6);
      for (let n = 0; n < 3; n++) {
        const [first, retry] = [mine[n * 2]!, mine[n * 2 + 1]!];
        expect([201, 402]).toContain(first.status);
        // Both tries of one key get one answer.
        expect(retry.status).toBe(first.status);
        expect(retry.body).toEqual(first.body);
        if (first.status === 402) expect(first.body.code).toBe('insufficient_funds');
      }
      const ok = [0, 1, 2].filter((n) => mine[n * 2]!.status === 201).length;
      expect(ok).toBe(affords(i));
      expect(await balance(s!)).toBe(0);
      paid += ok;
      // A retry afterwards still gets the first answer.
      const later = await order(s!, body(i, 0), keys[i]![0]);
      expect(later.status).toBe(mine[0]!.status);
      expect(later.body).toEqual(mine[0]!.body);
    }
    const box = await server.request('GET', '/api/gifts/box', { token: recipient!.token });
    expect(box.body.gifts).toHaveLength(paid);
    const giftIds = new Set(box.body.gifts.map((g: { id: string }) => g.id));
    const cards = () => watcher.frames.filter((f) => f.t === 'msg' && (f.body as { card?: { event?: string } }).card?.event === 'sent');
    await watcher.until(() => cards().length >= paid, 15_000, 'every gift card');
    expect(cards().map((f) => (f.body as { card: { giftId: string } }).card.giftId).sort()).toEqual([...giftIds].sort());
  });

  it('refusal and cancellation pay the sender back 100%, and the other side is told in chat', async () => {
    const [sender, b] = await people(server, 2);
    await befriend(server, sender!, b!);
    await fund(sender!, 30_000);
    const pint = await product('q=Pint');
    const watcher = await TestSocket.open(server.url, sender!.token);
    sockets.push(watcher);
    const first = await order(sender!, { productId: pint.id, option: 'Mint Choco', recipientIds: [b!.user.id], card: { template: 'love', text: '' } });
    const refused = await server.request('POST', `/api/gifts/${first.body.gifts[0].id}/refuse`, { token: b!.token });
    expect(refused.body.status).toBe('refused');
    expect(await balance(sender!)).toBe(30_000);
    expect(await watcher.waitFor((f) => f.t === 'msg' && (f.body as { card?: { event?: string } }).card?.event === 'refused')).toMatchObject({ senderId: b!.user.id });

    const second = await order(sender!, { productId: pint.id, option: 'Strawberry', recipientIds: [b!.user.id], card: { template: 'love', text: '' } });
    expect(await balance(sender!)).toBe(30_000 - 9800);
    const cancelled = await server.request('POST', `/api/gifts/${second.body.gifts[0].id}/cancel`, { token: sender!.token });
    expect(cancelled.body.status).toBe('cancelled');
    expect(await balance(sender!)).toBe(30_000);
    expect((await server.request('POST', `/api/gifts/${second.body.gifts[0].id}/accept`, { token: b!.token })).body.code).toBe('too_late');
  });

  it('exchanges within the brand, moving the price difference through the recipient’s wallet', async () => {
    const [sender, b] = await people(server, 2);
    await befriend(server, sender!, b!);
    await fund(sender!, 50_000);
    await fund(b!, 10_000);
    const americano = await product('q=Americano%20(Tall)');
    const latte = await product('q=Vanilla%20Latte');
    const chicken = await product('q=Fried%20Chicken');
    const sent = await order(sender!, { productId: americano.id, recipientIds: [b!.user.id], card: { template: 'plain', text: '' } });
    const giftId = sent.body.gifts[0].id;
    const exchange = (productId: string) =>
      server.request('POST', `/api/gifts/${giftId}/exchange`, { token: b!.token, body: { productId }, headers: { 'idempotency-key': key() } });
    expect((await exchange(chicken.id)).status).toBe(400);
    const done = await exchange(latte.id);
    expect(done.body).toMatchObject({ status: 'exchanged', product: { id: latte.id }, coupon: { status: 'accepted' } });
    expect(await balance(b!)).toBe(10_000 - (5500 - 4500));
    expect((await exchange(latte.id)).body.code).toBe('too_late');
  });

  it("shows a sender's new name in the gifts it sent from the moment the rename is answered, to readers at the same time", async () => {
    const [sender, recipient] = (await people(server, 2)) as Person[];
    await befriend(server, sender!, recipient!);
    await fund(sender!, 10_000);
    const milk = await product('q=Banana%20Milk');
    expect((await order(sender!, { productId: milk.id, recipientIds: [recipient!.user.id], card: { template: 'plain', text: '' } })).status).toBe(201);
    const senderNames = async () => {
      const box = await server.request('GET', '/api/gifts/box', { token: recipient!.token });
      return (box.body.gifts as Array<{ sender: { displayName: string } }>).map((g) => g.sender.displayName);
    };
    for (const name of ['First rename', 'Second rename']) {
      // Reads run while the rename is on its way; once it is answered, every read shows it.
      const [renamed] = await Promise.all([
        server.request('PATCH', '/api/me', { token: sender!.token, body: { displayName: name } }),
        ...Array.from({ length: 10 }, senderNames),
      ]);
      expect(renamed.status).toBe(200);
      expect(await Promise.all(Array.from({ length: 10 }, senderNames))).toEqual(Array.from({ length: 10 }, () => [name]));
    }
  });

  it('sends only to friends the sender added, hidden ones included, who have not blocked the sender', async () => {
    const [sender, stranger, addedMe, hidden, blocker, friend] = (await people(server, 6)) as Person[];
    await fund(sender!, 10_000);
    const milk = await product('q=Banana%20Milk');
    await befriend(server, sender!, hidden!, blocker!, friend!);
    await befriend(server, addedMe!, sender!);
    expect((await server.request('PATCH', `/api/friends/${hidden!.user.id}`, { token: sender!.token, body: { hidden: true } })).status).toBe(200);
    expect((await server.request('PUT', `/api/blocks/${sender!.user.id}`, { token: blocker!.token })).status).toBe(204);
    const send = (to: Person[]) => order(sender!, { productId: milk.id, recipientIds: to.map((p) => p.user.id), card: { template: 'plain', text: '' } });
    // Many at once, so the reads of the checks go together: each request still gets its own answer.
    const refused = [[stranger!], [addedMe!], [blocker!], [friend!, blocker!], [hidden!, stranger!]];
    const answers = await Promise.all([...refused.map(send), send([friend!, hidden!])]);
    expect(answers.map((res) => res.status)).toEqual([...refused.map(() => 403), 201]);
    expect(answers[0]!.body.code).toBe('forbidden');
    expect(await balance(sender!)).toBe(10_000 - 2 * milk.price.amount);
  });
});
