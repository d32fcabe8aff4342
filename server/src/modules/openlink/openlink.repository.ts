import { and, arrayContains, arrayOverlaps, asc, count, desc, eq, inArray, isNull, lt, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database';
import { openBans, openConversations, openJoinRequests, openMembers, openModerationLog, openProfiles, openReports, openRooms, openTranslations } from './openlink.schema';

export type OpenRoomRow = typeof openRooms.$inferSelect;
export type OpenMemberRow = typeof openMembers.$inferSelect;
export type ModerationRow = typeof openModerationLog.$inferSelect;
export type ProfileRow = typeof openProfiles.$inferSelect;
export type JoinRequestRow = typeof openJoinRequests.$inferSelect;
export type ReportRow = typeof openReports.$inferSelect;
/** A member now in the room, with who they are there. */
export type MemberWithProfile = OpenMemberRow & { profile: ProfileRow };

export interface RoomQuery {
  terms: string[];
  category?: string;
  languages?: string[];
  sort: 'trending' | 'new' | 'members';
  limit: number;
}

/** All SQL for open rooms and their members. */
export class OpenlinkRepository {
  constructor(private readonly db: Executor) {}

  with(tx: Executor): OpenlinkRepository {
    return new OpenlinkRepository(tx);
  }

  async insertRoom(row: OpenRoomRow): Promise<void> {
    await this.db.insert(openRooms).values(row);
  }

  async findRoom(roomId: string): Promise<OpenRoomRow | undefined> {
    const [row] = await this.db.select().from(openRooms).where(eq(openRooms.roomId, roomId));
    return row;
  }

  async findByLink(linkCode: string): Promise<OpenRoomRow | undefined> {
    const [row] = await this.db.select().from(openRooms).where(eq(openRooms.linkCode, linkCode));
    return row;
  }

  /**
   * Takes a seat in the room in one conditional statement, so concurrent joins stop exactly at the cap; a join warms
   * the room's trend by `weight`. Answers whether there was a seat.
   */
  async takeSeat(roomId: string, trendNow: number, weight: number): Promise<boolean> {
    const rows = await this.db
      .update(openRooms)
      .set({ memberCount: sql`${openRooms.memberCount} + 1`, trendKey: warmed(trendNow, weight) })
      .where(and(eq(openRooms.roomId, roomId), lt(openRooms.memberCount, openRooms.memberCap)))
      .returning({ roomId: openRooms.roomId });
    return rows.length > 0;
  }

  async freeSeat(roomId: string): Promise<void> {
    await this.db.update(openRooms).set({ memberCount: sql`greatest(${openRooms.memberCount} - 1, 0)` }).where(eq(openRooms.roomId, roomId));
  }

  async insertProfile(row: ProfileRow): Promise<void> {
    await this.db.insert(openProfiles).values(row);
  }

  async findProfile(roomId: string, memberId: string): Promise<ProfileRow | undefined> {
    const [row] = await this.db.select().from(openProfiles).where(and(eq(openProfiles.roomId, roomId), eq(openProfiles.memberId, memberId)));
    return row;
  }

  async profilesByIds(memberIds: string[]): Promise<Map<string, ProfileRow>> {
    if (memberIds.length === 0) return new Map();
    const rows = await this.db.select().from(openProfiles).where(inArray(openProfiles.memberId, memberIds));
    return new Map(rows.map((r) => [r.memberId, r]));
  }

  async updateProfile(memberId: string, patch: Partial<Pick<ProfileRow, 'nickname' | 'avatarUrl' | 'lang'>>): Promise<ProfileRow> {
    const [row] = await this.db.update(openProfiles).set(patch).where(eq(openProfiles.memberId, memberId)).returning();
    return row!;
  }

  /** The room's members now, with their profiles: hosts first, then co-hosts, then by when they joined. */
  async listMembers(roomId: string): Promise<MemberWithProfile[]> {
    const rows = await this.db
      .select({ member: openMembers, profile: openProfiles })
      .from(openMembers)
      .innerJoin(openProfiles, eq(openProfiles.memberId, openMembers.memberId))
      .where(eq(openMembers.roomId, roomId))
      .orderBy(sql`case ${openMembers.role} when 'host' then 0 when 'cohost' then 1 else 2 end`, asc(openMembers.joinedAt), asc(openMembers.memberId));
    return rows.map((r) => ({ ...r.member, profile: r.profile }));
  }

  /** A member now in the room, by the member id the room knows them by. */
  findMemberById(roomId: string, memberId: string): Promise<MemberWithProfile | undefined> {
    return this.memberWithProfile(and(eq(openMembers.roomId, roomId), eq(openMembers.memberId, memberId))!);
  }

  /** An account's membership of the room now, with who they are there. */
  findMemberWithProfile(roomId: string, userId: string): Promise<MemberWithProfile | undefined> {
    return this.memberWithProfile(and(eq(openMembers.roomId, roomId), eq(openMembers.userId, userId))!);
  }

  private async memberWithProfile(where: SQL): Promise<MemberWithProfile | undefined> {
    const [row] = await this.db
      .select({ member: openMembers, profile: openProfiles })
      .from(openMembers)
      .innerJoin(openProfiles, eq(openProfiles.memberId, openMembers.memberId))
      .where(where);
    return row && { ...row.member, profile: row.profile };
  }

  /** Starts a 1:1 conversation; answers false if this person already has one with the room's host. */
  async insertConversation(row: typeof openConversations.$inferInsert): Promise<boolean> {
    const rows = await this.db.insert(openConversations).values(row).onConflictDoNothing().returning({ roomId: openConversations.roomId });
    return rows.length > 0;
  }

  async findConversation(openRoomId: string, userId: string): Promise<string | undefined> {
    const [row] = await this.db
      .select({ roomId: openConversations.roomId })
      .from(openConversations)
      .where(and(eq(openConversations.openRoomId, openRoomId), eq(openConversations.userId, userId)));
    return row?.roomId;
  }

  /** The caller's 1:1 conversation in each of `openRoomIds` where they have one. */
  async conversationsAmong(userId: string, openRoomIds: string[]): Promise<Map<string, string>> {
    if (openRoomIds.length === 0) return new Map();
    const rows = await this.db
      .select({ openRoomId: openConversations.openRoomId, roomId: openConversations.roomId })
      .from(openConversations)
      .where(and(eq(openConversations.userId, userId), inArray(openConversations.openRoomId, openRoomIds)));
    return new Map(rows.map((r) => [r.openRoomId, r.roomId]));
  }

  async insertRequest(row: JoinRequestRow): Promise<void> {
    await this.db.insert(openJoinRequests).values(row).onConflictDoNothing();
  }

  async findRequest(roomId: string, id: string): Promise<JoinRequestRow | undefined> {
    const [row] = await this.db.select().from(openJoinRequests).where(and(eq(openJoinRequests.roomId, roomId), eq(openJoinRequests.id, id)));
    return row;
  }

  /** Takes a request off the list; answers it if it was still there (so two hosts answering at once answer it once). */
  async deleteRequest(id: string): Promise<JoinRequestRow | undefined> {
    const [row] = await this.db.delete(openJoinRequests).where(eq(openJoinRequests.id, id)).returning();
    return row;
  }

  async deleteRequestOf(roomId: string, userId: string): Promise<void> {
    await this.db.delete(openJoinRequests).where(and(eq(openJoinRequests.roomId, roomId), eq(openJoinRequests.userId, userId)));
  }

  async listRequests(roomId: string, limit: number): Promise<JoinRequestRow[]> {
    return this.db.select().from(openJoinRequests).where(eq(openJoinRequests.roomId, roomId)).orderBy(asc(openJoinRequests.at), asc(openJoinRequests.id)).limit(limit);
  }

  /** Which of `roomIds` the user has asked to join and waits on. */
  async requestedAmong(userId: string, roomIds: string[]): Promise<Set<string>> {
    if (roomIds.length === 0) return new Set();
    const rows = await this.db
      .select({ roomId: openJoinRequests.roomId })
      .from(openJoinRequests)
      .where(and(eq(openJoinRequests.userId, userId), inArray(openJoinRequests.roomId, roomIds)));
    return new Set(rows.map((r) => r.roomId));
  }

  /** Files a report; the same person reporting the same thing again changes nothing. */
  async insertReport(row: ReportRow): Promise<void> {
    await this.db.insert(openReports).values(row).onConflictDoNothing();
  }

  async listReports(roomId: string, limit: number): Promise<ReportRow[]> {
    return this.db.select().from(openReports).where(eq(openReports.roomId, roomId)).orderBy(desc(openReports.at), desc(openReports.id)).limit(limit);
  }

  async setGlossary(roomId: string, glossary: OpenRoomRow['glossary']): Promise<void> {
    await this.db.update(openRooms).set({ glossary }).where(eq(openRooms.roomId, roomId));
  }

  async findTranslations(roomId: string, seqs: number[], lang: string): Promise<Map<number, string>> {
    if (seqs.length === 0) return new Map();
    const rows = await this.db
      .select({ seq: openTranslations.seq, text: openTranslations.text })
      .from(openTranslations)
      .where(and(eq(openTranslations.roomId, roomId), eq(openTranslations.lang, lang), inArray(openTranslations.seq, seqs)));
    return new Map(rows.map((r) => [r.seq, r.text]));
  }

  async keepTranslation(row: typeof openTranslations.$inferInsert): Promise<void> {
    await this.db.insert(openTranslations).values(row).onConflictDoNothing();
  }

  /** Forgets a message's translations (it was hidden or deleted). */
  async forgetTranslations(roomId: string, seq: number): Promise<void> {
    await this.db.delete(openTranslations).where(and(eq(openTranslations.roomId, roomId), eq(openTranslations.seq, seq)));
  }

  /** Warms the room's trend by `weight` (messages sent in it, gathered for a while). */
  async warm(roomId: string, trendNow: number, weight: number): Promise<void> {
    await this.db.update(openRooms).set({ trendKey: warmed(trendNow, weight) }).where(eq(openRooms.roomId, roomId));
  }

  /** Adds a member; answers false if they were in already. */
  async insertMember(row: Pick<OpenMemberRow, 'roomId' | 'userId' | 'memberId' | 'role' | 'joinedAt'>): Promise<boolean> {
    const rows = await this.db.insert(openMembers).values(row).onConflictDoNothing().returning({ userId: openMembers.userId });
    return rows.length > 0;
  }

  async deleteMember(roomId: string, userId: string): Promise<OpenMemberRow | undefined> {
    const [row] = await this.db.delete(openMembers).where(and(eq(openMembers.roomId, roomId), eq(openMembers.userId, userId))).returning();
    return row;
  }

  /** The caller's membership in each of `roomIds` they are in. */
  async membershipsOf(userId: string, roomIds: string[]): Promise<Map<string, OpenMemberRow>> {
    if (roomIds.length === 0) return new Map();
    const rows = await this.db
      .select()
      .from(openMembers)
      .where(and(eq(openMembers.userId, userId), inArray(openMembers.roomId, roomIds)));
    return new Map(rows.map((r) => [r.roomId, r]));
  }

  async findMember(roomId: string, userId: string): Promise<OpenMemberRow | undefined> {
    const [row] = await this.db.select().from(openMembers).where(and(eq(openMembers.roomId, roomId), eq(openMembers.userId, userId)));
    return row;
  }

  async setRole(roomId: string, userId: string, role: OpenMemberRow['role'], rights: string[]): Promise<boolean> {
    const rows = await this.db
      .update(openMembers)
      .set({ role, rights })
      .where(and(eq(openMembers.roomId, roomId), eq(openMembers.userId, userId), ne(openMembers.role, 'host')))
      .returning({ userId: openMembers.userId });
    return rows.length > 0;
  }

  async cohostCount(roomId: string): Promise<number> {
    const [row] = await this.db.select({ n: count() }).from(openMembers).where(and(eq(openMembers.roomId, roomId), eq(openMembers.role, 'cohost')));
    return row?.n ?? 0;
  }

  /**
   * Slow mode, in one conditional statement: moves the member's last post to `now` only if their last one was at
   * least `seconds` ago, so of many messages sent at once exactly one gets through. Answers whether it did.
   */
  async claimPost(roomId: string, userId: string, now: Date, seconds: number): Promise<boolean> {
    const since = new Date(now.getTime() - seconds * 1000);
    const rows = await this.db
      .update(openMembers)
      .set({ lastPostAt: now })
      .where(and(eq(openMembers.roomId, roomId), eq(openMembers.userId, userId), or(isNull(openMembers.lastPostAt), lte(openMembers.lastPostAt, since))))
      .returning({ userId: openMembers.userId });
    return rows.length > 0;
  }

  async updateSettings(roomId: string, settings: Partial<Pick<OpenRoomRow, 'slowModeSeconds' | 'readOnly' | 'pinnedNotice' | 'bannedWords' | 'wordMatch' | 'glossary' | 'coverUrl'>>): Promise<OpenRoomRow> {
    const [row] = await this.db.update(openRooms).set(settings).where(eq(openRooms.roomId, roomId)).returning();
    return row!;
  }

  async ban(row: typeof openBans.$inferInsert): Promise<void> {
    await this.db.insert(openBans).values(row).onConflictDoNothing();
  }

  /** Lets an account back in, named by the member id it had when it was kept out (or any profile it had in the room). */
  async unban(roomId: string, userId: string): Promise<boolean> {
    const rows = await this.db.delete(openBans).where(and(eq(openBans.roomId, roomId), eq(openBans.userId, userId))).returning({ userId: openBans.userId });
    return rows.length > 0;
  }

  async isBanned(roomId: string, userId: string): Promise<boolean> {
    const [row] = await this.db.select({ userId: openBans.userId }).from(openBans).where(and(eq(openBans.roomId, roomId), eq(openBans.userId, userId)));
    return row !== undefined;
  }

  async logModeration(row: ModerationRow): Promise<void> {
    await this.db.insert(openModerationLog).values(row);
  }

  async moderationLog(roomId: string, limit: number): Promise<ModerationRow[]> {
    return this.db.select().from(openModerationLog).where(eq(openModerationLog.roomId, roomId)).orderBy(desc(openModerationLog.at), desc(openModerationLog.id)).limit(limit);
  }

  /**
   * Who takes over from a leaving host: a co-host before a member, then whoever posted most recently (the most active
   * now), then whoever has been in the room longest.
   */
  async nextHost(roomId: string, except: string): Promise<string | undefined> {
    const [row] = await this.db
      .select({ userId: openMembers.userId })
      .from(openMembers)
      .where(and(eq(openMembers.roomId, roomId), ne(openMembers.userId, except)))
      .orderBy(sql`case when ${openMembers.role} = 'cohost' then 0 else 1 end`, sql`${openMembers.lastPostAt} desc nulls last`, asc(openMembers.joinedAt), asc(openMembers.userId))
      .limit(1);
    return row?.userId;
  }

  /** Closes the room; false when it was closed already. */
  async closeRoom(roomId: string, now: Date): Promise<boolean> {
    const rows = await this.db
      .update(openRooms)
      .set({ closedAt: now })
      .where(and(eq(openRooms.roomId, roomId), isNull(openRooms.closedAt)))
      .returning({ roomId: openRooms.roomId });
    return rows.length > 0;
  }

  async roomsByIds(roomIds: string[]): Promise<OpenRoomRow[]> {
    if (roomIds.length === 0) return [];
    return this.db.select().from(openRooms).where(inArray(openRooms.roomId, roomIds));
  }

  async makeHost(roomId: string, userId: string): Promise<void> {
    await this.db.update(openMembers).set({ role: 'host', rights: [] }).where(and(eq(openMembers.roomId, roomId), eq(openMembers.userId, userId)));
    await this.db.update(openRooms).set({ hostId: userId }).where(eq(openRooms.roomId, roomId));
  }

  /** Rooms with every term (GIN), in a category and any of some languages; an empty room is not listed. */
  async search(query: RoomQuery): Promise<OpenRoomRow[]> {
    const where: SQL[] = [sql`${openRooms.memberCount} > 0`, isNull(openRooms.closedAt)];
    if (query.terms.length > 0) where.push(arrayContains(openRooms.searchTerms, query.terms));
    if (query.category) where.push(eq(openRooms.category, query.category));
    if (query.languages?.length) where.push(arrayOverlaps(openRooms.languages, query.languages));
    const order =
      query.sort === 'new'
        ? [desc(openRooms.createdAt)]
        : query.sort === 'members'
          ? [desc(openRooms.memberCount), desc(openRooms.trendKey)]
          : [desc(openRooms.trendKey)];
    return this.db
      .select()
      .from(openRooms)
      .where(and(...where))
      .orderBy(...order, asc(openRooms.roomId))
      .limit(query.limit);
  }
}

/** The trend key after an event of `weight` at `now` (in units of the decay time): ln(e^(key − now) + weight) + now. */
function warmed(now: number, weight: number): SQL {
  return sql`ln(exp(${openRooms.trendKey} - ${now}::double precision) + ${weight}::double precision) + ${now}::double precision`;
}
