import { openlinkApi } from '@maum/protocol';
import type { Router } from '../../platform/http/routes';
import type { OpenlinkService } from './openlink.service';

export function registerOpenlinkRoutes(router: Router, openlink: OpenlinkService): void {
  router.add(openlinkApi.create, ({ actor, body }) => openlink.create(actor, body));
  router.add(openlinkApi.search, async ({ actor, query }) => ({ rooms: await openlink.search(actor, query) }));
  router.add(openlinkApi.room, ({ actor, params }) => openlink.room(actor, params.roomId));
  router.add(openlinkApi.byLink, ({ actor, params }) => openlink.byLink(actor, params.code));
  router.add(openlinkApi.join, ({ actor, params, body }) => openlink.join(actor, params.roomId, body));
  router.add(openlinkApi.leave, ({ actor, params }) => openlink.leave(actor, params.roomId));
}
