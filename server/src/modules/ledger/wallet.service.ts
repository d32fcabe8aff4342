import type { Wallet, WalletEntry } from '@maum/protocol';
import { requireUser, type Actor } from '../../platform/actor';
import type { Database } from '../../platform/db/database';
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
    const reference = `topup:${me.userId}:${key}`;
    const { providerReference } = await this.deps.payments.charge({ userId: me.userId, amount, currency: CURRENCY, reference });
    const transfer = await this.deps.database.transaction((tx) =>
      this.deps.ledger.transfer(tx, {
        debit: { kind: 'payment_clearing' },
        credit: { kind: 'user_wallet', ownerId: me.userId },
        amount,
        currency: CURRENCY,
        kind: 'top_up',
        reference: providerReference,
        idempotencyKey: reference,
      }),
    );
    return { wallet: await this.wallet(actor), entry: toEntry(transfer, transfer.creditAccountId) };
  }
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
