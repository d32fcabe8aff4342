import type { SellerLedger, Settlement } from '@maum/protocol';
import { requireSystem, type Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import type { Database } from '../../platform/db/database';
import { CURRENCY, toPayout, type LedgerService, type PayoutRow, type PayoutsService } from '../ledger';
import type { SellersRepository } from './sellers.repository';
import { won } from './commerce.mappers';
import type { SellerGate } from './sellers.service';
import type { ShopRepository } from './shop.repository';

/**
 * Zero-fee settlement. Every sale credits the seller's payable in full; a settlement run pays the whole payable out
 * (the ledger's payouts, which pay room hosts the same way). What the seller sees (sales, refunds, payouts, and the fee, which is 0) is read from
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
      payouts: PayoutsService;
      /** How often the scheduler settles each seller. */
      intervalMs: number;
      clock: Clock;
    },
  ) {}

  async ledger(actor: Actor): Promise<SellerLedger> {
    const { seller } = await this.deps.gate.staff(actor);
    const payee = { kind: 'seller_payable' as const, id: seller.id };
    const [orderIds, runs, statement] = await Promise.all([
      this.deps.shop.paidOrderIdsOf(seller.id),
      this.deps.payouts.payoutsOf(payee, 50),
      this.deps.payouts.statement(payee),
    ]);
    // Sales are everything credited to the payable but payouts: orders, and coupons of gift-shop listings redeemed
    // at the seller's store; refunds (and voided redemptions) are what was debited back.
    const fees = await this.deps.ledger.flowsByReference({ kind: 'fee_revenue' }, CURRENCY, [...orderIds, ...runs.map((r) => r.id)]);
    return {
      sales: won(statement.credited),
      refunds: won(statement.debited),
      netSales: won(statement.credited - statement.debited),
      payable: won(statement.payable),
      paidOut: won(statement.paidOut),
      feesPaid: won(fees.credited - fees.debited),
      settlements: runs.map(toPayout),
    };
  }

  async settleNow(actor: Actor): Promise<Settlement | null> {
    const { seller } = await this.deps.gate.staff(actor);
    const row = await this.settle(seller.id);
    return row ? toPayout(await this.deps.payouts.present(row.id)) : null;
  }

  /** The scheduler's run: settles every approved seller not settled within the interval. */
  async settleDue(actor: Actor): Promise<number> {
    requireSystem(actor, 'Only the scheduler runs settlements.');
    const due = await this.deps.sellers.approvedSellersDue(new Date(this.deps.clock.now().getTime() - this.deps.intervalMs), 100);
    let paid = 0;
    for (const seller of due) if (await this.settle(seller.id)) paid++;
    return paid;
  }

  /** Pays out a seller's whole payable, and marks the seller settled now, in one transaction. */
  private async settle(sellerId: string): Promise<PayoutRow | null> {
    const now = this.deps.clock.now();
    return this.deps.database.transaction(async (tx) => {
      await this.deps.sellers.with(tx).markSettled(sellerId, now);
      return this.deps.payouts.payOut(tx, { kind: 'seller_payable', id: sellerId });
    });
  }
}
