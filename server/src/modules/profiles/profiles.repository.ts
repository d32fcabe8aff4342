import { and, count, desc, eq, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database';
import {
  profileCelebrations,
  profileEventCards,
  profileEventGifts,
  profileEvents,
  profileFollows,
  profileGuestbook,
  profileLists,
  profileNotices,
  profilePhotos,
  profileSpaces,
  profileVisits,
} from './profiles.schema';

export type SpaceRow = typeof profileSpaces.$inferSelect;
export type EventRow = typeof profileEvents.$inferSelect;
export type CelebrationRow = typeof profileCelebrations.$inferSelect;
export type EntryRow = typeof profileGuestbook.$inferSelect;
export type EventGiftRow = typeof profileEventGifts.$inferSelect;
export type PhotoRow = typeof profilePhotos.$inferSelect;
export type ListRow = typeof profileLists.$inferSelect;
export type NoticeRow = typeof profileNotices.$inferSelect;

/** Who may read which guestbook entries: the owner reads all; anyone else the open ones and their own secret ones. */
export type EntryReader = { owner: true } | { owner: false; viewerId: string };

/** All SQL for profile spaces. */
export class ProfilesRepository {
  constructor(private readonly db: Executor) {}

  with(tx: Executor): ProfilesRepository {
    return new ProfilesRepository(tx);
  }

  // ─── Spaces ──────────────────────────────────────────────────────────────────────────────────────────────────

  async findSpace(userId: string): Promise<SpaceRow | undefined> {
    const [row] = await this.db.select().from(profileSpaces).where(eq(profileSpaces.userId, userId));
    return row;
  }

  async spacesOf(userIds: string[]): Promise<SpaceRow[]> {
    if (userIds.length === 0) return [];
    return this.db.select().from(profileSpaces).where(inArray(profileSpaces.userId, userIds));
  }

  async saveSpace(row: SpaceRow): Promise<void> {
    const { userId: _key, ...rest } = row;
    await this.db.insert(profileSpaces).values(row).onConflictDoUpdate({ target: profileSpaces.userId, set: rest });
  }

  // ─── Events ──────────────────────────────────────────────────────────────────────────────────────────────────

  async insertEvent(row: EventRow): Promise<void> {
    await this.db.insert(profileEvents).values(row);
  }

  async updateEvent(id: string, patch: Partial<EventRow>): Promise<EventRow | undefined> {
    const [row] = await this.db.update(profileEvents).set(patch).where(eq(profileEvents.id, id)).returning();
    return row;
  }

  async deleteEvent(id: string): Promise<void> {
    await this.db.delete(profileEvents).where(eq(profileEvents.id, id));
    await this.db.delete(profileCelebrations).where(eq(profileCelebrations.eventId, id));
    await this.db.update(profileGuestbook).set({ eventId: null, occursOn: null }).where(eq(profileGuestbook.eventId, id));
  }

  async findEvent(id: string): Promise<EventRow | undefined> {
    const [row] = await this.db.select().from(profileEvents).where(eq(profileEvents.id, id));
    return row;
  }

  async eventsByIds(ids: string[]): Promise<EventRow[]> {
    if (ids.length === 0) return [];
    return this.db.select().from(profileEvents).where(inArray(profileEvents.id, [...new Set(ids)]));
  }

  async eventsOf(ownerIds: string[]): Promise<EventRow[]> {
    if (ownerIds.length === 0) return [];
    return this.db.select().from(profileEvents).where(inArray(profileEvents.ownerId, ownerIds)).orderBy(profileEvents.id);
  }

  /** Events that fall on `day`: yearly ones on one of `monthDays`, one-offs on the day itself. */
  async eventsFallingOn(day: string, monthDays: string[]): Promise<EventRow[]> {
    return this.db
      .select()
      .from(profileEvents)
      .where(
        or(
          and(eq(profileEvents.yearly, true), inArray(profileEvents.monthDay, monthDays), sql`${profileEvents.date} <= ${day}`),
          and(eq(profileEvents.yearly, false), eq(profileEvents.date, day)),
        ),
      );
  }

  // ─── Celebrations ────────────────────────────────────────────────────────────────────────────────────────────

  /** Celebrates, or changes the reaction of an earlier celebration. Answers whether this was the first. */
  async celebrate(row: CelebrationRow): Promise<boolean> {
    const [result] = await this.db
      .insert(profileCelebrations)
      .values(row)
      .onConflictDoUpdate({
        target: [profileCelebrations.eventId, profileCelebrations.occursOn, profileCelebrations.visitorId],
        set: { reaction: row.reaction },
      })
      .returning({ inserted: sql<boolean>`(xmax = 0)` });
    return result?.inserted === true;
  }

  async uncelebrate(eventId: string, occursOn: string, visitorId: string): Promise<void> {
    await this.db
      .delete(profileCelebrations)
      .where(and(eq(profileCelebrations.eventId, eventId), eq(profileCelebrations.occursOn, occursOn), eq(profileCelebrations.visitorId, visitorId)));
  }

  /** Celebrations of these occurrences, counted by reaction. */
  async celebrationCounts(occurrences: Array<{ eventId: string; occursOn: string }>): Promise<Array<{ eventId: string; occursOn: string; reaction: string; n: number }>> {
    if (occurrences.length === 0) return [];
    const rows = await this.db
      .select({ eventId: profileCelebrations.eventId, occursOn: profileCelebrations.occursOn, reaction: profileCelebrations.reaction, n: count() })
      .from(profileCelebrations)
      .where(inArray(profileCelebrations.eventId, occurrences.map((o) => o.eventId)))
      .groupBy(profileCelebrations.eventId, profileCelebrations.occursOn, profileCelebrations.reaction);
    const wanted = new Set(occurrences.map((o) => `${o.eventId}/${o.occursOn}`));
    return rows.filter((row) => wanted.has(`${row.eventId}/${row.occursOn}`));
  }

  async celebrationsBy(visitorId: string, eventIds: string[]): Promise<CelebrationRow[]> {
    if (eventIds.length === 0) return [];
    return this.db
      .select()
      .from(profileCelebrations)
      .where(and(eq(profileCelebrations.visitorId, visitorId), inArray(profileCelebrations.eventId, eventIds)));
  }

  async celebrators(eventId: string, occursOn: string): Promise<CelebrationRow[]> {
    return this.db
      .select()
      .from(profileCelebrations)
      .where(and(eq(profileCelebrations.eventId, eventId), eq(profileCelebrations.occursOn, occursOn)))
      .orderBy(desc(profileCelebrations.createdAt));
  }

  async celebrationsOfOwner(ownerId: string): Promise<CelebrationRow[]> {
    return this.db.select().from(profileCelebrations).where(eq(profileCelebrations.ownerId, ownerId)).orderBy(profileCelebrations.createdAt);
  }

  // ─── Guestbook ───────────────────────────────────────────────────────────────────────────────────────────────

  async insertEntry(row: EntryRow): Promise<void> {
    await this.db.insert(profileGuestbook).values(row);
  }

  async findEntry(ownerId: string, id: string): Promise<EntryRow | undefined> {
    const [row] = await this.db.select().from(profileGuestbook).where(and(eq(profileGuestbook.id, id), eq(profileGuestbook.ownerId, ownerId)));
    return row;
  }

  async deleteEntry(id: string): Promise<void> {
    await this.db.delete(profileGuestbook).where(eq(profileGuestbook.id, id));
    await this.db.delete(profileNotices).where(eq(profileNotices.entryId, id));
  }

  async replyTo(id: string, text: string, at: Date): Promise<EntryRow | undefined> {
    const [row] = await this.db.update(profileGuestbook).set({ replyText: text, replyAt: at }).where(eq(profileGuestbook.id, id)).returning();
    return row;
  }

  private readable(ownerId: string, reader: EntryReader): SQL {
    const mine = eq(profileGuestbook.ownerId, ownerId);
    return reader.owner ? mine : and(mine, or(eq(profileGuestbook.secret, false), eq(profileGuestbook.writerId, reader.viewerId)))!;
  }

  async entries(
    ownerId: string,
    reader: EntryReader,
    filter: { before?: string; event?: { eventId: string; occursOn: string }; limit: number },
  ): Promise<EntryRow[]> {
    const conditions = [this.readable(ownerId, reader)];
    if (filter.before) conditions.push(lt(profileGuestbook.id, filter.before));
    if (filter.event) conditions.push(eq(profileGuestbook.eventId, filter.event.eventId), eq(profileGuestbook.occursOn, filter.event.occursOn));
    return this.db.select().from(profileGuestbook).where(and(...conditions)).orderBy(desc(profileGuestbook.id)).limit(filter.limit);
  }

  async countEntries(ownerId: string, reader: EntryReader): Promise<number> {
    const [row] = await this.db.select({ n: count() }).from(profileGuestbook).where(this.readable(ownerId, reader));
    return row?.n ?? 0;
  }

  async allEntries(ownerId: string): Promise<EntryRow[]> {
    return this.db.select().from(profileGuestbook).where(eq(profileGuestbook.ownerId, ownerId)).orderBy(profileGuestbook.id);
  }

  // ─── Gifts for events ────────────────────────────────────────────────────────────────────────────────────────

  async insertEventGifts(rows: EventGiftRow[]): Promise<void> {
    if (rows.length > 0) await this.db.insert(profileEventGifts).values(rows);
  }

  async eventGifts(eventId: string, occursOn: string): Promise<EventGiftRow[]> {
    return this.db
      .select()
      .from(profileEventGifts)
      .where(and(eq(profileEventGifts.eventId, eventId), eq(profileEventGifts.occursOn, occursOn)))
      .orderBy(desc(profileEventGifts.createdAt));
  }

  async giftsOfOwner(ownerId: string): Promise<EventGiftRow[]> {
    return this.db.select().from(profileEventGifts).where(eq(profileEventGifts.ownerId, ownerId)).orderBy(profileEventGifts.createdAt);
  }

  // ─── Visitors ────────────────────────────────────────────────────────────────────────────────────────────────

  async visit(ownerId: string, day: string, visitorId: string): Promise<void> {
    await this.db.insert(profileVisits).values({ ownerId, day, visitorId }).onConflictDoNothing();
  }

  async visitCounts(ownerId: string, day: string): Promise<{ today: number; total: number }> {
    const [row] = await this.db
      .select({ total: count(), today: sql<number>`count(*) filter (where ${profileVisits.day} = ${day})`.mapWith(Number) })
      .from(profileVisits)
      .where(eq(profileVisits.ownerId, ownerId));
    return { today: row?.today ?? 0, total: row?.total ?? 0 };
  }

  // ─── Photos ──────────────────────────────────────────────────────────────────────────────────────────────────

  async insertPhoto(row: PhotoRow): Promise<void> {
    await this.db.insert(profilePhotos).values(row);
  }

  async deletePhoto(ownerId: string, id: string): Promise<PhotoRow | undefined> {
    const [row] = await this.db.delete(profilePhotos).where(and(eq(profilePhotos.id, id), eq(profilePhotos.ownerId, ownerId))).returning();
    return row;
  }

  async photosOf(ownerId: string): Promise<PhotoRow[]> {
    return this.db.select().from(profilePhotos).where(eq(profilePhotos.ownerId, ownerId)).orderBy(profilePhotos.id);
  }

  async findPhoto(ownerId: string, id: string): Promise<PhotoRow | undefined> {
    const [row] = await this.db.select().from(profilePhotos).where(and(eq(profilePhotos.id, id), eq(profilePhotos.ownerId, ownerId)));
    return row;
  }

  // ─── Audience lists ──────────────────────────────────────────────────────────────────────────────────────────

  async listsOf(ownerIds: string[]): Promise<ListRow[]> {
    if (ownerIds.length === 0) return [];
    return this.db.select().from(profileLists).where(inArray(profileLists.ownerId, ownerIds)).orderBy(profileLists.id);
  }

  async insertList(row: ListRow): Promise<void> {
    await this.db.insert(profileLists).values(row);
  }

  async updateList(ownerId: string, id: string, patch: Pick<ListRow, 'name' | 'memberIds'>): Promise<ListRow | undefined> {
    const [row] = await this.db.update(profileLists).set(patch).where(and(eq(profileLists.id, id), eq(profileLists.ownerId, ownerId))).returning();
    return row;
  }

  async deleteList(ownerId: string, id: string): Promise<boolean> {
    const rows = await this.db.delete(profileLists).where(and(eq(profileLists.id, id), eq(profileLists.ownerId, ownerId))).returning({ id: profileLists.id });
    return rows.length > 0;
  }

  // ─── Follows and the day's cards ─────────────────────────────────────────────────────────────────────────────

  async follow(followerId: string, ownerId: string, at: Date): Promise<void> {
    await this.db.insert(profileFollows).values({ followerId, ownerId, createdAt: at }).onConflictDoNothing();
  }

  async unfollow(followerId: string, ownerId: string): Promise<void> {
    await this.db.delete(profileFollows).where(and(eq(profileFollows.followerId, followerId), eq(profileFollows.ownerId, ownerId)));
  }

  async isFollowing(followerId: string, ownerId: string): Promise<boolean> {
    const [row] = await this.db
      .select({ ownerId: profileFollows.ownerId })
      .from(profileFollows)
      .where(and(eq(profileFollows.followerId, followerId), eq(profileFollows.ownerId, ownerId)));
    return row !== undefined;
  }

  async followersOf(ownerId: string): Promise<string[]> {
    const rows = await this.db.select({ followerId: profileFollows.followerId }).from(profileFollows).where(eq(profileFollows.ownerId, ownerId));
    return rows.map((row) => row.followerId);
  }

  /** Of `followerIds`, those already sent the card for this occurrence. */
  async carded(eventId: string, occursOn: string, followerIds: string[]): Promise<Set<string>> {
    if (followerIds.length === 0) return new Set();
    const rows = await this.db
      .select({ followerId: profileEventCards.followerId })
      .from(profileEventCards)
      .where(and(eq(profileEventCards.eventId, eventId), eq(profileEventCards.occursOn, occursOn), inArray(profileEventCards.followerId, followerIds)));
    return new Set(rows.map((row) => row.followerId));
  }

  /** Claims one follower's card for an occurrence; false if another run already sent it. */
  async claimCard(eventId: string, occursOn: string, followerId: string, at: Date): Promise<boolean> {
    const rows = await this.db
      .insert(profileEventCards)
      .values({ eventId, occursOn, followerId, createdAt: at })
      .onConflictDoNothing()
      .returning({ followerId: profileEventCards.followerId });
    return rows.length > 0;
  }

  // ─── Notices ─────────────────────────────────────────────────────────────────────────────────────────────────

  async insertNotice(row: NoticeRow): Promise<void> {
    await this.db.insert(profileNotices).values(row);
  }

  async notices(ownerId: string, limit: number): Promise<NoticeRow[]> {
    return this.db.select().from(profileNotices).where(eq(profileNotices.ownerId, ownerId)).orderBy(desc(profileNotices.id)).limit(limit);
  }

  async unread(ownerId: string): Promise<number> {
    const [row] = await this.db
      .select({ n: count() })
      .from(profileNotices)
      .where(and(eq(profileNotices.ownerId, ownerId), isNull(profileNotices.readAt)));
    return row?.n ?? 0;
  }

  async readAll(ownerId: string, at: Date): Promise<void> {
    await this.db.update(profileNotices).set({ readAt: at }).where(and(eq(profileNotices.ownerId, ownerId), isNull(profileNotices.readAt)));
  }
}
