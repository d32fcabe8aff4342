import { createHash, timingSafeEqual } from 'node:crypto';
import {
  OPEN_ROOM_MAX_COHOSTS,
  type BannedWords,
  type CohostRight,
  type CreateOpenRoomBody,
  type Glossary,
  type JoinOpenRoomBody,
  type JoinRequest,
  type MemberReport,
  type ModerationEntry,
  type OpenMember,
  type OpenProfileChoice,
  type OpenRoom,
  type OpenRoomSearch,
  type OpenRoomSettingsBody,
  type PreviewMessage,
  type PublicProfile,
  type reportReasons,
} from '@maum/protocol';
import type { z } from 'zod';
import { requireSystem, requireUser, type Actor, type UserActor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import type { Database, Executor } from '../../platform/db/database';
import { AppError } from '../../platform/errors';
import { newId, randomToken } from '../../platform/ids';
import { squareWebp, type ImageLimits } from '../../platform/media/images';
import type { MediaStore } from '../../platform/media/media-store';
import type { RateLimiter } from '../../platform/rate-limit/rate-limiter';
import { detectLanguage } from '../../platform/translate/language-detector';
import type { AccountsDirectory } from '../accounts';
import type { MemberWithProfile, ModerationRow, OpenlinkRepository, OpenMemberRow, OpenRoomRow, ProfileRow } from './openlink.repository';
import type { Face, OpenRoomChat, OpenRoomHooks } from './openlink.ports';
import { queryTerms, roomTerms, tagTerm, words } from './search-terms';

/** Trending heat halves in about 17 hours (decay time constant τ of one day). */
const TREND_TAU_MS = 86_400_000;
const JOIN_WEIGHT = 1;
/** A message warms its room a fifth as much as a join; a room's messages are counted for a while and written at once. */
const MESSAGE_WEIGHT = 0.2;
const HEAT_FLUSH_MS = 10_000;
const HEAT_FLUSH_MESSAGES = 50;
const OPEN_AVATAR_SIZE = 256;
const ROOM_COVER_SIZE = 512;
const REPORT_TRIES = { limit: 30, windowMs: 60 * 60_000, message: 'Too many reports. Try again later.' };
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
      media: MediaStore;
      imageLimits: ImageLimits;
      hooks: OpenRoomHooks;
    },
  ) {}

  /** Messages not yet added to their rooms' trend keys: room id → how many, since when. */
  private readonly heat = new Map<string, { messages: number; since: number }>();

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
    const profile = this.newProfile(input.profile, { roomId: '', userId: me.userId, lang: input.languages[0]!, now });
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
      question: input.question ?? null,
      coverUrl: null,
      format: input.format,
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
      glossary: { keep: [], terms: [] },
      createdAt: now,
      closedAt: null,
    };
    profile.roomId = row.roomId;
    await this.deps.database.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      await repo.insertRoom(row);
      await repo.insertProfile(profile);
      await repo.insertMember({ roomId: row.roomId, userId: me.userId, memberId: profile.memberId, role: 'host', joinedAt: now });
      await this.deps.chat.create({ roomId: row.roomId, hostId: me.userId, title: input.name, face: faceOf(profile) }, tx);
    });
    return toOpenRoom(row, { role: 'host', rights: [], memberId: profile.memberId }, { pending: false, conversationId: null });
  }

  /** A new profile: who someone will be in one room, with a member id nobody can trace to their account. */
  private newProfile(choice: OpenProfileChoice, at: { roomId: string; userId: string; lang: string; now: Date }): ProfileRow {
    return {
      memberId: newId('opm'),
      roomId: at.roomId,
      userId: at.userId,
      kind: choice.kind,
      nickname: choice.kind === 'open' ? choice.nickname : null,
      avatarUrl: null,
      lang: at.lang,
      createdAt: at.now,
    };
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
   * Joins the caller as the profile they chose: a code room checks the entry code first (in constant time, with
   * wrong guesses limited per account and per address); a request room files a request for the hosts to answer. The
   * seat, the profile, the member and the chat membership are taken in one transaction, and a full room refuses with
   * `room_full`, however many join at once. Joining again answers the room as it is.
   */
  async join(actor: Actor, roomId: string, input: z.output<typeof JoinOpenRoomBody>): Promise<OpenRoom> {
    const me = requireUser(actor);
    const room = await this.existing(roomId);
    if (await this.repo.findMember(roomId, me.userId)) return this.room(actor, roomId);
    // By account: leaving and coming back, under whatever name, does not undo a kick or a ban.
    if (await this.repo.isBanned(roomId, me.userId)) throw new AppError('banned_from_room', 'You were removed from this room and cannot join it again.');
    if (room.closedAt) throw new AppError('room_closed', 'This room has closed.');
    if (!(await this.deps.hooks.mayEnter(roomId, me.userId))) throw new AppError('subscription_required', 'This room is for its subscribers: subscribe to join.');
    const lang = input.lang ?? room.languages[0]!;
    if (room.joinMode === 'code') await this.checkCode(me, room, input.entryCode);
    if (room.format === 'one_to_one') {
      await this.converse(room, me.userId, input.profile, lang);
      return this.room(actor, roomId);
    }
    if (room.joinMode === 'request') {
      await this.repo.insertRequest({
        id: newId('opq'), roomId, userId: me.userId, profileKind: input.profile.kind,
        nickname: input.profile.kind === 'open' ? input.profile.nickname : null,
        lang, answer: input.answer ?? '', at: this.deps.clock.now(),
      });
      return this.room(actor, roomId);
    }
    await this.admit(room, me.userId, input.profile, lang);
    return this.room(actor, roomId);
  }

  /**
   * Opens the caller's own 1:1 room with the host of a `one_to_one` open room, as the profile they chose (one per
   * person: joining again answers the one they have).
   */
  private async converse(room: OpenRoomRow, userId: string, choice: OpenProfileChoice, lang: string): Promise<void> {
    if (await this.repo.findConversation(room.roomId, userId)) return;
    const host = await this.repo.findMemberWithProfile(room.roomId, room.hostId);
    if (!host) throw new AppError('not_found', 'Nobody answers at this open profile now.');
    const now = this.deps.clock.now();
    const profile = this.newProfile(choice, { roomId: room.roomId, userId, lang, now });
    const conversationId = newId('room');
    await this.deps.database.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      await repo.insertProfile(profile);
      if (!(await repo.insertConversation({ roomId: conversationId, openRoomId: room.roomId, userId, memberId: profile.memberId, createdAt: now }))) throw new AlreadyIn();
      await repo.warm(room.roomId, this.trendNow(), JOIN_WEIGHT);
      await this.deps.chat.converse(
        { roomId: conversationId, title: room.name, host: { userId: host.userId, face: faceOf(host.profile) }, guest: { userId, face: faceOf(profile) } },
        tx,
      );
    }).catch((err: unknown) => {
      if (!(err instanceof AlreadyIn)) throw err;
    });
  }

  /**
   * Seats `userId` in the room as a new profile (one transaction); answers the new member id, or null if already in.
   * Answering a join request takes the request off the list in the same transaction: of two hosts answering at once,
   * one lets them in and the other finds it answered.
   */
  private async admit(room: OpenRoomRow, userId: string, choice: OpenProfileChoice, lang: string, requestId?: string): Promise<string | null> {
    const now = this.deps.clock.now();
    const profile = this.newProfile(choice, { roomId: room.roomId, userId, lang, now });
    return this.deps.database.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      if (requestId && !(await repo.deleteRequest(requestId))) throw answeredAlready();
      await repo.insertProfile(profile);
      if (!(await repo.insertMember({ roomId: room.roomId, userId, memberId: profile.memberId, role: 'member', joinedAt: now }))) {
        throw new AlreadyIn();
      }
      if (!(await repo.takeSeat(room.roomId, this.trendNow(), JOIN_WEIGHT))) throw new AppError('room_full', `This room holds ${room.memberCap} people and is full.`);
      await repo.deleteRequestOf(room.roomId, userId);
      await this.deps.chat.join({ roomId: room.roomId, userId, face: faceOf(profile) }, tx);
      return profile.memberId;
    }).catch((err: unknown) => {
      // Joined a moment ago by another request of theirs: the profile made for this one was rolled back with it.
      if (err instanceof AlreadyIn) return null;
      throw err;
    });
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
    if (actor.kind !== 'user') return rows.map((row) => toOpenRoom(row, null, { pending: false, conversationId: null }));
    const ids = rows.map((r) => r.roomId);
    const oneToOne = rows.filter((r) => r.format === 'one_to_one').map((r) => r.roomId);
    const [mine, asked, conversations] = await Promise.all([
      this.repo.membershipsOf(actor.userId, ids),
      this.repo.requestedAmong(actor.userId, ids),
      this.repo.conversationsAmong(actor.userId, oneToOne),
    ]);
    return rows.map((row) => toOpenRoom(row, mine.get(row.roomId) ?? null, { pending: asked.has(row.roomId), conversationId: conversations.get(row.roomId) ?? null }));
  }

  // Members and their profiles

  private async requireMember(actor: Actor, roomId: string): Promise<{ me: UserActor; room: OpenRoomRow; member: MemberWithProfile }> {
    const me = requireUser(actor);
    const room = await this.existing(roomId);
    const member = await this.repo.findMemberWithProfile(roomId, me.userId);
    if (!member) throw new AppError('forbidden', 'You are not in this room.');
    return { me, room, member };
  }

  /** The room's members as the room knows them; only members see them. */
  async members(actor: Actor, roomId: string): Promise<OpenMember[]> {
    await this.requireMember(actor, roomId);
    const rows = await this.repo.listMembers(roomId);
    const main = await this.mainProfiles(rows.map((r) => r.profile));
    return rows.map((r) => toOpenMember(r, main));
  }

  /** Main profiles (name and picture) of the people who came as themselves; open profiles need none. */
  private async mainProfiles(profiles: ProfileRow[]): Promise<Map<string, PublicProfile>> {
    return this.deps.people.profiles([...new Set(profiles.filter((p) => p.kind === 'main').map((p) => p.userId))]);
  }

  /** Changes the caller's nickname (open profiles only) or the language they read the room in. */
  async setProfile(actor: Actor, roomId: string, input: { nickname?: string; lang?: string }): Promise<OpenMember> {
    const { me, member: current } = await this.requireMember(actor, roomId);
    if (input.nickname !== undefined && current.profile.kind !== 'open') {
      throw new AppError('validation_failed', 'You are in this room as your main profile; change your name in your profile.');
    }
    const profile = await this.repo.updateProfile(current.memberId, { ...(input.nickname !== undefined && { nickname: input.nickname }), ...(input.lang && { lang: input.lang }) });
    if (input.nickname !== undefined) await this.deps.chat.setFace({ roomId, userId: me.userId, face: faceOf(profile) });
    return toOpenMember({ ...current, profile }, await this.mainProfiles([profile]));
  }

  /** Sets the picture of the caller's open profile in this room (squared, re-encoded, without metadata). */
  async setAvatar(actor: Actor, roomId: string, upload: Buffer): Promise<OpenMember> {
    const { me, member: current } = await this.requireMember(actor, roomId);
    if (current.profile.kind !== 'open') throw new AppError('validation_failed', 'You are in this room as your main profile; change your picture in your profile.');
    const key = await this.storePicture(upload, OPEN_AVATAR_SIZE);
    const profile = await this.repo.updateProfile(current.memberId, { avatarUrl: `/media/${key}` });
    await this.deps.chat.setFace({ roomId, userId: me.userId, face: faceOf(profile) });
    return toOpenMember({ ...current, profile }, new Map());
  }

  // Join requests

  async requests(actor: Actor, roomId: string): Promise<JoinRequest[]> {
    await this.moderator(actor, roomId, 'kick');
    const rows = await this.repo.listRequests(roomId, 200);
    const main = await this.deps.people.profiles(rows.filter((r) => r.profileKind === 'main').map((r) => r.userId));
    return rows.map((r) => ({ id: r.id, displayName: r.nickname ?? main.get(r.userId)?.displayName ?? '', answer: r.answer, at: r.at.toISOString() }));
  }

  /** Lets a request in as the profile it asked with; two hosts answering at once answer it once. */
  async approve(actor: Actor, roomId: string, requestId: string): Promise<void> {
    const { member, room } = await this.moderator(actor, roomId, 'kick');
    const request = await this.repo.findRequest(roomId, requestId);
    if (!request) throw answeredAlready();
    if (await this.repo.isBanned(roomId, request.userId)) {
      await this.repo.deleteRequest(requestId);
      throw new AppError('banned_from_room', 'This account was removed from the room; unban it first.');
    }
    const choice: OpenProfileChoice = request.profileKind === 'open' && request.nickname ? { kind: 'open', nickname: request.nickname } : { kind: 'main' };
    const memberId = await this.admit(room, request.userId, choice, request.lang, request.id);
    if (!memberId) throw answeredAlready();
    await this.repo.logModeration(this.log(roomId, member.memberId, 'approve', memberId, ''));
  }

  async decline(actor: Actor, roomId: string, requestId: string): Promise<void> {
    const { member } = await this.moderator(actor, roomId, 'kick');
    const request = await this.repo.findRequest(roomId, requestId);
    if (!request || !(await this.repo.deleteRequest(requestId))) throw answeredAlready();
    await this.repo.logModeration(this.log(roomId, member.memberId, 'decline', null, 'a request to join'));
  }

  // Reports

  /** Reports a member (or one of their messages, as it reads now) to the hosts. */
  async report(actor: Actor, roomId: string, input: { memberId: string; seq?: number; reason: (typeof reportReasons)[number]; detail: string }): Promise<void> {
    const { me, member } = await this.requireMember(actor, roomId);
    const target = await this.repo.findProfile(roomId, input.memberId);
    if (!target) throw new AppError('not_found', 'No such member.');
    if (target.memberId === member.memberId) throw new AppError('validation_failed', 'You cannot report yourself.');
    let text = '';
    if (input.seq !== undefined) {
      const [message] = await this.deps.chat.words({ roomId, userId: me.userId, seqs: [input.seq] });
      if (!message || message.senderId !== target.userId) throw new AppError('not_found', 'That member sent no such message here.');
      text = message.text;
    }
    await this.deps.limiter.hit(`open-report:${me.userId}`, REPORT_TRIES);
    await this.repo.insertReport({
      id: newId('opr'), roomId, reporterId: me.userId, memberId: target.memberId, seq: input.seq ?? null,
      reason: input.reason, detail: input.detail, text, at: this.deps.clock.now(),
    });
  }

  /** Reports, for the host and every co-host. Who reported is not shown. */
  async reports(actor: Actor, roomId: string): Promise<MemberReport[]> {
    const { member } = await this.requireMember(actor, roomId);
    if (member.role === 'member') throw new AppError('forbidden', 'Only the host and co-hosts see reports.');
    const rows = await this.repo.listReports(roomId, 200);
    const who = await this.names(rows.map((r) => r.memberId));
    return rows.map((r) => ({ id: r.id, seq: r.seq, member: who(r.memberId), reason: r.reason, detail: r.detail, text: r.text, at: r.at.toISOString() }));
  }

  /** Names member ids as the room knows them (also people who have left). */
  private async names(memberIds: string[]): Promise<(memberId: string) => { id: string; displayName: string }> {
    const profiles = await this.repo.profilesByIds([...new Set(memberIds)]);
    const main = await this.mainProfiles([...profiles.values()]);
    return (id) => {
      const p = profiles.get(id);
      return { id, displayName: p ? (p.nickname ?? main.get(p.userId)?.displayName ?? '') : '' };
    };
  }

  // Glossary

  async glossary(actor: Actor, roomId: string): Promise<Glossary> {
    const { room } = await this.requireMember(actor, roomId);
    return room.glossary;
  }

  async setGlossary(actor: Actor, roomId: string, glossary: Glossary): Promise<Glossary> {
    const { member } = await this.moderator(actor, roomId, 'settings');
    const kept: Glossary = { keep: [...new Set(glossary.keep)], terms: glossary.terms };
    await this.deps.database.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      await repo.setGlossary(roomId, kept);
      await repo.logModeration(this.log(roomId, member.memberId, 'glossary', null, `${kept.keep.length} kept as they are, ${kept.terms.length} terms`));
    });
    return kept;
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
    const { member } = await this.moderator(actor, roomId, 'settings');
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
      await repo.logModeration(this.log(roomId, member.memberId, 'settings', null, changes.join('; ')));
      return updated;
    });
    return toOpenRoom(row, member, { pending: false, conversationId: null });
  }

  /** Sets the room's cover picture (squared, re-encoded, without metadata), as the host or a co-host with "settings". */
  async setCover(actor: Actor, roomId: string, upload: Buffer): Promise<OpenRoom> {
    const { member } = await this.moderator(actor, roomId, 'settings');
    const key = await this.storePicture(upload, ROOM_COVER_SIZE);
    const row = await this.deps.database.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      const updated = await repo.updateSettings(roomId, { coverUrl: `/media/${key}` });
      await repo.logModeration(this.log(roomId, member.memberId, 'settings', null, 'cover changed'));
      return updated;
    });
    return toOpenRoom(row, member, { pending: false, conversationId: null });
  }

  /** Stores a picture squared and re-encoded (no metadata), under an unguessable key served at `/media/<key>`. */
  private async storePicture(upload: Buffer, size: number): Promise<string> {
    const picture = await squareWebp(upload, size, this.deps.imageLimits);
    const key = `avatars/${randomToken(24)}.webp`;
    await this.deps.media.put(key, picture);
    return key;
  }

  /** The banned words, for the host and every co-host (changing them needs the "settings" right). */
  async bannedWords(actor: Actor, roomId: string): Promise<BannedWords> {
    const me = requireUser(actor);
    const room = await this.existing(roomId);
    const member = await this.repo.findMember(roomId, me.userId);
    if (member?.role !== 'host' && member?.role !== 'cohost') throw new AppError('forbidden', 'Only the host and co-hosts see the banned words.');
    return { words: room.bannedWords, match: room.wordMatch };
  }

  async makeCohost(actor: Actor, roomId: string, memberId: string, rights: CohostRight[]): Promise<void> {
    const { member } = await this.moderator(actor, roomId, 'host');
    const target = await this.repo.findMemberById(roomId, memberId);
    if (!target || target.role === 'host') throw new AppError('not_found', 'No such member.');
    const granted = [...new Set(rights)].sort();
    await this.deps.database.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      if (target.role !== 'cohost' && (await repo.cohostCount(roomId)) >= OPEN_ROOM_MAX_COHOSTS) {
        throw new AppError('room_full', `A room has at most ${OPEN_ROOM_MAX_COHOSTS} co-hosts.`);
      }
      await repo.setRole(roomId, target.userId, 'cohost', granted);
      await repo.logModeration(this.log(roomId, member.memberId, 'cohost', memberId, granted.length > 0 ? `may ${granted.join(', ')}` : 'no rights'));
    });
  }

  async removeCohost(actor: Actor, roomId: string, memberId: string): Promise<void> {
    const { member } = await this.moderator(actor, roomId, 'host');
    const target = await this.repo.findMemberById(roomId, memberId);
    if (!target || target.role !== 'cohost') throw new AppError('not_found', 'No such co-host.');
    await this.deps.database.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      await repo.setRole(roomId, target.userId, 'member', []);
      await repo.logModeration(this.log(roomId, member.memberId, 'uncohost', memberId, ''));
    });
  }

  /** Takes a member out and keeps their account out: kicked people do not come back under another name. */
  async kick(actor: Actor, roomId: string, memberId: string, reason: string | undefined): Promise<void> {
    const { member } = await this.moderator(actor, roomId, 'kick');
    const target = await this.repo.findMemberById(roomId, memberId);
    if (!target) throw new AppError('not_found', 'No such member.');
    this.mayRemove(member, target);
    await this.remove(roomId, member.memberId, { userId: target.userId, memberId }, 'kick', reason);
  }

  /** Keeps a member's account out of the room (someone in it now, or who was), taking it out first if it is in. */
  async ban(actor: Actor, roomId: string, memberId: string, reason: string | undefined): Promise<void> {
    const { me, member } = await this.moderator(actor, roomId, 'ban');
    const profile = await this.repo.findProfile(roomId, memberId);
    if (!profile) throw new AppError('not_found', 'No such member.');
    if (profile.userId === me.userId) throw new AppError('validation_failed', 'You cannot ban yourself.');
    const target = await this.repo.findMember(roomId, profile.userId);
    if (target) this.mayRemove(member, target);
    await this.remove(roomId, member.memberId, { userId: profile.userId, memberId }, 'ban', reason);
  }

  private mayRemove(by: OpenMemberRow, target: OpenMemberRow): void {
    if (target.userId === by.userId) throw new AppError('validation_failed', 'Leave the room instead.');
    if (target.role === 'host' || (target.role === 'cohost' && by.role !== 'host')) {
      throw new AppError('forbidden', 'Only the host can remove a co-host, and nobody can remove the host.');
    }
  }

  private async remove(roomId: string, byId: string, { userId, memberId }: { userId: string; memberId: string }, action: 'kick' | 'ban', reason: string | undefined): Promise<void> {
    const now = this.deps.clock.now();
    await this.deps.hooks.prepare();
    await this.deps.database.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      if (await repo.deleteMember(roomId, userId)) {
        await repo.freeSeat(roomId);
        await this.deps.chat.leave({ roomId, userId }, tx);
      }
      const conversation = await repo.findConversation(roomId, userId);
      if (conversation) await this.deps.chat.leave({ roomId: conversation, userId }, tx);
      await repo.ban({ roomId, userId, memberId, byId, at: now });
      await repo.deleteRequestOf(roomId, userId);
      await repo.logModeration(this.log(roomId, byId, action, memberId, reason ?? ''));
      await this.deps.hooks.removed(tx, { roomId, userId, reason: reason ?? '' });
    });
  }

  /**
   * Closes the room for good, as its host: it stays readable, but nobody joins or posts, it is not listed, and its
   * subscribers get the unused part of their period back, in the same transaction. Closing again changes nothing.
   */
  async close(actor: Actor, roomId: string): Promise<void> {
    const { member } = await this.moderator(actor, roomId, 'host');
    await this.deps.hooks.prepare();
    await this.deps.database.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      if (!(await repo.closeRoom(roomId, this.deps.clock.now()))) return;
      await repo.logModeration(this.log(roomId, member.memberId, 'settings', null, 'closed the room'));
      await this.deps.hooks.closed(tx, roomId);
    });
  }

  /** An open room for subscriptions: its name, host and state, and `userId`'s role and rights in it. */
  async roomForSubscriptions(actor: Actor, roomId: string, userId: string | null): Promise<{ roomId: string; name: string; hostId: string; closed: boolean; role: OpenMemberRow['role'] | null; rights: string[] } | null> {
    requireSystem(actor, 'Only subscriptions reads rooms this way.');
    const room = await this.repo.findRoom(roomId);
    if (!room) return null;
    const member = userId ? await this.repo.findMember(roomId, userId) : undefined;
    return { roomId, name: room.name, hostId: room.hostId, closed: room.closedAt !== null, role: member?.role ?? null, rights: member?.role === 'cohost' ? member.rights : [] };
  }

  /** Names and hosts of open rooms. */
  async roomHosts(actor: Actor, roomIds: string[], tx?: Executor): Promise<Map<string, { name: string; hostId: string }>> {
    requireSystem(actor, 'Only server flows read rooms this way.');
    const repo = tx ? this.repo.with(tx) : this.repo;
    return new Map((await repo.roomsByIds([...new Set(roomIds)])).map((r) => [r.roomId, { name: r.name, hostId: r.hostId }]));
  }

  /** A room's members' accounts, with their roles and member ids. */
  async memberAccounts(actor: Actor, roomId: string): Promise<Array<{ userId: string; memberId: string; role: OpenMemberRow['role'] }>> {
    requireSystem(actor, 'Only server flows read members this way.');
    return (await this.repo.listMembers(roomId)).map((m) => ({ userId: m.userId, memberId: m.memberId, role: m.role }));
  }

  async unban(actor: Actor, roomId: string, memberId: string): Promise<void> {
    const { member } = await this.moderator(actor, roomId, 'ban');
    const profile = await this.repo.findProfile(roomId, memberId);
    await this.deps.database.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      if (!profile || !(await repo.unban(roomId, profile.userId))) throw new AppError('not_found', 'This member is not kept out of the room.');
      await repo.logModeration(this.log(roomId, member.memberId, 'unban', memberId, ''));
    });
  }

  /**
   * The latest messages, to read before joining: any room anyone may join (not one behind an entry code), and any
   * room to its members. Words and the sender's name only.
   */
  async preview(actor: Actor, roomId: string): Promise<Array<Omit<PreviewMessage, 'translated'> & { lang: string }>> {
    const room = await this.existing(roomId);
    const member = actor.kind === 'user' ? await this.repo.findMember(roomId, actor.userId) : undefined;
    if (room.joinMode !== 'open' && !member) throw new AppError('forbidden', 'This room shows its messages only to its members.');
    if (actor.kind === 'user' && !member && (await this.repo.isBanned(roomId, actor.userId))) throw new AppError('banned_from_room', 'You were removed from this room.');
    const recent = await this.deps.chat.recent(roomId, PREVIEW_MESSAGES);
    return recent.map((m) => ({ seq: m.seq, senderName: m.senderName, text: m.text, lang: m.lang ?? room.languages[0]!, createdAt: m.createdAt }));
  }

  /** Hides a message for everyone, as the host or a co-host granted "hide"; recorded in the moderation log. */
  async hide(actor: Actor, roomId: string, seq: number, reason: string | undefined): Promise<void> {
    const { member } = await this.moderator(actor, roomId, 'hide');
    if (!(await this.deps.chat.hide(roomId, seq))) throw new AppError('not_found', 'No such message, or it is already gone.');
    await this.repo.forgetTranslations(roomId, seq);
    await this.repo.logModeration(this.log(roomId, member.memberId, 'hide', null, [`message ${seq}`, reason].filter(Boolean).join(': ')));
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
    await this.requireMember(actor, roomId);
    const rows = await this.repo.moderationLog(roomId, 200);
    const who = await this.names(rows.flatMap((r) => (r.targetId ? [r.actorId, r.targetId] : [r.actorId])));
    return rows.map((r) => ({ id: r.id, action: r.action, actor: who(r.actorId), target: r.targetId ? who(r.targetId) : null, detail: r.detail, at: r.at.toISOString() }));
  }

  /**
   * Adds a message's warmth to its room's trend. Written at most every HEAT_FLUSH_MS per room, so a busy room costs
   * one update in a while, not one per message (what is gathered when a process stops is lost, which trending bears).
   */
  private async warm(roomId: string, now: number): Promise<void> {
    const entry = this.heat.get(roomId) ?? { messages: 0, since: now };
    entry.messages += 1;
    this.heat.set(roomId, entry);
    if (now - entry.since < HEAT_FLUSH_MS && entry.messages < HEAT_FLUSH_MESSAGES) return;
    this.heat.delete(roomId);
    await this.repo.warm(roomId, this.trendNow(), entry.messages * MESSAGE_WEIGHT);
  }

  /**
   * Whether a member may post this now, asked by chat before it writes a message to an open room: announcements-only
   * rooms take hosts' and co-hosts' messages only, banned words refuse a member's message, and slow mode lets a member
   * post once per interval (one conditional update, so of messages sent at once exactly one passes). Every post also
   * records when the member last spoke, which decides who takes over from a leaving host.
   */
  async admitPost(actor: Actor, input: { roomId: string; userId: string; text: string | null }): Promise<{ lang: string | null }> {
    requireSystem(actor, 'Only chat asks whether a member may post.');
    const room = await this.repo.findRoom(input.roomId);
    const member = room && (await this.repo.findMemberWithProfile(input.roomId, input.userId));
    // Not a member: chat refuses the message itself.
    if (!room || !member) return { lang: null };
    const moderator = member.role !== 'member';
    if (room.closedAt) throw new AppError('room_closed', 'This room has closed.');
    if (room.readOnly && !moderator) throw new AppError('room_read_only', 'Only the hosts post in this room.');
    if (!moderator && input.text && hasBannedWord(input.text, room.bannedWords, room.wordMatch)) {
      throw new AppError('word_blocked', 'This message has a word the room does not allow.');
    }
    const wait = moderator ? 0 : room.slowModeSeconds;
    const now = this.deps.clock.now();
    if (await this.repo.claimPost(input.roomId, input.userId, now, wait)) {
      await this.warm(input.roomId, now.getTime());
      if (!input.text) return { lang: null };
      return { lang: detectLanguage(input.text, room.languages, member.profile.lang).language };
    }
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

const answeredAlready = () => new AppError('not_found', 'No such request; it may have been answered already.');

/** Thrown inside a join's transaction when the person is in already, to roll back the profile made for it. */
class AlreadyIn extends Error {}

/** How chat shows a profile: an open profile by its nickname and picture, a main profile by the account's (null). */
function faceOf(profile: ProfileRow): Face {
  return { id: profile.memberId, name: profile.kind === 'open' ? (profile.nickname ?? '') : null, avatarUrl: profile.kind === 'open' ? profile.avatarUrl : null };
}

function toOpenMember(row: MemberWithProfile, main: Map<string, PublicProfile>): OpenMember {
  const own = row.profile.kind === 'main' ? main.get(row.userId) : undefined;
  return {
    id: row.memberId,
    displayName: row.profile.nickname ?? own?.displayName ?? '',
    avatarUrl: row.profile.kind === 'open' ? row.profile.avatarUrl : (own?.avatarUrl ?? null),
    role: row.role,
    rights: row.role === 'cohost' ? (row.rights as CohostRight[]) : [],
    profile: row.profile.kind,
    lang: row.profile.lang,
  };
}

function toOpenRoom(
  row: OpenRoomRow,
  member: Pick<OpenMemberRow, 'role' | 'rights' | 'memberId'> | null,
  caller: { pending: boolean; conversationId: string | null },
): OpenRoom {
  return {
    id: row.roomId,
    name: row.name,
    description: row.description,
    category: row.category as OpenRoom['category'],
    tags: row.tags,
    languages: row.languages,
    coverUrl: row.coverUrl,
    memberCount: row.memberCount,
    memberCap: row.memberCap,
    joinMode: row.joinMode,
    linkCode: row.linkCode,
    createdAt: row.createdAt.toISOString(),
    slowModeSeconds: row.slowModeSeconds,
    readOnly: row.readOnly,
    closed: row.closedAt !== null,
    pinnedNotice: row.pinnedNotice,
    question: row.question,
    role: member?.role ?? null,
    memberId: member?.memberId ?? null,
    pending: !member && caller.pending,
    format: row.format,
    conversationId: caller.conversationId,
    rights: member?.role === 'cohost' ? (member.rights as CohostRight[]) : [],
  };
}
