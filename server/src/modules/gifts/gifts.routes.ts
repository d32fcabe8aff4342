import { giftsApi, IDEMPOTENCY_HEADER, storeApi } from '@maum/protocol';
import type { Router } from '../../platform/http/routes';
import type { CatalogueService } from './catalogue.service';
import type { GiftsService } from './gifts.service';
import type { StoresService } from './stores.service';

export function registerGiftsRoutes(router: Router, catalogue: CatalogueService, gifts: GiftsService): void {
  router.add(giftsApi.home, ({ actor }) => catalogue.home(actor));
  router.add(giftsApi.products, async ({ actor, query }) => ({ products: await catalogue.products(actor, query) }));
  router.add(giftsApi.product, ({ actor, params }) => catalogue.product(actor, params.productId));
  router.add(giftsApi.productImage, async ({ actor, params, reply }) => {
    const image = await catalogue.image(actor, params.productId);
    void reply.type('image/webp').header('cache-control', 'public, max-age=86400');
    return image as never;
  });
  router.add(giftsApi.wishlist, async ({ actor, params }) => ({ products: await catalogue.wishlist(actor, params.userId) }));
  router.add(giftsApi.wish, ({ actor, params }) => catalogue.wish(actor, params.productId, true));
  router.add(giftsApi.unwish, ({ actor, params }) => catalogue.wish(actor, params.productId, false));
  router.add(giftsApi.order, ({ actor, body, request, payment }) => gifts.order(actor, body, String(request.headers[IDEMPOTENCY_HEADER]), payment), { keyInTransaction: true });
  router.add(giftsApi.sent, ({ actor, query }) => gifts.sent(actor, query));
  router.add(giftsApi.box, ({ actor, query }) => gifts.box(actor, query));
  router.add(giftsApi.gift, ({ actor, params }) => gifts.gift(actor, params.giftId));
  router.add(giftsApi.accept, ({ actor, params }) => gifts.accept(actor, params.giftId));
  router.add(giftsApi.refuse, ({ actor, params }) => gifts.refuse(actor, params.giftId));
  router.add(giftsApi.cancel, ({ actor, params }) => gifts.cancel(actor, params.giftId));
  router.add(giftsApi.exchange, ({ actor, params, body }) => gifts.exchange(actor, params.giftId, body));
  router.add(giftsApi.barcode, async ({ actor, params, query, reply }) => {
    const png = await gifts.barcode(actor, params.giftId, query.format);
    void reply.type('image/png').header('cache-control', 'private, no-store');
    return png as never;
  });
  router.add(giftsApi.extend, ({ actor, params }) => gifts.extend(actor, params.giftId));
  router.add(giftsApi.refundQuote, ({ actor, params }) => gifts.refundQuote(actor, params.giftId));
  router.add(giftsApi.refund, ({ actor, params, body }) => gifts.refund(actor, params.giftId, body.to));
}

export function registerStoreRoutes(router: Router, stores: StoresService): void {
  router.add(storeApi.me, ({ actor }) => stores.me(actor));
  router.add(storeApi.lookup, ({ actor, params }) => stores.lookup(actor, params.pin));
  router.add(storeApi.statement, ({ actor, query }) => stores.statement(actor, query));
  router.add(storeApi.redeem, ({ actor, body, payment }) => stores.redeem(actor, body, payment), { keyInTransaction: true });
  router.add(storeApi.void, ({ actor, params }) => stores.void(actor, params.redemptionId));
}
