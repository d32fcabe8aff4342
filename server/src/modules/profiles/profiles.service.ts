import { strToU8, zipSync, type Zippable } from 'fflate';
import {
  MAX_AUDIENCE_LISTS,
  MAX_PROFILE_PHOTOS,
  UPCOMING_EVENT_DAYS,
  type Audience,
  type AudienceList,
  type BlockKind,
  type DecorateBody,
  type Feeling,
  type ProfileBlock,
  type ProfileEvent,
  type ProfilePhoto,
  type ProfileSpace,
  type UpcomingEvent,
} from '@maum/protocol';
import type { z } from 'zod';
import type { AudienceListBody, EventBody, EventPatchBody, FeelingBody } from '@maum/protocol';
import { requireSystem, requireUser, type Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import type { Database, Executor } from '../../platform/db/database';
import { AppError } from '../../platform/errors';
import { newId, randomToken } from '../../platform/ids';
import { photoVariants, type ImageLimits } from '../../platform/media/images';
import type { MediaStore } from '../../platform/media/media-store';
import type { AccountsDirectory } from '../accounts';
import { dayOf } from './calendar';
import { presentEvents, toEntries, toFeeling } from './profiles.mappers';
import type { ProfileShelf } from './profiles.ports';
import type { EventRow, ListRow, PhotoRow, ProfilesRepository, SpaceRow } from './profiles.repository';
import { SpaceAccess, type SpaceView } from './space-access';

export interface ProfilesServiceDeps {
  database: Database;
  repo: ProfilesRepository;
  people: AccountsDirectory;
  media: MediaStore;
  imageLimits: ImageLimits;
  shelf: ProfileShelf;
  clock: Clock;
}

const ONLY_ME: Audience = { kind: 'only_me' };

/**
 * Profile spaces: how the owner decorates theirs (look, blocks and audiences, feeling, events, photos, lists), and how
 * anyone else sees one. Visitors' celebrations, guestbook and gifts are `CelebrationsService`'s.
 */
export class ProfilesService {
  private readonly access: SpaceAccess;

  constructor(private readonly deps: ProfilesServiceDeps) {
    this.access = new SpaceAccess({ repo: deps.repo, people: deps.people, now: () => deps.clock.now() });
  }

  private today(): string {
    return dayOf(this.deps.clock.now());
  }

  /** A space as the viewer may see it. A visit by anyone but the owner counts once a day. */
  async space(actor: Actor, ownerId: string): Promise<ProfileSpace> {
    const me = requireUser(actor);
    const view = await this.access.open(ownerId, me.userId);
    if (!view.isOwner) await this.deps.repo.visit(ownerId, this.today(), me.userId);
    return this.present(view);
  }

  /** Whether `ownerId`'s space shows a block to `viewerId`, for flows that keep what the block shows. */
  async showsBlock(actor: Actor, ownerId: string, viewerId: string, kind: BlockKind): Promise<boolean> {
    requireSystem(actor, 'Only server flows ask what a space shows to someone else.');
    const [view] = await this.access.openMany([ownerId], viewerId);
    return view?.seesBlock(kind) ?? false;
  }

  private async own(actor: Actor): Promise<SpaceView> {
    const me = requireUser(actor);
    return this.access.open(me.userId, me.userId);
  }

  private async present(view: SpaceView): Promise<ProfileSpace> {
    const { space, owner } = view;
    const ownerId = owner.id;
    const now = this.deps.clock.now();
    const blocks: ProfileBlock[] = [];
    for (const setting of space.blocks) {
      if (!view.sees(setting.audience)) continue;
      const audience = view.isOwner ? setting.audience : null;
      switch (setting.kind) {
        case 'feeling':
          blocks.push({ kind: 'feeling', audience, feeling: toFeeling(space, now) });
          break;
        case 'events': {
          const rows = (await this.deps.repo.eventsOf([ownerId])).filter((row) => view.seesEvent(row));
          const events = await presentEvents(this.deps.repo, rows, view.viewerId, this.today());
          blocks.push({ kind: 'events', audience, events: events.sort((a, b) => a.occursOn.localeCompare(b.occursOn)) });
          break;
        }
        case 'guestbook': {
          const reader = view.isOwner ? ({ owner: true } as const) : ({ owner: false, viewerId: view.viewerId } as const);
          blocks.push({ kind: 'guestbook', audience, count: await this.deps.repo.countEntries(ownerId, reader) });
          break;
        }
        case 'wishlist':
          blocks.push({ kind: 'wishlist', audience });
          break;
        case 'music':
          blocks.push({ kind: 'music', audience, music: space.music ?? null });
          break;
        case 'photos':
          blocks.push({ kind: 'photos', audience, photos: (await this.deps.repo.photosOf(ownerId)).map((row) => toPhoto(ownerId, row)) });
          break;
        case 'certificates':
          blocks.push({ kind: 'certificates', audience, certificates: await this.deps.shelf.certificatesOf(ownerId) });
          break;
      }
    }
    const showCounter = view.isOwner || space.showVisitors;
    return {
      owner,
      relation: view.standing.relation,
      cover: space.coverKey ? { kind: 'picture', url: `/media/${space.coverKey}` } : { kind: 'theme', theme: space.theme as never },
      background: space.background,
      stickers: space.stickers,
      blocks,
      visitors: showCounter ? await this.deps.repo.visitCounts(ownerId, this.today()) : null,
      showVisitors: space.showVisitors,
      followingEvents: view.isOwner ? false : await this.deps.repo.isFollowing(view.viewerId, ownerId),
    };
  }

  private async save(space: SpaceRow, tx: Executor = this.deps.database.db): Promise<void> {
    await this.deps.repo.with(tx).saveSpace({ ...space, updatedAt: this.deps.clock.now() });
  }

  /** Checks that every list an audience names is one of the owner's. */
  private async checkAudiences(ownerId: string, audiences: Audience[]): Promise<void> {
    const named = audiences.flatMap((a) => (a.kind === 'list' ? [a.listId] : []));
    if (named.length === 0) return;
    const mine = new Set((await this.deps.repo.listsOf([ownerId])).map((list) => list.id));
    if (named.some((id) => !mine.has(id))) throw new AppError('validation_failed', 'An audience names a list that is not yours.');
  }

  async decorate(actor: Actor, body: DecorateBody): Promise<ProfileSpace> {
    const view = await this.own(actor);
    if (body.blocks) await this.checkAudiences(view.owner.id, body.blocks.map((b) => b.audience));
    const space: SpaceRow = { ...view.space };
    if (body.theme) Object.assign(space, { theme: body.theme, coverKey: null });
    if (body.background) space.background = body.background;
    if (body.stickers) space.stickers = body.stickers;
    if (body.blocks) space.blocks = body.blocks;
    if (body.music !== undefined) space.music = body.music;
    if (body.showVisitors !== undefined) space.showVisitors = body.showVisitors;
    await this.save(space);
    return this.space(actor, view.owner.id);
  }

  /** Makes a picture the cover: sniffed, fitted within 1600 px and re-encoded as WebP without metadata. */
  async setCover(actor: Actor, upload: Buffer): Promise<ProfileSpace> {
    const view = await this.own(actor);
    const { display } = await photoVariants(upload, this.deps.imageLimits);
    // Served like avatars and room covers: public, under a key nobody can guess.
    const key = `avatars/${randomToken(24)}.webp`;
    await this.deps.media.put(key, display);
    await this.save({ ...view.space, coverKey: key });
    return this.space(actor, view.owner.id);
  }

  async addPhoto(actor: Actor, upload: Buffer): Promise<ProfilePhoto> {
    const me = requireUser(actor);
    if ((await this.deps.repo.photosOf(me.userId)).length >= MAX_PROFILE_PHOTOS) {
      throw new AppError('validation_failed', `A photo strip holds up to ${MAX_PROFILE_PHOTOS} pictures.`);
    }
    const { display, width, height } = await photoVariants(upload, this.deps.imageLimits);
    const row: PhotoRow = {
      id: newId('pph'),
      ownerId: me.userId,
      key: `profiles/${me.userId}/photo-${randomToken(20)}.webp`,
      width,
      height,
      createdAt: this.deps.clock.now(),
    };
    await this.deps.media.put(row.key, display);
    await this.deps.repo.insertPhoto(row);
    return toPhoto(me.userId, row);
  }

  async removePhoto(actor: Actor, photoId: string): Promise<void> {
    const me = requireUser(actor);
    const row = await this.deps.repo.deletePhoto(me.userId, photoId);
    if (!row) throw new AppError('not_found', 'No such photo.');
    await this.deps.media.delete(row.key);
  }

  /** A photo strip's picture, for those the strip is shown to. */
  async photo(actor: Actor, ownerId: string, photoId: string): Promise<Buffer> {
    const me = requireUser(actor);
    const view = await this.access.open(ownerId, me.userId);
    view.requireBlock('photos', 'photo');
    const row = await this.deps.repo.findPhoto(ownerId, photoId);
    const bytes = row && (await this.deps.media.get(row.key));
    if (!bytes) throw new AppError('not_found', 'No such photo.');
    return bytes;
  }

  async setFeeling(actor: Actor, body: z.output<typeof FeelingBody>): Promise<Feeling> {
    const view = await this.own(actor);
    const space: SpaceRow = {
      ...view.space,
      feelingEmoji: body.emoji,
      feelingText: body.text,
      feelingPinned: body.pinned,
      feelingSetAt: this.deps.clock.now(),
    };
    await this.save(space);
    return toFeeling(space, this.deps.clock.now())!;
  }

  async clearFeeling(actor: Actor): Promise<void> {
    const view = await this.own(actor);
    await this.save({ ...view.space, feelingEmoji: null, feelingText: null, feelingPinned: false, feelingSetAt: null });
  }

  // ─── Events ──────────────────────────────────────────────────────────────────────────────────────────────────

  async addEvent(actor: Actor, body: z.output<typeof EventBody>): Promise<ProfileEvent> {
    const me = requireUser(actor);
    await this.checkAudiences(me.userId, [body.audience]);
    const row: EventRow = {
      id: newId('pev'),
      ownerId: me.userId,
      kind: body.kind,
      title: body.title,
      date: body.date,
      monthDay: body.date.slice(5),
      yearly: body.yearly,
      audience: body.audience,
      giftsAllowed: body.giftsAllowed,
      createdAt: this.deps.clock.now(),
    };
    await this.deps.repo.insertEvent(row);
    return (await presentEvents(this.deps.repo, [row], me.userId, this.today()))[0]!;
  }

  private async ownEvent(ownerId: string, eventId: string): Promise<EventRow> {
    const row = await this.deps.repo.findEvent(eventId);
    if (!row || row.ownerId !== ownerId) throw new AppError('not_found', 'No such event.');
    return row;
  }

  async updateEvent(actor: Actor, eventId: string, patch: z.output<typeof EventPatchBody>): Promise<ProfileEvent> {
    const me = requireUser(actor);
    await this.ownEvent(me.userId, eventId);
    if (patch.audience) await this.checkAudiences(me.userId, [patch.audience]);
    const row = await this.deps.repo.updateEvent(eventId, { ...patch, ...(patch.date && { monthDay: patch.date.slice(5) }) });
    if (!row) throw new AppError('not_found', 'No such event.');
    return (await presentEvents(this.deps.repo, [row], me.userId, this.today()))[0]!;
  }

  async removeEvent(actor: Actor, eventId: string): Promise<void> {
    const me = requireUser(actor);
    await this.ownEvent(me.userId, eventId);
    await this.deps.database.transaction((tx) => this.deps.repo.with(tx).deleteEvent(eventId));
  }

  /** Events of the people the viewer added that they may see, from today to 30 days ahead, soonest first. */
  async upcoming(actor: Actor): Promise<UpcomingEvent[]> {
    const me = requireUser(actor);
    const views = await this.access.openMany(await this.deps.people.addedBy(me.userId), me.userId);
    const viewOf = new Map(views.map((view) => [view.owner.id, view]));
    const rows = (await this.deps.repo.eventsOf([...viewOf.keys()])).filter((row) => viewOf.get(row.ownerId)!.seesEvent(row));
    const events = await presentEvents(this.deps.repo, rows, me.userId, this.today());
    return events
      .filter((event) => event.daysUntil >= 0 && event.daysUntil <= UPCOMING_EVENT_DAYS)
      .sort((a, b) => a.daysUntil - b.daysUntil || a.id.localeCompare(b.id))
      .map((event) => ({ owner: viewOf.get(event.ownerId)!.owner, event }));
  }

  async follow(actor: Actor, ownerId: string, events: boolean): Promise<{ followingEvents: boolean }> {
    const me = requireUser(actor);
    const view = await this.access.open(ownerId, me.userId);
    if (view.isOwner) throw new AppError('forbidden', 'Your own events need no reminder.');
    if (events) await this.deps.repo.follow(me.userId, ownerId, this.deps.clock.now());
    else await this.deps.repo.unfollow(me.userId, ownerId);
    return { followingEvents: events };
  }

  // ─── Audience lists ──────────────────────────────────────────────────────────────────────────────────────────

  async lists(actor: Actor): Promise<AudienceList[]> {
    const me = requireUser(actor);
    return this.presentLists(await this.deps.repo.listsOf([me.userId]));
  }

  private async presentLists(rows: ListRow[]): Promise<AudienceList[]> {
    const people = await this.deps.people.profiles(rows.flatMap((row) => row.memberIds));
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      memberIds: row.memberIds,
      members: row.memberIds.flatMap((id) => people.get(id) ?? []),
    }));
  }

  private async checkMembers(ownerId: string, memberIds: string[]): Promise<string[]> {
    const ids = [...new Set(memberIds)];
    const added = await this.deps.people.friendsAmong(ownerId, ids);
    if (ids.some((id) => !added.has(id))) throw new AppError('validation_failed', 'A list holds only people you have added.');
    return ids;
  }

  async addList(actor: Actor, body: z.output<typeof AudienceListBody>): Promise<AudienceList> {
    const me = requireUser(actor);
    const memberIds = await this.checkMembers(me.userId, body.memberIds);
    if ((await this.deps.repo.listsOf([me.userId])).length >= MAX_AUDIENCE_LISTS) {
      throw new AppError('validation_failed', `You can keep up to ${MAX_AUDIENCE_LISTS} lists.`);
    }
    const row: ListRow = { id: newId('pal'), ownerId: me.userId, name: body.name, memberIds, createdAt: this.deps.clock.now() };
    await this.deps.repo.insertList(row);
    return (await this.presentLists([row]))[0]!;
  }

  async updateList(actor: Actor, listId: string, body: z.output<typeof AudienceListBody>): Promise<AudienceList> {
    const me = requireUser(actor);
    const memberIds = await this.checkMembers(me.userId, body.memberIds);
    const row = await this.deps.repo.updateList(me.userId, listId, { name: body.name, memberIds });
    if (!row) throw new AppError('not_found', 'No such list.');
    return (await this.presentLists([row]))[0]!;
  }

  /** Deletes a list; blocks and events shown to it are then shown to the owner only, never to more people. */
  async removeList(actor: Actor, listId: string): Promise<void> {
    const view = await this.own(actor);
    const ownerId = view.owner.id;
    const named = (audience: Audience) => audience.kind === 'list' && audience.listId === listId;
    await this.deps.database.transaction(async (tx) => {
      const repo = this.deps.repo.with(tx);
      if (!(await repo.deleteList(ownerId, listId))) throw new AppError('not_found', 'No such list.');
      if (view.space.blocks.some((b) => named(b.audience))) {
        await this.save({ ...view.space, blocks: view.space.blocks.map((b) => (named(b.audience) ? { ...b, audience: ONLY_ME } : b)) }, tx);
      }
      for (const event of await repo.eventsOf([ownerId])) {
        if (named(event.audience)) await repo.updateEvent(event.id, { audience: ONLY_ME });
      }
    });
  }

  // ─── Export ──────────────────────────────────────────────────────────────────────────────────────────────────

  /** The whole space as one zip: `profile.json` (everything written in it) and the pictures. */
  async export(actor: Actor): Promise<Buffer> {
    const view = await this.own(actor);
    const ownerId = view.owner.id;
    const repo = this.deps.repo;
    const [space, events, lists, entries, celebrations, gifts, photos] = await Promise.all([
      this.present(view),
      repo.eventsOf([ownerId]),
      this.lists(actor),
      repo.allEntries(ownerId),
      repo.celebrationsOfOwner(ownerId),
      repo.giftsOfOwner(ownerId),
      repo.photosOf(ownerId),
    ]);
    const people = await this.deps.people.profiles([...entries.map((e) => e.writerId), ...celebrations.map((c) => c.visitorId), ...gifts.map((g) => g.senderId)]);
    const person = (id: string) => people.get(id) ?? { id, handle: '', displayName: '', statusMessage: '', avatarUrl: null };
    const document = {
      exportedAt: this.deps.clock.now().toISOString(),
      owner: view.owner,
      space: {
        cover: space.cover,
        background: space.background,
        stickers: space.stickers,
        blocks: view.space.blocks,
        music: view.space.music ?? null,
        showVisitors: view.space.showVisitors,
      },
      feeling: toFeeling(view.space, this.deps.clock.now()),
      events: await presentEvents(repo, events, ownerId, this.today()),
      lists,
      guestbook: toEntries(entries, new Map(entries.map((e) => [e.writerId, person(e.writerId)])), ownerId),
      celebrations: celebrations.map((c) => ({ eventId: c.eventId, occursOn: c.occursOn, user: person(c.visitorId), reaction: c.reaction, at: c.createdAt.toISOString() })),
      gifts: gifts.map((g) => ({ eventId: g.eventId, occursOn: g.occursOn, giftId: g.giftId, from: person(g.senderId), productName: g.productName, sentAt: g.createdAt.toISOString() })),
      photos: photos.map((p) => ({ id: p.id, file: `pictures/photos/${p.id}.webp`, width: p.width, height: p.height, addedAt: p.createdAt.toISOString() })),
      visitors: space.visitors,
    };
    const files: Zippable = { 'profile.json': strToU8(JSON.stringify(document, null, 2)) };
    // Pictures are WebP already: stored, not compressed again.
    const pictures: Zippable = {};
    if (view.space.coverKey) {
      const cover = await this.deps.media.get(view.space.coverKey);
      if (cover) pictures['cover.webp'] = [cover, { level: 0 }];
    }
    const strip: Zippable = {};
    for (const photo of photos) {
      const bytes = await this.deps.media.get(photo.key);
      if (bytes) strip[`${photo.id}.webp`] = [bytes, { level: 0 }];
    }
    if (photos.length > 0) pictures.photos = strip;
    if (Object.keys(pictures).length > 0) files.pictures = pictures;
    return Buffer.from(zipSync(files, { mtime: this.deps.clock.now() }));
  }
}

function toPhoto(ownerId: string, row: PhotoRow): ProfilePhoto {
  return { id: row.id, url: `/api/profiles/${ownerId}/photos/${row.id}`, width: row.width, height: row.height };
}
