import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { befriend, people, type Person } from './support/chat';
import { ADDRESS, commerceSteps } from './support/commerce';
import { key } from './support/gifts';
import { ManualClock } from '../src/platform/clock';
import { startTestServer, type TestServer } from './support/test-server';

let server: TestServer;
let steps: ReturnType<typeof commerceSteps>;
let op: Person;

beforeAll(async () => {
  server = await startTestServer();
  steps = commerceSteps(server);
  op = await steps.operator();
});
afterAll(() => server.close());
afterEach(() => server.app.services.ledger.checkInvariants());

const fee = async () => (await server.app.services.ledger.balance({ kind: 'fee_revenue' }, 'KRW'));

describe.each(['brand', 'small_business'] as const)('a %s seller, from application to settlement', (kind) => {
  it('applies, is approved, opens a channel, sells with a coupon code, ships, and is settled in full with a fee of ₩0', async () => {
    const { call, expectStatus } = steps;
    const [applicant, buyer] = await people(server, 2);

    // Applying, and the operator's queue.
    const applied = expectStatus(await steps.apply(applicant!, kind, `${kind} house`), 201, 'apply');
    expect(applied).toMatchObject({ kind, status: 'pending', channelId: null });
    expect((await call('PUT', '/api/seller/channel', applicant, { name: 'Too soon', category: 'living' })).body.code).toBe('seller_not_approved');
    const queue = expectStatus(await call('GET', '/api/operator/sellers?status=pending', op), 200, 'queue');
    expect(queue.sellers.map((s: { id: string }) => s.id)).toContain(applied.id);
    expect(expectStatus(await call('POST', `/api/operator/sellers/${applied.id}/approve`, op), 200, 'approve').status).toBe('approved');

    // The channel, a product and a deal post.
    const channel = expectStatus(await call('PUT', '/api/seller/channel', applicant, { name: `${kind} house`, description: 'Good things', category: 'living' }), 200, 'channel');
    const owner = { person: applicant!, sellerId: applied.id, channelId: channel.id, kind };
    const product = await steps.product(owner, { variants: [{ name: 'Blue', price: 30_000, stock: 5 }, { name: 'Red', price: 32_000, stock: 5 }] });
    expect(expectStatus(await call('PUT', `/api/channels/${channel.id}/follow`, buyer, { notify: true }), 200, 'follow')).toMatchObject({ following: true, notify: true, followers: 1 });
    const post = expectStatus(
      await call('POST', '/api/seller/posts', applicant, {
        text: 'Weekend deal: 10% off with WEEKEND10',
        deal: { productIds: [product.id], startsAt: new Date(Date.now() - 60_000).toISOString(), endsAt: new Date(Date.now() + 86_400_000).toISOString() },
      }),
      201,
      'post',
    );
    expect(post.deal).toMatchObject({ live: true, products: [{ id: product.id }] });

    // The follower has the post in their channel chat, and their chat with the channel is answered from the inbox.
    const room = expectStatus(await call('POST', `/api/channels/${channel.id}/chat`, buyer), 200, 'open chat');
    expect(room.kind).toBe('channel');
    const history = expectStatus(await call('GET', `/api/rooms/${room.id}/messages`, buyer), 200, 'history');
    expect(history.messages.map((m: { body: { card?: { postId?: string } } }) => m.body.card?.postId)).toContain(post.id);
    expect((await call('POST', `/api/rooms/${room.id}/messages`, buyer, { clientMsgId: key(), kind: 'text', body: { text: 'Is the blue one glazed?' } })).status).toBe(200);
    const inbox = expectStatus(await call('GET', '/api/seller/inbox?status=open', applicant), 200, 'inbox');
    expect(inbox.conversations).toEqual([expect.objectContaining({ roomId: room.id, status: 'open', customer: expect.objectContaining({ id: buyer!.user.id }) })]);
    expect((await call('POST', `/api/seller/inbox/${room.id}/messages`, applicant, { clientMsgId: key(), text: 'Yes, inside and out.' })).status).toBe(201);
    const after = expectStatus(await call('GET', `/api/rooms/${room.id}/messages`, buyer), 200, 'history');
    const answer = after.messages.at(-1);
    expect(answer.body.text).toBe('Yes, inside and out.');
    expect(answer.senderId).toBe(channel.accountId);
    expect((await call('PATCH', `/api/seller/inbox/${room.id}`, applicant, { status: 'resolved', assigneeId: applicant!.user.id })).body).toMatchObject({
      status: 'resolved',
      assignee: { id: applicant!.user.id },
    });

    // Buying with a coupon code.
    const code = expectStatus(await steps.coupon(owner, { code: 'WEEKEND10', kind: 'percent', value: 10, minOrder: 20_000 }), 201, 'coupon');
    await steps.fund(buyer!, 100_000);
    const quote = expectStatus(await call('POST', '/api/orders/quote', buyer, { lines: [{ variantId: product.variants[0]!.id, quantity: 2 }], couponCode: 'weekend10' }), 200, 'quote');
    expect(quote).toMatchObject({ subtotal: { amount: 60_000 }, discount: { amount: 6_000 }, total: { amount: 54_000 }, couponCode: code.code });
    const paid = expectStatus(await steps.buy(buyer!, [{ variantId: product.variants[0]!.id, quantity: 2 }], { couponCode: 'WEEKEND10' }), 200, 'buy');
    expect(paid).toMatchObject({ status: 'paid', total: { amount: 54_000 }, address: { postalCode: ADDRESS.postalCode } });
    expect(await steps.balance(buyer!)).toBe(46_000);
    expect((await steps.stockOf(owner, product.variants[0]!.id))).toMatchObject({ onHand: 3, reserved: 0, sold: 2, available: 3 });

    // Fulfilment: the seller sees the address and ships; the buyer confirms.
    const seen = expectStatus(await call('GET', '/api/seller/orders', applicant), 200, 'seller orders');
    expect(seen.orders[0]).toMatchObject({ id: paid.id, address: { line1: ADDRESS.line1 } });
    expect((await call('POST', `/api/seller/orders/${paid.id}/prepare`, applicant)).body.status).toBe('preparing');
    expect((await call('POST', `/api/orders/${paid.id}/cancel`, buyer)).body.status).toBe('cancelled');
    const again = expectStatus(await steps.buy(buyer!, [{ variantId: product.variants[1]!.id, quantity: 1 }]), 200, 'buy again');
    const shipped = expectStatus(await call('POST', `/api/seller/orders/${again.id}/ship`, applicant, { carrier: 'CJ Logistics', trackingNumber: '6301-2345-6789' }), 200, 'ship');
    expect(shipped).toMatchObject({ status: 'shipped', trackingNumber: '6301-2345-6789' });
    expect((await call('POST', `/api/orders/${again.id}/cancel`, buyer)).body.code).toBe('order_already_shipped');
    expect((await call('POST', `/api/seller/orders/${again.id}/deliver`, applicant)).body.status).toBe('delivered');
    expect((await call('POST', `/api/orders/${again.id}/complete`, buyer)).body.status).toBe('completed');

    // Settlement: the whole net sale is paid out, and the fee is read from the ledger as 0.
    const before = await steps.ledgerOf(owner);
    expect(before).toMatchObject({ sales: { amount: 54_000 + 32_000 }, refunds: { amount: 54_000 }, netSales: { amount: 32_000 }, payable: { amount: 32_000 }, paidOut: { amount: 0 }, feesPaid: { amount: 0 } });
    const run = expectStatus(await call('POST', '/api/seller/settlements', applicant), 201, 'settle');
    expect(run.settlement).toMatchObject({ amount: { amount: 32_000 }, fee: { amount: 0 }, provider: 'sandbox' });
    expect((await call('POST', '/api/seller/settlements', applicant)).body.settlement).toBeNull();
    expect(await steps.ledgerOf(owner)).toMatchObject({ payable: { amount: 0 }, paidOut: { amount: 32_000 }, feesPaid: { amount: 0 }, settlements: [{ id: run.settlement.id }] });
    expect(await fee()).toBe(0);
  });
});

describe('delivery gifts', () => {
  it('reach the recipient in chat; they give their own address, which the sender never sees', async () => {
    const { call, expectStatus } = steps;
    const owner = await steps.seller(op);
    const product = await steps.product(owner, { giftListing: 'delivery', variants: [{ name: 'Gift box', price: 25_000, stock: 3 }] });
    const [sender, friend] = await people(server, 2);
    await befriend(server, sender!, friend!);
    await steps.fund(sender!, 50_000);

    const giftable = expectStatus(await call('GET', '/api/products', sender), 200, 'giftable');
    expect(giftable.products.map((p: { id: string }) => p.id)).toContain(product.id);
    expect((await steps.checkout(sender!, { lines: [{ variantId: product.variants[0]!.id, quantity: 1 }], address: undefined })).body.code).toBe('validation_failed');
    const started = expectStatus(
      await call('POST', '/api/orders', sender, { lines: [{ variantId: product.variants[0]!.id, quantity: 1 }], giftTo: { recipientId: friend!.user.id, card: { template: 'thanks', text: 'For you' } } }),
      201,
      'checkout gift',
    );
    const sent = expectStatus(await steps.pay(sender!, started.id), 200, 'pay gift');
    expect(sent).toMatchObject({ status: 'awaiting_address', address: null, gift: { recipient: { id: friend!.user.id } } });

    const direct = expectStatus(await call('POST', '/api/rooms/direct', friend, { userId: sender!.user.id }), 200, 'direct room');
    const chat = expectStatus(await call('GET', `/api/rooms/${direct.id}/messages`, friend), 200, 'history');
    expect(chat.messages.at(-1)).toMatchObject({ kind: 'card', senderId: sender!.user.id, body: { card: { type: 'delivery_gift', orderId: started.id, event: 'sent' } } });

    expect((await call('POST', `/api/orders/${started.id}/accept`, sender, { address: ADDRESS })).status).toBe(404);
    expect((await call('POST', `/api/orders/${started.id}/accept`, friend, { address: { ...ADDRESS, postalCode: '123' } })).status).toBe(400);
    const accepted = expectStatus(await call('POST', `/api/orders/${started.id}/accept`, friend, { address: ADDRESS }), 200, 'accept');
    expect(accepted).toMatchObject({ status: 'paid', address: { line1: ADDRESS.line1 } });

    const senderView = expectStatus(await call('GET', `/api/orders/${started.id}`, sender), 200, 'sender view');
    expect(senderView.status).toBe('paid');
    expect(senderView.address).toBeNull();
    expect(JSON.stringify(expectStatus(await call('GET', '/api/orders', sender), 200, 'sender orders'))).not.toContain(ADDRESS.line1);
    const sellerView = expectStatus(await call('GET', `/api/orders/${started.id}`, owner.person), 200, 'seller view');
    expect(sellerView.address).toMatchObject({ line1: ADDRESS.line1 });
  });

  it('refused, refunds the sender in full and puts the stock back', async () => {
    const owner = await steps.seller(op);
    const product = await steps.product(owner, { giftListing: 'delivery', variants: [{ name: 'Box', price: 20_000, stock: 1 }] });
    const [sender, friend] = await people(server, 2);
    await steps.fund(sender!, 20_000);
    const started = steps.expectStatus(
      await steps.call('POST', '/api/orders', sender, { lines: [{ variantId: product.variants[0]!.id, quantity: 1 }], giftTo: { recipientId: friend!.user.id, card: { template: 'plain', text: '' } } }),
      201,
      'checkout gift',
    );
    steps.expectStatus(await steps.pay(sender!, started.id), 200, 'pay');
    expect(await steps.balance(sender!)).toBe(0);
    expect((await steps.call('POST', `/api/orders/${started.id}/refuse`, friend)).body.status).toBe('refused');
    expect(await steps.balance(sender!)).toBe(20_000);
    expect(await steps.stockOf(owner, product.variants[0]!.id)).toMatchObject({ onHand: 1, sold: 0, available: 1 });
  });
});

describe('gift-shop listing', () => {
  it('sells a product as an exchange coupon that the seller’s own staff redeem, settled in full like any sale', async () => {
    const { call, expectStatus } = steps;
    const owner = await steps.seller(op, 'small_business', `Kiln ${key().slice(-5)}`);
    const picture = await steps.image(owner, '#8d6e63');
    const body = { name: `Tea cup ${key().slice(-5)}`, variants: [{ name: 'White', price: 15_000, stock: 10 }], giftListing: 'exchange' };
    expect((await call('POST', '/api/seller/products', owner.person, body)).body.code).toBe('validation_failed');
    const listed = expectStatus(await call('POST', '/api/seller/products', owner.person, { ...body, imageIds: [picture] }), 201, 'list');
    const giftProductId = listed.product.giftProductId as string;
    expect(giftProductId).toMatch(/^prd_/);

    const [sender, friend] = await people(server, 2);
    await befriend(server, sender!, friend!);
    const shop = expectStatus(await call('GET', `/api/shop/products?q=${encodeURIComponent(body.name)}`, sender), 200, 'shop');
    expect(shop.products).toEqual([expect.objectContaining({ id: giftProductId, kind: 'exchange', price: { amount: 15_000, currency: 'KRW' }, brand: expect.objectContaining({ category: 'shop' }) })]);
    await steps.fund(sender!, 15_000);
    const ordered = expectStatus(await steps.order(sender!, { productId: giftProductId, recipientIds: [friend!.user.id], card: { template: 'thanks', text: '' } }), 201, 'gift');
    const accepted = expectStatus(await call('POST', `/api/gifts/${ordered.gifts[0].id}/accept`, friend), 200, 'accept');

    // The seller's owner is staff of the seller's store, and redeems the coupon there.
    expect(expectStatus(await call('GET', '/api/store/me', owner.person), 200, 'store')).toMatchObject({ brand: { id: owner.sellerId } });
    expect((await call('POST', '/api/store/redemptions', owner.person, { pin: accepted.coupon.pin }, { 'idempotency-key': key() })).status).toBe(201);
    expect(await steps.ledgerOf(owner)).toMatchObject({ sales: { amount: 15_000 }, netSales: { amount: 15_000 }, payable: { amount: 15_000 }, feesPaid: { amount: 0 } });
    expect(expectStatus(await call('POST', '/api/seller/settlements', owner.person), 201, 'settle').settlement).toMatchObject({ amount: { amount: 15_000 }, fee: { amount: 0 } });

    // Taken out of the shop, it can no longer be bought; the coupon already used stays in the record.
    expectStatus(await call('PATCH', `/api/seller/products/${listed.product.id}`, owner.person, { giftListing: 'none' }), 200, 'unlist');
    expect(expectStatus(await call('GET', `/api/shop/products?q=${encodeURIComponent(body.name)}`, sender), 200, 'shop').products).toEqual([]);
    await steps.fund(sender!, 15_000);
    expect((await steps.order(sender!, { productId: giftProductId, recipientIds: [friend!.user.id], card: { template: 'thanks', text: '' } })).status).toBe(404);
    expect((await call('GET', `/api/shop/products/${giftProductId}`, sender)).status).toBe(404);
  });

  it('lists only a one-price product with a picture, keeps a refused edit unsaved, and follows the seller in and out of suspension', async () => {
    const { call, expectStatus } = steps;
    const owner = await steps.seller(op, 'brand', `Loom ${key().slice(-5)}`);
    const picture = await steps.image(owner, '#5d4037');
    const name = `Scarf ${key().slice(-5)}`;
    const twoPrices = [
      { name: 'Small', price: 10_000, stock: 5 },
      { name: 'Large', price: 30_000, stock: 5 },
    ];
    // A coupon has one price: variants at two prices cannot be an exchange coupon, on creation or by an edit.
    expect((await call('POST', '/api/seller/products', owner.person, { name, imageIds: [picture], variants: twoPrices, giftListing: 'exchange' })).body.code).toBe('validation_failed');
    const plain = expectStatus(await call('POST', '/api/seller/products', owner.person, { name, imageIds: [picture], variants: twoPrices }), 201, 'plain').product;
    expect((await call('PATCH', `/api/seller/products/${plain.id}`, owner.person, { name: `${name} (renamed)`, giftListing: 'exchange' })).body.code).toBe('validation_failed');
    const unchanged = expectStatus(await call('GET', '/api/seller/products', owner.person), 200, 'products').products.find((p: { product: { id: string } }) => p.product.id === plain.id);
    expect(unchanged.product).toMatchObject({ name, giftListing: 'none', giftProductId: null });

    const listed = expectStatus(
      await call('POST', '/api/seller/products', owner.person, { name, imageIds: [picture], variants: [{ name: 'One size', price: 20_000, stock: 5 }], giftListing: 'exchange' }),
      201,
      'listed',
    ).product;
    const [shopper] = await people(server, 1);
    const inShop = async () => (await call('GET', `/api/shop/products/${listed.giftProductId}`, shopper)).status;
    expect(await inShop()).toBe(200);
    expectStatus(await call('POST', `/api/operator/sellers/${owner.sellerId}/suspend`, op, { reason: 'Under review' }), 200, 'suspend');
    expect(await inShop()).toBe(404);
    expectStatus(await call('POST', `/api/operator/sellers/${owner.sellerId}/approve`, op), 200, 'reinstate');
    expect(await inShop()).toBe(200);
  });
});

describe('refusals a buyer can understand', () => {
  it('names out of stock, an expired or used-up code, a below-minimum order and a suspended store apart', async () => {
    const { call } = steps;
    const owner = await steps.seller(op);
    const product = await steps.product(owner, { variants: [{ name: 'One', price: 10_000, stock: 1 }] });
    const [buyer, other] = await people(server, 2);
    await steps.fund(buyer!, 100_000);
    await steps.fund(other!, 100_000);
    const line = [{ variantId: product.variants[0]!.id, quantity: 1 }];

    const past = new Date(Date.now() - 86_400_000);
    await steps.coupon(owner, { code: 'OLD', startsAt: new Date(past.getTime() - 86_400_000).toISOString(), endsAt: past.toISOString() });
    await steps.coupon(owner, { code: 'BIG', minOrder: 50_000 });
    await steps.coupon(owner, { code: 'ONCE', totalLimit: 1 });
    expect((await call('POST', '/api/orders/quote', buyer, { lines: line, couponCode: 'NOPE' })).body.code).toBe('coupon_code_invalid');
    expect((await call('POST', '/api/orders/quote', buyer, { lines: line, couponCode: 'OLD' })).body.code).toBe('coupon_code_expired');
    expect((await call('POST', '/api/orders/quote', buyer, { lines: line, couponCode: 'BIG' })).body.code).toBe('below_minimum_order');
    expect((await call('POST', '/api/orders', buyer, { lines: line, address: { ...ADDRESS, phone: 'call me' } })).status).toBe(400);

    expect((await steps.buy(buyer!, [{ variantId: product.variants[0]!.id, quantity: 2 }])).body.code).toBe('out_of_stock');
    expect((await steps.buy(buyer!, line, { couponCode: 'ONCE' })).status).toBe(200);
    await call('PUT', `/api/seller/variants/${product.variants[0]!.id}/stock`, owner.person, { onHand: 5 });
    expect((await call('POST', '/api/orders/quote', other, { lines: line, couponCode: 'ONCE' })).body.code).toBe('coupon_code_exhausted');

    await call('POST', `/api/operator/sellers/${owner.sellerId}/suspend`, op, { reason: 'Counterfeit reports' });
    const refused = await steps.buy(other!, line);
    expect(refused.body).toMatchObject({ code: 'seller_suspended' });
    expect(refused.body.message).toContain('Counterfeit reports');
    expect((await call('GET', `/api/channels/${owner.channelId}`, other)).status).toBe(404);
  });

  it('ends an unpaid checkout when its hold runs out and gives the stock back', async () => {
    const clock = new ManualClock();
    const timed = await startTestServer({ CHECKOUT_HOLD_MINUTES: '15' }, { clock });
    try {
      const own = commerceSteps(timed);
      const owner = await own.seller(await own.operator());
      const product = await own.product(owner, { variants: [{ name: 'One', price: 10_000, stock: 1 }] });
      const [buyer] = await people(timed, 1);
      await own.fund(buyer!, 10_000);
      const started = own.expectStatus(await own.checkout(buyer!, { lines: [{ variantId: product.variants[0]!.id, quantity: 1 }] }), 201, 'checkout');
      expect(started.reservedUntil).toBe(new Date(clock.now().getTime() + 15 * 60_000).toISOString());
      expect(await own.stockOf(owner, product.variants[0]!.id)).toMatchObject({ reserved: 1, available: 0 });
      clock.advance(16 * 60_000);
      expect((await own.pay(buyer!, started.id)).body.code).toBe('checkout_expired');
      expect(await own.stockOf(owner, product.variants[0]!.id)).toMatchObject({ reserved: 0, available: 1 });
      expect(await own.balance(buyer!)).toBe(10_000);
      expect((await own.call('GET', `/api/orders/${started.id}`, buyer)).body.status).toBe('expired');
      await timed.app.services.ledger.checkInvariants();
    } finally {
      await timed.close();
    }
  });
});
