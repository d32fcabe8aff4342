import {
  cardText,
  ChatCard,
  DELETE_WINDOW_MS,
  type CardMessageBody,
  MAX_GROUP_MEMBERS,
  RESET_AFTER,
  type Ack,
  type Message,
  type OutgoingBody,
  type PublicProfile,
  type Room,
  type RoomSummary,
  type SystemEvent,
} from '@maum/protocol';
import type { z } from 'zod';
import { requireSystem, requireUser, type Actor, type UserActor } from '../../platform/actor';
import type { EventBus } from '../../platform/bus/event-bus';
import type { Clock } from '../../platform/clock';
import type { Database, Executor } from '../../platform/db/database';
import { AppError } from '../../platform/errors';
import { newId } from '../../platform/ids';
import type { Logger } from '../../platform/log';
import type { AccountsDirectory } from '../accounts';
import { facesOf, type ChatRepository, type Face, type MemberRow, type MessageRow, type OwedCardRow, type RoomRow } from './chat.repository';
import { toAck, toMedia, toMessage } from './chat.mappers';
import { RoomFaces } from './room-faces';
import { SendBatcher } from './send-batcher';

/**
 * What chat asks before it writes a message to an open room (slow mode, announcements only, banned words): it throws
 * the refusal, or answers the language the words are in (detected among the room's languages), which the message
 * keeps. OpenLink owns those rules; implemented in `flows/`.
 */
export interface OpenRoomPolicy {
  admit(input: { roomId: string; userId: string; text: string | null }): Promise<{ lang: string | null }>;
  /** A message with words was stored and sent out; OpenLink may now translate it for the room (without holding up the send). */
  posted(input: { roomId: string; seq: number; text: string; lang: string; hiddenFrom: string[] }): void;
  /** A member read the room's messages (what a subscription to it unlocks); told without waiting. */
  opened(input: { roomId: string; userId: string }): void;
}

export interface ChatServiceDeps {
  database: Database;
  repo: ChatRepository;
  people: AccountsDirectory;
  clock: Clock;
  bus: EventBus;
  log: Logger;
  openRooms: OpenRoomPolicy;
}

/** How long a card is left to the flow that owes it before the scheduled job posts it instead. */
const OWED_CARD_GRACE_MS = 30_000;
/** Owed cards posted side by side on PostgreSQL (see `postOwedInBackground`). */
const CARD_LANES = 4;
/** Owed cards posted together in one transaction, each into a room of its own. */
const CARD_CHUNK = 500;

/** What a reconnecting client gets for one of its cursors. */
export type SyncEntry = { roomId: string; messages: Message[] } | { roomId: string; reset: number };

const notMember = () => new AppError('forbidden', 'You are not a member of this room.');
const suspended = () => new AppError('subscription_required', 'Your subscription to this room ended: subscribe again to take part.');

/** The last seq a member may read: the room's, or where their suspension began. */
const readableTo = (room: RoomRow, member: MemberRow) => (member.suspendedSeq === null ? room.lastSeq : Math.min(room.lastSeq, member.suspendedSeq));

/**
 * Rooms and messages: direct and group rooms, sending with gapless per-room seqs, read pointers, history,
 * search, reactions and delete-for-everyone. Every change is published on the bus after its transaction commits;
 * the realtime gateway forwards it to sockets.
 */
export class ChatService {
  private readonly batcher: SendBatcher;

  constructor(private readonly deps: ChatServiceDeps) {
    this.batcher = new SendBatcher(deps.database, deps.repo, deps.people);
  }

  private get repo() {
    return this.deps.repo;
  }

  /** A room's kind never changes, so it is read once per room and kept (null: no such room). */
  private readonly kinds = new Map<string, RoomRow['kind'] | null>();
  private async kindOf(roomId: string): Promise<RoomRow['kind'] | null> {
    if (!this.kinds.has(roomId)) {
      const room = await this.repo.findRoom(roomId);
      // An unknown room is not remembered: it may be made a moment later.
      if (!room) return null;
      this.rememberKind(room);
    }
    return this.kinds.get(roomId)!;
  }

  /** Keeps a room's kind, read with the room (see `kinds`). */
  private rememberKind(room: Pick<RoomRow, 'id' | 'kind'>): void {
    if (this.kinds.size > 100_000) this.kinds.clear();
    this.kinds.set(room.id, room.kind);
  }

  /** How the room shows `userIds` (see RoomFaces): as they are, except in an open room. */
  private async facesOf(roomId: string, userIds: Iterable<string>): Promise<RoomFaces> {
    if ((await this.kindOf(roomId)) !== 'open') return RoomFaces.plain;
    return new RoomFaces(await this.repo.faces(roomId, [...new Set(userIds)]));
  }

  private async requireMember(user: UserActor, roomId: string): Promise<{ room: RoomRow; member: MemberRow }> {
    const found = await this.repo.findMembership(roomId, user.userId);
    if (!found) throw notMember();
    return found;
  }

  /** A member who may take part now: not suspended (see `room_members.suspended_seq`). */
  private async requireActiveMember(user: UserActor, roomId: string): Promise<{ room: RoomRow; member: MemberRow }> {
    const found = await this.requireMember(user, roomId);
    if (found.member.suspendedSeq !== null) throw suspended();
    return found;
  }

  async listRooms(actor: Actor): Promise<RoomSummary[]> {
    const me = requireUser(actor);
    const rows = await this.repo.listRooms(me.userId);
    const others = await this.repo.otherMembers(rows.map((r) => r.room.id), me.userId, 4);
    const profiles = await this.deps.people.profiles([...others.values()].flat());
    return Promise.all(
      rows.map(async ({ room, member, lastMessage, lastHidden }) => {
        const message = lastMessage ? toMessage(lastMessage, lastHidden) : null;
        const roomOthers = others.get(room.id) ?? [];
        const faces = room.kind === 'open' ? await this.facesOf(room.id, [me.userId, ...roomOthers, ...(message ? RoomFaces.peopleIn(message) : [])]) : RoomFaces.plain;
        return {
          id: room.id,
          kind: room.kind,
          title: room.title,
          others: roomOthers.map((id) => faces.profile(id, profiles.get(id))).filter((p): p is PublicProfile => !!p),
          memberCount: room.memberCount,
          lastSeq: room.lastSeq,
          readSeq: member.readSeq,
          unread: Math.max(0, room.lastSeq - Math.max(member.readSeq, member.joinedSeq)),
          lastMessage: message && faces.message(message),
          lastActivityAt: room.lastActivityAt.toISOString(),
          selfId: faces.id(me.userId),
        };
      }),
    );
  }

  async room(actor: Actor, roomId: string): Promise<Room> {
    const me = requireUser(actor);
    const { room, member } = await this.requireMember(me, roomId);
    return this.describe(room, member);
  }

  private async describe(room: RoomRow, member: MemberRow): Promise<Room> {
    const members = await this.repo.listMembers(room.id);
    const faces = room.kind === 'open' ? new RoomFaces(facesOf(members)) : RoomFaces.plain;
    // Open profiles need nothing from accounts: only main profiles are looked up.
    const profiles = await this.deps.people.profiles(members.filter((m) => room.kind !== 'open' || m.faceName === null).map((m) => m.userId));
    return {
      id: room.id,
      kind: room.kind,
      title: room.title,
      lastSeq: room.lastSeq,
      joinedSeq: member.joinedSeq,
      accessEndedAt: member.suspendedSeq,
      selfId: faces.id(member.userId),
      createdAt: room.createdAt.toISOString(),
      members: members.flatMap((m) => {
        const user = faces.profile(m.userId, profiles.get(m.userId));
        return user ? [{ user, role: m.role, readSeq: m.readSeq }] : [];
      }),
    };
  }

  /** The one direct room between the caller and `userId`, made on first use. */
  async openDirect(actor: Actor, userId: string): Promise<Room> {
    const me = requireUser(actor);
    if (userId === me.userId) throw new AppError('validation_failed', 'Pick someone other than yourself.');
    if (!(await this.deps.people.exists(userId)) || (await this.deps.people.hasBlocked(userId, me.userId))) {
      throw new AppError('not_found', 'No such user.');
    }
    const room = await this.directRoom(me.userId, userId);
    const member = await this.repo.findMember(room.id, me.userId);
    if (!member) throw notMember();
    return this.describe(room, member);
  }

  private directRoom(a: string, b: string): Promise<RoomRow> {
    return this.pairRoom('direct', directKey(a, b), a, b);
  }

  /** The one room of `kind` between two people, keyed by `key`, made on first use. */
  private async pairRoom(kind: 'direct' | 'channel', key: string, a: string, b: string): Promise<RoomRow> {
    const found = await this.repo.findDirectRoom(key);
    if (found) return found;
    const now = this.deps.clock.now();
    const room = await this.deps.database.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      const created = await repo.insertRoom({ id: newId('room'), kind, directKey: key, createdBy: a, createdAt: now, lastActivityAt: now });
      // Someone else made it at the same moment: theirs is the one.
      if (!created) return (await repo.findDirectRoom(key))!;
      await repo.addMembers(created.id, [{ userId: a, role: 'member' }, { userId: b, role: 'member' }], 0, now);
      return created;
    });
    // Both people's open sockets start hearing the new room (repeating this for a room made elsewhere is harmless).
    await this.deps.bus.publish('chat.members.changed', { roomId: room.id, added: [a, b], removed: [] });
    return room;
  }

  /**
   * A customer's 1:1 room with a channel (kind `channel`), whose other member is the account that speaks for the
   * channel. Made on first use, for a server flow that has checked the customer may chat with the channel.
   */
  async channelRoom(actor: Actor, input: { channelAccountId: string; customerId: string }): Promise<Room> {
    requireSystem(actor, 'Only server flows open channel chats.');
    const room = await this.pairRoom('channel', channelKey(input.channelAccountId, input.customerId), input.customerId, input.channelAccountId);
    const member = (await this.repo.findMember(room.id, input.customerId))!;
    return this.describe(room, member);
  }

  /**
   * Posts a chat card for a server flow (a gift sent, refused or cancelled; a channel's post; a certificate given) from
   * `fromUserId` into their direct room with `toUserId`, or (`room: 'channel'`) into the channel room between the
   * channel account `fromUserId` and its customer `toUserId`. This is the one way anything but a person writes in chat.
   *
   * The card is owed first, in `tx` when the flow passes its transaction (a card a money change owes is then written
   * with the money, or not at all), and posted once `tx` commits. If posting fails, the card stays owed and
   * `deliverOwedCards` posts it later; `clientMsgId` keys it, so it is never posted twice.
   */
  async postCard(
    actor: Actor,
    input: { fromUserId: string; toUserId: string; room?: 'direct' | 'channel'; card: ChatCard; clientMsgId: string },
    tx: Executor = this.deps.database.db,
  ): Promise<void> {
    await this.postCards(actor, [input], tx);
  }

  /** Posts many cards as `postCard` posts one: owed together in `tx`, and posted together once it commits. */
  async postCards(
    actor: Actor,
    inputs: Array<{ fromUserId: string; toUserId: string; room?: 'direct' | 'channel'; card: ChatCard; clientMsgId: string }>,
    tx: Executor = this.deps.database.db,
  ): Promise<void> {
    requireSystem(actor, 'Only server flows post cards.');
    if (inputs.length === 0) return;
    const owed = inputs.map((input) => this.owed(input));
    await this.repo.with(tx).oweCards(owed);
    await this.deps.database.afterCommit(tx, async () => {
      await this.deliverCards(owed);
    });
  }

  /**
   * Posts many cards in `tx` itself, for a flow that writes many at once (a batch of gift purchases): stored with what
   * they tell of, in one statement, and sent out once `tx` commits. A card goes in so when its room exists, its sender
   * takes part there and the recipient has not blocked them, one card a room; the others are owed in `tx` and posted
   * after the commit, as `postCards` posts them. `blockers` names, for each sender, those of its cards' recipients who
   * have blocked it, as the flow's own checks read it a moment before (`people.tiesWith`). Should a card have been
   * posted before, this throws, and `tx` fails with it: the flow then writes its items again another way.
   */
  async postCardsIn(
    actor: Actor,
    inputs: Array<{ fromUserId: string; toUserId: string; room?: 'direct' | 'channel'; card: ChatCard; clientMsgId: string }>,
    tx: Executor,
    blockers: Map<string, string[]>,
  ): Promise<void> {
    requireSystem(actor, 'Only server flows post cards.');
    if (inputs.length === 0) return;
    const owed = inputs.map((input) => this.owed(input));
    // One card a room, in a message of its own id.
    const ready = new Map<string, { card: OwedCardRow; messageId: string }>();
    for (const card of owed) {
      const key = pairOf(card).key;
      if (!ready.has(key) && !blockers.get(card.fromUserId)?.includes(card.toUserId)) ready.set(key, { card, messageId: newId('msg') });
    }
    const now = this.deps.clock.now();
    const { posted, conflicted } = await this.repo
      .with(tx)
      .postCardsByKey([...ready].map(([directKey, { card, messageId }]) => ({ id: messageId, directKey, senderId: card.fromUserId, clientMsgId: card.clientMsgId, body: card.body })), now);
    if (conflicted) throw new Error('a card in this batch was posted before');
    const rows: MessageRow[] = [];
    const done = new Set<OwedCardRow>();
    for (const { card, messageId } of ready.values()) {
      const at = posted.get(messageId);
      if (!at) continue;
      done.add(card);
      this.rememberKind({ id: at.roomId, kind: pairOf(card).kind });
      rows.push({ id: messageId, roomId: at.roomId, seq: at.seq, senderId: card.fromUserId, clientMsgId: card.clientMsgId, kind: 'card', body: card.body, createdAt: now, deletedAt: null });
    }
    const rest = owed.filter((card) => !done.has(card));
    if (rest.length > 0) await this.repo.with(tx).oweCards(rest);
    await this.deps.database.afterCommit(tx, async () => {
      await this.announce(rows);
      if (rest.length > 0) await this.deliverCards(rest);
    });
  }

  /**
   * Owes many cards for a server flow that writes them together (a scheduler run's receipts), in one statement in
   * `tx`, without posting them: the flow hands them to `postOwedInBackground` once it is done, and any it never hands
   * over are posted by `deliverOwedCards`.
   */
  async oweCards(actor: Actor, inputs: Array<{ fromUserId: string; toUserId: string; card: ChatCard; clientMsgId: string }>, tx: Executor): Promise<OwedCardRow[]> {
    requireSystem(actor, 'Only server flows post cards.');
    const owed = inputs.map((input) => this.owed(input));
    await this.repo.with(tx).oweCards(owed);
    return owed;
  }

  /**
   * Posts owed cards in the background: each goes into a room of its own, so several are posted at once where the
   * database serves more than one. Those not posted stay owed for `deliverOwedCards`.
   */
  postOwedInBackground(actor: Actor, owed: OwedCardRow[]): void {
    requireSystem(actor, 'Only server flows post cards.');
    const lanes = this.deps.database.engine === 'postgres' ? CARD_LANES : 1;
    for (let lane = 0; lane < lanes; lane++) void this.deliverCards(owed.filter((_, i) => i % lanes === lane));
  }

  private owed(input: { fromUserId: string; toUserId: string; room?: 'direct' | 'channel'; card: ChatCard; clientMsgId: string }): OwedCardRow {
    const card = ChatCard.parse(input.card);
    return {
      id: newId('coc'),
      room: input.room ?? 'direct',
      fromUserId: input.fromUserId,
      toUserId: input.toUserId,
      clientMsgId: input.clientMsgId,
      body: { text: cardText(card), card } satisfies CardMessageBody,
      createdAt: this.deps.clock.now(),
    };
  }

  /**
   * Posts owed cards and clears each one posted; one that cannot be posted now stays owed for the next try. Most go
   * together (`deliverTogether`), the rest one by one.
   */
  private async deliverCards(owed: OwedCardRow[]): Promise<number> {
    // One card goes through its room's send batcher, with whatever else is being sent there.
    if (owed.length <= 1) return this.deliverOneByOne(owed);
    let posted = 0;
    for (let i = 0; i < owed.length; i += CARD_CHUNK) {
      const chunk = owed.slice(i, i + CARD_CHUNK);
      const together = await this.deliverTogether(chunk).catch((err: unknown) => {
        this.deps.log.warn({ err }, 'owed chat cards could not be posted together; they are posted one by one');
        return { posted: 0, rest: chunk };
      });
      posted += together.posted + (await this.deliverOneByOne(together.rest));
    }
    return posted;
  }

  /**
   * Posts many owed cards in one transaction: those going into rooms that exist, one card a room, from a sender who
   * takes part there and whom the recipient has not blocked (the card would need hiding). Each room's seq moves on by one under
   * its row lock, as a send's does. The rest, and everything if any card was posted before, are left to post one by one.
   */
  private async deliverTogether(owed: OwedCardRow[]): Promise<{ posted: number; rest: OwedCardRow[] }> {
    const [rooms, blockers] = await Promise.all([this.pairRoomsOf(owed), this.deps.people.blockersOf([...new Set(owed.map((c) => c.fromUserId))])]);
    const rest: OwedCardRow[] = [];
    const candidates = new Map<string, { card: OwedCardRow; room: RoomRow }>();
    for (const card of owed) {
      const room = rooms.get(pairOf(card).key);
      // The room's other member is the recipient: if they blocked the sender, the card is hidden from them.
      if (!room || candidates.has(room.id) || blockers.get(card.fromUserId)?.includes(card.toUserId)) rest.push(card);
      else candidates.set(room.id, { card, room });
    }
    const active = await this.repo.activeMembers([...candidates.values()].map(({ card, room }) => ({ roomId: room.id, userId: card.fromUserId })));
    const ready = [...candidates.values()].filter(({ card, room }) => {
      const ok = active.has(`${room.id}\u0000${card.fromUserId}`);
      if (!ok) rest.push(card);
      return ok;
    });
    if (ready.length === 0) return { posted: 0, rest };
    const now = this.deps.clock.now();
    const rows = await this.deps.database.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      const seqs = await repo.nextSeqOfRooms(ready.map(({ room }) => room.id), now);
      const rows: MessageRow[] = ready.map(({ card, room }) => ({
        id: newId('msg'),
        roomId: room.id,
        seq: seqs.get(room.id)!,
        senderId: card.fromUserId,
        clientMsgId: card.clientMsgId,
        kind: 'card',
        body: card.body,
        createdAt: now,
        deletedAt: null,
      }));
      // A card posted before (a retry after a crash) rolls all of them back: one by one tells which.
      if ((await repo.insertMessages(rows)) !== rows.length) throw new Error('a card in this chunk was posted before');
      await repo.readUpToMany(rows.map((row) => ({ roomId: row.roomId, userId: row.senderId, readSeq: row.seq })));
      await repo.clearOwedCards(ready.map(({ card }) => card.id));
      return rows;
    });
    for (const { room } of ready) this.rememberKind(room);
    await this.announce(rows);
    return { posted: rows.length, rest };
  }

  /** Sends out cards just stored. Stored is posted: a member who missed the live event reads it with the room's history. */
  private async announce(rows: MessageRow[]): Promise<void> {
    for (const row of rows) {
      await this.published(row, []).catch((err: unknown) => this.deps.log.warn({ err, message: row.id }, 'a posted chat card could not be announced live'));
    }
  }

  /**
   * The rooms the cards go into (as `pairRoom` finds or makes one), by key: those missing are made together, in one
   * transaction. A room someone else makes at the same moment is theirs, read again after.
   */
  private async pairRoomsOf(owed: OwedCardRow[]): Promise<Map<string, RoomRow>> {
    const pairs = owed.map(pairOf);
    const found = await this.repo.findDirectRooms([...new Set(pairs.map((p) => p.key))]);
    const missing = new Map(pairs.filter((p) => !found.has(p.key)).map((p) => [p.key, p]));
    if (missing.size === 0) return found;
    const now = this.deps.clock.now();
    const made = new Map([...missing.values()].map((pair) => [newId('room'), pair]));
    // Read back in the same transaction: a room another made first was committed before ours could skip it, so it is seen.
    const rooms = await this.deps.database.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      await repo.insertRooms([...made].map(([id, m]) => ({ id, kind: m.kind, directKey: m.key, createdBy: m.createdBy, memberCount: 2, createdAt: now, lastActivityAt: now })));
      const ours = await repo.findDirectRooms([...missing.keys()]);
      await repo.insertMembers(
        [...ours.values()].filter((room) => made.has(room.id)).flatMap((room) => [made.get(room.id)!.createdBy, made.get(room.id)!.other].map((userId) => ({ roomId: room.id, userId, role: 'member' as const, readSeq: 0, joinedSeq: 0, joinedAt: now }))),
      );
      return ours;
    });
    for (const [key, room] of rooms) {
      found.set(key, room);
      const pair = missing.get(key)!;
      // Both people's open sockets start hearing the new room (as after `pairRoom`).
      if (made.has(room.id)) await this.deps.bus.publish('chat.members.changed', { roomId: room.id, added: [pair.createdBy, pair.other], removed: [] });
    }
    return found;
  }

  /** Posts owed cards one at a time, each through the room's send batcher. */
  private async deliverOneByOne(owed: OwedCardRow[]): Promise<number> {
    let posted = 0;
    for (const card of owed) {
      try {
        const pair = pairOf(card);
        const room = await this.pairRoom(pair.kind, pair.key, pair.createdBy, pair.other);
        const { row, created, hiddenFrom } = await this.batcher.send(room.id, {
          senderId: card.fromUserId,
          clientMsgId: card.clientMsgId,
          kind: 'card',
          body: card.body,
          now: this.deps.clock.now(),
          owedCardId: card.id,
        });
        // A card posted now was cleared with its message; one posted before (a retry) is cleared here.
        if (created) await this.published(row, hiddenFrom);
        else await this.repo.clearOwedCards([card.id]);
        posted++;
      } catch (err) {
        this.deps.log.warn({ err, card: card.id }, 'a chat card could not be posted yet; it stays owed and is tried again');
      }
    }
    return posted;
  }

  /** Posts cards owed for longer than `graceMs` (cut off by a crash, or refused on the first try). Run by the scheduler. */
  async deliverOwedCards(actor: Actor, graceMs = OWED_CARD_GRACE_MS): Promise<number> {
    requireSystem(actor, 'Only the scheduler posts owed cards.');
    const owed = await this.repo.owedCardsBefore(new Date(this.deps.clock.now().getTime() - graceMs), 200);
    return this.deliverCards(owed);
  }

  /**
   * The chat room of an open room (kind `open`, the open room's id), with its host as the first member, made inside
   * the caller's transaction (openlink's, which writes the room's public face with it); announced once it commits.
   */
  async createOpenRoom(actor: Actor, input: { roomId: string; hostId: string; title: string; face: Face }, tx: Executor): Promise<void> {
    requireSystem(actor, 'Only OpenLink makes open rooms.');
    const now = this.deps.clock.now();
    const repo = this.repo.with(tx);
    await repo.insertRoom({ id: input.roomId, kind: 'open', title: input.title, createdBy: input.hostId, createdAt: now, lastActivityAt: now });
    await repo.addMembers(input.roomId, [{ userId: input.hostId, role: 'host', face: input.face }], 0, now);
    const row = await this.appendSystem(tx, input.roomId, { event: 'created', actorId: input.hostId }, now);
    await this.announceAfter(tx, input.roomId, { added: [input.hostId], removed: [] }, row);
  }

  /**
   * A 1:1 room of kind `open` between the host of a one-to-one open room and a guest, each shown by their face, made
   * inside openlink's transaction.
   */
  async createOpenConversation(
    actor: Actor,
    input: { roomId: string; title: string; host: { userId: string; face: Face }; guest: { userId: string; face: Face } },
    tx: Executor,
  ): Promise<void> {
    requireSystem(actor, 'Only OpenLink opens conversations with open profiles.');
    const now = this.deps.clock.now();
    const repo = this.repo.with(tx);
    await repo.insertRoom({ id: input.roomId, kind: 'open', title: input.title, createdBy: input.guest.userId, createdAt: now, lastActivityAt: now });
    await repo.addMembers(input.roomId, [{ userId: input.host.userId, role: 'host', face: input.host.face }, { userId: input.guest.userId, role: 'member', face: input.guest.face }], 0, now);
    const row = await this.appendSystem(tx, input.roomId, { event: 'created', actorId: input.guest.userId }, now);
    await this.announceAfter(tx, input.roomId, { added: [input.host.userId, input.guest.userId], removed: [] }, row);
  }

  /** Adds someone to an open room's chat (their history starts now) as `face`, inside openlink's transaction. */
  async joinOpenRoom(actor: Actor, input: { roomId: string; userId: string; face: Face }, tx: Executor): Promise<void> {
    requireSystem(actor, 'Only OpenLink lets people into open rooms.');
    const now = this.deps.clock.now();
    const repo = this.repo.with(tx);
    const room = await repo.findRoomForUpdate(input.roomId);
    if (room.kind !== 'open') throw new Error(`room ${input.roomId} is not an open room`);
    const joined = await repo.addMembers(input.roomId, [{ userId: input.userId, role: 'member', face: input.face }], room.lastSeq, now);
    if (joined.length === 0) return;
    const row = await this.appendSystem(tx, input.roomId, { event: 'joined', actorId: input.userId, userIds: joined }, now);
    await this.announceAfter(tx, input.roomId, { added: joined, removed: [] }, row);
  }

  /** Takes someone out of an open room's chat, inside openlink's transaction. */
  async leaveOpenRoom(actor: Actor, input: { roomId: string; userId: string }, tx: Executor): Promise<void> {
    requireSystem(actor, 'Only OpenLink takes people out of open rooms.');
    const now = this.deps.clock.now();
    if (!(await this.repo.with(tx).markLeft(input.roomId, input.userId, now))) return;
    const row = await this.appendSystem(tx, input.roomId, { event: 'left', actorId: input.userId }, now);
    await this.announceAfter(tx, input.roomId, { added: [], removed: [input.userId] }, row);
  }

  /** Changes how an open room shows a member (a new nickname or picture), for OpenLink. */
  async setOpenFace(actor: Actor, input: { roomId: string; userId: string; face: Face }): Promise<void> {
    requireSystem(actor, 'Only OpenLink changes faces in open rooms.');
    await this.repo.setFace(input.roomId, input.userId, input.face);
    await this.deps.bus.publish('chat.room.changed', { roomId: input.roomId });
  }

  /**
   * Suspends members of an open room (their subscription to a subscribers-only room ended), inside the caller's
   * transaction: they keep reading what was sent until now, and nothing after; their sockets stop hearing the room once
   * it commits.
   */
  async suspendOpenMembers(actor: Actor, input: { roomId: string; userIds: string[] }, tx: Executor): Promise<void> {
    requireSystem(actor, 'Only subscriptions suspend members of open rooms.');
    const removed = await this.repo.with(tx).suspendMembers(input.roomId, input.userIds);
    if (removed.length === 0) return;
    await this.deps.database.afterCommit(tx, () => this.deps.bus.publish('chat.members.changed', { roomId: input.roomId, added: [], removed, quiet: true }));
  }

  /** Lifts the suspension of members of an open room (they subscribed again), inside the caller's transaction. */
  async restoreOpenMembers(actor: Actor, input: { roomId: string; userIds: string[] }, tx: Executor): Promise<void> {
    requireSystem(actor, 'Only subscriptions restore members of open rooms.');
    const added = await this.repo.with(tx).restoreMembers(input.roomId, input.userIds);
    if (added.length === 0) return;
    await this.deps.database.afterCommit(tx, () => this.deps.bus.publish('chat.members.changed', { roomId: input.roomId, added, removed: [], quiet: true }));
  }

  /**
   * The latest messages of an open room that say something in words, oldest first, for its preview and word checks:
   * each with the name the room knows its sender by.
   */
  async recentInOpenRoom(actor: Actor, roomId: string, limit: number): Promise<Array<{ seq: number; senderName: string; text: string; lang: string | null; createdAt: string }>> {
    requireSystem(actor, 'Only OpenLink reads open rooms for their previews.');
    const rows = (await this.repo.messagesBefore(roomId, 2 ** 31 - 1, 0, limit))
      .filter((r) => !r.deletedAt && wordsOf(r) !== '')
      .reverse();
    const senders = [...new Set(rows.map((r) => r.senderId))];
    const faces = await this.facesOf(roomId, senders);
    const main = await this.deps.people.profiles(senders);
    return rows.map((r) => ({
      seq: r.seq,
      senderName: faces.profile(r.senderId, main.get(r.senderId))?.displayName ?? '',
      text: wordsOf(r),
      lang: typeof r.body.lang === 'string' ? r.body.lang : null,
      createdAt: r.createdAt.toISOString(),
    }));
  }

  /**
   * The words of the messages at `seqs` that `userId` may read now (a member, a message after they joined, not
   * deleted, not hidden from them), with the language each was detected in and its sender's account, for OpenLink's
   * translations and reports. Never sent to anyone as it is.
   */
  async wordsInOpenRoom(actor: Actor, input: { roomId: string; userId: string; seqs: number[] }): Promise<Array<{ seq: number; senderId: string; text: string; lang: string | null }>> {
    requireSystem(actor, 'Only OpenLink reads messages for translation.');
    const member = await this.repo.findMember(input.roomId, input.userId);
    if (!member || input.seqs.length === 0) return [];
    const wanted = new Set(input.seqs.filter((seq) => seq > member.joinedSeq));
    if (wanted.size === 0) return [];
    const from = Math.min(...wanted);
    const to = Math.max(...wanted);
    const [rows, hidden] = await Promise.all([
      this.repo.messagesBetween(input.roomId, from, to),
      this.repo.hiddenSeqs(input.roomId, input.userId, from, to),
    ]);
    return rows
      .filter((r) => wanted.has(r.seq) && !r.deletedAt && !hidden.has(r.seq))
      .map((r) => ({ seq: r.seq, senderId: r.senderId, text: wordsOf(r), lang: typeof r.body.lang === 'string' ? r.body.lang : null }));
  }

  /** Hides a message of an open room for everyone, for its moderators (who OpenLink has checked). */
  async hideInOpenRoom(actor: Actor, roomId: string, seq: number): Promise<boolean> {
    requireSystem(actor, 'Only OpenLink hides messages for a room.');
    if (!(await this.repo.deleteForEveryone(roomId, seq, this.deps.clock.now()))) return false;
    await this.deps.bus.publish('chat.message.deleted', { roomId, seq });
    return true;
  }

  /** Once `tx` commits: sockets join or leave the (open) room, then hear its notice; the rest learn of it from the notice. */
  private async announceAfter(tx: Executor, roomId: string, members: { added: string[]; removed: string[] }, row: MessageRow): Promise<void> {
    await this.deps.database.afterCommit(tx, async () => {
      if (members.added.length > 0) await this.deps.bus.publish('chat.members.changed', { roomId, added: members.added, removed: [], quiet: true });
      await this.published(row, []);
      if (members.removed.length > 0) await this.deps.bus.publish('chat.members.changed', { roomId, added: [], removed: members.removed, quiet: true });
    });
  }

  async createGroup(actor: Actor, input: { title?: string; memberIds: string[] }): Promise<Room> {
    const me = requireUser(actor);
    const invited = await this.invitable(me, input.memberIds);
    if (invited.length + 1 > MAX_GROUP_MEMBERS) throw new AppError('room_full', `A group holds at most ${MAX_GROUP_MEMBERS} people.`);
    const now = this.deps.clock.now();
    const roomId = newId('room');
    const row = await this.deps.database.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      await repo.insertRoom({ id: roomId, kind: 'group', title: input.title ?? null, createdBy: me.userId, createdAt: now, lastActivityAt: now });
      const members = [{ userId: me.userId, role: 'host' as const }, ...invited.map((userId) => ({ userId, role: 'member' as const }))];
      await repo.addMembers(roomId, members, 0, now);
      return this.appendSystem(tx, roomId, { event: 'created', actorId: me.userId, userIds: invited }, now);
    });
    // Members' sockets join the room first, so they hear its first message live.
    await this.deps.bus.publish('chat.members.changed', { roomId, added: [me.userId, ...invited], removed: [] });
    await this.published(row, []);
    return this.room(actor, roomId);
  }

  /** Friends of the inviter among `ids`; anyone else makes the whole request fail. */
  private async invitable(me: UserActor, ids: string[]): Promise<string[]> {
    const wanted = [...new Set(ids)].filter((id) => id !== me.userId);
    const friends = await this.deps.people.friendsAmong(me.userId, wanted);
    const strangers = wanted.filter((id) => !friends.has(id));
    if (strangers.length > 0) throw new AppError('forbidden', 'You can invite only your friends.');
    return wanted;
  }

  async invite(actor: Actor, roomId: string, userIds: string[]): Promise<Room> {
    const me = requireUser(actor);
    const { room } = await this.requireMember(me, roomId);
    if (room.kind !== 'group') throw new AppError('forbidden', 'People can be invited only into group rooms.');
    const invited = await this.invitable(me, userIds);
    if (room.memberCount + invited.length > MAX_GROUP_MEMBERS) {
      throw new AppError('room_full', `A group holds at most ${MAX_GROUP_MEMBERS} people.`);
    }
    const now = this.deps.clock.now();
    const added = await this.deps.database.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      // Lock the room first: the new members' history starts after the last message sent before they joined.
      const current = await repo.findRoomForUpdate(roomId);
      const joined = await repo.addMembers(roomId, invited.map((userId) => ({ userId, role: 'member' as const })), current.lastSeq, now);
      if (joined.length === 0) return { joined, row: null };
      const row = await this.appendSystem(tx, roomId, { event: 'joined', actorId: me.userId, userIds: joined }, now);
      return { joined, row };
    });
    if (added.row) {
      await this.deps.bus.publish('chat.members.changed', { roomId, added: added.joined, removed: [] });
      await this.published(added.row, []);
    }
    return this.room(actor, roomId);
  }

  async leave(actor: Actor, roomId: string): Promise<void> {
    const me = requireUser(actor);
    const { room } = await this.requireMember(me, roomId);
    if (room.kind !== 'group') throw new AppError('forbidden', 'Only group rooms can be left.');
    const now = this.deps.clock.now();
    const row = await this.deps.database.transaction(async (tx) => {
      await this.repo.with(tx).markLeft(roomId, me.userId, now);
      return this.appendSystem(tx, roomId, { event: 'left', actorId: me.userId }, now);
    });
    await this.published(row, []);
    await this.deps.bus.publish('chat.members.changed', { roomId, added: [], removed: [me.userId] });
  }

  async rename(actor: Actor, roomId: string, title: string): Promise<Room> {
    const me = requireUser(actor);
    const { room } = await this.requireMember(me, roomId);
    if (room.kind !== 'group') throw new AppError('forbidden', 'Only group rooms have a title.');
    const now = this.deps.clock.now();
    const row = await this.deps.database.transaction(async (tx) => {
      await this.repo.with(tx).setTitle(roomId, title);
      return this.appendSystem(tx, roomId, { event: 'renamed', actorId: me.userId, title }, now);
    });
    await this.published(row, []);
    await this.deps.bus.publish('chat.room.changed', { roomId });
    return this.room(actor, roomId);
  }

  /**
   * Sends a message. The seq is taken and the message inserted in one transaction (shared with other sends to the
   * room that arrive at the same moment), and the answer (the ack) comes only after it commits. A retry with the
   * same clientMsgId answers the first ack and changes nothing.
   */
  async send(actor: Actor, roomId: string, input: { clientMsgId: string } & OutgoingBody): Promise<Ack> {
    const me = requireUser(actor);
    let lang: string | null = null;
    let text: string | null = null;
    if ((await this.kindOf(roomId)) === 'open') {
      text = 'text' in input.body ? input.body.text : 'caption' in input.body ? (input.body.caption ?? null) : null;
      ({ lang } = await this.deps.openRooms.admit({ roomId, userId: me.userId, text }));
    }
    // Text needs nothing from the room, so its membership check is made for the whole batch at once (before
    // anything is written); replies and media need the member's row first.
    let body: Record<string, unknown>;
    if (input.kind === 'text') body = { text: input.body.text };
    else {
      const member = await this.repo.findMember(roomId, me.userId);
      if (!member) throw notMember();
      body = await this.prepareBody(me, roomId, member, input);
    }
    if (lang) body = { ...body, lang };
    const { row, created, hiddenFrom } = await this.batcher.send(roomId, {
      senderId: me.userId,
      clientMsgId: input.clientMsgId,
      kind: input.kind,
      body,
      now: this.deps.clock.now(),
    });
    if (created) await this.published(row, hiddenFrom);
    if (created && text && lang) this.deps.openRooms.posted({ roomId, seq: row.seq, text, lang, hiddenFrom });
    return toAck(row);
  }

  /** Writes a system notice (created, joined, left, renamed) with the room's next seq, inside `tx`. */
  private async appendSystem(tx: Executor, roomId: string, body: z.infer<typeof SystemEvent>, now: Date): Promise<MessageRow> {
    const repo = this.repo.with(tx);
    const seq = await repo.nextSeqs(roomId, 1, now);
    const row: MessageRow = { id: newId('msg'), roomId, seq, senderId: body.actorId, clientMsgId: null, kind: 'system', body, createdAt: now, deletedAt: null };
    await repo.insertMessages([row]);
    await repo.readUpTo(roomId, new Map([[body.actorId, seq]]));
    return row;
  }

  private async published(row: MessageRow, hiddenFrom: string[]): Promise<MessageRow> {
    const message = toMessage(row);
    const faces = await this.facesOf(row.roomId, RoomFaces.peopleIn(message));
    await this.deps.bus.publish('chat.message.created', { message: faces.message(message), hiddenFrom });
    return row;
  }

  private async prepareBody(
    me: UserActor,
    roomId: string,
    member: MemberRow,
    input: OutgoingBody,
  ): Promise<Record<string, unknown>> {
    switch (input.kind) {
      case 'text':
        return { text: input.body.text };
      case 'reply': {
        const quoted = await this.repo.findMessage(roomId, input.body.replyToSeq);
        if (!quoted || quoted.seq <= member.joinedSeq) throw new AppError('not_found', 'The message you reply to is not here.');
        const hidden = (await this.repo.hiddenSeqs(roomId, me.userId, quoted.seq, quoted.seq)).size > 0;
        const text = hidden || quoted.deletedAt ? '' : String(quoted.body.text ?? quoted.body.caption ?? '').slice(0, 120);
        return {
          text: input.body.text,
          replyToSeq: quoted.seq,
          replyPreview: { senderId: quoted.senderId, kind: quoted.kind, text },
        };
      }
      case 'image':
      case 'video':
      case 'file':
      case 'voice': {
        const media = await this.repo.findMedia(input.body.mediaId);
        if (!media || media.roomId !== roomId) throw new AppError('not_found', 'Upload the file to this room first.');
        if (media.kind !== input.kind) throw new AppError('validation_failed', `That upload is a ${media.kind}, not a ${input.kind}.`);
        const caption = 'caption' in input.body ? input.body.caption : undefined;
        return { mediaId: media.id, ...(caption ? { caption } : {}), media: toMedia(media) };
      }
    }
  }

  /** Moves the caller's read pointer forward; members see the new position. */
  async read(actor: Actor, roomId: string, seq: number): Promise<void> {
    const me = requireUser(actor);
    await this.requireActiveMember(me, roomId);
    const readSeq = await this.repo.advanceRead(roomId, me.userId, seq);
    if (readSeq === undefined) return;
    const faces = await this.facesOf(roomId, [me.userId]);
    await this.deps.bus.publish('chat.read', { roomId, userId: faces.id(me.userId), seq: readSeq });
  }

  async typing(actor: Actor, roomId: string): Promise<void> {
    const me = requireUser(actor);
    await this.requireActiveMember(me, roomId);
    const faces = await this.facesOf(roomId, [me.userId]);
    await this.deps.bus.publish('chat.typing', { roomId, userId: faces.id(me.userId), by: me.userId });
  }

  /** Messages before `before` (or the latest), oldest first, that the caller may see. */
  async history(actor: Actor, roomId: string, input: { before?: number; limit: number }): Promise<{ messages: Message[]; hasMore: boolean }> {
    const me = requireUser(actor);
    const { room, member } = await this.requireMember(me, roomId);
    if (room.kind === 'open') this.deps.openRooms.opened({ roomId, userId: me.userId });
    const before = Math.min(input.before ?? Infinity, readableTo(room, member) + 1);
    const rows = await this.repo.messagesBefore(roomId, before, member.joinedSeq, input.limit + 1);
    const hasMore = rows.length > input.limit;
    const page = rows.slice(0, input.limit).reverse();
    return { messages: await this.present(me.userId, roomId, page), hasMore };
  }

  async search(actor: Actor, roomId: string, q: string): Promise<Message[]> {
    const me = requireUser(actor);
    const { room, member } = await this.requireMember(me, roomId);
    const last = readableTo(room, member);
    const rows = (await this.repo.search(roomId, member.joinedSeq, q, 50)).filter((r) => r.seq <= last);
    const visible = await this.present(me.userId, roomId, rows);
    return visible.filter((m) => !m.hidden);
  }

  /** Adds the reader's hidden flags and everyone's reactions to stored rows (ordered as given). */
  private async present(userId: string, roomId: string, rows: MessageRow[]): Promise<Message[]> {
    if (rows.length === 0) return [];
    const seqs = rows.map((r) => r.seq);
    const from = Math.min(...seqs);
    const to = Math.max(...seqs);
    const [hidden, reactions] = await Promise.all([
      this.repo.hiddenSeqs(roomId, userId, from, to),
      this.repo.reactionsFor(roomId, from, to),
    ]);
    const messages = rows.map((row) => toMessage(row, hidden.has(row.seq), reactions.get(row.seq)));
    const faces = await this.facesOf(roomId, messages.flatMap((m) => RoomFaces.peopleIn(m)));
    return messages.map((m) => faces.message(m));
  }

  async deleteMessage(actor: Actor, roomId: string, seq: number): Promise<void> {
    const me = requireUser(actor);
    await this.requireActiveMember(me, roomId);
    const now = this.deps.clock.now();
    const deleted = await this.repo.deleteForEveryone(roomId, seq, now, { senderId: me.userId, sentSince: new Date(now.getTime() - DELETE_WINDOW_MS) });
    if (!deleted) {
      const message = await this.repo.findMessage(roomId, seq);
      if (!message || message.senderId !== me.userId) throw new AppError('forbidden', 'You can delete only your own messages.');
      if (message.deletedAt) return;
      throw new AppError('too_late', 'Messages can be deleted for everyone only within 5 minutes of sending.');
    }
    await this.deps.bus.publish('chat.message.deleted', { roomId, seq });
  }

  async react(actor: Actor, roomId: string, seq: number, emoji: string, on: boolean): Promise<Record<string, string[]>> {
    const me = requireUser(actor);
    const { member } = await this.requireActiveMember(me, roomId);
    const message = await this.repo.findMessage(roomId, seq);
    if (!message || seq <= member.joinedSeq || message.deletedAt || message.kind === 'system') {
      throw new AppError('not_found', 'No such message.');
    }
    if (on) await this.repo.addReaction(roomId, seq, me.userId, emoji, this.deps.clock.now());
    else await this.repo.removeReaction(roomId, seq, me.userId, emoji);
    const stored = (await this.repo.reactionsFor(roomId, seq, seq)).get(seq) ?? {};
    const faces = await this.facesOf(roomId, Object.values(stored).flat());
    const reactions = faces.reactions(stored);
    await this.deps.bus.publish('chat.reactions.changed', { roomId, seq, reactions });
    return reactions;
  }

  /** Rooms the caller's sockets should hear. */
  async roomIdsOf(actor: Actor): Promise<string[]> {
    const me = requireUser(actor);
    return this.repo.roomIdsOf(me.userId);
  }

  /**
   * What a reconnecting client missed, per cursor: the messages after it, in order, or a reset when more than
   * RESET_AFTER were missed. Rooms the caller is no longer in are skipped.
   */
  async sync(actor: Actor, cursors: Record<string, number>): Promise<SyncEntry[]> {
    const me = requireUser(actor);
    const entries: SyncEntry[] = [];
    for (const [roomId, cursor] of Object.entries(cursors)) {
      const found = await this.repo.findMembership(roomId, me.userId);
      if (!found) continue;
      const { room, member } = found;
      const last = readableTo(room, member);
      const from = Math.max(cursor, member.joinedSeq);
      if (last - from > RESET_AFTER) {
        entries.push({ roomId, reset: last });
        continue;
      }
      if (last <= from) continue;
      const rows = (await this.repo.messagesAfter(roomId, from, RESET_AFTER)).filter((r) => r.seq <= last);
      entries.push({ roomId, messages: await this.present(me.userId, roomId, rows) });
    }
    return entries;
  }
}

/** What a message says in words (its text or caption), or '' when it says nothing in words. */
function wordsOf(row: MessageRow): string {
  if (row.kind !== 'text' && row.kind !== 'reply' && row.kind !== 'image' && row.kind !== 'video') return '';
  return String(row.body.text ?? row.body.caption ?? '');
}

/** The key of the one direct room between two people. */
function directKey(a: string, b: string): string {
  return [a, b].sort().join(':');
}

/** The key of a customer's room with a channel (whose account speaks for it). */
function channelKey(channelAccountId: string, customerId: string): string {
  return `channel:${channelAccountId}:${customerId}`;
}

/**
 * The room an owed card goes into, as `pairRoom` takes it: a direct room, made by the card's sender; or a channel
 * room, made by the customer the card goes to.
 */
function pairOf(card: OwedCardRow): { kind: 'direct' | 'channel'; key: string; createdBy: string; other: string } {
  return card.room === 'channel'
    ? { kind: 'channel', key: channelKey(card.fromUserId, card.toUserId), createdBy: card.toUserId, other: card.fromUserId }
    : { kind: 'direct', key: directKey(card.fromUserId, card.toUserId), createdBy: card.fromUserId, other: card.toUserId };
}
