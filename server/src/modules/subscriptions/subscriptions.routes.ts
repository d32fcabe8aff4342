import { subscriptionsApi } from '@maum/protocol';
import type { Router } from '../../platform/http/routes';
import type { SubscriptionsService } from './subscriptions.service';

export function registerSubscriptionsRoutes(router: Router, subscriptions: SubscriptionsService): void {
  router.add(subscriptionsApi.room, ({ actor, params }) => subscriptions.room(actor, params.roomId));
  router.add(subscriptionsApi.subscribe, ({ actor, params, body }) => subscriptions.subscribe(actor, params.roomId, body.tierId));
  router.add(subscriptionsApi.settings, ({ actor, params, body }) => subscriptions.setSubscribersOnly(actor, params.roomId, body.subscribersOnly));
  router.add(subscriptionsApi.createTier, ({ actor, params, body }) => subscriptions.createTier(actor, params.roomId, body));
  router.add(subscriptionsApi.changeTier, ({ actor, params, body }) => subscriptions.changeTier(actor, params.roomId, params.tierId, body));
  router.add(subscriptionsApi.posts, async ({ actor, params }) => ({ posts: await subscriptions.posts(actor, params.roomId) }));
  router.add(subscriptionsApi.createPost, ({ actor, params, body }) => subscriptions.createPost(actor, params.roomId, body.text));
  router.add(subscriptionsApi.badges, async ({ actor, params }) => ({ badges: await subscriptions.badges(actor, params.roomId) }));
  router.add(subscriptionsApi.earnings, ({ actor, params }) => subscriptions.earnings(actor, params.roomId));
  router.add(subscriptionsApi.mine, async ({ actor }) => ({ subscriptions: await subscriptions.list(actor) }));
  router.add(subscriptionsApi.payouts, ({ actor }) => subscriptions.hostPayouts(actor));
  router.add(subscriptionsApi.payOut, ({ actor }) => subscriptions.payOut(actor));
  router.add(subscriptionsApi.one, ({ actor, params }) => subscriptions.one(actor, params.subscriptionId));
  router.add(subscriptionsApi.cancel, ({ actor, params }) => subscriptions.cancel(actor, params.subscriptionId));
  router.add(subscriptionsApi.refund, ({ actor, params }) => subscriptions.refund(actor, params.subscriptionId));
}
