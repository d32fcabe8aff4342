import { commerceApi } from '@maum/protocol';
import { AppError } from '../../platform/errors';
import type { Router } from '../../platform/http/routes';
import type { ChannelsService } from './channels.service';
import type { OrdersService } from './orders.service';
import type { ProductsService } from './products.service';
import type { SellersService } from './sellers.service';
import type { SettlementsService } from './settlements.service';

export function registerCommerceRoutes(
  router: Router,
  services: { sellers: SellersService; channels: ChannelsService; products: ProductsService; orders: OrdersService; settlements: SettlementsService },
): void {
  const { sellers, channels, products, orders, settlements } = services;
  router.add(commerceApi.apply, ({ actor, body }) => sellers.apply(actor, body));
  router.add(commerceApi.mySeller, async ({ actor }) => ({ seller: await sellers.mine(actor) }));
  router.add(commerceApi.addStaff, ({ actor, body }) => sellers.addStaff(actor, body.handle));
  router.add(commerceApi.staff, async ({ actor }) => ({ staff: await channels.staff(actor) }));
  router.add(commerceApi.reviewQueue, async ({ actor, query }) => ({ sellers: await sellers.queue(actor, query.status) }));
  router.add(commerceApi.approve, ({ actor, params }) => sellers.approve(actor, params.sellerId));
  router.add(commerceApi.reject, ({ actor, params, body }) => sellers.reject(actor, params.sellerId, body.reason));
  router.add(commerceApi.suspend, ({ actor, params, body }) => sellers.suspend(actor, params.sellerId, body.reason));

  router.add(commerceApi.saveChannel, ({ actor, body }) => channels.save(actor, body));
  router.add(commerceApi.channelPicture, async ({ actor, params, upload }) => channels.setPicture(actor, params.picture, await (await upload()).toBuffer()));
  router.add(commerceApi.uploadImage, async ({ actor, upload }) => products.uploadImage(actor, await (await upload()).toBuffer()));
  router.add(commerceApi.image, async ({ actor, params, reply }) => {
    const image = await products.image(actor, params.imageId);
    if (!image) throw new AppError('not_found', 'No such picture.');
    // A picture's id is never reused, so a stored one never changes.
    void reply.type('image/webp').header('cache-control', 'public, max-age=31536000, immutable');
    return image as never;
  });
  router.add(commerceApi.channels, async ({ actor, query }) => ({ channels: await channels.find(actor, query) }));
  router.add(commerceApi.channel, ({ actor, params }) => channels.home(actor, params.channelId));
  router.add(commerceApi.follow, ({ actor, params, body }) => channels.follow(actor, params.channelId, body.notify));
  router.add(commerceApi.unfollow, ({ actor, params }) => channels.unfollow(actor, params.channelId));
  router.add(commerceApi.chatWithChannel, ({ actor, params }) => channels.chat(actor, params.channelId));
  router.add(commerceApi.publish, ({ actor, body }) => channels.publish(actor, body));

  router.add(commerceApi.createProduct, ({ actor, body }) => products.create(actor, body));
  router.add(commerceApi.updateProduct, ({ actor, params, body }) => products.update(actor, params.productId, body));
  router.add(commerceApi.setStock, ({ actor, params, body }) => products.setStock(actor, params.variantId, body.onHand));
  router.add(commerceApi.sellerProducts, async ({ actor }) => ({ products: await products.mine(actor) }));
  router.add(commerceApi.product, ({ actor, params }) => products.product(actor, params.productId));
  router.add(commerceApi.giftableProducts, async ({ actor }) => ({ products: await products.giftable(actor) }));
  router.add(commerceApi.createCoupon, ({ actor, body }) => products.createCoupon(actor, body));
  router.add(commerceApi.coupons, async ({ actor }) => ({ coupons: await products.coupons(actor) }));

  router.add(commerceApi.quote, ({ actor, body }) => orders.quote(actor, body));
  router.add(commerceApi.checkout, ({ actor, body }) => orders.checkout(actor, body));
  router.add(commerceApi.pay, ({ actor, params, payment }) => orders.pay(actor, params.orderId, payment), { keyInTransaction: true });
  router.add(commerceApi.cancel, ({ actor, params }) => orders.cancel(actor, params.orderId));
  router.add(commerceApi.confirm, ({ actor, params }) => orders.complete(actor, params.orderId));
  router.add(commerceApi.acceptGift, ({ actor, params, body }) => orders.acceptGift(actor, params.orderId, body.address));
  router.add(commerceApi.refuseGift, ({ actor, params }) => orders.refuseGift(actor, params.orderId));
  router.add(commerceApi.myOrders, async ({ actor }) => ({ orders: await orders.mine(actor) }));
  router.add(commerceApi.order, ({ actor, params }) => orders.order(actor, params.orderId));
  router.add(commerceApi.sellerOrders, async ({ actor, query }) => ({ orders: await orders.sellerOrders(actor, query.status) }));
  router.add(commerceApi.prepare, ({ actor, params }) => orders.prepare(actor, params.orderId));
  router.add(commerceApi.ship, ({ actor, params, body }) => orders.ship(actor, params.orderId, body));
  router.add(commerceApi.deliver, ({ actor, params }) => orders.deliver(actor, params.orderId));

  router.add(commerceApi.inbox, async ({ actor, query }) => ({ conversations: await channels.inbox(actor, query.status) }));
  router.add(commerceApi.conversation, ({ actor, params }) => channels.conversation(actor, params.roomId));
  router.add(commerceApi.answer, ({ actor, params, body }) => channels.answer(actor, params.roomId, body));
  router.add(commerceApi.updateConversation, ({ actor, params, body }) => channels.updateConversation(actor, params.roomId, body));

  router.add(commerceApi.ledger, ({ actor }) => settlements.ledger(actor));
  router.add(commerceApi.settle, async ({ actor }) => ({ settlement: await settlements.settleNow(actor) }));
}
