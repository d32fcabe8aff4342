/**
 * ledger: double-entry money. Wallets, seller payables, coupon liability, payment clearing and fee revenue (always
 * 0); idempotent transfers written in the caller's transaction; the invariant check. Other code imports only this.
 */
export { LedgerRepository, type AccountKind } from './ledger.repository';
export { LedgerService, type AccountRef, type TransferInput } from './ledger.service';
export { WalletService, CURRENCY, type TopUpCharge } from './wallet.service';
export { registerWalletRoutes } from './ledger.routes';
