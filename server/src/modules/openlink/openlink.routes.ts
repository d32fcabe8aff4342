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
  router.add(openlinkApi.settings, ({ actor, params, body }) => openlink.updateSettings(actor, params.roomId, body));
  router.add(openlinkApi.bannedWords, ({ actor, params }) => openlink.bannedWords(actor, params.roomId));
  router.add(openlinkApi.makeCohost, ({ actor, params, body }) => openlink.makeCohost(actor, params.roomId, params.userId, body.rights));
  router.add(openlinkApi.removeCohost, ({ actor, params }) => openlink.removeCohost(actor, params.roomId, params.userId));
  router.add(openlinkApi.kick, ({ actor, params, body }) => openlink.kick(actor, params.roomId, params.userId, body.reason));
  router.add(openlinkApi.ban, ({ actor, params, body }) => openlink.ban(actor, params.roomId, params.userId, body.reason));
  router.add(openlinkApi.unban, ({ actor, params }) => openlink.unban(actor, params.roomId, params.userId));
  router.add(openlinkApi.preview, async ({ actor, params }) => ({ messages: await openlink.preview(actor, params.roomId) }));
  router.add(openlinkApi.hide, ({ actor, params, body }) => openlink.hide(actor, params.roomId, params.seq, body.reason));
  router.add(openlinkApi.dryRunBannedWords, ({ actor, params, body }) => openlink.dryRunBannedWords(actor, params.roomId, body));
  router.add(openlinkApi.moderationLog, async ({ actor, params }) => ({ entries: await openlink.moderationLog(actor, params.roomId) }));
}
