import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/platform/clock';
import { befriend, directRoom, people, type Person } from './support/chat';
import { giftSteps, key } from './support/gifts';
import { startTestServer, type TestServer } from './support/test-server';
import { TestSocket } from './support/ws-client';

const clock = new ManualClock(new Date('2026-09-01T00:00:00Z'));
let server: TestServer;
const sockets: TestSocket[] = [];
beforeAll(async () => {
  // The scheduler ticks every 50 ms of real time and reads the test's clock.
  server = await startTestServer({ SCHEDULER_INTERVAL_SECONDS: '0.05', LOG_LEVEL: 'fatal' }, { clock });
  await server.app.services.catalogue.seedDemo();
});
afterEach(() => server.app.services.ledger.checkInvariants());
afterAll(async () => {
  for (const s of sockets) s.close();
  await server.close();
});

const steps = () => giftSteps(server);

/**
 * Chat stops being able to store messages, as if its table were gone, until `restore` is called. Nothing else about
 * the database changes: money, gifts and owed cards are written as usual.
 */
async function breakChat(): Promise<{ restore: () => Promise<void> }> {
  await server.app.database.db.execute(sql`alter table messages rename to messages_unavailable`);
  return { restore: async () => void (await server.app.database.db.execute(sql`alter table messages_unavailable rename to messages`)) };
}

const cardsIn = (socket: TestSocket, type: string, event: string) =>
  socket.frames.filter((f) => f.t === 'msg' && f.kind === 'card' && (f.body as { card: { type: string; event: string } }).card.type === type && (f.body as { card: { event: string } }).card.event === event);

describe('a card a money change owes', () => {
  it('is written with the money: a purchase whose card cannot be posted is charged once, retried with its key, and the card arrives once chat recovers', async () => {
    const [sender, friend] = (await people(server, 2)) as [Person, Person];
    await befriend(server, sender, friend);
    await steps().fund(sender, 50_000);
    const item = await steps().product('q=Americano');
    const inbox = await TestSocket.open(server.url, friend.token);
    sockets.push(inbox);
    const body = { productId: item.id, option: item.options[0]?.values[0], recipientIds: [friend.user.id], card: { template: 'thanks', text: 'For you' } };
    const idempotencyKey = key();

    const chat = await breakChat();
    let restored = false;
    try {
      const first = await steps().order(sender, body, idempotencyKey);
      expect(first.status).toBe(201);
      // The buyer's app retries, as it would after any doubt; and again, all at once.
      const retries = await Promise.all(Array.from({ length: 5 }, () => steps().order(sender, body, idempotencyKey)));
      for (const retry of retries) expect({ status: retry.status, id: retry.body.id }).toEqual({ status: 201, id: first.body.id });
      expect(await steps().balance(sender)).toBe(50_000 - item.price.amount);
      const sent = await server.request('GET', '/api/gifts/sent', { token: sender.token });
      expect(sent.body.gifts).toHaveLength(1);
      expect(sent.body.gifts[0]).toMatchObject({ id: first.body.gifts[0].id, status: 'delivered' });

      // Refusing it moves the money back at once, and the refusal's card is owed too.
      const refused = await server.request('POST', `/api/gifts/${first.body.gifts[0].id}/refuse`, { token: friend.token });
      expect(refused.status).toBe(200);
      expect(await steps().balance(sender)).toBe(50_000);
      expect(cardsIn(inbox, 'gift', 'sent')).toHaveLength(0);

      await chat.restore();
      restored = true;
      // The cards wait out their grace, then the scheduled job posts them: each once, in order.
      clock.advance(31_000);
      await inbox.until(() => cardsIn(inbox, 'gift', 'sent').length === 1 && cardsIn(inbox, 'gift', 'refused').length === 1, 10_000, 'the owed cards');
      clock.advance(31_000);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(cardsIn(inbox, 'gift', 'sent')).toHaveLength(1);
      expect(cardsIn(inbox, 'gift', 'refused')).toHaveLength(1);
      const [sentCard] = cardsIn(inbox, 'gift', 'sent');
      expect(sentCard).toMatchObject({ senderId: sender.user.id, body: { text: `Gift: ${item.name}`, card: { giftId: first.body.gifts[0].id, card: { text: 'For you' } } } });
    } finally {
      if (!restored) await chat.restore();
    }
  });

  it('is posted at once, before the answer, when chat is well', async () => {
    const [sender, friend] = (await people(server, 2)) as [Person, Person];
    await befriend(server, sender, friend);
    await steps().fund(sender, 50_000);
    const item = await steps().product('q=Americano');
    const ordered = await steps().order(sender, { productId: item.id, option: item.options[0]?.values[0], recipientIds: [friend.user.id], card: { template: 'plain', text: '' } });
    expect(ordered.status).toBe(201);
    const rooms = await server.request('GET', '/api/rooms', { token: friend.token });
    const room = rooms.body.rooms.find((r: { others: Array<{ id: string }> }) => r.others.some((o) => o.id === sender.user.id));
    expect(room.lastMessage).toMatchObject({ kind: 'card', body: { card: { type: 'gift', event: 'sent', giftId: ordered.body.gifts[0].id } } });
  });

  it('of purchases paid together is stored with their payment: each card once, gapless seqs, read by its sender (rooms not made yet, many gifts into one room)', async () => {
    const [recipient, ...senders] = (await people(server, 9)) as [Person, ...Person[]];
    const inbox = await TestSocket.open(server.url, recipient.token);
    sockets.push(inbox);
    const item = await steps().product('q=Banana%20Milk');
    // Six senders already talk with the recipient; the other two have no room with them yet.
    const talking = senders.slice(0, 6);
    await Promise.all(
      senders.map(async (s) => {
        await befriend(server, s, recipient);
        await steps().fund(s, 10 * item.price.amount);
      }),
    );
    for (const s of talking) {
      const room = await directRoom(server, s, recipient);
      expect((await server.request('POST', `/api/rooms/${room.id}/messages`, { token: recipient.token, body: { clientMsgId: crypto.randomUUID(), kind: 'text', body: { text: 'hi' } } })).status).toBe(200);
    }

    const body = (n: number) => ({ productId: item.id, recipientIds: [recipient.user.id], card: { template: 'cheer', text: `#${n}` } });
    // Each sender buys four at once: the purchases are paid in batches, several of them into one room.
    const answers = await Promise.all(senders.flatMap((s) => [0, 1, 2, 3].map((n) => steps().order(s, body(n)))));
    for (const answer of answers) expect(answer.status).toBe(201);
    const giftIds = answers.map((a) => a.body.gifts[0].id as string).sort();
    await inbox.until(() => cardsIn(inbox, 'gift', 'sent').length >= giftIds.length, 10_000, 'every gift card');
    expect(cardsIn(inbox, 'gift', 'sent').map((f) => (f.body as { card: { giftId: string } }).card.giftId).sort()).toEqual(giftIds);

    const rooms = (await server.request('GET', '/api/rooms', { token: recipient.token })).body.rooms as Array<{ id: string; unread: number; others: Array<{ id: string }> }>;
    for (const s of senders) {
      const room = rooms.find((r) => r.others.some((o) => o.id === s.user.id))!;
      const history = (await server.request('GET', `/api/rooms/${room.id}/messages?limit=100`, { token: recipient.token })).body.messages as Array<{ seq: number; kind: string; senderId: string }>;
      // Seqs run 1, 2, … with no gap and no repeat, and every card is there once.
      expect(history.map((m) => m.seq)).toEqual(history.map((_, k) => k + 1));
      expect(history.filter((m) => m.kind === 'card' && m.senderId === s.user.id)).toHaveLength(4);
      expect(room.unread).toBe(4);
      // The sender has read what they sent, and so what came before it.
      const theirs = (await server.request('GET', '/api/rooms', { token: s.token })).body.rooms as Array<{ id: string; unread: number }>;
      expect(theirs.find((r) => r.id === room.id)).toMatchObject({ unread: 0 });
    }
  });
});

describe('cards a server run owes by the hundred', () => {
  it('are each posted once with gapless seqs, together where they can be and one by one where not (a room not made yet, a recipient who blocked the sender, a card posted before)', async () => {
    const system = { kind: 'system' as const };
    const chat = server.app.services.chat;
    const [sender, ...recipients] = (await people(server, 13)) as [Person, ...Person[]];
    // Rooms with 9 of the 12 already exist, each with a message in it; the other 3 are made on the first card.
    for (const r of recipients.slice(0, 9)) {
      const room = await directRoom(server, r, sender);
      expect((await server.request('POST', `/api/rooms/${room.id}/messages`, { token: r.token, body: { clientMsgId: crypto.randomUUID(), kind: 'text', body: { text: 'hi' } } })).status).toBe(200);
    }
    const blocker = recipients[0]!;
    expect((await server.request('PUT', `/api/blocks/${sender.user.id}`, { token: blocker.token })).status).toBe(204);
    const giftId = (i: number) => `gft_${String(i).padStart(26, '0')}`;
    const card = (i: number) => ({ type: 'gift' as const, event: 'sent' as const, giftId: giftId(i), productName: 'Americano', brandName: 'Cafe', imageUrl: null, card: { template: 'plain' as const, text: '' }, expiresAt: null, daysLeft: null });
    const owe = (indexes: number[], tag: string) =>
      server.app.database.transaction((tx) => chat.oweCards(system, indexes.map((i) => ({ fromUserId: sender.user.id, toUserId: recipients[i]!.user.id, card: card(i), clientMsgId: `bulk-${tag}-${i}` })), tx));
    const owed = async () => ((await server.app.database.db.execute(sql`select count(*)::int as n from chat_card_outbox`)) as unknown as { rows: Array<{ n: number }> }).rows[0]!.n;
    const run = async (tag: string) => {
      await owe(recipients.map((_, i) => i), tag);
      clock.set(new Date(clock.now().getTime() + 1000));
      await chat.deliverOwedCards(system, 0);
      expect(await owed()).toBe(0);
    };
    // A first run, then a second whose card to one recipient was posted before it (a retry after a crash owes it again).
    await run('first');
    chat.postOwedInBackground(system, await owe([5], 'second'));
    await expect.poll(owed).toBe(0);
    await run('second');

    for (const [i, r] of recipients.entries()) {
      const rooms = (await server.request('GET', '/api/rooms', { token: r.token })).body.rooms as Array<{ id: string; others: Array<{ id: string }> }>;
      const room = rooms.find((x) => x.others.some((o) => o.id === sender.user.id))!;
      const history = (await server.request('GET', `/api/rooms/${room.id}/messages?limit=100`, { token: r.token })).body.messages as Array<{ seq: number; kind: string; hidden?: boolean; body: { card?: { giftId: string } } }>;
      // Seqs run 1, 2, … with no gap and no repeat.
      expect(history.map((m) => m.seq)).toEqual(history.map((_, k) => k + 1));
      const cards = history.filter((m) => m.kind === 'card' || m.hidden);
      expect(cards).toHaveLength(2);
      for (const c of cards) {
        if (r === blocker) expect(c).toMatchObject({ hidden: true });
        else expect(c.body.card!.giftId).toBe(giftId(i));
      }
    }
  });
});
