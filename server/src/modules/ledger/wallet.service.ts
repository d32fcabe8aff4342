import type { Wallet, WalletEntry } from '@maum/protocol';
import { requireUser, type Actor } from '../../platform/actor';
import type { Database, Executor } from '../../platform/db/database';
import type { PaymentsPort } from '../../platform/payments/payments';
import type { LedgerService } from './ledger.service';
import type { TransferRow } from './ledger.repository';

export const CURRENCY = 'KRW';

/** A person's wallet: its balance, its history, and top-ups through the payments port. */
export class WalletService {
  constructor(
    private readonly deps: { database: Database; ledger: LedgerService; payments: PaymentsPort },
  ) {}

  async wallet(actor: Actor): Promise<Wallet> {
    const me = requireUser(actor);
    const amount = await this.deps.ledger.balance({ kind: 'user_wallet', ownerId: me.userId }, CURRENCY);
    const points = await this.deps.ledger.balance({ kind: 'user_points', ownerId: me.userId }, CURRENCY);
    return { balance: { amount, currency: CURRENCY }, points: { amount: points, currency: CURRENCY }, provider: this.deps.payments.provider };
  }

  async entries(actor: Actor, limit: number): Promise<WalletEntry[]> {
    const me = requireUser(actor);
    const { accountId, transfers } = await this.deps.ledger.entries({ kind: 'user_wallet', ownerId: me.userId }, CURRENCY, limit);
    return transfers.map((t) => toEntry(t, accountId));
  }

  /** Charges the payment provider, then credits the wallet; `key` makes a retried top-up charge and credit once. */
  async topUp(actor: Actor, amount: number, key: string): Promise<{ wallet: Wallet; entry: WalletEntry }> {
    const me = requireUser(actor);
    const charge = await this.charge(me.userId, amount, key);
    const transfer = await this.deps.database.transaction((tx) => this.credit(tx, charge));
    return { wallet: await this.wallet(actor), entry: toEntry(transfer, transfer.creditAccountId) };
  }

  /**
   * The first half of a top-up that another payment includes (a gift paid with a short wallet): the provider is
   * charged here, outside any transaction, and `credit` writes the money in the caller's transaction together with
   * what it pays for. The provider deduplicates by the reference, which the caller's `key` makes the same on a retry.
   */
  async charge(userId: string, amount: number, key: string): Promise<TopUpCharge> {
    const reference = `topup:${userId}:${key}`;
    const { providerReference } = await this.deps.payments.charge({ userId, amount, currency: CURRENCY, reference });
    return { userId, amount, reference, providerReference };
  }

  /** Credits a charged top-up to the wallet inside `tx`; the same charge credits once, however often it is written. */
  credit(tx: Executor, charge: TopUpCharge): Promise<TransferRow> {
    return this.deps.ledger.transfer(tx, {
      debit: { kind: 'payment_clearing' },
      credit: { kind: 'user_wallet', ownerId: charge.userId },
      amount: charge.amount,
      currency: CURRENCY,
      kind: 'top_up',
      reference: charge.providerReference,
      idempotencyKey: charge.reference,
    });
  }
}

/** A top-up the provider has charged, to be credited to the wallet. */
export interface TopUpCharge {
  userId: string;
  amount: number;
  /** Ours: unique per top-up, and the ledger's idempotency key for its credit. */
  reference: string;
  providerReference: string;
}

function toEntry(t: TransferRow, accountId: string): WalletEntry {
  return {
    id: t.id,
    kind: t.kind,
    amount: t.creditAccountId === accountId ? t.amount : -t.amount,
    currency: 'KRW',
    reference: t.reference,
    createdAt: t.createdAt.toISOString(),
  };
}
