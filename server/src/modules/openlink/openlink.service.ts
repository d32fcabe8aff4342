import { createHash, timingSafeEqual } from 'node:crypto';
import type { CreateOpenRoomBody, OpenRoom, OpenRoomSearch } from '@maum/protocol';
import type { z } from 'zod';
import { requireUser, type Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import type { Database } from '../../platform/db/database';
import { AppError } from '../../platform/errors';
import { newId, randomToken } from '../../platform/ids';
import type { RateLimiter } from '../../platform/rate-limit/rate-limiter';
import type { OpenlinkRepository, OpenRoomRow } from './openlink.repository';
import type { OpenRoomChat } from './openlink.ports';
import { queryTerms, roomTerms, tagTerm } from './search-terms';

/** Trending heat halves in about 17 hours (decay time constant τ of one day). */
const TREND_TAU_MS = 86_400_000;
const JOIN_WEIGHT = 1;
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
      createdAt: now,
    };
    await this.deps.database.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      await repo.insertRoom(row);
      await repo.insertMember({ roomId: row.roomId, userId: me.userId, role: 'host', joinedAt: now });
      await this.deps.chat.create({ roomId: row.roomId, hostId: me.userId, title: input.name }, tx);
    });
    return toOpenRoom(row, 'host');
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
    if ((await this.repo.rolesOf(me.userId, [roomId])).has(roomId)) return this.room(actor, roomId);
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
        const next = await repo.longestMember(roomId, me.userId);
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
    const roles = actor.kind === 'user' ? await this.repo.rolesOf(actor.userId, rows.map((r) => r.roomId)) : new Map();
    return rows.map((row) => toOpenRoom(row, roles.get(row.roomId) ?? null));
  }
}

function toOpenRoom(row: OpenRoomRow, role: OpenRoom['role']): OpenRoom {
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
    role,
  };
}
