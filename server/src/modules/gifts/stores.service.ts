import { createHash, randomBytes } from 'node:crypto';
import type { Redemption } from '@maum/protocol';
import { requireStore, type Actor, type StoreActor, type UserActor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import type { Database } from '../../platform/db/database';
import { AppError } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { CURRENCY, type LedgerService } from '../ledger';
import type { CouponPins } from './coupon-pins';
import type { CouponRow, GiftsRepository } from './gifts.repository';
import type { RedemptionRow, StoresRepository } from './stores.repository';

const KST_OFFSET_MS = 9 * 3600_000;
const kstDay = (d: Date) => new Date(d.getTime() + KST_OFFSET_MS).toISOString().slice(0, 10);
const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

/**
 * Stores and redemption. A store redeems coupons of its own brand by PIN; one SQL statement decides each
 * redemption, and the same transaction moves the money from coupon liability to the brand's payable, in full
 * (the fee is 0). A redemption can be voided the same day (Korean time).
 */
export class StoresService {
  constructor(
    private readonly deps: {
      database: Database;
      repo: StoresRepository;
      gifts: GiftsRepository;
      ledger: LedgerService;
      pins: CouponPins;
      clock: Clock;
    },
  ) {}

  /** Opens a store for a brand; answers its API key, which is shown only this once. */
  async createStore(actor: Actor, input: { brandId: string; name: string }): Promise<{ storeId: string; apiKey: string }> {
    if (actor.kind !== 'system' && !(actor.kind === 'user' && actor.role === 'operator')) {
      throw new AppError('forbidden', 'Only an operator opens stores.');
    }
    const apiKey = `msk_${randomBytes(24).toString('base64url')}`;
    const storeId = newId('sto');
    await this.deps.repo.insertStore({ id: storeId, brandId: input.brandId, name: input.name, apiKeyHash: hashKey(apiKey), createdAt: this.deps.clock.now() });
    return { storeId, apiKey };
  }

  async addStaff(actor: Actor, storeId: string, userId: string): Promise<void> {
    if (actor.kind !== 'system' && !(actor.kind === 'user' && actor.role === 'operator')) {
      throw new AppError('forbidden', 'Only an operator assigns store staff.');
    }
    await this.deps.repo.addStaff(storeId, userId, this.deps.clock.now());
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

  async redeem(actor: Actor, input: { pin: string; amount?: number }): Promise<Redemption> {
    const store = requireStore(actor);
    const pinHash = this.deps.pins.hashOf(input.pin);
    const now = this.deps.clock.now();
    const id = newId('rdm');
    const done = await this.deps.database.transaction(async (tx) => {
      const repo = this.deps.repo.with(tx);
      const redeemed = await repo.redeem(pinHash, store.brandId, input.amount ?? 0, now);
      if (!redeemed) return null;
      const row: RedemptionRow = { id, couponId: redeemed.coupon.id, storeId: store.storeId, amount: redeemed.taken, createdAt: now, voidedAt: null };
      await repo.insertRedemption(row);
      await this.deps.ledger.transfer(tx, {
        debit: { kind: 'coupon_liability' },
        credit: { kind: 'seller_payable', ownerId: store.brandId },
        amount: redeemed.taken,
        currency: CURRENCY,
        kind: 'redemption',
        reference: id,
        idempotencyKey: `redemption:${id}`,
      });
      return { row, coupon: redeemed.coupon };
    });
    if (!done) throw await this.whyRefused(pinHash, store, input.amount, now);
    return this.present(done.row, done.coupon);
  }

  /** Tells the store exactly why a PIN could not be redeemed. */
  private async whyRefused(pinHash: string, store: StoreActor, amount: number | undefined, now: Date): Promise<AppError> {
    const found = await this.deps.repo.couponByPinHash(pinHash);
    if (!found) return new AppError('coupon_not_found', 'No coupon has this PIN.');
    const { coupon, brandId } = found;
    if (brandId !== store.brandId) return new AppError('coupon_other_brand', 'This coupon is for another brand.');
    if (coupon.status === 'used') return new AppError('coupon_used', 'This coupon has already been used.');
    if (!['issued', 'accepted', 'partially_used'].includes(coupon.status)) {
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

  private async present(row: RedemptionRow, coupon: CouponRow): Promise<Redemption> {
    const product = (await this.deps.gifts.findProduct(coupon.productId))!;
    return {
      id: row.id,
      amount: { amount: row.amount, currency: CURRENCY },
      createdAt: row.createdAt.toISOString(),
      voidedAt: row.voidedAt?.toISOString() ?? null,
      coupon: {
        productName: product.product.name,
        brandName: product.brand.name,
        option: coupon.option,
        kind: coupon.kind,
        status: coupon.status,
        balance: { amount: coupon.balance, currency: CURRENCY },
        faceValue: { amount: coupon.faceValue, currency: CURRENCY },
        expiresAt: coupon.expiresAt.toISOString(),
      },
    };
  }
}
