import { createHash, randomBytes } from 'node:crypto';
import type { CouponAtStore, Money, Redemption, SellerStatement, StoreInfo } from '@maum/protocol';
import { requireOperator, requireStore, type Actor, type StoreActor, type UserActor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import type { Logger } from '../../platform/log';
import type { Database, Executor } from '../../platform/db/database';
import { AppError } from '../../platform/errors';
import { GroupCommit } from '../../platform/db/group-commit';
import type { Idempotency, PaymentKey } from '../../platform/http/idempotency/idempotency';
import { newId } from '../../platform/ids';
import type { Limit, RateLimiter } from '../../platform/rate-limit/rate-limiter';
import type { AccountsDirectory } from '../accounts';
import { CURRENCY, type LedgerService } from '../ledger';
import type { CouponPins } from './coupon-pins';
import type { CouponRow, GiftsRepository } from './gifts.repository';
import type { RedemptionRow, StoresRepository } from './stores.repository';
import { redeemTogether, redemptionTransfer, type PendingRedemption } from './redemptions-together';
import { toCouponAtStore, toRedemption } from './stores.mappers';
import { HOLDING_STATES } from './voucher-policy';

const KST_OFFSET_MS = 9 * 3600_000;
const kstDay = (d: Date) => new Date(d.getTime() + KST_OFFSET_MS).toISOString().slice(0, 10);
const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

/**
 * Stores and redemption. A store redeems coupons of its own brand by PIN; one SQL statement decides each
 * redemption, and the same transaction moves the money from coupon liability to the brand's payable, in full
 * (the fee is 0). Redemptions that arrive together share one transaction (`redeemTogether`). A redemption can be
 * voided the same day (Korean time).
 */
export class StoresService {
  constructor(
    private readonly deps: {
      database: Database;
      repo: StoresRepository;
      gifts: GiftsRepository;
      ledger: LedgerService;
      pins: CouponPins;
      people: AccountsDirectory;
      limiter: RateLimiter;
      pinLookupLimit: { limit: number; hardLimit: number; windowMs: number };
      /** Idempotency-Keys of redemptions written together. */
      keys: Pick<Idempotency, 'claimMany' | 'answersWrites' | 'releasesWrites'>;
      clock: Clock;
      log: Logger;
    },
  ) {
    this.redemptions = new GroupCommit({
      name: 'redemptions',
      database: deps.database,
      log: deps.log,
      together: (tx, batch) => redeemTogether(deps, tx, batch),
      alone: (pending) => this.redeemAlone(pending),
    });
  }

  /** Redemptions that arrive together are written together. */
  private readonly redemptions: GroupCommit<PendingRedemption, Redemption | null>;

  /*
   * PIN guessing. Each store counts the PINs it tries that are not its brand's coupons (unknown, or another brand's):
   * past PIN_LOOKUP_LIMIT in a window those are answered 429, while its own brand's coupons still look up and redeem,
   * so a few mistyped PINs (or a colleague's mischief) never stop the till. That answer alone would not slow a
   * guesser, though: a 429 says "not one of yours" as plainly as a 404. So past PIN_LOOKUP_HARD_LIMIT in a window the
   * store is refused every PIN until the window ends; that is what bounds guessing, at a rate no honest till reaches.
   */
  private lookupKey(store: StoreActor): string {
    return `pin-lookup:${store.storeId}`;
  }

  private get lookupLimit(): Limit {
    return { limit: this.deps.pinLookupLimit.limit, windowMs: this.deps.pinLookupLimit.windowMs, message: 'Too many unknown PINs at this store.' };
  }

  private get hardLookupLimit(): Limit {
    const { hardLimit, windowMs } = this.deps.pinLookupLimit;
    return { limit: hardLimit, windowMs, message: 'Too many unknown PINs at this store: it can look up no PIN for now.' };
  }

  /** Opens a store for a brand (by id or name); answers its API key, which is shown only this once. */
  async createStore(actor: Actor, input: { brand: string; name: string }): Promise<{ storeId: string; apiKey: string }> {
    requireOperator(actor, 'Only an operator opens stores.');
    const brand = await this.deps.gifts.findBrand(input.brand);
    if (!brand) throw new AppError('not_found', `No brand is called ${input.brand}.`);
    const apiKey = `msk_${randomBytes(24).toString('base64url')}`;
    const storeId = newId('sto');
    await this.deps.repo.insertStore({ id: storeId, brandId: brand.id, name: input.name, apiKeyHash: hashKey(apiKey), createdAt: this.deps.clock.now() });
    return { storeId, apiKey };
  }

  /**
   * The store where a seller's own staff redeem the coupons of its gift-shop listings: made on first use, with
   * `staffIds` added to it (again harmlessly).
   */
  async sellerStore(actor: Actor, input: { brandId: string; name: string; staffIds: string[] }): Promise<string> {
    requireOperator(actor, 'Only the server opens a seller’s store.');
    const storeId = (await this.deps.repo.storeOfBrand(input.brandId))?.id ?? (await this.createStore(actor, { brand: input.brandId, name: input.name })).storeId;
    for (const userId of input.staffIds) await this.deps.repo.addStaff(storeId, userId, this.deps.clock.now());
    return storeId;
  }

  async addStaff(actor: Actor, storeId: string, userId: string): Promise<void> {
    requireOperator(actor, 'Only an operator assigns store staff.');
    await this.deps.repo.addStaff(storeId, userId, this.deps.clock.now());
  }

  async addStaffByHandle(actor: Actor, storeId: string, handle: string): Promise<void> {
    requireOperator(actor, 'Only an operator assigns store staff.');
    const userId = await this.deps.people.idOfHandle(handle);
    if (!userId) throw new AppError('not_found', `No account is called @${handle}.`);
    await this.addStaff(actor, storeId, userId);
  }

  async authenticate(credentials: { apiKey: string } | { staff: UserActor }, ip: string): Promise<StoreActor> {
    const store =
      'apiKey' in credentials ? await this.deps.repo.storeByKeyHash(hashKey(credentials.apiKey)) : await this.deps.repo.storeOfStaff(credentials.staff.userId);
    if (!store) {
      throw 'apiKey' in credentials
        ? new AppError('unauthorized', 'Unknown store key.')
        : new AppError('forbidden', 'You are not staff of a store.');
    }
    return { kind: 'store', storeId: store.id, brandId: store.brandId, staffId: 'staff' in credentials ? credentials.staff.userId : null, ip };
  }

  /** The store this key or session acts for. */
  async me(actor: Actor): Promise<StoreInfo> {
    const store = requireStore(actor);
    const row = (await this.deps.repo.findStore(store.storeId))!;
    const brand = (await this.deps.gifts.findBrand(store.brandId))!;
    return { id: row.id, name: row.name, brand: { id: brand.id, name: brand.name, color: brand.color } };
  }

  /**
   * Shows a coupon to the store before it is redeemed. Every look-up is recorded, and one that is not of the store's
   * brand counts against its limit (see lookupLimit); another brand's coupon shows only that it is another brand's.
   */
  async lookup(actor: Actor, pin: string): Promise<CouponAtStore> {
    const store = requireStore(actor);
    await this.deps.limiter.check(this.lookupKey(store), this.hardLookupLimit);
    const found = await this.deps.repo.couponByPinHash(this.deps.pins.hashOf(pin));
    const outcome = !found ? 'not_found' : found.brandId !== store.brandId ? 'other_brand' : 'found';
    await this.audit(store, 'lookup', found?.coupon.id ?? null, outcome);
    if (outcome !== 'found') await this.deps.limiter.hit(this.lookupKey(store), this.lookupLimit);
    if (!found) throw new AppError('coupon_not_found', 'No coupon has this PIN.');
    if (found.brandId !== store.brandId) throw new AppError('coupon_other_brand', 'This coupon is for another brand.');
    const product = (await this.deps.gifts.findProduct(found.coupon.productId))!;
    return toCouponAtStore(found.coupon, product);
  }

  private async audit(store: StoreActor, action: 'lookup' | 'redeem', couponId: string | null, outcome: string): Promise<void> {
    await this.deps.repo.insertLookup({
      id: newId('plk'),
      storeId: store.storeId,
      staffId: store.staffId,
      couponId,
      action,
      outcome,
      createdAt: this.deps.clock.now(),
    });
  }

  /** Redeems a coupon by its PIN at the calling store. With `payment`, the key is claimed and answered in its transaction. */
  async redeem(actor: Actor, input: { pin: string; amount?: number }, payment?: PaymentKey): Promise<Redemption> {
    const store = requireStore(actor);
    // A store past its hard limit may not try PINs by redeeming them either.
    await this.deps.limiter.check(this.lookupKey(store), this.hardLookupLimit);
    const pinHash = this.deps.pins.hashOf(input.pin);
    const now = this.deps.clock.now();
    const done = await this.redemptions.run({ id: newId('rdm'), store, pinHash, amount: input.amount ?? 0, now, payment });
    if (!done) {
      const refusal = await this.whyRefused(pinHash, store, input.amount, now);
      if (refusal.code === 'coupon_not_found' || refusal.code === 'coupon_other_brand') {
        await this.audit(store, 'redeem', null, refusal.code);
        await this.deps.limiter.hit(this.lookupKey(store), this.lookupLimit);
      }
      throw refusal;
    }
    return done;
  }

  /** Tells the store exactly why a PIN could not be redeemed. */
  private async whyRefused(pinHash: string, store: StoreActor, amount: number | undefined, now: Date): Promise<AppError> {
    const found = await this.deps.repo.couponByPinHash(pinHash);
    if (!found) return new AppError('coupon_not_found', 'No coupon has this PIN.');
    const { coupon, brandId } = found;
    if (brandId !== store.brandId) return new AppError('coupon_other_brand', 'This coupon is for another brand.');
    if (coupon.status === 'used') return new AppError('coupon_used', 'This coupon has already been used.');
    if (!(HOLDING_STATES as readonly string[]).includes(coupon.status)) {
      return new AppError('coupon_not_usable', `This coupon is ${coupon.status} and cannot be used.`);
    }
    if (coupon.expiresAt <= now) return new AppError('coupon_expired', 'This coupon has expired.');
    if (coupon.kind === 'cash' && !amount) return new AppError('validation_failed', 'Enter the amount to take off this cash coupon.');
    return new AppError('coupon_balance_too_low', `The coupon has only ₩${coupon.balance.toLocaleString('en')} left.`);
  }

  async void(actor: Actor, redemptionId: string): Promise<Redemption> {
    const store = requireStore(actor);
    const found = await this.deps.repo.findRedemption(redemptionId);
    if (!found || found.storeId !== store.storeId) throw new AppError('not_found', 'No such redemption at this store.');
    const now = this.deps.clock.now();
    if (kstDay(found.createdAt) !== kstDay(now)) throw new AppError('too_late', 'A redemption can be voided only on the day it was made.');
    const done = await this.deps.database.transaction(async (tx) => {
      const repo = this.deps.repo.with(tx);
      const voided = await repo.voidRedemption(redemptionId, now);
      if (!voided) throw new AppError('too_late', 'This redemption was already voided.');
      const coupon = await repo.restore(voided.couponId, voided.amount, now);
      await this.deps.ledger.transfer(tx, {
        debit: { kind: 'seller_payable', ownerId: store.brandId },
        credit: { kind: 'coupon_liability' },
        amount: voided.amount,
        currency: CURRENCY,
        kind: 'redemption_void',
        reference: voided.id,
        idempotencyKey: `redemption-void:${voided.id}`,
      });
      return { row: voided, coupon };
    });
    return this.present(done.row, done.coupon);
  }

  /**
   * The brand's seller statement for a period: its redemptions at every store, what they came to, and what the
   * ledger shows: the net credited to the brand's payable for them, and the platform fee on them (always 0).
   */
  async statement(actor: Actor, period: { from?: string; to?: string }): Promise<SellerStatement> {
    const store = requireStore(actor);
    const to = period.to ? new Date(period.to) : this.deps.clock.now();
    const from = period.from ? new Date(period.from) : new Date(to.getTime() - 30 * 86_400_000);
    if (from > to) throw new AppError('validation_failed', 'The period starts after it ends.');
    const brand = (await this.deps.gifts.findBrand(store.brandId))!;
    const rows = await this.deps.repo.redemptionsOfBrand(brand.id, from, to, 1000);
    const products = await this.deps.gifts.findProducts(rows.map((r) => r.coupon.productId));
    const redemptions = rows.map((r) => toRedemption(r.redemption, r.store, r.coupon, products.get(r.coupon.productId)!));
    const ids = rows.map((r) => r.redemption.id);
    const gross = rows.filter((r) => !r.redemption.voidedAt).reduce((sum, r) => sum + r.redemption.amount, 0);
    const net = await this.deps.ledger.netByReference({ kind: 'seller_payable', ownerId: brand.id }, CURRENCY, ids);
    const fee = await this.deps.ledger.netByReference({ kind: 'fee_revenue' }, CURRENCY, ids);
    const payable = await this.deps.ledger.balance({ kind: 'seller_payable', ownerId: brand.id }, CURRENCY);
    const money = (amount: number): Money => ({ amount, currency: 'KRW' });
    return {
      brand: { id: brand.id, name: brand.name },
      from: from.toISOString(),
      to: to.toISOString(),
      redemptions,
      gross: money(gross),
      fee: money(fee),
      net: money(net),
      payableBalance: money(payable),
    };
  }

  /** Redeems one coupon in a transaction of its own: its redemption, or null when the PIN redeemed nothing. */
  private async redeemAlone(pending: PendingRedemption): Promise<Redemption | null> {
    const { id, store, pinHash, amount, now, payment } = pending;
    return this.deps.database
      .transaction(async (tx) => {
        await payment?.claim(tx);
        const repo = this.deps.repo.with(tx);
        const redeemed = await repo.redeem(pinHash, store.brandId, amount, now);
        // Refused: the transaction rolls back (the key's claim with it), and the refusal is worked out by the caller.
        if (!redeemed) throw new NotRedeemed();
        const row: RedemptionRow = { id, couponId: redeemed.coupon.id, storeId: store.storeId, amount: redeemed.taken, createdAt: now, voidedAt: null };
        await repo.insertRedemptions([row]);
        await this.deps.ledger.transfer(tx, redemptionTransfer(row, store.brandId));
        const answer = await this.present(row, redeemed.coupon, tx);
        await payment?.answer(tx, answer);
        return answer;
      })
      .catch((err: unknown) => {
        if (err instanceof NotRedeemed) return null;
        throw err;
      });
  }

  private async present(row: RedemptionRow, coupon: CouponRow, tx?: Executor): Promise<Redemption> {
    const product = (await (tx ? this.deps.gifts.with(tx) : this.deps.gifts).findProduct(coupon.productId))!;
    const store = (await (tx ? this.deps.repo.with(tx) : this.deps.repo).findStore(row.storeId))!;
    return toRedemption(row, store, coupon, product);
  }
}

/** A PIN that redeemed nothing: rolls the redemption's transaction back. */
class NotRedeemed extends Error {}
