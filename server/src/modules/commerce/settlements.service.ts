import type { SellerLedger, Settlement } from '@maum/protocol';
import { requireSystem, type Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import type { Database } from '../../platform/db/database';
import { newId } from '../../platform/ids';
import type { PaymentsPort } from '../../platform/payments/payments';
import { CURRENCY, type LedgerService } from '../ledger';
import type { SellersRepository } from './sellers.repository';
import { won } from './commerce.mappers';
import type { SellerGate } from './sellers.service';
import type { SettlementRow, ShopRepository } from './shop.repository';

/**
 * Zero-fee settlement. Every sale credits the seller's payable in full; a settlement run pays the whole payable out
 * through the payments port. What the seller sees (sales, refunds, payouts, and the fee, which is 0) is read from
 * the ledger, so the statement cannot say anything the money did not do.
 */
export class SettlementsService {
  constructor(
    private readonly deps: {
      database: Database;
      shop: ShopRepository;
      sellers: SellersRepository;
      gate: SellerGate;
      ledger: LedgerService;
      payments: PaymentsPort;
      /** How often the scheduler settles each seller. */
      intervalMs: number;
      clock: Clock;
    },
  ) {}

  async ledger(actor: Actor): Promise<SellerLedger> {
    const { seller } = await this.deps.gate.staff(actor);
    const payable = { kind: 'seller_payable' as const, ownerId: seller.id };
    const [orderIds, runs, byKind] = await Promise.all([
      this.deps.shop.paidOrderIdsOf(seller.id),
      this.deps.shop.settlementsOf(seller.id, 50),
      this.deps.ledger.flowsByKind(payable, CURRENCY),
    ]);
    // Sales are everything credited to the payable but payouts: orders, and coupons of gift-shop listings redeemed
    // at the seller's store; refunds (and voided redemptions) are what was debited back.
    const none = { credited: 0, debited: 0 };
    const all = [...byKind.values()].reduce((sum, f) => ({ credited: sum.credited + f.credited, debited: sum.debited + f.debited }), none);
    const payouts = byKind.get('settlement') ?? none;
    const fees = await this.deps.ledger.flowsByReference({ kind: 'fee_revenue' }, CURRENCY, [...orderIds, ...runs.map((r) => r.id)]);
    const sales = all.credited - payouts.credited;
    const refunds = all.debited - payouts.debited;
    return {
      sales: won(sales),
      refunds: won(refunds),
      netSales: won(sales - refunds),
      payable: won(all.credited - all.debited),
      paidOut: won(payouts.debited - payouts.credited),
      feesPaid: won(fees.credited - fees.debited),
      settlements: await this.present(runs),
    };
  }

  async settleNow(actor: Actor): Promise<Settlement | null> {
    const { seller } = await this.deps.gate.staff(actor);
    const row = await this.settle(seller.id);
    return row ? (await this.present([row]))[0]! : null;
  }

  /** The scheduler's run: settles every approved seller not settled within the interval. */
  async settleDue(actor: Actor): Promise<number> {
    requireSystem(actor, 'Only the scheduler runs settlements.');
    const due = await this.deps.sellers.approvedSellersDue(new Date(this.deps.clock.now().getTime() - this.deps.intervalMs), 100);
    let paid = 0;
    for (const seller of due) if (await this.settle(seller.id)) paid++;
    return paid;
  }

  /**
   * Pays out a seller's whole payable. The seller's row is locked first, so two runs at once (a click and the
   * scheduler, on two nodes) read the balance one after the other and the second finds nothing left.
   */
  private async settle(sellerId: string): Promise<SettlementRow | null> {
    const now = this.deps.clock.now();
    return this.deps.database.transaction(async (tx) => {
      await this.deps.sellers.with(tx).lockSeller(sellerId);
      await this.deps.sellers.with(tx).markSettled(sellerId, now);
      const amount = await this.deps.ledger.balance({ kind: 'seller_payable', ownerId: sellerId }, CURRENCY, tx);
      if (amount <= 0) return null;
      const id = newId('stl');
      // The sandbox answers at once; a real gateway's payout would leave through an outbox after commit.
      const payout = await this.deps.payments.payout({ sellerId, amount, currency: CURRENCY, reference: id });
      const row: SettlementRow = { id, sellerId, amount, provider: this.deps.payments.provider, payoutReference: payout.providerReference, createdAt: now };
      await this.deps.shop.with(tx).insertSettlement(row);
      await this.deps.ledger.transfer(tx, {
        debit: { kind: 'seller_payable', ownerId: sellerId },
        credit: { kind: 'payout_clearing' },
        amount,
        currency: CURRENCY,
        kind: 'settlement',
        reference: id,
        idempotencyKey: `settlement:${id}`,
      });
      return row;
    });
  }

  /** Settlement runs, each with the fee the ledger shows for it (0), read in one query. */
  private async present(rows: SettlementRow[]): Promise<Settlement[]> {
    const fees = await this.deps.ledger.netPerReference({ kind: 'fee_revenue' }, CURRENCY, rows.map((r) => r.id));
    return rows.map((row) => ({
      id: row.id,
      amount: won(row.amount),
      fee: won(fees.get(row.id)!),
      payoutReference: row.payoutReference,
      provider: row.provider,
      createdAt: row.createdAt.toISOString(),
    }));
  }
}
