import { and, asc, desc, eq, gt, gte, inArray, isNotNull, isNull, lt, lte, ne, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database';
import { anyOf, insertMany, unnestColumns, unnestOf } from '../../platform/db/bulk';
import { chatCardOutbox, hiddenMessages, media, messages, reactions, roomMembers, rooms } from './chat.schema';

export type RoomRow = typeof rooms.$inferSelect;
export type MemberRow = typeof roomMembers.$inferSelect;
export type MessageRow = typeof messages.$inferSelect;
export type MediaRow = typeof media.$inferSelect;
export type NewMessage = typeof messages.$inferInsert;
export type OwedCardRow = typeof chatCardOutbox.$inferSelect;

/** How an open room shows a member (see `roomMembers.faceId`); a null name means their main profile's name and picture. */
export interface Face {
  id: string;
  name: string | null;
  avatarUrl: string | null;
}

export interface RoomListRow {
  room: RoomRow;
  member: MemberRow;
  lastMessage: MessageRow | null;
  lastHidden: boolean;
}

/** All SQL for rooms, members, messages, reactions and chat media. */
export class ChatRepository {
  constructor(private readonly db: Executor) {}

  /** The same repository working inside a caller's transaction. */
  with(tx: Executor): ChatRepository {
    return new ChatRepository(tx);
  }

  async insertRoom(room: typeof rooms.$inferInsert): Promise<RoomRow | undefined> {
    const [row] = await this.db.insert(rooms).values(room).onConflictDoNothing().returning();
    return row;
  }

  /** Inserts rooms, skipping any whose key (a pair's room) another made first. */
  async insertRooms(rows: Array<typeof rooms.$inferInsert>): Promise<void> {
    await insertMany(this.db, rooms, rows, { skipConflicts: true });
  }

  /** Inserts the first members of rooms just made. */
  async insertMembers(rows: Array<typeof roomMembers.$inferInsert>): Promise<void> {
    await insertMany(this.db, roomMembers, rows);
  }

  async findRoom(id: string): Promise<RoomRow | undefined> {
    const [row] = await this.db.select().from(rooms).where(eq(rooms.id, id));
    return row;
  }

  /** Reads the room and locks its row until the transaction ends (sends to it wait meanwhile). */
  async findRoomForUpdate(id: string): Promise<RoomRow> {
    const [row] = await this.db.select().from(rooms).where(eq(rooms.id, id)).for('update');
    if (!row) throw new Error(`room ${id} vanished`);
    return row;
  }

  /** Which of `userIds` are current members. */
  async membersAmong(roomId: string, userIds: string[]): Promise<string[]> {
    const rows = await this.db
      .select({ userId: roomMembers.userId })
      .from(roomMembers)
      .where(and(eq(roomMembers.roomId, roomId), inArray(roomMembers.userId, userIds), isNull(roomMembers.leftAt), isNull(roomMembers.suspendedSeq)));
    return rows.map((r) => r.userId);
  }

  /** Of `userIds`, the members of the room who are suspended (see `room_members.suspended_seq`). */
  async suspendedAmong(roomId: string, userIds: string[]): Promise<string[]> {
    const rows = await this.db
      .select({ userId: roomMembers.userId })
      .from(roomMembers)
      .where(and(eq(roomMembers.roomId, roomId), inArray(roomMembers.userId, userIds), isNull(roomMembers.leftAt), isNotNull(roomMembers.suspendedSeq)));
    return rows.map((r) => r.userId);
  }

  /** Suspends members at the room's latest seq (those not suspended already); answers who was. */
  async suspendMembers(roomId: string, userIds: string[]): Promise<string[]> {
    if (userIds.length === 0) return [];
    const rows = await this.db
      .update(roomMembers)
      .set({ suspendedSeq: sql`(select ${rooms.lastSeq} from ${rooms} where ${rooms.id} = ${roomId})` })
      .where(and(eq(roomMembers.roomId, roomId), inArray(roomMembers.userId, userIds), isNull(roomMembers.leftAt), isNull(roomMembers.suspendedSeq)))
      .returning({ userId: roomMembers.userId });
    return rows.map((r) => r.userId);
  }

  /** Lifts members' suspension; answers whose was lifted. */
  async restoreMembers(roomId: string, userIds: string[]): Promise<string[]> {
    if (userIds.length === 0) return [];
    const rows = await this.db
      .update(roomMembers)
      .set({ suspendedSeq: null })
      .where(and(eq(roomMembers.roomId, roomId), inArray(roomMembers.userId, userIds), isNull(roomMembers.leftAt), isNotNull(roomMembers.suspendedSeq)))
      .returning({ userId: roomMembers.userId });
    return rows.map((r) => r.userId);
  }

  async findDirectRoom(directKey: string): Promise<RoomRow | undefined> {
    const [row] = await this.db.select().from(rooms).where(eq(rooms.directKey, directKey));
    return row;
  }

  /** The rooms of these keys (direct and channel rooms) that exist, by key. */
  async findDirectRooms(directKeys: string[]): Promise<Map<string, RoomRow>> {
    if (directKeys.length === 0) return new Map();
    const rows = await this.db.select().from(rooms).where(anyOf(rooms.directKey, directKeys));
    return new Map(rows.map((r) => [r.directKey!, r]));
  }

  /** Of these (room, person) pairs, those where the person takes part now: in the room, and not suspended. */
  async activeMembers(pairs: Array<{ roomId: string; userId: string }>): Promise<Set<string>> {
    if (pairs.length === 0) return new Set();
    const { from, select } = unnestOf(roomMembers, pairs, ['roomId', 'userId'], 'p');
    const result = (await this.db.execute(sql`
      select ${roomMembers.roomId} as room_id, ${roomMembers.userId} as user_id from ${roomMembers} join ${from}
        on ${roomMembers.roomId} = ${select[0]} and ${roomMembers.userId} = ${select[1]}
      where ${roomMembers.leftAt} is null and ${roomMembers.suspendedSeq} is null`)) as unknown as { rows: Array<{ room_id: string; user_id: string }> };
    return new Set(result.rows.map((r) => `${r.room_id}\u0000${r.user_id}`));
  }

  /**
   * Takes the next seq of each room (one message each), locking the rooms in id order so two such writers cannot
   * wait for each other: room id → the seq.
   */
  async nextSeqOfRooms(roomIds: string[], now: Date): Promise<Map<string, number>> {
    if (roomIds.length === 0) return new Map();
    const result = (await this.db.execute(sql`
      with locked as (select ${rooms.id} from ${rooms} where ${anyOf(rooms.id, roomIds)} order by ${rooms.id} for no key update)
      update ${rooms} set last_seq = ${rooms.lastSeq} + 1, last_activity_at = ${now.toISOString()}::timestamptz
      from locked where ${rooms.id} = locked.id
      returning ${rooms.id} as id, ${rooms.lastSeq} as last_seq`)) as unknown as { rows: Array<{ id: string; last_seq: number | string }> };
    return new Map(result.rows.map((r) => [r.id, Number(r.last_seq)]));
  }

  /** The room and the caller's membership, in one query, if they are in it now. */
  async findMembership(roomId: string, userId: string): Promise<{ room: RoomRow; member: MemberRow } | undefined> {
    const [row] = await this.db
      .select({ room: rooms, member: roomMembers })
      .from(roomMembers)
      .innerJoin(rooms, eq(rooms.id, roomMembers.roomId))
      .where(and(eq(roomMembers.roomId, roomId), eq(roomMembers.userId, userId), isNull(roomMembers.leftAt)));
    return row;
  }

  /** The caller's membership, if they are in the room now. */
  async findMember(roomId: string, userId: string): Promise<MemberRow | undefined> {
    const [row] = await this.db
      .select()
      .from(roomMembers)
      .where(and(eq(roomMembers.roomId, roomId), eq(roomMembers.userId, userId), isNull(roomMembers.leftAt)));
    return row;
  }

  async listMembers(roomId: string): Promise<MemberRow[]> {
    return this.db
      .select()
      .from(roomMembers)
      .where(and(eq(roomMembers.roomId, roomId), isNull(roomMembers.leftAt)))
      .orderBy(asc(roomMembers.joinedAt), asc(roomMembers.userId));
  }

  /** How an open room shows each of `userIds` who is or was in it (see `roomMembers.faceId`). */
  async faces(roomId: string, userIds: string[]): Promise<Map<string, Face>> {
    if (userIds.length === 0) return new Map();
    const rows = await this.db
      .select()
      .from(roomMembers)
      .where(and(eq(roomMembers.roomId, roomId), inArray(roomMembers.userId, userIds)));
    return facesOf(rows);
  }

  async setFace(roomId: string, userId: string, face: Face): Promise<void> {
    await this.db
      .update(roomMembers)
      .set({ faceId: face.id, faceName: face.name, faceAvatarUrl: face.avatarUrl })
      .where(and(eq(roomMembers.roomId, roomId), eq(roomMembers.userId, userId)));
  }

  async roomIdsOf(userId: string): Promise<string[]> {
    const rows = await this.db
      .select({ roomId: roomMembers.roomId })
      .from(roomMembers)
      .where(and(eq(roomMembers.userId, userId), isNull(roomMembers.leftAt), isNull(roomMembers.suspendedSeq)));
    return rows.map((r) => r.roomId);
  }

  /**
   * Adds members, or brings back ones who left (their history starts again at `joinedSeq`). Answers the user ids
   * that were actually added, then refreshes the room's member count.
   */
  async addMembers(
    roomId: string,
    members: Array<{ userId: string; role: MemberRow['role']; face?: Face }>,
    joinedSeq: number,
    now: Date,
  ): Promise<string[]> {
    if (members.length === 0) return [];
    const rows = await this.db
      .insert(roomMembers)
      .values(
        members.map((m) => ({
          roomId, userId: m.userId, role: m.role, readSeq: joinedSeq, joinedSeq, joinedAt: now,
          faceId: m.face?.id ?? null, faceName: m.face?.name ?? null, faceAvatarUrl: m.face?.avatarUrl ?? null,
        })),
      )
      .onConflictDoUpdate({
        target: [roomMembers.roomId, roomMembers.userId],
        set: {
          leftAt: null, joinedSeq, readSeq: joinedSeq, joinedAt: now, role: sql`excluded.role`,
          faceId: sql`excluded.face_id`, faceName: sql`excluded.face_name`, faceAvatarUrl: sql`excluded.face_avatar_url`,
        },
        setWhere: sql`${roomMembers.leftAt} is not null`,
      })
      .returning({ userId: roomMembers.userId });
    await this.refreshMemberCount(roomId);
    return rows.map((r) => r.userId);
  }

  async markLeft(roomId: string, userId: string, now: Date): Promise<boolean> {
    const rows = await this.db
      .update(roomMembers)
      .set({ leftAt: now })
      .where(and(eq(roomMembers.roomId, roomId), eq(roomMembers.userId, userId), isNull(roomMembers.leftAt)))
      .returning({ userId: roomMembers.userId });
    await this.refreshMemberCount(roomId);
    return rows.length > 0;
  }

  private async refreshMemberCount(roomId: string): Promise<void> {
    await this.db
      .update(rooms)
      .set({
        memberCount: sql`(select count(*) from ${roomMembers} where ${roomMembers.roomId} = ${roomId} and ${roomMembers.leftAt} is null)`,
      })
      .where(eq(rooms.id, roomId));
  }

  async setTitle(roomId: string, title: string): Promise<void> {
    await this.db.update(rooms).set({ title }).where(eq(rooms.id, roomId));
  }

  /**
   * Takes the room's next `count` seqs; answers the first. The UPDATE locks the room row until the caller's
   * transaction ends, so concurrent senders (on any node) queue here, and a rolled-back send gives its numbers
   * back: no gaps, no duplicates.
   */
  async nextSeqs(roomId: string, count: number, now: Date): Promise<number> {
    const [row] = await this.db
      .update(rooms)
      .set({ lastSeq: sql`${rooms.lastSeq} + ${count}`, lastActivityAt: now })
      .where(eq(rooms.id, roomId))
      .returning({ last: rooms.lastSeq });
    if (!row) throw new Error(`room ${roomId} vanished while sending`);
    return row.last - count + 1;
  }

  /** Inserts the rows, skipping any already sent; answers how many were inserted. */
  async insertMessages(rows: NewMessage[]): Promise<number> {
    return insertMany(this.db, messages, rows, { skipConflicts: true });
  }

  /** Messages already stored for any of these (sender, clientMsgId) pairs. */
  async findByClientMsgIds(roomId: string, pairs: Array<{ senderId: string; clientMsgId: string }>): Promise<MessageRow[]> {
    if (pairs.length === 0) return [];
    const list = sql.join(
      pairs.map((p) => sql`(${p.senderId}, ${p.clientMsgId})`),
      sql`, `,
    );
    return this.db
      .select()
      .from(messages)
      .where(and(eq(messages.roomId, roomId), sql`(${messages.senderId}, ${messages.clientMsgId}) in (${list})`));
  }

  async findMessage(roomId: string, seq: number): Promise<MessageRow | undefined> {
    const [row] = await this.db.select().from(messages).where(and(eq(messages.roomId, roomId), eq(messages.seq, seq)));
    return row;
  }

  async hideFrom(roomId: string, seq: number, userIds: string[]): Promise<void> {
    if (userIds.length === 0) return;
    await this.db
      .insert(hiddenMessages)
      .values(userIds.map((userId) => ({ roomId, seq, userId })))
      .onConflictDoNothing();
  }

  /** Moves a read pointer forward (never back, never past the last message); answers the new value if it moved. */
  async advanceRead(roomId: string, userId: string, seq: number): Promise<number | undefined> {
    const [row] = await this.db
      .update(roomMembers)
      .set({ readSeq: sql`least(${seq}, (select ${rooms.lastSeq} from ${rooms} where ${rooms.id} = ${roomId}))` })
      .where(
        and(
          eq(roomMembers.roomId, roomId),
          eq(roomMembers.userId, userId),
          isNull(roomMembers.leftAt),
          lt(roomMembers.readSeq, seq),
          sql`${roomMembers.readSeq} < (select ${rooms.lastSeq} from ${rooms} where ${rooms.id} = ${roomId})`,
        ),
      )
      .returning({ readSeq: roomMembers.readSeq });
    return row?.readSeq;
  }

  /** Moves each (room, person)'s read pointer up to its seq, in one statement (never back). */
  async readUpToMany(pointers: Array<{ roomId: string; userId: string; readSeq: number }>): Promise<void> {
    if (pointers.length === 0) return;
    const { from, select } = unnestOf(roomMembers, pointers, ['roomId', 'userId', 'readSeq'], 'v');
    const [roomId, userId, seq] = select;
    await this.db.execute(sql`
      update ${roomMembers} set read_seq = ${seq} from ${from}
      where ${roomMembers.roomId} = ${roomId} and ${roomMembers.userId} = ${userId} and ${roomMembers.readSeq} < ${seq}`);
  }

  /** Moves each sender's read pointer up to their own newest message (senders have read what they sent). */
  async readUpTo(roomId: string, seqByUser: Map<string, number>): Promise<void> {
    if (seqByUser.size === 0) return;
    const values = sql.join(
      [...seqByUser].map(([userId, seq]) => sql`(${userId}::text, ${seq}::integer)`),
      sql`, `,
    );
    await this.db.execute(sql`
      update ${roomMembers} set read_seq = v.seq
      from (values ${values}) as v(user_id, seq)
      where ${roomMembers.roomId} = ${roomId} and ${roomMembers.userId} = v.user_id and ${roomMembers.readSeq} < v.seq`);
  }

  /** Messages with seq in (afterSeq, afterSeq + limit], oldest first. */
  async messagesAfter(roomId: string, afterSeq: number, limit: number): Promise<MessageRow[]> {
    return this.db
      .select()
      .from(messages)
      .where(and(eq(messages.roomId, roomId), gt(messages.seq, afterSeq)))
      .orderBy(asc(messages.seq))
      .limit(limit);
  }

  /** The `limit` newest messages below `beforeSeq` and above `minSeq`, newest first. */
  async messagesBetween(roomId: string, fromSeq: number, toSeq: number): Promise<MessageRow[]> {
    return this.db
      .select()
      .from(messages)
      .where(and(eq(messages.roomId, roomId), gte(messages.seq, fromSeq), lte(messages.seq, toSeq)))
      .orderBy(asc(messages.seq));
  }

  async messagesBefore(roomId: string, beforeSeq: number, minSeq: number, limit: number): Promise<MessageRow[]> {
    return this.db
      .select()
      .from(messages)
      .where(and(eq(messages.roomId, roomId), lt(messages.seq, beforeSeq), gt(messages.seq, minSeq)))
      .orderBy(desc(messages.seq))
      .limit(limit);
  }

  async search(roomId: string, minSeq: number, text: string, limit: number): Promise<MessageRow[]> {
    const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    return this.db
      .select()
      .from(messages)
      .where(
        and(
          eq(messages.roomId, roomId),
          gt(messages.seq, minSeq),
          isNull(messages.deletedAt),
          inArray(messages.kind, ['text', 'reply', 'image', 'video']),
          sql`coalesce(${messages.body}->>'text', ${messages.body}->>'caption', '') ilike ${pattern}`,
        ),
      )
      .orderBy(desc(messages.seq))
      .limit(limit);
  }

  /** Seqs among `seqs` that `userId` may not see because they blocked the sender. */
  async hiddenSeqs(roomId: string, userId: string, fromSeq: number, toSeq: number): Promise<Set<number>> {
    const rows = await this.db
      .select({ seq: hiddenMessages.seq })
      .from(hiddenMessages)
      .where(
        and(
          eq(hiddenMessages.roomId, roomId),
          eq(hiddenMessages.userId, userId),
          gte(hiddenMessages.seq, fromSeq),
          lte(hiddenMessages.seq, toSeq),
        ),
      );
    return new Set(rows.map((r) => r.seq));
  }

  async reactionsFor(roomId: string, fromSeq: number, toSeq: number): Promise<Map<number, Record<string, string[]>>> {
    const rows = await this.db
      .select({ seq: reactions.seq, emoji: reactions.emoji, userId: reactions.userId })
      .from(reactions)
      .where(and(eq(reactions.roomId, roomId), gte(reactions.seq, fromSeq), lte(reactions.seq, toSeq)))
      .orderBy(asc(reactions.createdAt));
    const bySeq = new Map<number, Record<string, string[]>>();
    for (const r of rows) {
      const entry = bySeq.get(r.seq) ?? {};
      (entry[r.emoji] ??= []).push(r.userId);
      bySeq.set(r.seq, entry);
    }
    return bySeq;
  }

  async addReaction(roomId: string, seq: number, userId: string, emoji: string, now: Date): Promise<void> {
    await this.db.insert(reactions).values({ roomId, seq, userId, emoji, createdAt: now }).onConflictDoNothing();
  }

  async removeReaction(roomId: string, seq: number, userId: string, emoji: string): Promise<void> {
    await this.db
      .delete(reactions)
      .where(and(eq(reactions.roomId, roomId), eq(reactions.seq, seq), eq(reactions.userId, userId), eq(reactions.emoji, emoji)));
  }

  /** Deletes the sender's own message for everyone if it was sent at or after `sentSince`. */
  /** Empties a message for everyone: any message (a room's moderator), or only `sender`'s sent since `sentSince`. */
  async deleteForEveryone(roomId: string, seq: number, now: Date, sender?: { senderId: string; sentSince: Date }): Promise<boolean> {
    const rows = await this.db
      .update(messages)
      .set({ deletedAt: now, body: {} })
      .where(
        and(
          eq(messages.roomId, roomId),
          eq(messages.seq, seq),
          ...(sender ? [eq(messages.senderId, sender.senderId), gte(messages.createdAt, sender.sentSince)] : []),
          ne(messages.kind, 'system'),
          isNull(messages.deletedAt),
        ),
      )
      .returning({ seq: messages.seq });
    if (rows.length > 0) await this.db.delete(reactions).where(and(eq(reactions.roomId, roomId), eq(reactions.seq, seq)));
    return rows.length > 0;
  }

  /** The user's rooms that have at least one message, most recently active first, with each last message. */
  async listRooms(userId: string): Promise<RoomListRow[]> {
    const rows = await this.db
      .select({ room: rooms, member: roomMembers, lastMessage: messages, hiddenSeq: hiddenMessages.seq })
      .from(roomMembers)
      .innerJoin(rooms, eq(rooms.id, roomMembers.roomId))
      .leftJoin(messages, and(eq(messages.roomId, rooms.id), eq(messages.seq, rooms.lastSeq)))
      .leftJoin(
        hiddenMessages,
        and(eq(hiddenMessages.roomId, rooms.id), eq(hiddenMessages.seq, rooms.lastSeq), eq(hiddenMessages.userId, userId)),
      )
      .where(and(eq(roomMembers.userId, userId), isNull(roomMembers.leftAt), isNull(roomMembers.suspendedSeq), gt(rooms.lastSeq, roomMembers.joinedSeq)))
      .orderBy(desc(rooms.lastActivityAt));
    return rows.map((r) => ({ room: r.room, member: r.member, lastMessage: r.lastMessage, lastHidden: r.hiddenSeq !== null }));
  }

  /** Up to `perRoom` other current members of each room, earliest joined first. */
  async otherMembers(roomIds: string[], userId: string, perRoom: number): Promise<Map<string, string[]>> {
    const result = new Map<string, string[]>();
    if (roomIds.length === 0) return result;
    const ranked = this.db
      .select({
        roomId: roomMembers.roomId,
        userId: roomMembers.userId,
        rank: sql<number>`row_number() over (partition by ${roomMembers.roomId} order by ${roomMembers.joinedAt}, ${roomMembers.userId})`.as('rank'),
      })
      .from(roomMembers)
      .where(and(inArray(roomMembers.roomId, roomIds), ne(roomMembers.userId, userId), isNull(roomMembers.leftAt)))
      .as('ranked');
    const rows = await this.db.select().from(ranked).where(lte(ranked.rank, perRoom));
    for (const r of rows) result.set(r.roomId, [...(result.get(r.roomId) ?? []), r.userId]);
    return result;
  }

  async insertMedia(row: typeof media.$inferInsert): Promise<MediaRow> {
    const [inserted] = await this.db.insert(media).values(row).returning();
    return inserted!;
  }

  async findMedia(id: string): Promise<MediaRow | undefined> {
    const [row] = await this.db.select().from(media).where(eq(media.id, id));
    return row;
  }

  /** Owes cards; a card owed again (same sender and client id) is kept once. */
  async oweCards(rows: OwedCardRow[]): Promise<void> {
    await insertMany(this.db, chatCardOutbox, rows, { skipConflicts: true });
  }

  /**
   * Posts cards into the direct (or channel) rooms of their keys in one statement: for each card whose room exists
   * and whose sender takes part there now, the room's seq moves on by one under its row lock (rooms locked in id order,
   * as `nextSeqOfRooms` does), the message is stored at that seq, and the sender has read up to it. At most one card a
   * room. Answers, by message id, the room and seq of each card posted; `conflicted` is true when a room's seq moved
   * but its card was stored before (the caller then rolls back, so no seq is left without its message).
   */
  async postCardsByKey(
    cards: Array<{ id: string; directKey: string; senderId: string; clientMsgId: string; body: Record<string, unknown> }>,
    now: Date,
  ): Promise<{ posted: Map<string, { roomId: string; seq: number }>; conflicted: boolean }> {
    if (cards.length === 0) return { posted: new Map(), conflicted: false };
    const { from, select } = unnestColumns(
      [
        { column: messages.id, values: cards.map((c) => c.id) },
        { column: rooms.directKey, values: cards.map((c) => c.directKey) },
        { column: messages.senderId, values: cards.map((c) => c.senderId) },
        { column: messages.clientMsgId, values: cards.map((c) => c.clientMsgId) },
        { column: messages.body, values: cards.map((c) => c.body) },
      ],
      'c',
    );
    const [id, directKey, senderId, clientMsgId, body] = select;
    const at = sql`${now.toISOString()}::timestamptz`;
    const result = (await this.db.execute(sql`
      with v as (select ${id} as id, ${directKey} as direct_key, ${senderId} as sender_id, ${clientMsgId} as client_msg_id, ${body} as body from ${from}),
      locked as (
        select r.id as room_id, v.id as message_id from ${rooms} r
          join v on r.direct_key = v.direct_key
          join ${roomMembers} m on m.room_id = r.id and m.user_id = v.sender_id and m.left_at is null and m.suspended_seq is null
        order by r.id for no key update of r),
      seqs as (
        update ${rooms} set last_seq = ${rooms.lastSeq} + 1, last_activity_at = ${at}
        from locked where ${rooms.id} = locked.room_id
        returning ${rooms.id} as room_id, ${rooms.lastSeq} as seq),
      ins as (
        insert into ${messages} (id, room_id, seq, sender_id, client_msg_id, kind, body, created_at)
        select v.id, seqs.room_id, seqs.seq, v.sender_id, v.client_msg_id, 'card', v.body, ${at}
          from v join locked on locked.message_id = v.id join seqs on seqs.room_id = locked.room_id
        on conflict do nothing
        returning id, room_id, seq, sender_id),
      reads as (
        update ${roomMembers} set read_seq = ins.seq from ins
        where ${roomMembers.roomId} = ins.room_id and ${roomMembers.userId} = ins.sender_id and ${roomMembers.readSeq} < ins.seq)
      select seqs.room_id, seqs.seq, ins.id as message_id from seqs left join ins on ins.room_id = seqs.room_id`)) as unknown as {
      rows: Array<{ room_id: string; seq: number | string; message_id: string | null }>;
    };
    const posted = new Map<string, { roomId: string; seq: number }>();
    for (const row of result.rows) if (row.message_id) posted.set(row.message_id, { roomId: row.room_id, seq: Number(row.seq) });
    return { posted, conflicted: result.rows.some((row) => row.message_id === null) };
  }

  async clearOwedCards(ids: string[]): Promise<void> {
    if (ids.length > 0) await this.db.delete(chatCardOutbox).where(anyOf(chatCardOutbox.id, ids));
  }

  /** Cards still owed since before `before`, oldest first. */
  async owedCardsBefore(before: Date, limit: number): Promise<OwedCardRow[]> {
    return this.db.select().from(chatCardOutbox).where(lt(chatCardOutbox.createdAt, before)).orderBy(asc(chatCardOutbox.createdAt)).limit(limit);
  }
}

/** Members' faces by account, for those who have one (members of open rooms). */
export function facesOf(members: MemberRow[]): Map<string, Face> {
  return new Map(members.flatMap((m) => (m.faceId ? [[m.userId, { id: m.faceId, name: m.faceName, avatarUrl: m.faceAvatarUrl }] as const] : [])));
}
