import { walletApi } from '@maum/protocol';
import type { Router } from '../../platform/http/routes';
import type { WalletService } from './wallet.service';

export function registerWalletRoutes(router: Router, wallet: WalletService): void {
  router.add(walletApi.wallet, ({ actor }) => wallet.wallet(actor));
  router.add(walletApi.history, async ({ actor, query }) => ({ entries: await wallet.entries(actor, query.limit) }));
  router.add(walletApi.topUp, ({ actor, body, request }) => wallet.topUp(actor, body.amount, String(request.headers['idempotency-key'])));
}
