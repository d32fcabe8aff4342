import type { Payout } from '@maum/protocol';
import type { Clock } from '../../platform/clock';
import type { Database, Executor } from '../../platform/db/database';
import { newId } from '../../platform/ids';
import type { PaymentsPort } from '../../platform/payments/payments';
import type { LedgerService } from './ledger.service';
import type { PayeeKind, PayoutRow, PayoutsRepository } from './payouts.repository';
import { CURRENCY } from './wallet.service';

export interface Payee {
  kind: PayeeKind;
  /** The seller or the user whose payable is paid out. */
  id: string;
}

/** A payout with the fee the ledger shows for it (always 0). */
export interface PresentedPayout extends PayoutRow {
  fee: number;
}

/** A payout as the API shows it (a seller's settlement, a host's payout). */
export function toPayout(row: PresentedPayout): Payout {
  const won = (amount: number) => ({ amount, currency: CURRENCY as 'KRW' });
  return {
    id: row.id,
    amount: won(row.amount),
    fee: won(row.fee),
    provider: row.provider,
    payoutReference: row.payoutReference,
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * Zero-fee payouts for any payee: a seller's sales or a room host's subscriptions. A payout pays the payee's whole
 * payable through the payments port and moves it, in the same transaction, from the payable to payout clearing.
 * Whoever decides that a payee is due (commerce's settlement runs, subscriptions' host payouts) calls `payOut`.
 */
export class PayoutsService {
  constructor(
    private readonly deps: { database: Database; repo: PayoutsRepository; ledger: LedgerService; payments: PaymentsPort; clock: Clock },
  ) {}

  /** Pays out every payee of `kind` owed something and not paid since `before`, each in its own transaction. */
  async payAllDue(kind: PayeeKind, before: Date): Promise<number> {
    let paid = 0;
    for (const id of await this.deps.repo.payeesDue(kind, before, 100)) {
      // Once: a payout calls the payment provider before its commit.
      if (await this.deps.database.transaction((tx) => this.payOut(tx, { kind, id }), { once: true })) paid++;
    }
    return paid;
  }

  /**
   * Pays out everything `payee` is owed, inside `tx`; answers null when nothing is. The payee's payout lock is held
   * first, so concurrent payouts of one payee pay its balance once.
   */
  async payOut(tx: Executor, payee: Payee): Promise<PayoutRow | null> {
    const repo = this.deps.repo.with(tx);
    await repo.lockPayee(payee.kind, payee.id);
    const amount = await this.deps.ledger.balance({ kind: payee.kind, ownerId: payee.id }, CURRENCY, tx);
    if (amount <= 0) return null;
    const id = newId('stl');
    // The sandbox answers at once; a real gateway's payout would leave through an outbox after commit.
    const payout = await this.deps.payments.payout({ payeeId: payee.id, amount, currency: CURRENCY, reference: id });
    const row: PayoutRow = {
      id,
      payeeKind: payee.kind,
      payeeId: payee.id,
      amount,
      provider: this.deps.payments.provider,
      payoutReference: payout.providerReference,
      createdAt: this.deps.clock.now(),
    };
    await repo.insert(row);
    await this.deps.ledger.transfer(tx, {
      debit: { kind: payee.kind, ownerId: payee.id },
      credit: { kind: 'payout_clearing' },
      amount,
      currency: CURRENCY,
      kind: 'settlement',
      reference: id,
      idempotencyKey: `settlement:${id}`,
    });
    return row;
  }

  /** The payee's latest payouts, newest first, each with the fee the ledger shows for it (0), read in one query. */
  /** A payout just made, with the fee the ledger shows for it. */
  async present(row: PayoutRow): Promise<PresentedPayout> {
    return { ...row, fee: await this.deps.ledger.netByReference({ kind: 'fee_revenue' }, CURRENCY, [row.id]) };
  }

  async payoutsOf(payee: Payee, limit: number): Promise<PresentedPayout[]> {
    const rows = await this.deps.repo.payoutsOf(payee.kind, payee.id, limit);
    const fees = await this.deps.ledger.netPerReference({ kind: 'fee_revenue' }, CURRENCY, rows.map((r) => r.id));
    return rows.map((row) => ({ ...row, fee: fees.get(row.id)! }));
  }

  /**
   * What the payee's payable shows, per the ledger: earned (everything credited but payouts, less everything debited
   * but payouts), what is payable now, and what was paid out.
   */
  async statement(payee: Payee): Promise<{ credited: number; debited: number; payable: number; paidOut: number }> {
    const byKind = await this.deps.ledger.flowsByKind({ kind: payee.kind, ownerId: payee.id }, CURRENCY);
    const none = { credited: 0, debited: 0 };
    const all = [...byKind.values()].reduce((sum, f) => ({ credited: sum.credited + f.credited, debited: sum.debited + f.debited }), none);
    const payouts = byKind.get('settlement') ?? none;
    return {
      credited: all.credited - payouts.credited,
      debited: all.debited - payouts.debited,
      payable: all.credited - all.debited,
      paidOut: payouts.debited - payouts.credited,
    };
  }
}
