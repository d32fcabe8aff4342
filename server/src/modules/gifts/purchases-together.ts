import type { Gift, GiftOrder } from '@maum/protocol';
import { readTogether } from '../../platform/db/bulk';
import type { Executor } from '../../platform/db/database';
import type { Outcome } from '../../platform/db/group-commit';
import { AppError } from '../../platform/errors';
import type { Idempotency, PaymentKey } from '../../platform/http/idempotency/idempotency';
import { CURRENCY, type LedgerService, type TransferInput } from '../ledger';
import type { GiftRow, GiftsRepository, OrderRow } from './gifts.repository';
import type { GiftMessenger } from './gifts.service';

/** A gift order checked and ready to pay: everything its transaction writes, and the answer it gives. */
export interface Purchase {
  order: GiftOrder;
  row: OrderRow;
  gifts: GiftRow[];
  /** The gifts as their people see them; those delivered now have their cards owed with the payment. */
  views: Gift[];
  delivered: boolean;
  /** Which of its recipients had blocked the sender when the purchase was checked (none, or it is refused). */
  blockedBy: string[];
  payment?: PaymentKey;
}

/** The ledger's side of a purchase: the sender's wallet into coupon liability, keyed by the order. */
export function purchaseTransfer(purchase: Purchase): TransferInput {
  return {
    debit: { kind: 'user_wallet', ownerId: purchase.row.senderId },
    credit: { kind: 'coupon_liability' },
    amount: purchase.row.total,
    currency: CURRENCY,
    kind: 'gift_purchase',
    reference: purchase.row.id,
    idempotencyKey: `gift-order:${purchase.row.id}`,
  };
}

export function notEnoughMoney(): AppError {
  return new AppError('insufficient_funds', 'There is not enough money in the wallet.');
}

/**
 * Pays many gift purchases in `tx` (a batch of `GroupCommit`), in three statements whatever their number: their
 * keys claimed with their answers and their senders' wallets read at once, their cards posted together, and the
 * money moved with their orders and gifts written. A sender whose wallet is short is refused alone (the
 * refusal kept with its key), in order of arrival while the money lasts; a purchase whose key was claimed before is
 * left to be paid on its own, which replays or waits as the key's rules say.
 */
export async function payTogether(
  deps: { repo: GiftsRepository; ledger: LedgerService; keys: Pick<Idempotency, 'claimManyQuery' | 'answersWrites'>; messenger: GiftMessenger },
  tx: Executor,
  batch: Purchase[],
): Promise<Array<Outcome<void>>> {
  const { keys, ledger, messenger } = deps;
  // In one statement: the keys claimed, and each sender's wallet as it stands, not locked. transferMany locks the
  // batch's accounts in the order of their ids, as a lone purchase does, so the two never wait for each other in a
  // circle. Should a wallet have been spent meanwhile, the database refuses the batch and its purchases are paid one by
  // one. The wallets are read as the statement starts: should a claim wait for a retry of its key in another batch,
  // money that reaches a wallet meanwhile is seen by the next purchase, as if this one had come a moment earlier.
  // Each key is claimed with its purchase's answer: a purchase the batch pays answers its order, known already.
  const answers = new Map(batch.flatMap((p) => (p.payment ? [[p.payment, p.order] as const] : [])));
  const [claimed, balances] = await readTogether(tx, [
    keys.claimManyQuery([...answers.keys()], answers),
    ledger.balancesQuery('user_wallet', batch.map((p) => p.row.senderId), CURRENCY),
  ] as const);
  const mine = batch.filter((p) => !p.payment || claimed.has(p.payment));
  const paid = new Set<Purchase>();
  for (const purchase of mine) {
    const { senderId, total } = purchase.row;
    const balance = balances.get(senderId)!;
    if (balance < total) continue;
    balances.set(senderId, balance - total);
    paid.add(purchase);
  }

  const purchases = [...paid];
  if (purchases.length > 0) {
    const blockers = new Map(purchases.map((p) => [p.row.senderId, p.blockedBy]));
    await messenger.postTogether(purchases.flatMap((p) => (p.delivered ? p.views : [])), tx, blockers);
  }
  const short = new Set(mine.filter((p) => !paid.has(p)));
  // In one statement: the money, the refusals of short wallets in place of the answers their keys were claimed with,
  // and last (as every batch counts the same popular products, whose rows then stay locked only until the commit) the
  // orders, their gifts and the products' popularity.
  await ledger.transferMany(tx, purchases.map(purchaseTransfer), [
    ...keys.answersWrites([...short].flatMap((p) => (p.payment ? [{ payment: p.payment, refusal: notEnoughMoney() }] : []))),
    ...deps.repo.insertPurchasesWrites(
      purchases.map((p) => p.row),
      purchases.flatMap((p) => p.gifts),
    ),
  ]);
  return batch.map((p) => (paid.has(p) ? { done: undefined } : short.has(p) ? { refused: notEnoughMoney() } : { alone: true }));
}
