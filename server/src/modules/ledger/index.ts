/**
 * ledger: double-entry money. Wallets, seller and host payables, coupon liability, payment clearing and fee revenue
 * (always 0); idempotent transfers written in the caller's transaction; payouts to any payee (a seller, a room host);
 * the invariant check. Other code imports only this.
 */
export { LedgerRepository, type AccountKind } from './ledger.repository';
export { LedgerService, type AccountRef, type TransferInput } from './ledger.service';
export { WalletService, CURRENCY, type TopUpCharge } from './wallet.service';
export { registerWalletRoutes } from './ledger.routes';
export { PayoutsRepository, type PayeeKind, type PayoutRow } from './payouts.repository';
export { PAYOUT_RETRY_MS, PayoutsService, toPayout, type Payee, type PresentedPayout } from './payouts.service';
