import type { Gift, GiftOrder, GiftPage, GiftPageQuery, PublicProfile, RefundOption, RefundQuote, RefundTarget } from '@maum/protocol';
import { requireSystem, requireUser, type Actor, type UserActor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import type { Logger } from '../../platform/log';
import { writeTogether } from '../../platform/db/bulk';
import { isUniqueViolation, type Database, type Executor } from '../../platform/db/database';
import { GroupCommit } from '../../platform/db/group-commit';
import { AppError } from '../../platform/errors';
import { newId } from '../../platform/ids';
import type { Idempotency, PaymentKey } from '../../platform/http/idempotency/idempotency';
import type { AccountsDirectory } from '../accounts';
import { CURRENCY, type LedgerService, type WalletService } from '../ledger';
import { drawBarcode, type BarcodeFormat } from './coupon-barcodes';
import type { CouponPins } from './coupon-pins';
import type { CouponRow, GiftRow, GiftsRepository, ProductWithBrand } from './gifts.repository';
import { toCoupon, toGift } from './gifts.mappers';
import { payTogether, purchaseTransfer, type Purchase } from './purchases-together';
import type { VoucherFacts, VoucherPolicy } from './voucher-policy';

/** How a gift reaches its recipient: a gift card in the sender's direct room (wired to chat in app.ts). */
export interface GiftMessenger {
  /** Owes the gifts' cards in `tx`, the transaction that moved the gifts and their money; they are posted once that commits. */
  post(gifts: Gift[], event: 'sent' | 'refused' | 'cancelled', tx: Executor): Promise<void>;
  /**
   * Posts the cards of gifts just sent in `tx` itself (a batch of purchases), stored with their payment and sent out
   * once it commits. `blockers` is who had blocked each sender when the purchases were checked. Should that fail, `tx`
   * fails with it, and the purchases are paid again one by one, each owing its cards as `post` does.
   */
  postTogether(gifts: Gift[], tx: Executor, blockers: Map<string, string[]>): Promise<void>;
  /** Tells the holder, from the Maum Gift account, that a coupon expires in `days` days. */
  expiryNotice(gift: Gift, holderId: string, days: number): Promise<void>;
}

/**
 * Occasions a gift can be sent for, such as a friend's event on their profile space (wired in `flows/`). Gifts knows
 * them only as an opaque checked value: `admit` refuses a gift the occasion does not take, before anything is paid;
 * `record` writes what the occasion keeps in the purchase's own transaction.
 */
export interface GiftOccasions {
  admit(senderId: string, recipientIds: string[], occasion: { profileEventId: string }): Promise<unknown>;
  record(tx: Executor, admitted: unknown, gifts: Array<{ giftId: string; senderId: string; productName: string }>): Promise<void>;
}

export interface GiftOrderInput {
  productId: string;
  option?: string;
  recipientIds: string[];
  card: { template: string; text: string };
  deliverAt?: string;
  occasion?: { profileEventId: string };
  /** Tops the wallet up by this much in the same payment (for a wallet that is short). */
  topUp?: { amount: number };
}

const DAY = 86_400_000;

/**
 * Gift orders and what happens to each gift: paid from the sender's wallet into coupon liability, delivered into
 * chat (now or at a scheduled time), then accepted (a coupon with a PIN), refused or cancelled (100% back to the
 * sender), or exchanged for another product of the same brand (the difference through the recipient's wallet).
 */
export class GiftsService {
  private readonly purchases: GroupCommit<Purchase, void>;

  constructor(
    private readonly deps: {
      database: Database;
      repo: GiftsRepository;
      ledger: LedgerService;
      /** Top-ups that a gift's payment includes. */
      wallet: Pick<WalletService, 'charge' | 'credit'>;
      people: AccountsDirectory;
      pins: CouponPins;
      messenger: GiftMessenger;
      occasions: GiftOccasions;
      policy: VoucherPolicy;
      /** Idempotency-Keys of purchases paid together. */
      keys: Pick<Idempotency, 'claimManyQuery' | 'answersWrites'>;
      clock: Clock;
      log: Logger;
    },
  ) {
    this.purchases = new GroupCommit({
      name: 'gift purchases',
      database: deps.database,
      log: deps.log,
      together: (tx, batch) => payTogether(deps, tx, batch),
      alone: (purchase) => this.payAlone(purchase),
    });
  }

  private get policy() {
    return this.deps.policy;
  }

  private get repo() {
    return this.deps.repo;
  }

  /**
   * Buys a gift for each recipient from the sender's wallet. With `topUp`, the wallet is first topped up from the
   * payment provider, and the top-up is credited in the purchase's own transaction: both happen or neither does.
   * `key` is the request's Idempotency-Key; the top-up is keyed by it, so a retry of the request tops up once. With
   * `payment`, the key is claimed and answered in the purchase's transaction. Purchases that arrive together are
   * paid together (`payTogether`), save one that tops up or marks an occasion, which is paid on its own.
   */
  async order(actor: Actor, input: GiftOrderInput, key?: string, payment?: PaymentKey): Promise<GiftOrder> {
    const me = requireUser(actor);
    const recipients = [...new Set(input.recipientIds)];
    // Everything the checks and the answer need is read at once; the checks then answer in their order.
    const [product, ties, people] = await Promise.all([
      this.repo.findListedProduct(input.productId),
      this.deps.people.tiesWith(me.userId, recipients),
      this.deps.people.profiles([me.userId, ...recipients]),
    ]);
    if (!product) throw new AppError('not_found', 'No such product.');
    const option = this.checkOption(product, input.option);
    if (recipients.includes(me.userId)) throw new AppError('validation_failed', 'Gifts go to friends, not to yourself.');
    // An occasion answers first: an event its owner does not show the sender (a block included) is not found.
    const occasion = input.occasion ? await this.deps.occasions.admit(me.userId, recipients, input.occasion) : undefined;
    if (recipients.some((id) => !ties.added.has(id) || ties.blockedBy.has(id))) {
      throw new AppError('forbidden', 'Gifts can be sent only to your friends.');
    }
    const now = this.deps.clock.now();
    const deliverAt = input.deliverAt ? new Date(input.deliverAt) : now;
    if (deliverAt.getTime() < now.getTime() - 60_000 || deliverAt.getTime() > now.getTime() + 365 * DAY) {
      throw new AppError('validation_failed', 'A gift can be scheduled from now up to a year ahead.');
    }

    const orderId = newId('ord');
    const total = product.product.price * recipients.length;
    // A gift due now is delivered in the purchase's own transaction, its card owed with the payment.
    const status = deliverAt <= now ? 'delivered' : 'scheduled';
    const rows: GiftRow[] = recipients.map((recipientId) => ({
      id: newId('gft'),
      orderId,
      senderId: me.userId,
      recipientId,
      productId: product.product.id,
      option,
      cardTemplate: input.card.template,
      cardText: input.card.text,
      price: product.product.price,
      status,
      deliverAt,
      createdAt: now,
    }));
    const views = await this.present(me, rows, product, people);
    const order: GiftOrder = { id: orderId, total: { amount: total, currency: CURRENCY }, gifts: views, createdAt: now.toISOString() };
    const purchase: Purchase = {
      order,
      row: { id: orderId, senderId: me.userId, productId: product.product.id, total, createdAt: now },
      gifts: rows,
      views,
      delivered: status === 'delivered',
      blockedBy: [...ties.blockedBy],
      payment,
    };
    if (!input.topUp && occasion === undefined) {
      await this.purchases.run(purchase);
      return order;
    }
    const topUp = input.topUp ? await this.chargeTopUp(me, input.topUp.amount, total, key) : null;
    await this.payAlone(purchase, async (tx) => {
      if (topUp) await this.deps.wallet.credit(tx, topUp);
      if (occasion !== undefined) {
        const gifts = rows.map((row) => ({ giftId: row.id, senderId: row.senderId, productName: product.product.name }));
        await this.deps.occasions.record(tx, occasion, gifts);
      }
    });
    return order;
  }

  /**
   * Pays one purchase in a transaction of its own: the key claimed first, then `extra` (a top-up's credit, an
   * occasion's record), the money, the order and its gifts, the cards of gifts delivered now, and the answer.
   */
  private async payAlone(purchase: Purchase, extra?: (tx: Executor) => Promise<void>): Promise<void> {
    const { payment, row } = purchase;
    await this.deps.database.transaction(async (tx) => {
      await payment?.claim(tx);
      await extra?.(tx);
      await this.deps.ledger.transfer(tx, purchaseTransfer(purchase));
      await writeTogether(tx, this.repo.insertPurchasesWrites([row], purchase.gifts));
      if (purchase.delivered) await this.deps.messenger.post(purchase.views, 'sent', tx);
      await payment?.answer(tx, purchase.order);
    });
  }

  /**
   * Charges the provider for a top-up that a gift's payment includes, once it is clear the top-up makes the wallet
   * enough: a top-up that would still leave it short is refused before anything is charged.
   */
  private async chargeTopUp(me: UserActor, amount: number, total: number, key: string | undefined) {
    if (!key) throw new AppError('idempotency_key_required', 'A payment that tops up the wallet needs an Idempotency-Key.');
    const balance = await this.deps.ledger.balance({ kind: 'user_wallet', ownerId: me.userId }, CURRENCY);
    if (balance + amount < total) {
      throw new AppError('top_up_too_small', `This top-up leaves the wallet ${total - balance - amount} short of the price; top up at least ${total - balance}.`);
    }
    return this.deps.wallet.charge(me.userId, amount, key);
  }

  private checkOption(product: ProductWithBrand, option: string | undefined): string | null {
    const choices = product.product.options.flatMap((o) => o.values);
    if (choices.length === 0) return null;
    if (!option || !choices.includes(option)) throw new AppError('validation_failed', `Choose one of: ${choices.join(', ')}.`);
    return option;
  }

  /** Puts a due gift into the recipient's chat: the move and its card in one transaction, so each happens once. */
  private async deliver(row: GiftRow): Promise<void> {
    const view = await this.view({ ...row, status: 'delivered' }, null);
    await this.deps.database.transaction(async (tx) => {
      if (await this.repo.with(tx).moveGift(row.id, ['scheduled'], 'delivered')) await this.deps.messenger.post([view], 'sent', tx);
    });
  }

  /** Delivers scheduled gifts whose time has come; answers how many. Run by the scheduler on one node at a time. */
  async deliverDue(actor: Actor, limit = 100): Promise<number> {
    requireSystem(actor, 'Only the scheduler delivers scheduled gifts.');
    const due = await this.repo.dueGifts(this.deps.clock.now(), limit);
    for (const row of due) await this.deliver(row);
    return due.length;
  }

  /** A page of the gifts the actor sent, newest first. */
  async sent(actor: Actor, page: GiftPageQuery): Promise<GiftPage> {
    const me = requireUser(actor);
    const { rows, hasMore } = pageOrNotFound(await this.repo.giftsSentBy(me.userId, { ...page, limit: page.limit + 1 }), page.limit);
    return { gifts: await this.present(me, rows), hasMore };
  }

  /** A page of the gift box, newest first. Opening it issues the coupons of gifts not yet accepted, as KakaoTalk does. */
  async box(actor: Actor, page: GiftPageQuery): Promise<GiftPage> {
    const me = requireUser(actor);
    const { rows, hasMore } = pageOrNotFound(await this.repo.giftsReceivedBy(me.userId, { ...page, limit: page.limit + 1 }), page.limit);
    const coupons = await this.repo.couponsOfGifts(rows.map((r) => r.id));
    for (const row of rows) {
      if ((row.status === 'delivered' || row.status === 'accepted' || row.status === 'exchanged') && !coupons.has(row.id)) {
        await this.deps.database.transaction((tx) => this.issueCoupon(tx, row, row.status === 'delivered' ? 'issued' : 'accepted'));
      }
    }
    return { gifts: await this.present(me, rows), hasMore };
  }

  async gift(actor: Actor, giftId: string): Promise<Gift> {
    const me = requireUser(actor);
    const row = await this.visibleGift(me, giftId);
    return (await this.present(me, [row]))[0]!;
  }

  /** The sender and the recipient (once delivered) may see a gift; to anyone else it does not exist. */
  private async visibleGift(me: UserActor, giftId: string): Promise<GiftRow> {
    const row = await this.repo.findGift(giftId);
    const visible = row && (row.senderId === me.userId || (row.recipientId === me.userId && row.status !== 'scheduled'));
    if (!row || !visible) throw new AppError('not_found', 'No such gift.');
    return row;
  }

  private async received(me: UserActor, giftId: string): Promise<GiftRow> {
    const row = await this.visibleGift(me, giftId);
    if (row.recipientId !== me.userId) throw new AppError('forbidden', 'Only the recipient can do that.');
    return row;
  }

  async accept(actor: Actor, giftId: string): Promise<Gift> {
    const me = requireUser(actor);
    const row = await this.received(me, giftId);
    await this.deps.database.transaction(async (tx) => {
      const accepted = await this.repo.with(tx).moveGift(row.id, ['delivered'], 'accepted');
      if (!accepted) throw this.stateError(await this.repo.with(tx).findGift(row.id));
      await this.issueCoupon(tx, accepted, 'accepted');
    });
    return this.gift(actor, giftId);
  }

  async refuse(actor: Actor, giftId: string): Promise<Gift> {
    const me = requireUser(actor);
    const row = await this.received(me, giftId);
    await this.giveBack(row, ['delivered'], 'refused');
    return this.gift(actor, giftId);
  }

  async cancel(actor: Actor, giftId: string): Promise<Gift> {
    const me = requireUser(actor);
    const row = await this.visibleGift(me, giftId);
    if (row.senderId !== me.userId) throw new AppError('forbidden', 'Only the sender can cancel a gift.');
    const coupon = (await this.repo.couponsOfGifts([row.id])).get(row.id);
    if (!this.policy.buyerMayCancel(coupon ? factsOf(coupon, row) : null, this.deps.clock.now())) throw this.stateError(row);
    await this.giveBack(row, ['scheduled', 'delivered'], 'cancelled');
    return this.gift(actor, giftId);
  }

  /**
   * Ends a gift that was not accepted and pays its price back to the sender, in one transaction; a gift that had
   * reached its recipient's chat is told there, by the card that transaction owes.
   */
  private async giveBack(row: GiftRow, from: GiftRow['status'][], to: 'refused' | 'cancelled'): Promise<void> {
    const view = await this.view({ ...row, status: to }, null);
    await this.deps.database.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      // Moved from `scheduled` first, so it is known whether the gift had reached the recipient's chat.
      const unsent = from.includes('scheduled') && (await repo.moveGift(row.id, ['scheduled'], to));
      const moved = unsent || (await repo.moveGift(row.id, from.filter((s) => s !== 'scheduled'), to));
      if (!moved) throw this.stateError(await repo.findGift(row.id));
      await repo.endCoupon(row.id, ['issued'], to, this.deps.clock.now());
      await this.deps.ledger.transfer(tx, {
        debit: { kind: 'coupon_liability' },
        credit: { kind: 'user_wallet', ownerId: row.senderId },
        amount: row.price,
        currency: CURRENCY,
        kind: to === 'refused' ? 'gift_refused' : 'gift_cancelled',
        reference: row.id,
        idempotencyKey: `gift-refund:${row.id}`,
      });
      // A gift still scheduled never reached the recipient, so there is nothing to tell.
      if (!unsent) await this.deps.messenger.post([view], to, tx);
    });
  }

  async exchange(actor: Actor, giftId: string, input: { productId: string; option?: string }): Promise<Gift> {
    const me = requireUser(actor);
    const row = await this.received(me, giftId);
    const [current, wanted] = [await this.repo.findProduct(row.productId), await this.repo.findListedProduct(input.productId)];
    if (!wanted || !current) throw new AppError('not_found', 'No such product.');
    if (wanted.brand.id !== current.brand.id) throw new AppError('validation_failed', 'A gift can be exchanged only within its brand.');
    const option = this.checkOption(wanted, input.option);
    const difference = wanted.product.price - row.price;
    await this.deps.database.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      const moved = await repo.moveGift(row.id, ['delivered'], 'exchanged', { productId: wanted.product.id, option, price: wanted.product.price });
      if (!moved) throw this.stateError(await repo.findGift(row.id));
      if (difference !== 0) {
        const wallet = { kind: 'user_wallet' as const, ownerId: me.userId };
        const liability = { kind: 'coupon_liability' as const };
        await this.deps.ledger.transfer(tx, {
          debit: difference > 0 ? wallet : liability,
          credit: difference > 0 ? liability : wallet,
          amount: Math.abs(difference),
          currency: CURRENCY,
          kind: 'gift_exchange',
          reference: row.id,
          idempotencyKey: `gift-exchange:${row.id}`,
        });
      }
      await repo.endCoupon(row.id, ['issued'], 'cancelled', this.deps.clock.now());
      await this.issueCoupon(tx, moved, 'accepted');
    });
    return this.gift(actor, giftId);
  }

  private stateError(row: GiftRow | undefined): AppError {
    return new AppError('too_late', `This gift is already ${row?.status ?? 'gone'}.`);
  }

  /** Makes the gift's coupon (once), with a fresh PIN; a PIN that happens to be taken is drawn again. */
  private async issueCoupon(tx: Executor, gift: GiftRow, status: 'issued' | 'accepted'): Promise<void> {
    const repo = this.repo.with(tx);
    const product = (await repo.findProduct(gift.productId))!;
    const existing = (await repo.couponsOfGifts([gift.id])).get(gift.id);
    const now = this.deps.clock.now();
    if (existing && existing.status !== 'cancelled') {
      if (existing.status === 'issued' && status === 'accepted') await repo.moveCoupon(existing.id, ['issued'], 'accepted', now);
      return;
    }
    for (let attempt = 0; attempt < 5; attempt++) {
      const salt = this.deps.pins.newSalt();
      const row: CouponRow = {
        id: newId('cpn'),
        giftId: gift.id,
        holderId: gift.recipientId,
        productId: gift.productId,
        option: gift.option,
        kind: product.product.kind,
        faceValue: product.product.faceValue,
        balance: product.product.faceValue,
        pinSalt: salt,
        pinHash: this.deps.pins.hashOf(this.deps.pins.pinOf(salt)),
        status,
        expiresAt: new Date(now.getTime() + product.product.validityDays * DAY),
        extensions: 0,
        lastNoticeDays: null,
        createdAt: now,
        updatedAt: now,
      };
      try {
        if (await repo.insertCoupon(row)) return;
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
      }
    }
    throw new Error('could not draw a free coupon PIN');
  }

  private async view(row: GiftRow, viewer: UserActor | null): Promise<Gift> {
    return (await this.present(viewer, [row]))[0]!;
  }

  /**
   * Builds gift views; the PIN is shown only to the coupon's holder. Gifts being bought (`bought`, their product) have
   * no coupon yet, and their product was read already.
   */
  /** The gifts of `rows` as `viewer` sees them; a purchase passes the product it bought and the people it read. */
  private async present(viewer: UserActor | null, rows: GiftRow[], bought?: ProductWithBrand, known?: Map<string, PublicProfile>): Promise<Gift[]> {
    const [products, people, coupons] = await Promise.all([
      bought ? new Map([[bought.product.id, bought]]) : this.repo.findProducts(rows.map((r) => r.productId)),
      known ?? (this.deps.people.profiles(rows.flatMap((r) => [r.senderId, r.recipientId])) as Promise<Map<string, PublicProfile>>),
      bought ? new Map<string, CouponRow>() : this.repo.couponsOfGifts(rows.map((r) => r.id)),
    ]);
    const now = this.deps.clock.now();
    return rows.map((row) => {
      const product = products.get(row.productId)!;
      const coupon = coupons.get(row.id);
      const holds = Boolean(coupon && viewer && coupon.holderId === viewer.userId);
      const pin = coupon && holds ? this.deps.pins.pinOf(coupon.pinSalt) : null;
      const may = coupon && holds ? this.mayNow(coupon, row, now) : { extendable: false, refundable: false };
      return toGift(row, people, product, coupon ? toCoupon(coupon, products.get(coupon.productId) ?? product, pin, may) : null);
    });
  }

  private mayNow(coupon: CouponRow, gift: GiftRow, now: Date): { extendable: boolean; refundable: boolean } {
    const facts = factsOf(coupon, gift);
    return { extendable: this.policy.extension(facts, now).ok, refundable: this.policy.refundOptions(facts, now).ok };
  }

  /** The coupon of a gift the caller holds; anyone else gets not_found, as for a gift they cannot see. */
  private async held(actor: Actor, giftId: string): Promise<{ me: UserActor; gift: GiftRow; coupon: CouponRow }> {
    const me = requireUser(actor);
    const gift = await this.visibleGift(me, giftId);
    const coupon = (await this.repo.couponsOfGifts([gift.id])).get(gift.id);
    if (!coupon || coupon.holderId !== me.userId) throw new AppError('not_found', 'You hold no coupon for this gift.');
    return { me, gift, coupon };
  }

  /** The coupon's PIN drawn as a barcode, for its holder to show at a store. */
  async barcode(actor: Actor, giftId: string, format: BarcodeFormat): Promise<Buffer> {
    const { coupon } = await this.held(actor, giftId);
    return drawBarcode(this.deps.pins.pinOf(coupon.pinSalt), format);
  }

  /** Extends a valid coupon by the policy's period (3 months by default). */
  async extend(actor: Actor, giftId: string): Promise<Gift> {
    const { gift, coupon } = await this.held(actor, giftId);
    const now = this.deps.clock.now();
    const answer = this.policy.extension(factsOf(coupon, gift), now);
    if (!answer.ok) throw new AppError('coupon_not_extendable', answer.reason);
    if (!(await this.repo.extendCoupon(coupon.id, coupon.expiresAt, answer.value, now))) {
      throw new AppError('too_late', 'This coupon changed meanwhile; look at it again.');
    }
    return this.gift(actor, giftId);
  }

  async refundQuote(actor: Actor, giftId: string): Promise<RefundQuote> {
    const { gift, coupon } = await this.held(actor, giftId);
    const answer = this.policy.refundOptions(factsOf(coupon, gift), this.deps.clock.now());
    return answer.ok ? { options: answer.value, reason: null } : { options: [], reason: answer.reason };
  }

  /**
   * Refunds a coupon under the voucher policy, in one transaction: the coupon ends `refunded`, the refund moves from
   * coupon liability to the holder's wallet (or points), and what the policy keeps back goes to the brand, which
   * issued the voucher. The liability for the coupon ends at 0 either way.
   */
  async refund(actor: Actor, giftId: string, to: RefundTarget): Promise<{ gift: Gift; refund: RefundOption }> {
    const { me, gift, coupon } = await this.held(actor, giftId);
    const now = this.deps.clock.now();
    const answer = this.policy.refundOptions(factsOf(coupon, gift), now);
    if (!answer.ok) throw new AppError('coupon_not_refundable', answer.reason);
    const chosen = answer.value.find((o) => o.to === to);
    if (!chosen) throw new AppError('coupon_not_refundable', `This coupon can be refunded only to: ${answer.value.map((o) => o.to).join(', ')}.`);
    const held = coupon.kind === 'exchange' ? gift.price : coupon.balance;
    const product = (await this.repo.findProduct(coupon.productId))!;
    await this.deps.database.transaction(async (tx) => {
      if (!(await this.repo.with(tx).refundCoupon(coupon, now))) throw new AppError('too_late', 'This coupon changed meanwhile; look at it again.');
      const liability = { kind: 'coupon_liability' as const };
      await this.deps.ledger.transfer(tx, {
        debit: liability,
        credit: { kind: to === 'points' ? 'user_points' : 'user_wallet', ownerId: me.userId },
        amount: chosen.amount.amount,
        currency: CURRENCY,
        kind: `coupon_refund_${chosen.rule}`,
        reference: coupon.id,
        idempotencyKey: `coupon-refund:${coupon.id}`,
      });
      const kept = held - chosen.amount.amount;
      if (kept > 0) {
        await this.deps.ledger.transfer(tx, {
          debit: liability,
          credit: { kind: 'seller_payable', ownerId: product.brand.id },
          amount: kept,
          currency: CURRENCY,
          kind: 'coupon_refund_kept',
          reference: coupon.id,
          idempotencyKey: `coupon-refund-kept:${coupon.id}`,
        });
      }
    });
    return { gift: await this.gift(actor, giftId), refund: chosen };
  }

  /** Marks coupons past their validity as expired. Run by the scheduler. */
  async expireDue(actor: Actor, limit = 500): Promise<number> {
    requireSystem(actor, 'Only the scheduler expires coupons.');
    return this.repo.expireCoupons(this.deps.clock.now(), limit);
  }

  /**
   * Sends the expiry notices that are due (30 and 7 days before, by default). The message is keyed by coupon,
   * expiry date and notice, so a repeat after a crash does not send it twice; the mark stops the next run from trying.
   */
  async sendExpiryNotices(actor: Actor, limit = 200): Promise<number> {
    requireSystem(actor, 'Only the scheduler sends expiry notices.');
    const now = this.deps.clock.now();
    const horizon = new Date(now.getTime() + this.policy.noticeHorizonDays * DAY);
    const due = (await this.repo.couponsExpiringBy(now, horizon, limit)).flatMap(({ coupon, gift }) => {
      const days = this.policy.noticeDue(factsOf(coupon, gift), coupon.lastNoticeDays, now);
      return days === null ? [] : [{ coupon, gift, days }];
    });
    // One presentation for every notice due, rather than one per coupon.
    const views = await this.present(null, due.map((d) => d.gift));
    let sent = 0;
    for (const [i, { coupon, days }] of due.entries()) {
      await this.deps.messenger.expiryNotice(views[i]!, coupon.holderId, days);
      if (await this.repo.markNotice(coupon.id, coupon.expiresAt, days, now)) sent += 1;
    }
    return sent;
  }
}

function factsOf(coupon: CouponRow, gift: GiftRow): VoucherFacts {
  return {
    kind: coupon.kind,
    status: coupon.status,
    price: gift.price,
    faceValue: coupon.faceValue,
    balance: coupon.balance,
    expiresAt: coupon.expiresAt,
    purchasedAt: gift.createdAt,
  };
}

/** A page read with one row more than `limit`: the rows to answer, and whether more follow. */
function pageOrNotFound(rows: GiftRow[] | null, limit: number): { rows: GiftRow[]; hasMore: boolean } {
  if (!rows) throw new AppError('not_found', 'No such gift in this list to page from.');
  return { rows: rows.slice(0, limit), hasMore: rows.length > limit };
}
