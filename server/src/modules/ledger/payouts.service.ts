import type { Payout } from '@maum/protocol';
import type { Clock } from '../../platform/clock';
import type { Database, Executor } from '../../platform/db/database';
import { newId } from '../../platform/ids';
import { requireSystem, type Actor } from '../../platform/actor';
import type { Logger } from '../../platform/log';
import { PayoutRefused, type PaymentsPort } from '../../platform/payments/payments';
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
    status: row.status,
    payoutReference: row.payoutReference,
    createdAt: row.createdAt.toISOString(),
  };
}

/** How long a payout its provider has not yet taken waits before it is asked again, doubled after each attempt. */
export const PAYOUT_RETRY_MS = 60_000;
/** How long the provider is given to answer for a payout; past it, the payout stays pending and is asked again. */
const PAYOUT_TIMEOUT_MS = 15_000;

/**
 * Zero-fee payouts for any payee: a seller's sales or a room host's subscriptions. A payout moves the payee's whole
 * payable to payout clearing in the caller's transaction, and is written there as pending (an outbox); once that
 * commits, the payments port is asked to pay it, so no transaction waits on the provider. A payout the provider could
 * not take yet stays pending and is asked again by `sendDue`; one it refuses fails, and its money goes back to the
 * payable. Whoever decides that a payee is due (commerce's settlement runs, subscriptions' host payouts) calls `payOut`.
 */
export class PayoutsService {
  constructor(
    private readonly deps: { database: Database; repo: PayoutsRepository; ledger: LedgerService; payments: PaymentsPort; clock: Clock; log: Logger },
  ) {}

  /** Pays out every payee of `kind` owed something and not paid since `before`, each in its own transaction. */
  async payAllDue(kind: PayeeKind, before: Date): Promise<number> {
    let paid = 0;
    for (const id of await this.deps.repo.payeesDue(kind, before, 100)) {
      if (await this.deps.database.transaction((tx) => this.payOut(tx, { kind, id }))) paid++;
    }
    return paid;
  }

  /**
   * Pays out everything `payee` is owed, inside `tx`; answers null when nothing is. The payee's payout lock is held
   * first, so concurrent payouts of one payee pay its balance once. The provider is asked once `tx` has committed.
   */
  async payOut(tx: Executor, payee: Payee): Promise<PayoutRow | null> {
    const repo = this.deps.repo.with(tx);
    await repo.lockPayee(payee.kind, payee.id);
    const amount = await this.deps.ledger.balance({ kind: payee.kind, ownerId: payee.id }, CURRENCY, tx);
    if (amount <= 0) return null;
    const now = this.deps.clock.now();
    const row: PayoutRow = {
      id: newId('stl'),
      payeeKind: payee.kind,
      payeeId: payee.id,
      amount,
      provider: this.deps.payments.provider,
      status: 'pending',
      payoutReference: null,
      attempts: 0,
      createdAt: now,
      updatedAt: now,
    };
    await repo.insert(row);
    await this.deps.ledger.transfer(tx, {
      debit: { kind: payee.kind, ownerId: payee.id },
      credit: { kind: 'payout_clearing' },
      amount,
      currency: CURRENCY,
      kind: 'settlement',
      reference: row.id,
      idempotencyKey: `settlement:${row.id}`,
    });
    await this.deps.database.afterCommit(tx, async () => void (await this.send(row.id)));
    return row;
  }

  /**
   * Asks the provider again for the pending payouts that are due; answers how many ended. A run stops at the first one
   * the provider could not take: the others wait for the next run rather than for a provider that is down. Run by the
   * scheduler.
   */
  async sendDue(actor: Actor): Promise<number> {
    requireSystem(actor, 'Only the scheduler sends pending payouts again.');
    let ended = 0;
    for (const id of await this.deps.repo.pendingDue(this.deps.clock.now(), PAYOUT_RETRY_MS, 100)) {
      const outcome = await this.send(id);
      if (outcome === 'not_taken') break;
      if (outcome === 'ended') ended++;
    }
    return ended;
  }

  /**
   * Asks the provider for a pending payout if it is due, and ends it as paid, or as failed with its money returned. The
   * provider deduplicates by the payout's id, so asking twice (a retry after a lost answer) pays once.
   */
  private async send(id: string): Promise<'ended' | 'not_taken' | 'not_due'> {
    const row = await this.deps.repo.claimDue(id, this.deps.clock.now(), PAYOUT_RETRY_MS);
    if (!row) return 'not_due';
    let providerReference: string;
    try {
      ({ providerReference } = await withTimeout(
        this.deps.payments.payout({ payeeId: row.payeeId, amount: row.amount, currency: CURRENCY, reference: row.id }),
        PAYOUT_TIMEOUT_MS,
      ));
    } catch (err) {
      if (err instanceof PayoutRefused) return (await this.refused(row, err)) ? 'ended' : 'not_due';
      this.deps.log.warn({ err, payout: row.id, attempts: row.attempts }, 'the payment provider did not take a payout yet; it stays pending and is asked again');
      return 'not_taken';
    }
    return (await this.deps.repo.finish(row.id, { status: 'paid', payoutReference: providerReference }, this.deps.clock.now())) ? 'ended' : 'not_due';
  }

  /** A payout the provider refused fails, and its money goes back to the payable, in one transaction. */
  private async refused(row: PayoutRow, err: PayoutRefused): Promise<boolean> {
    const failed = await this.deps.database.transaction(async (tx) => {
      if (!(await this.deps.repo.with(tx).finish(row.id, { status: 'failed' }, this.deps.clock.now()))) return false;
      await this.deps.ledger.transfer(tx, {
        debit: { kind: 'payout_clearing' },
        credit: { kind: row.payeeKind, ownerId: row.payeeId },
        amount: row.amount,
        currency: CURRENCY,
        kind: 'settlement',
        reference: row.id,
        idempotencyKey: `settlement-refused:${row.id}`,
      });
      return true;
    });
    if (failed) this.deps.log.warn({ err, payout: row.id }, 'the payment provider refused a payout; its money went back to the payable');
    return failed;
  }

  /** A payout as it stands now (paid, once its provider took it), with the fee the ledger shows for it. */
  async present(id: string): Promise<PresentedPayout> {
    const row = (await this.deps.repo.find(id))!;
    return { ...row, fee: await this.deps.ledger.netByReference({ kind: 'fee_revenue' }, CURRENCY, [row.id]) };
  }

  /** The payee's latest payouts, newest first, each with the fee the ledger shows for it (0), read in one query. */
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

/** `promise`, or a rejection once `ms` have passed without its answer (which is then let go). */
function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
