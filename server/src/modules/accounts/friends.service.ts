import type { Friend, PublicProfile } from '@maum/protocol';
import { requireUser, type Actor } from '../../platform/actor';
import type { EventBus } from '../../platform/bus/event-bus';
import type { Clock } from '../../platform/clock';
import { AppError } from '../../platform/errors';
import type { AccountsRepository, UserRow } from './accounts.repository';
import { toPublicProfile } from './accounts.mappers';
import type { FriendRow, FriendsRepository } from './friends.repository';

export interface FriendsServiceDeps {
  friends: FriendsRepository;
  accounts: AccountsRepository;
  clock: Clock;
  bus: EventBus;
}

function toFriend(row: FriendRow): Friend {
  return {
    user: toPublicProfile(row.user),
    favourite: row.contact.favourite,
    hidden: row.contact.status === 'hidden',
    mutual: row.mutual,
    addedAt: row.contact.createdAt.toISOString(),
  };
}

const notFound = () => new AppError('not_found', 'No such user.');

/**
 * The friend graph, KakaoTalk-style: adding is one-way; a friend can be a favourite or hidden; blocking stops
 * the other person from seeing your profile, adding you or messaging you, and they are not told.
 */
export class FriendsService {
  constructor(private readonly deps: FriendsServiceDeps) {}

  async list(actor: Actor, input: { q?: string; hidden?: boolean }): Promise<Friend[]> {
    const me = requireUser(actor);
    const rows = await this.deps.friends.list(me.userId, [input.hidden ? 'hidden' : 'friend'], input.q || undefined);
    return rows.map(toFriend);
  }

  async add(actor: Actor, input: { handle: string } | { code: string }): Promise<Friend> {
    const me = requireUser(actor);
    const target =
      'handle' in input
        ? await this.deps.accounts.findUserByHandle(input.handle)
        : await this.deps.accounts.findUserByFriendCode(input.code);
    const visible = await this.visibleTo(me.userId, target);
    if (visible.id === me.userId) throw new AppError('cannot_add_self', 'You cannot add yourself.');
    const existing = await this.deps.friends.find(me.userId, visible.id);
    if (existing?.status === 'blocked') {
      throw new AppError('user_blocked', 'You blocked this person. Unblock them first.');
    }
    if (!existing) {
      await this.deps.friends.upsert(me.userId, visible.id, 'friend', false, this.deps.clock.now());
      await this.deps.bus.publish('friends.added', { ownerId: me.userId, targetId: visible.id });
    } else if (existing.status === 'hidden') {
      await this.deps.friends.update(me.userId, visible.id, { status: 'friend' }, this.deps.clock.now());
    }
    return toFriend((await this.deps.friends.findFriend(me.userId, visible.id))!);
  }

  async update(actor: Actor, userId: string, input: { favourite?: boolean; hidden?: boolean }): Promise<Friend> {
    const me = requireUser(actor);
    const existing = await this.deps.friends.find(me.userId, userId);
    if (!existing || existing.status === 'blocked') throw new AppError('not_found', 'This person is not your friend.');
    const patch: { favourite?: boolean; status?: 'friend' | 'hidden' } = {};
    if (input.favourite !== undefined) patch.favourite = input.favourite;
    if (input.hidden !== undefined) patch.status = input.hidden ? 'hidden' : 'friend';
    await this.deps.friends.update(me.userId, userId, patch, this.deps.clock.now());
    return toFriend((await this.deps.friends.findFriend(me.userId, userId))!);
  }

  async remove(actor: Actor, userId: string): Promise<void> {
    const me = requireUser(actor);
    const removed = await this.deps.friends.delete(me.userId, userId, ['friend', 'hidden']);
    if (!removed) throw new AppError('not_found', 'This person is not your friend.');
  }

  async addedMe(actor: Actor): Promise<PublicProfile[]> {
    const me = requireUser(actor);
    return (await this.deps.friends.addedBy(me.userId)).map(toPublicProfile);
  }

  async blocked(actor: Actor): Promise<PublicProfile[]> {
    const me = requireUser(actor);
    return (await this.deps.friends.list(me.userId, ['blocked'])).map((row) => toPublicProfile(row.user));
  }

  async block(actor: Actor, userId: string): Promise<void> {
    const me = requireUser(actor);
    if (userId === me.userId) throw new AppError('cannot_add_self', 'You cannot block yourself.');
    if (!(await this.deps.accounts.findUserById(userId))) throw notFound();
    await this.deps.friends.upsert(me.userId, userId, 'blocked', false, this.deps.clock.now());
    await this.deps.bus.publish('friends.blocked', { ownerId: me.userId, targetId: userId });
  }

  async unblock(actor: Actor, userId: string): Promise<void> {
    const me = requireUser(actor);
    const removed = await this.deps.friends.delete(me.userId, userId, ['blocked']);
    if (!removed) throw new AppError('not_found', 'This person is not blocked.');
  }

  async profileByHandle(actor: Actor, handle: string): Promise<PublicProfile> {
    const me = requireUser(actor);
    return toPublicProfile(await this.visibleTo(me.userId, await this.deps.accounts.findUserByHandle(handle)));
  }

  async profileByCode(actor: Actor, code: string): Promise<PublicProfile> {
    const me = requireUser(actor);
    return toPublicProfile(await this.visibleTo(me.userId, await this.deps.accounts.findUserByFriendCode(code)));
  }

  /** Someone who blocked the viewer looks exactly like someone who does not exist. */
  private async visibleTo(viewerId: string, target: UserRow | undefined): Promise<UserRow> {
    if (!target) throw notFound();
    if (target.id !== viewerId && (await this.deps.friends.find(target.id, viewerId))?.status === 'blocked') throw notFound();
    return target;
  }
}
