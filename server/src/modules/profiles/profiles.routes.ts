import { profilesApi } from '@maum/protocol';
import type { Router } from '../../platform/http/routes';
import type { CelebrationsService } from './celebrations.service';
import type { ProfilesService } from './profiles.service';

export function registerProfilesRoutes(router: Router, profiles: ProfilesService, celebrations: CelebrationsService): void {
  router.add(profilesApi.decorate, ({ actor, body }) => profiles.decorate(actor, body));
  router.add(profilesApi.setCover, async ({ actor, upload }) => profiles.setCover(actor, await (await upload()).toBuffer()));
  router.add(profilesApi.addPhoto, async ({ actor, upload }) => profiles.addPhoto(actor, await (await upload()).toBuffer()));
  router.add(profilesApi.removePhoto, ({ actor, params }) => profiles.removePhoto(actor, params.photoId));
  router.add(profilesApi.setFeeling, ({ actor, body }) => profiles.setFeeling(actor, body));
  router.add(profilesApi.clearFeeling, ({ actor }) => profiles.clearFeeling(actor));
  router.add(profilesApi.addEvent, ({ actor, body }) => profiles.addEvent(actor, body));
  router.add(profilesApi.updateEvent, ({ actor, params, body }) => profiles.updateEvent(actor, params.eventId, body));
  router.add(profilesApi.removeEvent, ({ actor, params }) => profiles.removeEvent(actor, params.eventId));
  router.add(profilesApi.lists, async ({ actor }) => ({ lists: await profiles.lists(actor) }));
  router.add(profilesApi.addList, ({ actor, body }) => profiles.addList(actor, body));
  router.add(profilesApi.updateList, ({ actor, params, body }) => profiles.updateList(actor, params.listId, body));
  router.add(profilesApi.removeList, ({ actor, params }) => profiles.removeList(actor, params.listId));
  router.add(profilesApi.notices, ({ actor }) => celebrations.notices(actor));
  router.add(profilesApi.readNotices, ({ actor }) => celebrations.readNotices(actor));
  router.add(profilesApi.export, async ({ actor, reply }) => {
    const zip = await profiles.export(actor);
    void reply
      .type('application/zip')
      .header('content-disposition', 'attachment; filename="maum-profile.zip"')
      .header('cache-control', 'private, no-store');
    return zip as never;
  });
  router.add(profilesApi.upcoming, async ({ actor }) => ({ events: await profiles.upcoming(actor) }));
  router.add(profilesApi.space, ({ actor, params }) => profiles.space(actor, params.userId));
  router.add(profilesApi.photo, async ({ actor, params, reply }) => {
    const bytes = await profiles.photo(actor, params.userId, params.photoId);
    void reply.type('image/webp').header('cache-control', 'private, max-age=3600');
    return bytes as never;
  });
  router.add(profilesApi.follow, ({ actor, params, body }) => profiles.follow(actor, params.userId, body.events));
  router.add(profilesApi.guestbook, async ({ actor, params, query }) => ({ entries: await celebrations.guestbook(actor, params.userId, query) }));
  router.add(profilesApi.sign, ({ actor, params, body }) => celebrations.sign(actor, params.userId, body));
  router.add(profilesApi.reply, ({ actor, params, body }) => celebrations.reply(actor, params.userId, params.entryId, body.text));
  router.add(profilesApi.unsign, ({ actor, params }) => celebrations.unsign(actor, params.userId, params.entryId));
  router.add(profilesApi.celebrate, ({ actor, params, body }) => celebrations.celebrate(actor, params.userId, params.eventId, body.reaction));
  router.add(profilesApi.uncelebrate, ({ actor, params }) => celebrations.uncelebrate(actor, params.userId, params.eventId));
  router.add(profilesApi.wall, ({ actor, params }) => celebrations.wall(actor, params.userId, params.eventId));
}
