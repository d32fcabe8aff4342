import { createHash, timingSafeEqual } from 'node:crypto';
import { OPEN_ROOM_MAX_COHOSTS, type BannedWords, type PreviewMessage, type CohostRight, type CreateOpenRoomBody, type ModerationEntry, type OpenRoom, type OpenRoomSearch, type OpenRoomSettingsBody } from '@maum/protocol';
import type { z } from 'zod';
import { requireSystem, requireUser, type Actor, type UserActor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import type { Database } from '../../platform/db/database';
import { AppError } from '../../platform/errors';
import { newId, randomToken } from '../../platform/ids';
import type { RateLimiter } from '../../platform/rate-limit/rate-limiter';
import type { AccountsDirectory } from '../accounts';
import type { ModerationRow, OpenlinkRepository, OpenMemberRow, OpenRoomRow } from './openlink.repository';
import type { OpenRoomChat } from './openlink.ports';
import { queryTerms, roomTerms, tagTerm, words } from './search-terms';

/** Trending heat halves in about 17 hours (decay time constant τ of one day). */
const TREND_TAU_MS = 86_400_000;
const JOIN_WEIGHT = 1;
const PREVIEW_MESSAGES = 20;
/** How many of a room's latest messages a word list is tried on before it is switched on. */
const DRY_RUN_MESSAGES = 200;
/** Entry-code guesses: per account and per address, in a window. */
const CODE_TRIES = { limit: 10, windowMs: 10 * 60_000, message: 'Too many wrong entry codes.' };

const hashCode = (salt: string, code: string) => createHash('sha256').update(`${salt}\u0000${code}`).digest();

/**
 * OpenLink: interest rooms anyone can find and join. A room here is the public face of a chat room of kind `open`
 * (chat keeps its members and messages); this service owns what the room is about, who may join and how, its host,
 * and discovery (search over every script, trending, tags, categories and languages).
 */
export class OpenlinkService {
  constructor(
    private readonly deps: {
      database: Database;
      repo: OpenlinkRepository;
      chat: OpenRoomChat;
      people: AccountsDirectory;
      limiter: RateLimiter;
      clock: Clock;
    },
  ) {}

  private get repo() {
    return this.deps.repo;
  }

  private trendNow(): number {
    return this.deps.clock.now().getTime() / TREND_TAU_MS;
  }

  async create(actor: Actor, input: z.output<typeof CreateOpenRoomBody>): Promise<OpenRoom> {
    const me = requireUser(actor);
    const now = this.deps.clock.now();
    const salt = input.entryCode ? randomToken(16) : null;
    const row: OpenRoomRow = {
      roomId: newId('room'),
      name: input.name,
      description: input.description,
      category: input.category,
      tags: input.tags,
      languages: input.languages,
      memberCap: input.memberCap,
      memberCount: 1,
      joinMode: input.joinMode,
      entryCodeHash: salt && input.entryCode ? hashCode(salt, input.entryCode).toString('hex') : null,
      entryCodeSalt: salt,
      linkCode: randomToken(10),
      hostId: me.userId,
      searchTerms: roomTerms(input),
      trendKey: this.trendNow(),
      slowModeSeconds: 0,
      readOnly: false,
      pinnedNotice: null,
      bannedWords: [],
      wordMatch: 'contains',
      createdAt: now,
    };
    await this.deps.database.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      await repo.insertRoom(row);
      await repo.insertMember({ roomId: row.roomId, userId: me.userId, role: 'host', joinedAt: now });
      await this.deps.chat.create({ roomId: row.roomId, hostId: me.userId, title: input.name }, tx);
    });
    return toOpenRoom(row, { role: 'host', rights: [] });
  }

  async search(actor: Actor, query: z.output<typeof OpenRoomSearch>): Promise<OpenRoom[]> {
    const terms = [...(query.q ? queryTerms(query.q) : []), ...(query.tag ? [tagTerm(query.tag)] : [])];
    // A query of punctuation alone finds nothing rather than everything.
    if (query.q && terms.length === 0) return [];
    const rows = await this.repo.search({ terms, category: query.category, languages: query.langs, sort: query.sort, limit: query.limit });
    return this.present(actor, rows);
  }

  async room(actor: Actor, roomId: string): Promise<OpenRoom> {
    return (await this.present(actor, [await this.existing(roomId)]))[0]!;
  }

  async byLink(actor: Actor, linkCode: string): Promise<OpenRoom> {
    const row = await this.repo.findByLink(linkCode);
    if (!row) throw new AppError('not_found', 'No open room has this link.');
    return (await this.present(actor, [row]))[0]!;
  }

  /**
   * Joins the caller: a code room checks the entry code first (in constant time, with wrong guesses limited per
   * account and per address). The seat, the member and the chat membership are taken in one transaction, and a full
   * room refuses with `room_full`, however many join at once. Joining again answers the room as it is.
   */
  async join(actor: Actor, roomId: string, input: { entryCode?: string }): Promise<OpenRoom> {
    const me = requireUser(actor);
    const room = await this.existing(roomId);
    if (await this.repo.findMember(roomId, me.userId)) return this.room(actor, roomId);
    // By account: leaving and coming back, under whatever name, does not undo a kick or a ban.
    if (await this.repo.isBanned(roomId, me.userId)) throw new AppError('banned_from_room', 'You were removed from this room and cannot join it again.');
    if (room.joinMode === 'code') await this.checkCode(me, room, input.entryCode);
    const now = this.deps.clock.now();
    await this.deps.database.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      if (!(await repo.insertMember({ roomId, userId: me.userId, role: 'member', joinedAt: now }))) return;
      if (!(await repo.takeSeat(roomId, this.trendNow(), JOIN_WEIGHT))) throw new AppError('room_full', `This room holds ${room.memberCap} people and is full.`);
      await this.deps.chat.join({ roomId, userId: me.userId }, tx);
    });
    return this.room(actor, roomId);
  }

  private async checkCode(me: { userId: string; ip: string }, room: OpenRoomRow, code: string | undefined): Promise<void> {
    const keys = [`open-code-user:${me.userId}`, `open-code-ip:${me.ip}`];
    for (const key of keys) await this.deps.limiter.check(key, CODE_TRIES);
    const expected = Buffer.from(room.entryCodeHash ?? '', 'hex');
    const given = hashCode(room.entryCodeSalt ?? '', code ?? '');
    if (code !== undefined && expected.length === given.length && timingSafeEqual(expected, given)) return;
    // Every key counts the wrong guess before any refusal is answered, so the account and the address both remember it.
    const counted = await Promise.allSettled(keys.map((key) => this.deps.limiter.hit(key, CODE_TRIES)));
    const limited = counted.find((c) => c.status === 'rejected');
    if (limited) throw limited.reason;
    throw new AppError('entry_code_wrong', code === undefined ? 'This room asks for its entry code.' : 'That entry code is not this room’s.');
  }

  /** Leaves the room. A leaving host hands it to the member who has been in it longest, so the room lives on. */
  async leave(actor: Actor, roomId: string): Promise<void> {
    const me = requireUser(actor);
    await this.existing(roomId);
    await this.deps.database.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      const left = await repo.deleteMember(roomId, me.userId);
      if (!left) throw new AppError('forbidden', 'You are not in this room.');
      await repo.freeSeat(roomId);
      if (left.role === 'host') {
        const next = await repo.nextHost(roomId, me.userId);
        if (next) await repo.makeHost(roomId, next);
      }
      await this.deps.chat.leave({ roomId, userId: me.userId }, tx);
    });
  }

  private async existing(roomId: string): Promise<OpenRoomRow> {
    const row = await this.repo.findRoom(roomId);
    if (!row) throw new AppError('not_found', 'No such open room.');
    return row;
  }

  private async present(actor: Actor, rows: OpenRoomRow[]): Promise<OpenRoom[]> {
    const mine = actor.kind === 'user' ? await this.repo.membershipsOf(actor.userId, rows.map((r) => r.roomId)) : new Map<string, OpenMemberRow>();
    return rows.map((row) => toOpenRoom(row, mine.get(row.roomId) ?? null));
  }

  // Moderation

  /**
   * The caller as a moderator of the room: the host, or a co-host the host granted `right`. Anyone else, a member or
   * not, is refused before anything is read or changed.
   */
  private async moderator(actor: Actor, roomId: string, right: CohostRight | 'host'): Promise<{ me: UserActor; room: OpenRoomRow; member: OpenMemberRow }> {
    const me = requireUser(actor);
    const room = await this.existing(roomId);
    const member = await this.repo.findMember(roomId, me.userId);
    if (!member) throw new AppError('forbidden', 'You are not in this room.');
    const allowed = member.role === 'host' || (right !== 'host' && member.role === 'cohost' && member.rights.includes(right));
    if (!allowed) throw new AppError('forbidden', right === 'host' ? 'Only the host can do that.' : `Only the host, or a co-host allowed to ${right}, can do that.`);
    return { me, room, member };
  }

  private log(roomId: string, actorId: string, action: ModerationRow['action'], targetId: string | null, detail: string): ModerationRow {
    return { id: newId('oml'), roomId, action, actorId, targetId, detail, at: this.deps.clock.now() };
  }

  async updateSettings(actor: Actor, roomId: string, input: z.output<typeof OpenRoomSettingsBody>): Promise<OpenRoom> {
    const { me } = await this.moderator(actor, roomId, 'settings');
    const changes: string[] = [];
    if (input.slowModeSeconds !== undefined) changes.push(input.slowModeSeconds === 0 ? 'slow mode off' : `slow mode ${input.slowModeSeconds} s`);
    if (input.readOnly !== undefined) changes.push(input.readOnly ? 'announcements only' : 'everyone may post');
    if (input.pinnedNotice !== undefined) changes.push(input.pinnedNotice === null ? 'notice unpinned' : 'notice pinned');
    const words = input.bannedWords ? [...new Set(input.bannedWords.words)] : undefined;
    if (input.bannedWords && words) changes.push(`${words.length} banned words (${input.bannedWords.match})`);
    const row = await this.deps.database.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      const updated = await repo.updateSettings(roomId, {
        ...(input.slowModeSeconds !== undefined && { slowModeSeconds: input.slowModeSeconds }),
        ...(input.readOnly !== undefined && { readOnly: input.readOnly }),
        ...(input.pinnedNotice !== undefined && { pinnedNotice: input.pinnedNotice }),
        ...(input.bannedWords && words && { bannedWords: words, wordMatch: input.bannedWords.match }),
      });
      await repo.logModeration(this.log(roomId, me.userId, 'settings', null, changes.join('; ')));
      return updated;
    });
    return toOpenRoom(row, await this.repo.findMember(roomId, me.userId) ?? null);
  }

  /** The banned words, for the host and every co-host (changing them needs the "settings" right). */
  async bannedWords(actor: Actor, roomId: string): Promise<BannedWords> {
    const me = requireUser(actor);
    const room = await this.existing(roomId);
    const member = await this.repo.findMember(roomId, me.userId);
    if (member?.role !== 'host' && member?.role !== 'cohost') throw new AppError('forbidden', 'Only the host and co-hosts see the banned words.');
    return { words: room.bannedWords, match: room.wordMatch };
  }

  async makeCohost(actor: Actor, roomId: string, userId: string, rights: CohostRight[]): Promise<void> {
    const { me } = await this.moderator(actor, roomId, 'host');
    const target = await this.repo.findMember(roomId, userId);
    if (!target || target.role === 'host') throw new AppError('not_found', 'No such member.');
    const granted = [...new Set(rights)].sort();
    await this.deps.database.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      if (target.role !== 'cohost' && (await repo.cohostCount(roomId)) >= OPEN_ROOM_MAX_COHOSTS) {
        throw new AppError('room_full', `A room has at most ${OPEN_ROOM_MAX_COHOSTS} co-hosts.`);
      }
      await repo.setRole(roomId, userId, 'cohost', granted);
      await repo.logModeration(this.log(roomId, me.userId, 'cohost', userId, granted.length > 0 ? `may ${granted.join(', ')}` : 'no rights'));
    });
  }

  async removeCohost(actor: Actor, roomId: string, userId: string): Promise<void> {
    const { me } = await this.moderator(actor, roomId, 'host');
    const target = await this.repo.findMember(roomId, userId);
    if (!target || target.role !== 'cohost') throw new AppError('not_found', 'No such co-host.');
    await this.deps.database.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      await repo.setRole(roomId, userId, 'member', []);
      await repo.logModeration(this.log(roomId, me.userId, 'uncohost', userId, ''));
    });
  }

  /** Takes a member out and keeps their account out: kicked people do not come back under another name. */
  async kick(actor: Actor, roomId: string, userId: string, reason: string | undefined): Promise<void> {
    const { me, member } = await this.moderator(actor, roomId, 'kick');
    const target = await this.repo.findMember(roomId, userId);
    if (!target) throw new AppError('not_found', 'No such member.');
    this.mayRemove(member, target);
    await this.remove(roomId, me.userId, target.userId, 'kick', reason);
  }

  /** Keeps an account out of the room, taking it out first if it is in. */
  async ban(actor: Actor, roomId: string, userId: string, reason: string | undefined): Promise<void> {
    const { me, member } = await this.moderator(actor, roomId, 'ban');
    if (userId === me.userId) throw new AppError('validation_failed', 'You cannot ban yourself.');
    const target = await this.repo.findMember(roomId, userId);
    if (target) this.mayRemove(member, target);
    else if (!(await this.deps.people.exists(userId))) throw new AppError('not_found', 'No such user.');
    await this.remove(roomId, me.userId, userId, 'ban', reason);
  }

  private mayRemove(by: OpenMemberRow, target: OpenMemberRow): void {
    if (target.userId === by.userId) throw new AppError('validation_failed', 'Leave the room instead.');
    if (target.role === 'host' || (target.role === 'cohost' && by.role !== 'host')) {
      throw new AppError('forbidden', 'Only the host can remove a co-host, and nobody can remove the host.');
    }
  }

  private async remove(roomId: string, byId: string, userId: string, action: 'kick' | 'ban', reason: string | undefined): Promise<void> {
    const now = this.deps.clock.now();
    await this.deps.database.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      if (await repo.deleteMember(roomId, userId)) {
        await repo.freeSeat(roomId);
        await this.deps.chat.leave({ roomId, userId }, tx);
      }
      await repo.ban({ roomId, userId, byId, at: now });
      await repo.logModeration(this.log(roomId, byId, action, userId, reason ?? ''));
    });
  }

  async unban(actor: Actor, roomId: string, userId: string): Promise<void> {
    const { me } = await this.moderator(actor, roomId, 'ban');
    await this.deps.database.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      if (!(await repo.unban(roomId, userId))) throw new AppError('not_found', 'This account is not kept out of the room.');
      await repo.logModeration(this.log(roomId, me.userId, 'unban', userId, ''));
    });
  }

  /**
   * The latest messages, to read before joining: any room anyone may join (not one behind an entry code), and any
   * room to its members. Words and the sender's name only.
   */
  async preview(actor: Actor, roomId: string): Promise<PreviewMessage[]> {
    const room = await this.existing(roomId);
    const member = actor.kind === 'user' ? await this.repo.findMember(roomId, actor.userId) : undefined;
    if (room.joinMode !== 'open' && !member) throw new AppError('forbidden', 'This room shows its messages only to its members.');
    if (actor.kind === 'user' && !member && (await this.repo.isBanned(roomId, actor.userId))) throw new AppError('banned_from_room', 'You were removed from this room.');
    const recent = await this.deps.chat.recent(roomId, PREVIEW_MESSAGES);
    const names = await this.deps.people.profiles([...new Set(recent.map((m) => m.senderId))]);
    return recent.map((m) => ({ seq: m.seq, senderName: names.get(m.senderId)?.displayName ?? '', text: m.text, createdAt: m.createdAt }));
  }

  /** Hides a message for everyone, as the host or a co-host granted "hide"; recorded in the moderation log. */
  async hide(actor: Actor, roomId: string, seq: number, reason: string | undefined): Promise<void> {
    const { me } = await this.moderator(actor, roomId, 'hide');
    if (!(await this.deps.chat.hide(roomId, seq))) throw new AppError('not_found', 'No such message, or it is already gone.');
    await this.repo.logModeration(this.log(roomId, me.userId, 'hide', null, [`message ${seq}`, reason].filter(Boolean).join(': ')));
  }

  /** Which of the latest messages a list of banned words would have refused, so a host sees it before switching it on. */
  async dryRunBannedWords(actor: Actor, roomId: string, words: BannedWords): Promise<{ checked: number; matched: Array<{ seq: number; text: string }> }> {
    await this.moderator(actor, roomId, 'settings');
    const recent = await this.deps.chat.recent(roomId, DRY_RUN_MESSAGES);
    const matched = recent.filter((m) => hasBannedWord(m.text, words.words, words.match)).map((m) => ({ seq: m.seq, text: m.text }));
    return { checked: recent.length, matched };
  }

  /** The moderation log, newest first: any member may read it; nobody outside the room can. */
  async moderationLog(actor: Actor, roomId: string): Promise<ModerationEntry[]> {
    const me = requireUser(actor);
    await this.existing(roomId);
    if (!(await this.repo.findMember(roomId, me.userId))) throw new AppError('forbidden', 'You are not in this room.');
    const rows = await this.repo.moderationLog(roomId, 200);
    const people = await this.deps.people.profiles([...new Set(rows.flatMap((r) => (r.targetId ? [r.actorId, r.targetId] : [r.actorId])))]);
    const who = (id: string) => ({ id, displayName: people.get(id)?.displayName ?? '' });
    return rows.map((r) => ({ id: r.id, action: r.action, actor: who(r.actorId), target: r.targetId ? who(r.targetId) : null, detail: r.detail, at: r.at.toISOString() }));
  }

  /**
   * Whether a member may post this now, asked by chat before it writes a message to an open room: announcements-only
   * rooms take hosts' and co-hosts' messages only, banned words refuse a member's message, and slow mode lets a member
   * post once per interval (one conditional update, so of messages sent at once exactly one passes). Every post also
   * records when the member last spoke, which decides who takes over from a leaving host.
   */
  async mayPost(actor: Actor, input: { roomId: string; userId: string; text: string | null }): Promise<void> {
    requireSystem(actor, 'Only chat asks whether a member may post.');
    const room = await this.repo.findRoom(input.roomId);
    const member = room && (await this.repo.findMember(input.roomId, input.userId));
    // Not a member: chat refuses the message itself.
    if (!room || !member) return;
    const moderator = member.role !== 'member';
    if (room.readOnly && !moderator) throw new AppError('room_read_only', 'Only the hosts post in this room.');
    if (!moderator && input.text && hasBannedWord(input.text, room.bannedWords, room.wordMatch)) {
      throw new AppError('word_blocked', 'This message has a word the room does not allow.');
    }
    const wait = moderator ? 0 : room.slowModeSeconds;
    const now = this.deps.clock.now();
    if (await this.repo.claimPost(input.roomId, input.userId, now, wait)) return;
    const last = (await this.repo.findMember(input.roomId, input.userId))?.lastPostAt ?? now;
    const retryAfter = Math.max(1, Math.ceil((last.getTime() + wait * 1000 - now.getTime()) / 1000));
    throw new AppError('slow_mode', `Slow mode: one message every ${wait} seconds. Try again in ${retryAfter} seconds.`, { retryAfter });
  }
}

/** Whether `text` has one of `banned` (already lower-cased): as a whole word, or anywhere in it. */
function hasBannedWord(text: string, banned: string[], match: 'exact' | 'contains'): boolean {
  if (banned.length === 0) return false;
  if (match === 'contains') {
    const normal = text.normalize('NFKC').toLowerCase();
    return banned.some((w) => normal.includes(w.normalize('NFKC')));
  }
  const set = new Set(banned.map((w) => w.normalize('NFKC')));
  return words(text).some((w) => set.has(w));
}

function toOpenRoom(row: OpenRoomRow, member: Pick<OpenMemberRow, 'role' | 'rights'> | null): OpenRoom {
  return {
    id: row.roomId,
    name: row.name,
    description: row.description,
    category: row.category as OpenRoom['category'],
    tags: row.tags,
    languages: row.languages,
    memberCount: row.memberCount,
    memberCap: row.memberCap,
    joinMode: row.joinMode,
    linkCode: row.linkCode,
    createdAt: row.createdAt.toISOString(),
    slowModeSeconds: row.slowModeSeconds,
    readOnly: row.readOnly,
    pinnedNotice: row.pinnedNotice,
    role: member?.role ?? null,
    rights: member?.role === 'cohost' ? (member.rights as CohostRight[]) : [],
  };
}
