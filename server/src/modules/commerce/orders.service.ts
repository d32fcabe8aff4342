import type { Address, Quote, ShopOrder } from '@maum/protocol';
import { requireSystem, requireUser, type Actor, type UserActor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import type { Logger } from '../../platform/log';
import type { Database, Executor } from '../../platform/db/database';
import { AppError } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { readTogether, writeTogether } from '../../platform/db/bulk';
import { GroupCommit, type Outcome } from '../../platform/db/group-commit';
import type { Idempotency, PaymentKey } from '../../platform/http/idempotency/idempotency';
import type { AccountsDirectory } from '../accounts';
import { CURRENCY, type LedgerService, type TransferInput } from '../ledger';
import type { ChannelRow, ChannelsRepository } from './channels.repository';
import { imageUrl, toOrder, won } from './commerce.mappers';
import type { CardValue } from './commerce.schema';
import type { ChannelChat, DeliveryGiftEvent, ItemCertificates, SoldItems } from './commerce.ports';
import type { SellerRow, SellersRepository } from './sellers.repository';
import { assertSelling, type SellerGate } from './sellers.service';
import type { CouponCodeRow, OrderLineRow, OrderRow, OrderStatus, ProductRow, ShopRepository, VariantRow } from './shop.repository';

type Line = { variantId: string; quantity: number };

export interface OrderTimes {
  /** How long an unpaid checkout holds its stock. */
  reservationMs: number;
  /** A delivered order the buyer has not confirmed completes on its own after this long. */
  autoCompleteMs: number;
}

/** Lines for the same variant are one line; variants are taken in id order so concurrent checkouts lock rows alike. */
function mergeLines(lines: Line[]): Line[] {
  const byVariant = new Map<string, number>();
  for (const line of lines) byVariant.set(line.variantId, (byVariant.get(line.variantId) ?? 0) + line.quantity);
  return [...byVariant].sort(([a], [b]) => (a < b ? -1 : 1)).map(([variantId, quantity]) => ({ variantId, quantity }));
}

export function discountOf(coupon: Pick<CouponCodeRow, 'kind' | 'value'>, subtotal: number): number {
  return coupon.kind === 'percent' ? Math.floor((subtotal * coupon.value) / 100) : Math.min(coupon.value, subtotal);
}

const SHIPPABLE: OrderStatus[] = ['paid', 'preparing'];
const CANCELLABLE_PAID: OrderStatus[] = ['awaiting_address', 'paid', 'preparing'];

/**
 * Orders: checkout holds stock, payment from the wallet turns the hold into a sale and credits the seller's payable
 * in full, and the seller prepares, ships and delivers. Every state change is one conditional UPDATE in the same
 * transaction as the stock, coupon and ledger changes that go with it, so no concurrency oversells stock, overuses
 * a coupon code or pays twice. A transaction that moves both money and stock changes the stock last: a popular
 * variant's row is the busiest, so it stays locked the shortest, and as every such transaction takes its locks in
 * that one order (the order, the ledger, the variants), none waits for another that waits for it.
 */
export class OrdersService {
  constructor(
    private readonly deps: {
      database: Database;
      shop: ShopRepository;
      channels: ChannelsRepository;
      sellers: SellersRepository;
      gate: SellerGate;
      ledger: LedgerService;
      chat: ChannelChat;
      certificates: ItemCertificates;
      people: AccountsDirectory;
      times: OrderTimes;
      /** Idempotency-Keys of payments made together. */
      keys: Pick<Idempotency, 'claimManyQuery' | 'releasesWrites'>;
      clock: Clock;
      log: Logger;
    },
  ) {
    this.holds = new GroupCommit({
      name: 'checkouts',
      database: deps.database,
      log: deps.log,
      oneStatement: true,
      together: (db, batch) => this.holdTogether(db, batch),
      alone: (checkout) => this.holdAlone(checkout),
    });
    this.payments = new GroupCommit({
      name: 'payments',
      database: deps.database,
      log: deps.log,
      together: (tx, batch) => this.payTogether(tx, batch),
      alone: (pending) => this.payAlone(pending),
    });
  }

  /** Checkouts that arrive together hold their stock together. */
  private readonly holds: GroupCommit<PendingCheckout, void>;

  /** Plain payments that arrive together are paid together. */
  private readonly payments: GroupCommit<PendingPayment, ShopOrder | null>;

  private async priced(
    lines: Line[],
  ): Promise<{ seller: SellerRow; channel: ChannelRow | null; items: Array<{ line: Line; variant: VariantRow; product: ProductRow }>; subtotal: number }> {
    const merged = mergeLines(lines);
    const found = await this.deps.shop.variantsByIds(merged.map((l) => l.variantId));
    const items = merged.map((line) => {
      const hit = found.find((f) => f.variant.id === line.variantId);
      if (!hit || !hit.product.active) throw new AppError('not_found', 'A product in the cart is no longer on sale.');
      return { line, variant: hit.variant, product: hit.product };
    });
    if (new Set(items.map((i) => i.product.sellerId)).size !== 1) throw new AppError('validation_failed', 'One order buys from one store; check out each store’s items separately.');
    const { seller, channel } = found.find((f) => f.seller.id === items[0]!.product.sellerId)!;
    assertSelling(seller);
    const subtotal = items.reduce((sum, i) => sum + i.variant.price * i.line.quantity, 0);
    return { seller, channel, items, subtotal };
  }

  /** Finds a coupon code and checks it for this buyer and subtotal, without using it. */
  private async checkedCoupon(user: UserActor, sellerId: string, code: string, subtotal: number): Promise<CouponCodeRow> {
    const coupon = await this.deps.shop.findCoupon(sellerId, code);
    if (!coupon) throw new AppError('coupon_code_invalid', `${code} is not a coupon code of this store.`);
    const now = this.deps.clock.now();
    if (now < coupon.startsAt) throw new AppError('coupon_code_invalid', `${code} can be used from ${coupon.startsAt.toISOString().slice(0, 10)}.`);
    if (coupon.endsAt <= now) throw new AppError('coupon_code_expired', `${code} has expired.`);
    if (coupon.totalLimit !== null && coupon.uses >= coupon.totalLimit) throw new AppError('coupon_code_exhausted', `${code} has been used up.`);
    if (coupon.perUserLimit !== null && (await this.deps.shop.usesBy(coupon.id, user.userId)) >= coupon.perUserLimit) {
      throw new AppError('coupon_code_limit_reached', `You have already used ${code} as often as it allows.`);
    }
    if (subtotal < coupon.minOrder) {
      throw new AppError('below_minimum_order', `${code} needs an order of at least ₩${coupon.minOrder.toLocaleString('en')}.`);
    }
    return coupon;
  }

  async quote(actor: Actor, input: { lines: Line[]; couponCode?: string }): Promise<Quote> {
    const user = requireUser(actor);
    const { seller, subtotal } = await this.priced(input.lines);
    const coupon = input.couponCode ? await this.checkedCoupon(user, seller.id, input.couponCode, subtotal) : undefined;
    const discount = coupon ? discountOf(coupon, subtotal) : 0;
    return { subtotal: won(subtotal), discount: won(discount), total: won(subtotal - discount), couponCode: coupon?.code ?? null };
  }

  /** Starts checkout: holds the stock (or answers `out_of_stock`) for a while, and prices the order. */
  async checkout(
    actor: Actor,
    input: { lines: Line[]; address?: Address; couponCode?: string; giftTo?: { recipientId: string; card: CardValue } },
  ): Promise<ShopOrder> {
    const user = requireUser(actor);
    if (input.giftTo) {
      const to = input.giftTo.recipientId;
      if (to === user.userId) throw new AppError('validation_failed', 'A gift is for someone else.');
      if (!(await this.deps.people.exists(to)) || (await this.deps.people.hasBlocked(to, user.userId))) throw new AppError('not_found', 'No such user.');
    }
    const { seller, channel, items, subtotal } = await this.priced(input.lines);
    const coupon = input.couponCode ? await this.checkedCoupon(user, seller.id, input.couponCode, subtotal) : undefined;
    const discount = coupon ? discountOf(coupon, subtotal) : 0;
    const now = this.deps.clock.now();
    const order: OrderRow = {
      id: newId('sor'),
      buyerId: user.userId,
      sellerId: seller.id,
      status: 'pending_payment',
      subtotal,
      discount,
      total: subtotal - discount,
      couponId: coupon?.id ?? null,
      couponCode: coupon?.code ?? null,
      address: input.address ?? null,
      giftRecipientId: input.giftTo?.recipientId ?? null,
      giftCard: input.giftTo?.card ?? null,
      carrier: null,
      trackingNumber: null,
      reservedUntil: new Date(now.getTime() + this.deps.times.reservationMs),
      createdAt: now,
      paidAt: null,
      shippedAt: null,
      deliveredAt: null,
      completedAt: null,
      cancelledAt: null,
    };
    const lines: OrderLineRow[] = items.map(({ line, variant, product }, position) => ({
      orderId: order.id,
      position,
      variantId: variant.id,
      productId: product.id,
      productName: product.name,
      variantName: variant.name,
      imageId: product.imageIds[0] ?? null,
      unitPrice: variant.price,
      quantity: line.quantity,
    }));
    // The people the answer shows are read while the stock is held; the seller's channel was read with the variants.
    const [people] = await Promise.all([this.deps.people.profiles(peopleOf(order)), this.holds.run({ order, lines, items })]);
    return this.shown(order, lines, { channels: channel ? [channel] : [], people }, 'buyer');
  }

  /** Holds one checkout's stock and records its order, as a batch of its own: one statement, unless it is short. */
  private async holdAlone(checkout: PendingCheckout): Promise<void> {
    const [outcome] = await this.holdTogether(this.deps.database.db, [checkout]);
    if (outcome && 'refused' in outcome) throw outcome.refused;
  }

  /**
   * Holds the stock of many checkouts, a batch of `GroupCommit`. When the stock is there for all of them, as it
   * mostly is, one statement holds it and records their orders. Otherwise `holdInTurn` serves them in order of arrival.
   */
  private async holdTogether(db: Executor, batch: PendingCheckout[]): Promise<Array<Outcome<void>>> {
    const wanted = new Map<string, number>();
    for (const { line } of batch.flatMap((c) => c.items)) wanted.set(line.variantId, (wanted.get(line.variantId) ?? 0) + line.quantity);
    const orders = batch.map((c) => c.order);
    if (await this.deps.shop.with(db).holdAllAndInsertOrders(wanted, orders, batch.flatMap((c) => c.lines))) return batch.map(() => ({ done: undefined }));
    return this.deps.database.transaction((tx) => this.holdInTurn(tx, batch));
  }

  /**
   * Holds the stock of many checkouts in `tx` when there is not enough for all of them: their variants locked in one
   * order, the checkouts served in order of arrival while the stock lasts (one that cannot have all its lines is
   * refused as out of stock, alone), the holds made in one statement and the orders recorded together.
   */
  private async holdInTurn(tx: Executor, batch: PendingCheckout[]): Promise<Array<Outcome<void>>> {
    const shop = this.deps.shop.with(tx);
    const available = await shop.lockAvailable([...new Set(batch.flatMap((c) => c.items.map((i) => i.variant.id)))]);
    const held = new Map<string, number>();
    const outcomes = batch.map((checkout): Outcome<void> => {
      const wanted = new Map<string, number>();
      for (const { line, product, variant } of checkout.items) {
        const total = (wanted.get(variant.id) ?? 0) + line.quantity;
        if ((available.get(variant.id) ?? 0) - (held.get(variant.id) ?? 0) < total) return { refused: outOfStock(product, variant) };
        wanted.set(variant.id, total);
      }
      for (const [id, quantity] of wanted) held.set(id, (held.get(id) ?? 0) + quantity);
      return { done: undefined };
    });
    const kept = batch.filter((_, i) => 'done' in outcomes[i]!);
    await shop.reserveMany(held);
    await shop.insertOrders(kept.map((c) => c.order), kept.flatMap((c) => c.lines));
    return outcomes;
  }

  /**
   * Pays a held checkout from the wallet. In one transaction: the order moves to paid (only from an unexpired
   * hold), the coupon code's use is claimed against its limits, the hold becomes a sale, and the whole total moves
   * from the buyer's wallet to the seller's payable. Any refusal rolls all of it back. With `payment`, the
   * Idempotency-Key is claimed and answered in that transaction. Plain payments (no coupon code, not a gift) that
   * arrive together are paid together (`payTogether`).
   */
  async pay(actor: Actor, orderId: string, payment?: PaymentKey): Promise<ShopOrder> {
    const user = requireUser(actor);
    // What does not change with the payment is read first, at once and outside the money: the order with its seller
    // and lines, and who the answer shows (the seller's channel, the buyer, and a gift's recipient once the order says who).
    const [found, buyer] = await Promise.all([this.deps.shop.findOrderWithSeller(orderId), this.deps.people.profiles([user.userId])]);
    if (!found || found.order.buyerId !== user.userId) throw new AppError('not_found', 'No such order.');
    const { order, lines, seller, channel } = found;
    const people = order.giftRecipientId ? new Map([...buyer, ...(await this.deps.people.profiles([order.giftRecipientId]))]) : buyer;
    const audience: Audience = { channels: channel ? [channel] : [], people };
    const pending: PendingPayment = { order, lines, seller, audience, now: this.deps.clock.now(), payment };
    const paid = order.couponId || order.giftRecipientId ? await this.payAlone(pending) : await this.payments.run(pending);
    if (!paid) throw await this.whyNotPayable(order.id);
    return paid;
  }

  /** Pays one checkout in a transaction of its own: the order as its buyer sees it, or null when it is not payable. */
  private async payAlone({ order, audience, now, payment }: PendingPayment): Promise<ShopOrder | null> {
    return this.deps.database
      .transaction(async (tx) => {
        await payment?.claim(tx);
        const shop = this.deps.shop.with(tx);
        const row = await shop.transition(order.id, ['pending_payment'], { status: order.giftRecipientId ? 'awaiting_address' : 'paid', paidAt: now }, { holdLiveAt: now });
        // Not payable: the transaction rolls back (the key's claim with it), and why is worked out by the caller.
        if (!row) throw new NotPayable();
        assertSelling((await this.deps.sellers.with(tx).findSeller(row.sellerId))!);
        if (row.couponId) {
          const coupon = (await shop.findCoupon(row.sellerId, row.couponCode!))!;
          if (coupon.endsAt <= now) throw new AppError('coupon_code_expired', `${coupon.code} has expired.`);
          const claim = await shop.claimCouponUse(coupon, row.buyerId);
          if (claim === 'exhausted') throw new AppError('coupon_code_exhausted', `${coupon.code} has been used up.`);
          if (claim === 'user_limit') throw new AppError('coupon_code_limit_reached', `You have already used ${coupon.code} as often as it allows.`);
        }
        const lines = await shop.linesOf([row.id]);
        if (row.total > 0) await this.deps.ledger.transfer(tx, orderMoney(row, 'payment'));
        if (!row.giftRecipientId) await this.handOverCertificates(tx, row, lines, row.buyerId, 'order');
        if (row.giftRecipientId) await this.tell(tx, row, 'sent', lines);
        const answer = this.shown(row, lines, audience, 'buyer');
        await payment?.answer(tx, answer);
        for (const line of lines) await shop.sell(line.variantId, line.quantity);
        return answer;
      })
      .catch((err: unknown) => {
        if (err instanceof NotPayable) return null;
        throw err;
      });
  }

  /**
   * Pays many plain checkouts (no coupon code, not a gift) in `tx`, a batch of `GroupCommit`, in four round trips
   * whatever their number. The first statement claims the keys with their answers, moves the orders by one
   * conditional update (their lines and sellers read before) and reads which of their products carry certificates,
   * side by side; then the money moves, and the sales are recorded, in one more (when certificates are handed over,
   * the money moves first, then the certificates, and then the rest). An order that is no longer
   * payable answers null, its key let go, and its refusal is explained as one alone would be. A payment whose key
   * was claimed before goes alone after the batch, which replays, waits or refuses as the key's rules say; should
   * its order have moved here with no other payment of the batch to pay it (the key's first answer was a refusal, or
   * the key was used for another request), the order is put back as it was in the batch's last statement. Anything
   * else that fails (a seller who stopped selling, a wallet that is short) fails the batch, whose payments are then
   * each paid alone.
   */
  private async payTogether(tx: Executor, batch: PendingPayment[]): Promise<Array<Outcome<ShopOrder | null>>> {
    const { keys, ledger, certificates } = this.deps;
    const now = batch.reduce((latest, p) => (p.now > latest ? p.now : latest), batch[0]!.now);
    const change = { status: 'paid' as const, paidAt: now };
    // Each payment's answer, the order as its buyer sees it once paid: its key is claimed with it. The orders are as
    // they were read, with the change made. The sellers and lines were read before the batch too: a seller's state is
    // not locked here either way.
    const answers = new Map(batch.map((p) => [p, this.shown({ ...p.order, ...change }, p.lines, p.audience, 'buyer')]));
    const keyed = new Map(batch.flatMap((p) => (p.payment ? [[p.payment, answers.get(p)!] as const] : [])));
    const [claimed, movedIds, held] = await readTogether(tx, [
      keys.claimManyQuery([...keyed.keys()], keyed),
      this.deps.shop.transitionManyQuery([...new Set(batch.map((p) => p.order.id))], ['pending_payment'], change, { holdLiveAt: now }),
      certificates.heldAmong([...new Set(batch.flatMap((p) => p.lines.map((l) => l.productId)))]),
    ] as const);
    const moved = new Set(movedIds);
    const mine = batch.filter((p) => !p.payment || claimed.has(p.payment));
    // Moved, but none of the batch may pay it: its payments lost their keys. It is put back as it was.
    const unpaid = [...moved].filter((id) => !mine.some((p) => p.order.id === id));
    const refused = mine.filter((p) => !moved.has(p.order.id));
    const paying = mine.filter((p) => moved.has(p.order.id));
    // An order paid twice at once (two keys) is in the batch twice, but it moved once, and its lines are sold once.
    const rows = new Map(paying.map((p) => [p.order.id, { ...p.order, ...change }]));
    for (const p of paying) assertSelling(p.seller);
    const lines = [...new Map(paying.map((p) => [p.order.id, p.lines])).values()].flat();
    const sold = new Map<string, number>();
    for (const line of lines) sold.set(line.variantId, (sold.get(line.variantId) ?? 0) + line.quantity);
    const money = [...rows.values()].filter((r) => r.total > 0).map((r) => orderMoney(r, 'payment'));
    // The refused payments' keys let go, and last, as the busiest rows (a popular variant's) then stay locked only
    // until the commit, the sale.
    const writes = [
      ...keys.releasesWrites(refused.flatMap((p) => (p.payment ? [p.payment] : []))),
      ...this.deps.shop.unpayWrites(unpaid),
      ...this.deps.shop.sellManyWrites(sold),
    ];
    if (held.size === 0) {
      // In one statement with the money.
      await ledger.transferMany(tx, money, writes);
    } else {
      // The money moves before any certificate is taken: a short wallet fails the batch before it holds back
      // certificates that a sale beside it would otherwise skip.
      await ledger.transferMany(tx, money);
      const sales = [...rows.values()].map((row) => soldItems(row, lines.filter((l) => l.orderId === row.id), row.buyerId, 'order'));
      await certificates.handOver(tx, sales, held);
      await writeTogether(tx, writes);
    }
    return batch.map((p) => (paying.includes(p) ? { done: answers.get(p)! } : refused.includes(p) ? { done: null } : { alone: true }));
  }

  private async whyNotPayable(orderId: string): Promise<AppError> {
    const order = (await this.deps.shop.findOrder(orderId))!;
    if (order.status === 'pending_payment' || order.status === 'expired') {
      await this.expire(orderId);
      return new AppError('checkout_expired', 'This checkout held the stock for too long. Check out again.');
    }
    if (order.status === 'cancelled') return new AppError('too_late', 'This order was cancelled.');
    return new AppError('too_late', 'This order is already paid.');
  }

  /** Ends an unpaid checkout whose hold ran out and gives its stock back (once, whoever gets here first). */
  private async expire(orderId: string): Promise<boolean> {
    const now = this.deps.clock.now();
    return this.deps.database.transaction(async (tx) => {
      const shop = this.deps.shop.with(tx);
      const row = await shop.transition(orderId, ['pending_payment'], { status: 'expired', cancelledAt: now }, { holdEndedAt: now });
      if (!row) return false;
      for (const line of await shop.linesOf([row.id])) await shop.release(line.variantId, line.quantity);
      return true;
    });
  }

  async expireDue(actor: Actor): Promise<number> {
    requireSystem(actor, 'Only the scheduler ends checkouts.');
    let ended = 0;
    for (const id of await this.deps.shop.expiredCheckouts(this.deps.clock.now(), 500)) if (await this.expire(id)) ended++;
    return ended;
  }

  async completeDue(actor: Actor): Promise<number> {
    requireSystem(actor, 'Only the scheduler completes orders.');
    const now = this.deps.clock.now();
    const rows = await this.deps.shop.deliveredBefore(new Date(now.getTime() - this.deps.times.autoCompleteMs), 500);
    let completed = 0;
    for (const id of rows) if (await this.deps.shop.transition(id, ['delivered'], { status: 'completed', completedAt: now })) completed++;
    return completed;
  }

  /**
   * The buyer cancels. An unpaid checkout gives its hold back; a paid order that has not shipped is refunded in
   * full to the buyer's wallet, its stock and coupon use returned.
   */
  async cancel(actor: Actor, orderId: string): Promise<ShopOrder> {
    const user = requireUser(actor);
    const order = await this.deps.shop.findOrder(orderId);
    if (!order || order.buyerId !== user.userId) throw new AppError('not_found', 'No such order.');
    const now = this.deps.clock.now();
    const done = await this.deps.database.transaction(async (tx) => {
      const shop = this.deps.shop.with(tx);
      const unpaid = await shop.transition(order.id, ['pending_payment'], { status: 'cancelled', cancelledAt: now });
      if (unpaid) {
        for (const line of await shop.linesOf([unpaid.id])) await shop.release(line.variantId, line.quantity);
        return unpaid;
      }
      const paid = await shop.transition(order.id, CANCELLABLE_PAID, { status: 'cancelled', cancelledAt: now });
      if (paid) await this.refund(tx, paid);
      if (paid?.giftRecipientId) await this.tell(tx, paid, 'cancelled');
      return paid;
    });
    if (!done) {
      const now = (await this.deps.shop.findOrder(order.id))!;
      if (now.status === 'cancelled' || now.status === 'expired' || now.status === 'refused') return this.present(now, 'buyer');
      throw new AppError('order_already_shipped', 'This order has shipped and can no longer be cancelled.');
    }
    return this.present(done, 'buyer');
  }

  /** Gives a paid order's money back to its buyer, and its stock and coupon use back to the store. */
  private async refund(tx: Executor, order: OrderRow): Promise<void> {
    const shop = this.deps.shop.with(tx);
    if (order.total > 0) await this.deps.ledger.transfer(tx, orderMoney(order, 'refund'));
    if (order.couponId) await shop.returnCouponUse(order.couponId, order.buyerId);
    for (const line of await shop.linesOf([order.id])) await shop.restock(line.variantId, line.quantity);
  }

  private async requireRecipient(actor: Actor, orderId: string): Promise<OrderRow> {
    const user = requireUser(actor);
    const order = await this.deps.shop.findOrder(orderId);
    if (!order || order.giftRecipientId !== user.userId || order.status === 'pending_payment') throw new AppError('not_found', 'No such gift.');
    return order;
  }

  /** The recipient accepts a delivery gift with their own address, which its sender never sees. */
  async acceptGift(actor: Actor, orderId: string, address: Address): Promise<ShopOrder> {
    const order = await this.requireRecipient(actor, orderId);
    const accepted = await this.deps.database.transaction(async (tx) => {
      const shop = this.deps.shop.with(tx);
      const row = await shop.transition(order.id, ['awaiting_address'], { status: 'paid', address });
      if (!row) return null;
      const lines = await shop.linesOf([row.id]);
      await this.tell(tx, row, 'accepted', lines);
      await this.handOverCertificates(tx, row, lines, row.giftRecipientId!, 'gift');
      return { row, lines };
    });
    if (!accepted) throw new AppError('too_late', `This gift is ${order.status === 'awaiting_address' ? 'no longer waiting' : order.status}.`);
    return this.present(accepted.row, 'recipient', accepted.lines);
  }

  async refuseGift(actor: Actor, orderId: string): Promise<ShopOrder> {
    const order = await this.requireRecipient(actor, orderId);
    const now = this.deps.clock.now();
    const row = await this.deps.database.transaction(async (tx) => {
      const refused = await this.deps.shop.with(tx).transition(order.id, ['awaiting_address'], { status: 'refused', cancelledAt: now });
      if (refused) {
        await this.refund(tx, refused);
        await this.tell(tx, refused, 'refused');
      }
      return refused;
    });
    if (!row) throw new AppError('too_late', 'This gift was already accepted, refused or cancelled.');
    return this.present(row, 'recipient');
  }

  async complete(actor: Actor, orderId: string): Promise<ShopOrder> {
    const user = requireUser(actor);
    const order = await this.deps.shop.findOrder(orderId);
    const mine = order && (order.giftRecipientId ? order.giftRecipientId === user.userId : order.buyerId === user.userId);
    if (!order || !mine) throw new AppError('not_found', 'No such order.');
    const row = await this.deps.shop.transition(order.id, ['delivered'], { status: 'completed', completedAt: this.deps.clock.now() });
    if (!row) throw new AppError('too_late', 'Only a delivered order can be confirmed.');
    return this.present(row, order.buyerId === user.userId ? 'buyer' : 'recipient');
  }

  async mine(actor: Actor): Promise<ShopOrder[]> {
    const user = requireUser(actor);
    const rows = await this.deps.shop.ordersOfBuyer(user.userId, 100);
    return this.presentMany(rows, (row) => (row.buyerId === user.userId ? 'buyer' : 'recipient'));
  }

  /** One order, for its buyer, a gift's recipient or the seller's staff. */
  async order(actor: Actor, orderId: string): Promise<ShopOrder> {
    const user = requireUser(actor);
    const row = await this.deps.shop.findOrder(orderId);
    if (row?.buyerId === user.userId) return this.present(row, 'buyer');
    if (row && row.giftRecipientId === user.userId && row.status !== 'pending_payment') return this.present(row, 'recipient');
    const seller = row && (await this.deps.sellers.sellerOfStaff(user.userId));
    if (row && seller?.id === row.sellerId) return this.present(row, 'seller');
    throw new AppError('not_found', 'No such order.');
  }

  // The seller's side

  async sellerOrders(actor: Actor, status: OrderStatus | undefined): Promise<ShopOrder[]> {
    const { seller } = await this.deps.gate.staff(actor);
    return this.presentMany(await this.deps.shop.ordersOfSeller(seller.id, status, 200), () => 'seller');
  }

  private async sellerStep(actor: Actor, orderId: string, from: OrderStatus[], change: Partial<OrderRow> & { status: OrderStatus }): Promise<ShopOrder> {
    const { seller } = await this.deps.gate.staff(actor);
    const order = await this.deps.shop.findOrder(orderId);
    if (!order || order.sellerId !== seller.id) throw new AppError('not_found', 'No such order in your store.');
    const row = await this.deps.shop.transition(order.id, from, change);
    if (!row) throw new AppError('too_late', `This order is ${order.status}; it cannot be marked ${change.status}.`);
    return this.present(row, 'seller');
  }

  async prepare(actor: Actor, orderId: string): Promise<ShopOrder> {
    return this.sellerStep(actor, orderId, ['paid'], { status: 'preparing' });
  }

  async ship(actor: Actor, orderId: string, input: { carrier: string; trackingNumber: string }): Promise<ShopOrder> {
    return this.sellerStep(actor, orderId, SHIPPABLE, { status: 'shipped', shippedAt: this.deps.clock.now(), ...input });
  }

  async deliver(actor: Actor, orderId: string): Promise<ShopOrder> {
    return this.sellerStep(actor, orderId, ['shipped'], { status: 'delivered', deliveredAt: this.deps.clock.now() });
  }

  /** A certified item's certificate goes to whoever now owns it: the buyer, or a gift's recipient. */
  private handOverCertificates(tx: Executor, order: OrderRow, lines: OrderLineRow[], toUserId: string, kind: 'order' | 'gift'): Promise<void> {
    return this.deps.certificates.handOver(tx, [soldItems(order, lines, toUserId, kind)]);
  }

  /** Owes the delivery gift's card for `event` in `tx`, the transaction that made the change (and moved its money). */
  private async tell(tx: Executor, order: OrderRow, event: DeliveryGiftEvent, lines?: OrderLineRow[]): Promise<void> {
    const [line] = lines ?? (await this.deps.shop.with(tx).linesOf([order.id]));
    const channel = await this.deps.channels.with(tx).channelOfSeller(order.sellerId);
    await this.deps.chat.deliveryGift(
      {
        orderId: order.id,
        senderId: order.buyerId,
        recipientId: order.giftRecipientId!,
        productName: line?.productName ?? '',
        channelName: channel?.name ?? '',
        imageUrl: line?.imageId ? imageUrl(line.imageId) : null,
        card: order.giftCard!,
      },
      event,
      tx,
    );
  }

  private async present(row: OrderRow, viewer: 'buyer' | 'recipient' | 'seller', lines?: OrderLineRow[]): Promise<ShopOrder> {
    return (await this.presentMany([row], () => viewer, lines))[0]!;
  }

  /** Orders as their viewers may see them; `known` lines (already read by the caller) are not read again. */
  private async presentMany(rows: OrderRow[], viewerOf: (row: OrderRow) => 'buyer' | 'recipient' | 'seller', known?: OrderLineRow[]): Promise<ShopOrder[]> {
    const [lines, audience] = await Promise.all([known ?? this.deps.shop.linesOf(rows.map((r) => r.id)), this.audienceOf(rows)]);
    return rows.map((row) => this.shown(row, lines, audience, viewerOf(row)));
  }

  /** The sellers' channels and the people that orders show. */
  private async audienceOf(rows: OrderRow[]): Promise<Audience> {
    const [channels, people] = await Promise.all([
      this.deps.channels.channelsOfSellers([...new Set(rows.map((r) => r.sellerId))]),
      this.deps.people.profiles([...new Set(rows.flatMap(peopleOf))]),
    ]);
    return { channels, people };
  }

  private shown(row: OrderRow, lines: OrderLineRow[], { channels, people }: Audience, viewer: 'buyer' | 'recipient' | 'seller'): ShopOrder {
    const channel = channels.find((c) => c.sellerId === row.sellerId) ?? { id: '', name: '' };
    return toOrder(row, lines, channel, people, viewer);
  }
}

interface Audience {
  channels: Awaited<ReturnType<ChannelsRepository['channelsOfSellers']>>;
  people: Awaited<ReturnType<AccountsDirectory['profiles']>>;
}

/** A checkout priced and ready to hold its stock. */
interface PendingCheckout {
  order: OrderRow;
  lines: OrderLineRow[];
  items: Array<{ line: Line; variant: VariantRow; product: ProductRow }>;
}

function outOfStock(product: ProductRow, variant: VariantRow): AppError {
  return new AppError('out_of_stock', `${product.name} (${variant.name}) is out of stock.`);
}

/** A payment asked for, with what its answer shows (read before its transaction). */
interface PendingPayment {
  order: OrderRow;
  lines: OrderLineRow[];
  seller: SellerRow;
  audience: Audience;
  now: Date;
  payment?: PaymentKey;
}

/**
 * The ledger's side of an order's whole total, keyed by the order: its payment (the buyer's wallet into the seller's
 * payable) or its refund (back the other way).
 */
function orderMoney(row: OrderRow, movement: 'payment' | 'refund'): TransferInput {
  const wallet = { kind: 'user_wallet' as const, ownerId: row.buyerId };
  const payable = { kind: 'seller_payable' as const, ownerId: row.sellerId };
  return {
    debit: movement === 'payment' ? wallet : payable,
    credit: movement === 'payment' ? payable : wallet,
    amount: row.total,
    currency: CURRENCY,
    kind: `order_${movement}`,
    reference: row.id,
    idempotencyKey: `order-${movement}:${row.id}`,
  };
}

/** The people an order shows: its buyer, and a gift's recipient. */
function peopleOf(order: OrderRow): string[] {
  return order.giftRecipientId ? [order.buyerId, order.giftRecipientId] : [order.buyerId];
}

/** A checkout that can no longer be paid: rolls the payment's transaction back. */
class NotPayable extends Error {}

function soldItems(order: OrderRow, lines: OrderLineRow[], toUserId: string, kind: 'order' | 'gift'): SoldItems {
  return { items: lines.map((l) => ({ productId: l.productId, quantity: l.quantity })), toUserId, reference: { kind, id: order.id } };
}
