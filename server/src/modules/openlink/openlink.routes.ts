import { openlinkApi } from '@maum/protocol';
import type { Router } from '../../platform/http/routes';
import type { OpenlinkService } from './openlink.service';
import type { TranslationsService } from './translations.service';

export function registerOpenlinkRoutes(router: Router, openlink: OpenlinkService, translations: TranslationsService): void {
  router.add(openlinkApi.create, ({ actor, body }) => openlink.create(actor, body));
  router.add(openlinkApi.search, async ({ actor, query }) => ({ rooms: await openlink.search(actor, query) }));
  router.add(openlinkApi.room, ({ actor, params }) => openlink.room(actor, params.roomId));
  router.add(openlinkApi.byLink, ({ actor, params }) => openlink.byLink(actor, params.code));
  router.add(openlinkApi.join, ({ actor, params, body }) => openlink.join(actor, params.roomId, body));
  router.add(openlinkApi.leave, ({ actor, params }) => openlink.leave(actor, params.roomId));
  router.add(openlinkApi.settings, ({ actor, params, body }) => openlink.updateSettings(actor, params.roomId, body));
  router.add(openlinkApi.bannedWords, ({ actor, params }) => openlink.bannedWords(actor, params.roomId));
  router.add(openlinkApi.makeCohost, ({ actor, params, body }) => openlink.makeCohost(actor, params.roomId, params.memberId, body.rights));
  router.add(openlinkApi.removeCohost, ({ actor, params }) => openlink.removeCohost(actor, params.roomId, params.memberId));
  router.add(openlinkApi.kick, ({ actor, params, body }) => openlink.kick(actor, params.roomId, params.memberId, body.reason));
  router.add(openlinkApi.ban, ({ actor, params, body }) => openlink.ban(actor, params.roomId, params.memberId, body.reason));
  router.add(openlinkApi.unban, ({ actor, params }) => openlink.unban(actor, params.roomId, params.memberId));
  router.add(openlinkApi.preview, async ({ actor, params, query }) => ({
    messages: await translations.previewIn(actor, params.roomId, await openlink.preview(actor, params.roomId), query.lang),
  }));
  router.add(openlinkApi.close, ({ actor, params }) => openlink.close(actor, params.roomId));
  router.add(openlinkApi.hide, ({ actor, params, body }) => openlink.hide(actor, params.roomId, params.seq, body.reason));
  router.add(openlinkApi.dryRunBannedWords, ({ actor, params, body }) => openlink.dryRunBannedWords(actor, params.roomId, body));
  router.add(openlinkApi.moderationLog, async ({ actor, params }) => ({ entries: await openlink.moderationLog(actor, params.roomId) }));
  router.add(openlinkApi.setCover, async ({ actor, params, upload }) => openlink.setCover(actor, params.roomId, await (await upload()).toBuffer()));
  router.add(openlinkApi.members, async ({ actor, params }) => ({ members: await openlink.members(actor, params.roomId) }));
  router.add(openlinkApi.setProfile, ({ actor, params, body }) => openlink.setProfile(actor, params.roomId, body));
  router.add(openlinkApi.setAvatar, async ({ actor, params, upload }) => openlink.setAvatar(actor, params.roomId, await (await upload()).toBuffer()));
  router.add(openlinkApi.requests, async ({ actor, params }) => ({ requests: await openlink.requests(actor, params.roomId) }));
  router.add(openlinkApi.approve, ({ actor, params }) => openlink.approve(actor, params.roomId, params.requestId));
  router.add(openlinkApi.decline, ({ actor, params }) => openlink.decline(actor, params.roomId, params.requestId));
  router.add(openlinkApi.report, ({ actor, params, body }) => openlink.report(actor, params.roomId, body));
  router.add(openlinkApi.reports, async ({ actor, params }) => ({ reports: await openlink.reports(actor, params.roomId) }));
  router.add(openlinkApi.glossary, ({ actor, params }) => openlink.glossary(actor, params.roomId));
  router.add(openlinkApi.setGlossary, ({ actor, params, body }) => openlink.setGlossary(actor, params.roomId, body));
  router.add(openlinkApi.translator, ({ actor }) => translations.translator(actor));
  router.add(openlinkApi.translate, async ({ actor, params, body }) => ({ translations: await translations.translate(actor, params.roomId, body) }));
}
