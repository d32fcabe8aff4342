import { friendsApi } from '@maum/protocol';
import type { Router } from '../../platform/http/routes';
import type { FriendsService } from './friends.service';

export function registerFriendsRoutes(router: Router, friends: FriendsService): void {
  router.add(friendsApi.list, async ({ actor, query }) => ({
    friends: await friends.list(actor, { q: query.q, hidden: query.hidden === 'true' }),
  }));
  router.add(friendsApi.add, ({ actor, body }) => friends.add(actor, body));
  router.add(friendsApi.update, ({ actor, params, body }) => friends.update(actor, params.userId, body));
  router.add(friendsApi.remove, ({ actor, params }) => friends.remove(actor, params.userId));
  router.add(friendsApi.addedMe, async ({ actor }) => ({ users: await friends.addedMe(actor) }));
  router.add(friendsApi.blocked, async ({ actor }) => ({ users: await friends.blocked(actor) }));
  router.add(friendsApi.block, ({ actor, params }) => friends.block(actor, params.userId));
  router.add(friendsApi.unblock, ({ actor, params }) => friends.unblock(actor, params.userId));
  router.add(friendsApi.profileByHandle, ({ actor, params }) => friends.profileByHandle(actor, params.handle));
  router.add(friendsApi.profileByCode, ({ actor, params }) => friends.profileByCode(actor, params.code));
}
