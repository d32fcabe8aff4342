import type { Redemption } from '@maum/protocol';
import type { StoreActor } from '../../platform/actor';
import type { Executor } from '../../platform/db/database';
import type { Outcome } from '../../platform/db/group-commit';
import type { Idempotency, PaymentKey } from '../../platform/http/idempotency/idempotency';
import { CURRENCY, type LedgerService, type TransferInput } from '../ledger';
import type { GiftsRepository } from './gifts.repository';
import type { RedemptionRow, StoresRepository } from './stores.repository';
import { toRedemption } from './stores.mappers';

/** A redemption asked for at a store's till, ready to write. */
export interface PendingRedemption {
  id: string;
  store: StoreActor;
  pinHash: string;
  /** What to take off a cash coupon (0 for an exchange coupon, which is used whole). */
  amount: number;
  now: Date;
  payment?: PaymentKey;
}

/** The ledger's side of a redemption: coupon liability into the brand's payable, keyed by the redemption. */
export function redemptionTransfer(row: RedemptionRow, brandId: string): TransferInput {
  return {
    debit: { kind: 'coupon_liability' },
    credit: { kind: 'seller_payable', ownerId: brandId },
    amount: row.amount,
    currency: CURRENCY,
    kind: 'redemption',
    reference: row.id,
    idempotencyKey: `redemption:${row.id}`,
  };
}

/**
 * Redeems many coupons in `tx` (a batch of `GroupCommit`) in a handful of statements: the keys claimed at once, the
 * coupons taken by one conditional update (the same conditions as one by one, so a coupon is never used twice nor
 * overdrawn), their products and stores read for the answers, and the money moved, the redemptions inserted and
 * the answers recorded in one statement. A PIN the batch
 * cannot redeem answers null, its key let go, so its refusal is explained and remembered as one alone would be; a
 * second request for a PIN already in the batch, or one whose key was claimed before, is left to go alone after it.
 */
export async function redeemTogether(
  deps: { repo: StoresRepository; gifts: GiftsRepository; ledger: LedgerService; keys: Pick<Idempotency, 'claimMany' | 'answersWrites' | 'releasesWrites'> },
  tx: Executor,
  batch: PendingRedemption[],
): Promise<Array<Outcome<Redemption | null>>> {
  const claimed = await deps.keys.claimMany(tx, batch.flatMap((r) => (r.payment ? [r.payment] : [])));
  const firstOfPin = new Map<string, PendingRedemption>();
  for (const r of batch) if ((!r.payment || claimed.has(r.payment)) && !firstOfPin.has(r.pinHash)) firstOfPin.set(r.pinHash, r);
  const mine = [...firstOfPin.values()];
  // Claimed here but for a request that goes alone after the batch (its PIN is taken by another in it).
  const later = batch.filter((r) => r.payment && claimed.has(r.payment) && firstOfPin.get(r.pinHash) !== r);
  if (mine.length === 0) return batch.map(() => ({ alone: true }));
  const repo = deps.repo.with(tx);
  const now = mine.reduce((latest, r) => (r.now > latest ? r.now : latest), mine[0]!.now);
  const taken = await repo.redeemMany(mine.map((r) => ({ pinHash: r.pinHash, brandId: r.store.brandId, amount: r.amount })), now);
  const redeemed = mine.filter((r) => taken.has(r.pinHash));
  const rows = new Map<PendingRedemption, RedemptionRow>(
    redeemed.map((r) => {
      const { coupon, taken: amount } = taken.get(r.pinHash)!;
      return [r, { id: r.id, couponId: coupon.id, storeId: r.store.storeId, amount, createdAt: r.now, voidedAt: null }];
    }),
  );
  const products = await deps.gifts.with(tx).findProducts([...new Set([...taken.values()].map((t) => t.coupon.productId))]);
  const stores = await repo.findStores([...new Set(redeemed.map((r) => r.store.storeId))]);
  const answers = new Map<PendingRedemption, Redemption>(
    redeemed.map((r) => {
      const { coupon } = taken.get(r.pinHash)!;
      return [r, toRedemption(rows.get(r)!, stores.get(r.store.storeId)!, coupon, products.get(coupon.productId)!)];
    }),
  );
  const refused = new Set(mine.filter((r) => !taken.has(r.pinHash)));
  // In one statement: the money moved, the redemptions recorded, the answers kept, and the keys of requests this batch
  // did not answer let go (those going alone claim theirs again, and a refusal is remembered as one alone is).
  await deps.ledger.transferMany(
    tx,
    redeemed.map((r) => redemptionTransfer(rows.get(r)!, r.store.brandId)),
    [
      ...repo.insertRedemptionsWrites([...rows.values()]),
      ...deps.keys.releasesWrites([...later, ...refused].flatMap((r) => (r.payment ? [r.payment] : []))),
      ...deps.keys.answersWrites(redeemed.flatMap((r) => (r.payment ? [{ payment: r.payment, body: answers.get(r)! }] : []))),
    ],
  );
  return batch.map((r) => {
    if (answers.has(r)) return { done: answers.get(r)! };
    if (refused.has(r)) return { done: null };
    return { alone: true };
  });
}
