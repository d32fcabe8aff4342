import type {
  CelebrationReaction,
  CelebrationWall,
  Celebrations,
  GuestbookBody,
  GuestbookEntry,
  ProfileEventKind,
  ProfileNotice,
} from '@maum/protocol';
import type { z } from 'zod';
import { requireSystem, requireUser, type Actor } from '../../platform/actor';
import type { EventBus } from '../../platform/bus/event-bus';
import type { Clock } from '../../platform/clock';
import type { Database, Executor } from '../../platform/db/database';
import { AppError } from '../../platform/errors';
import { newId } from '../../platform/ids';
import type { Logger } from '../../platform/log';
import type { RateLimiter } from '../../platform/rate-limit/rate-limiter';
import type { AccountsDirectory } from '../accounts';
import { dayOf, monthDaysOn, occurrenceOf } from './calendar';
import { presentEvents, toEntries } from './profiles.mappers';
import type { EventCards } from './profiles.ports';
import type { EntryReader, EntryRow, EventRow, NoticeRow, ProfilesRepository } from './profiles.repository';
import { SpaceAccess, type SpaceView } from './space-access';

export interface CelebrationsServiceDeps {
  database: Database;
  repo: ProfilesRepository;
  people: AccountsDirectory;
  limiter: RateLimiter;
  cards: EventCards;
  bus: EventBus;
  clock: Clock;
  log: Logger;
}

/** How often one person may write in guestbooks. */
const SIGN_LIMIT = { limit: 5, windowMs: 60_000, message: 'You are writing a lot. Wait a moment before the next entry.' };
const PAGE = 50;
const NOTICES = 100;

/** An event a gift is sent for: checked before the purchase, recorded in its transaction. */
export interface GiftOccasion {
  eventId: string;
  occursOn: string;
  ownerId: string;
}

/**
 * What visitors do on a space: celebrate an event, write in the guestbook, send a gift for an event. Each reaches the
 * owner as a notice; each event reaches those who follow it as a card in chat on its day.
 */
export class CelebrationsService {
  private readonly access: SpaceAccess;

  constructor(private readonly deps: CelebrationsServiceDeps) {
    this.access = new SpaceAccess({ repo: deps.repo, people: deps.people, now: () => deps.clock.now() });
  }

  private today(): string {
    return dayOf(this.deps.clock.now());
  }

  private reader(view: SpaceView): EntryReader {
    return view.isOwner ? { owner: true } : { owner: false, viewerId: view.viewerId };
  }

  // ─── Celebrations ────────────────────────────────────────────────────────────────────────────────────────────

  /** Celebrates an event's occurrence: once per visitor, whatever the taps; a new reaction replaces the old. */
  async celebrate(actor: Actor, ownerId: string, eventId: string, reaction: CelebrationReaction): Promise<Celebrations> {
    const me = requireUser(actor);
    const view = await this.access.open(ownerId, me.userId);
    const event = view.requireEvent(await this.deps.repo.findEvent(eventId));
    if (view.isOwner) throw new AppError('forbidden', 'Friends celebrate your events; you cannot celebrate your own.');
    const occursOn = occurrenceOf(event, this.today());
    const now = this.deps.clock.now();
    await this.deps.database.transaction(async (tx) => {
      const repo = this.deps.repo.with(tx);
      const first = await repo.celebrate({ eventId, occursOn, visitorId: me.userId, ownerId, reaction, createdAt: now });
      if (first) await this.notify(tx, { ownerId, kind: 'celebration', fromId: me.userId, eventId, reaction });
    });
    return this.celebrationsOf(event, me.userId);
  }

  async uncelebrate(actor: Actor, ownerId: string, eventId: string): Promise<Celebrations> {
    const me = requireUser(actor);
    const view = await this.access.open(ownerId, me.userId);
    const event = view.requireEvent(await this.deps.repo.findEvent(eventId));
    await this.deps.repo.uncelebrate(eventId, occurrenceOf(event, this.today()), me.userId);
    return this.celebrationsOf(event, me.userId);
  }

  private async celebrationsOf(event: EventRow, viewerId: string): Promise<Celebrations> {
    return (await presentEvents(this.deps.repo, [event], viewerId, this.today()))[0]!.celebrations;
  }

  /** Everything gathered around an event's occurrence. The owner sees who celebrated and who sent what. */
  async wall(actor: Actor, ownerId: string, eventId: string): Promise<CelebrationWall> {
    const me = requireUser(actor);
    const view = await this.access.open(ownerId, me.userId);
    const row = view.requireEvent(await this.deps.repo.findEvent(eventId));
    const [event] = await presentEvents(this.deps.repo, [row], me.userId, this.today());
    const occursOn = event!.occursOn;
    const [celebrators, entries, gifts] = await Promise.all([
      view.isOwner ? this.deps.repo.celebrators(eventId, occursOn) : Promise.resolve([]),
      view.seesBlock('guestbook') ? this.deps.repo.entries(ownerId, this.reader(view), { event: { eventId, occursOn }, limit: 200 }) : Promise.resolve([]),
      this.deps.repo.eventGifts(eventId, occursOn),
    ]);
    const shownGifts = view.isOwner ? gifts : gifts.filter((g) => g.senderId === me.userId);
    const people = await this.deps.people.profiles([
      ...celebrators.map((c) => c.visitorId),
      ...entries.map((e) => e.writerId),
      ...shownGifts.map((g) => g.senderId),
    ]);
    return {
      owner: view.owner,
      event: event!,
      celebrators: view.isOwner
        ? celebrators.flatMap((c) => {
            const user = people.get(c.visitorId);
            return user ? [{ user, reaction: c.reaction as CelebrationReaction, at: c.createdAt.toISOString() }] : [];
          })
        : null,
      entries: toEntries(entries, people, me.userId),
      gifts: {
        count: gifts.length,
        items: shownGifts.flatMap((g) => {
          const from = people.get(g.senderId);
          return from ? [{ giftId: g.giftId, from, productName: g.productName, sentAt: g.createdAt.toISOString() }] : [];
        }),
      },
    };
  }

  // ─── Guestbook ───────────────────────────────────────────────────────────────────────────────────────────────

  private async occasion(view: SpaceView, eventId: string | undefined): Promise<{ eventId: string; occursOn: string } | undefined> {
    if (!eventId) return undefined;
    const event = view.requireEvent(await this.deps.repo.findEvent(eventId));
    return { eventId, occursOn: occurrenceOf(event, this.today()) };
  }

  async guestbook(actor: Actor, ownerId: string, query: { before?: string; eventId?: string }): Promise<GuestbookEntry[]> {
    const me = requireUser(actor);
    const view = await this.access.open(ownerId, me.userId);
    view.requireBlock('guestbook', 'guestbook');
    const event = await this.occasion(view, query.eventId);
    const rows = await this.deps.repo.entries(ownerId, this.reader(view), { before: query.before, event, limit: PAGE });
    return this.presentEntries(rows, me.userId);
  }

  private async presentEntries(rows: EntryRow[], viewerId: string): Promise<GuestbookEntry[]> {
    return toEntries(rows, await this.deps.people.profiles(rows.map((row) => row.writerId)), viewerId);
  }

  async sign(actor: Actor, ownerId: string, body: z.output<typeof GuestbookBody>): Promise<GuestbookEntry> {
    const me = requireUser(actor);
    const view = await this.access.open(ownerId, me.userId);
    view.requireBlock('guestbook', 'guestbook');
    if (view.isOwner) throw new AppError('forbidden', 'Visitors write in your guestbook; you answer them.');
    const event = await this.occasion(view, body.eventId);
    await this.deps.limiter.hit(`guestbook:${me.userId}`, SIGN_LIMIT);
    const row: EntryRow = {
      id: newId('pgb'),
      ownerId,
      writerId: me.userId,
      text: body.text,
      secret: body.secret,
      eventId: event?.eventId ?? null,
      occursOn: event?.occursOn ?? null,
      replyText: null,
      replyAt: null,
      createdAt: this.deps.clock.now(),
    };
    await this.deps.database.transaction(async (tx) => {
      await this.deps.repo.with(tx).insertEntry(row);
      await this.notify(tx, { ownerId, kind: 'guestbook', fromId: me.userId, eventId: row.eventId, entryId: row.id, secret: row.secret });
    });
    return (await this.presentEntries([row], me.userId))[0]!;
  }

  /** The entry, if the viewer may read it; otherwise `not_found`, so a secret entry's existence is not told. */
  private async readableEntry(view: SpaceView, entryId: string): Promise<EntryRow> {
    const entry = await this.deps.repo.findEntry(view.owner.id, entryId);
    const own = entry?.writerId === view.viewerId;
    if (!entry || (!own && !view.isOwner && (entry.secret || !view.seesBlock('guestbook')))) {
      throw new AppError('not_found', 'No such entry.');
    }
    return entry;
  }

  async reply(actor: Actor, ownerId: string, entryId: string, text: string): Promise<GuestbookEntry> {
    const me = requireUser(actor);
    const view = await this.access.open(ownerId, me.userId);
    await this.readableEntry(view, entryId);
    if (!view.isOwner) throw new AppError('forbidden', 'Only the owner answers guestbook entries.');
    const row = await this.deps.repo.replyTo(entryId, text, this.deps.clock.now());
    if (!row) throw new AppError('not_found', 'No such entry.');
    return (await this.presentEntries([row], me.userId))[0]!;
  }

  async unsign(actor: Actor, ownerId: string, entryId: string): Promise<void> {
    const me = requireUser(actor);
    const view = await this.access.open(ownerId, me.userId);
    const entry = await this.readableEntry(view, entryId);
    if (entry.writerId !== me.userId && !view.isOwner) throw new AppError('forbidden', 'Only its writer or the owner deletes an entry.');
    await this.deps.database.transaction((tx) => this.deps.repo.with(tx).deleteEntry(entryId));
  }

  // ─── Gifts for events ────────────────────────────────────────────────────────────────────────────────────────

  /** Checks a gift for an event before it is paid: to the event's owner alone, who shows it to the sender and wants gifts. */
  async admitGift(actor: Actor, senderId: string, recipientIds: string[], eventId: string): Promise<GiftOccasion> {
    requireSystem(actor, 'Only the gift flow records gifts for events.');
    const found = await this.deps.repo.findEvent(eventId);
    if (!found) throw new AppError('not_found', 'No such event.');
    const view = await this.access.open(found.ownerId, senderId);
    const event = view.requireEvent(found);
    if (view.isOwner || recipientIds.length !== 1 || recipientIds[0] !== event.ownerId) {
      throw new AppError('validation_failed', 'A gift for an event goes to its owner alone.');
    }
    if (!event.giftsAllowed) throw new AppError('gifts_not_wanted', 'No gifts for this one, just wishes: celebrate or write instead.');
    return { eventId, occursOn: occurrenceOf(event, this.today()), ownerId: event.ownerId };
  }

  /** Records gifts for an event in the purchase's transaction, with a notice to its owner. */
  async recordGifts(actor: Actor, tx: Executor, occasion: GiftOccasion, gifts: Array<{ giftId: string; senderId: string; productName: string }>): Promise<void> {
    requireSystem(actor, 'Only the gift flow records gifts for events.');
    const now = this.deps.clock.now();
    await this.deps.repo.with(tx).insertEventGifts(gifts.map((g) => ({ ...g, eventId: occasion.eventId, occursOn: occasion.occursOn, ownerId: occasion.ownerId, createdAt: now })));
    for (const g of gifts) {
      await this.notify(tx, { ownerId: occasion.ownerId, kind: 'gift', fromId: g.senderId, eventId: occasion.eventId, productName: g.productName });
    }
  }

  // ─── Notices ─────────────────────────────────────────────────────────────────────────────────────────────────

  /** Writes a notice in `tx`; once it commits, the owner's sockets hear the new unread count. */
  private async notify(tx: Executor, notice: Pick<NoticeRow, 'ownerId' | 'kind' | 'fromId'> & Partial<NoticeRow>): Promise<void> {
    await this.deps.repo.with(tx).insertNotice({
      id: newId('pnt'),
      eventId: null,
      reaction: null,
      entryId: null,
      secret: false,
      productName: null,
      readAt: null,
      createdAt: this.deps.clock.now(),
      ...notice,
    });
    await this.deps.database.afterCommit(tx, async () => {
      const unread = await this.deps.repo.unread(notice.ownerId);
      await this.deps.bus.publish('profiles.notice.created', { ownerId: notice.ownerId, unread });
    });
  }

  async notices(actor: Actor): Promise<{ notices: ProfileNotice[]; unread: number }> {
    const me = requireUser(actor);
    const [rows, unread] = await Promise.all([this.deps.repo.notices(me.userId, NOTICES), this.deps.repo.unread(me.userId)]);
    const [people, events] = await Promise.all([
      this.deps.people.profiles(rows.map((row) => row.fromId)),
      this.deps.repo.eventsByIds(rows.flatMap((row) => row.eventId ?? [])),
    ]);
    const eventOf = new Map(events.map((e) => [e.id, e]));
    const notices = rows.flatMap((row): ProfileNotice[] => {
      const from = people.get(row.fromId);
      if (!from) return [];
      const event = row.eventId ? eventOf.get(row.eventId) : undefined;
      return [
        {
          id: row.id,
          kind: row.kind,
          from,
          event: event ? { id: event.id, kind: event.kind as ProfileEventKind, title: event.title } : null,
          reaction: row.reaction as CelebrationReaction | null,
          entryId: row.entryId,
          secret: row.secret,
          productName: row.productName,
          createdAt: row.createdAt.toISOString(),
          read: row.readAt !== null,
        },
      ];
    });
    return { notices, unread };
  }

  async readNotices(actor: Actor): Promise<{ unread: number }> {
    const me = requireUser(actor);
    await this.deps.repo.readAll(me.userId, this.deps.clock.now());
    await this.deps.bus.publish('profiles.notice.created', { ownerId: me.userId, unread: 0 });
    return { unread: 0 };
  }

  // ─── The day's cards ─────────────────────────────────────────────────────────────────────────────────────────

  /**
   * Posts today's event cards: for each event falling today, a card from Maum to each follower who may see it and has
   * not had it. Each card is claimed in the transaction that owes it, so a follower gets one per occurrence, whichever
   * node runs this, and someone who starts following later that day still gets theirs on the next run.
   */
  async postDayCards(actor: Actor): Promise<number> {
    requireSystem(actor, 'Only the scheduler posts event cards.');
    const today = this.today();
    let posted = 0;
    for (const event of await this.deps.repo.eventsFallingOn(today, monthDaysOn(today))) {
      try {
        posted += await this.announce(event, today);
      } catch (err) {
        // One event's failure waits for the next run; the others still go out.
        this.deps.log.error({ err, eventId: event.id }, 'profile event cards failed');
      }
    }
    return posted;
  }

  private async announce(event: EventRow, today: string): Promise<number> {
    const followers = await this.deps.repo.followersOf(event.ownerId);
    const carded = await this.deps.repo.carded(event.id, today, followers);
    const recipients: Array<{ followerId: string; owner: SpaceView['owner'] }> = [];
    for (const followerId of followers) {
      if (carded.has(followerId)) continue;
      const [view] = await this.access.openMany([event.ownerId], followerId);
      if (view?.seesEvent(event)) recipients.push({ followerId, owner: view.owner });
    }
    if (recipients.length === 0) return 0;
    const fromUserId = await this.deps.cards.sender();
    return this.deps.database.transaction(async (tx) => {
      const repo = this.deps.repo.with(tx);
      let posted = 0;
      for (const { followerId, owner } of recipients) {
        if (!(await repo.claimCard(event.id, today, followerId, this.deps.clock.now()))) continue;
        await this.deps.cards.post(tx, {
          fromUserId,
          toUserId: followerId,
          clientMsgId: `profile-event-${event.id}-${today}`,
          card: {
            type: 'profile_event',
            eventId: event.id,
            ownerId: event.ownerId,
            ownerName: owner.displayName,
            ownerAvatarUrl: owner.avatarUrl,
            kind: event.kind as ProfileEventKind,
            title: event.title,
            occursOn: today,
            giftsAllowed: event.giftsAllowed,
          },
        });
        posted++;
      }
      return posted;
    });
  }
}
