import type { Ack, Channel, ChannelCategory, ChannelHome, Conversation, Message, Post, PublicProfile, Room } from '@maum/protocol';
import { requireSystem, requireUser, type Actor, type UserActor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { AppError } from '../../platform/errors';
import { newId } from '../../platform/ids';
import type { Logger } from '../../platform/log';
import type { AccountsDirectory } from '../accounts';
import type { ChannelRow, ChannelsRepository, ConversationRow, PostRow } from './channels.repository';
import { imageUrl, toChannel, toPost } from './commerce.mappers';
import type { ChannelChat } from './commerce.ports';
import type { ProductsService } from './products.service';
import { assertSelling, type SellerGate } from './sellers.service';
import type { SellerRow, SellersRepository } from './sellers.repository';
import type { ShopRepository } from './shop.repository';

const FAN_OUT_PAGE = 200;

/**
 * Channels: a seller's profile that people add like a friend, its posts and deals (which reach followers as
 * messages in their channel chat, unless they turn that off), and the 1:1 customer chats its staff answer, as the
 * channel, from a shared inbox.
 */
export class ChannelsService {
  constructor(
    private readonly deps: {
      repo: ChannelsRepository;
      sellers: SellersRepository;
      shop: ShopRepository;
      products: ProductsService;
      gate: SellerGate;
      chat: ChannelChat;
      people: AccountsDirectory;
      clock: Clock;
      log: Logger;
    },
  ) {}

  private async ownChannel(actor: Actor): Promise<{ user: UserActor; seller: SellerRow; channel: ChannelRow }> {
    const { user, seller } = await this.deps.gate.staff(actor);
    const channel = await this.deps.repo.channelOfSeller(seller.id);
    if (!channel) throw new AppError('not_found', 'Create your channel first.');
    return { user, seller, channel };
  }

  /** A channel that buyers may see: its seller is approved. */
  private async visibleChannel(channelId: string): Promise<{ channel: ChannelRow; seller: SellerRow }> {
    const channel = await this.deps.repo.findChannel(channelId);
    const seller = channel && (await this.deps.sellers.findSeller(channel.sellerId));
    if (!channel || seller?.status !== 'approved') throw new AppError('not_found', 'No such channel.');
    return { channel, seller };
  }

  private async present(user: UserActor, rows: ChannelRow[]): Promise<Channel[]> {
    const [follows, sellers] = await Promise.all([
      this.deps.repo.followsOf(user.userId, rows.map((r) => r.id)),
      this.deps.sellers.sellersByIds([...new Set(rows.map((r) => r.sellerId))]),
    ]);
    return rows.map((row) => toChannel(row, sellers.find((s) => s.id === row.sellerId)!, follows.get(row.id)));
  }

  async save(actor: Actor, input: { name: string; description: string; category: ChannelCategory }): Promise<Channel> {
    const { user, seller } = await this.deps.gate.approvedStaff(actor);
    const now = this.deps.clock.now();
    const existing = await this.deps.repo.channelOfSeller(seller.id);
    let row: ChannelRow;
    if (existing) {
      row = await this.deps.repo.updateChannel(existing.id, { ...input, updatedAt: now });
      if (existing.name !== input.name) await this.deps.chat.renameAccount(existing.accountId, input.name);
    } else {
      const accountId = await this.deps.chat.createAccount(input.name);
      const created = await this.deps.repo.insertChannel({ id: newId('chn'), sellerId: seller.id, accountId, createdAt: now, updatedAt: now, ...input });
      // Two first saves at once: the other made it, so this one edits it.
      row = created ?? (await this.deps.repo.updateChannel((await this.deps.repo.channelOfSeller(seller.id))!.id, { ...input, updatedAt: now }));
    }
    return (await this.present(user, [row]))[0]!;
  }

  async setPicture(actor: Actor, picture: 'profile' | 'cover', upload: Buffer): Promise<Channel> {
    const { user, channel } = await this.ownChannel(actor);
    const { id } = await this.deps.products.uploadImage(actor, upload);
    const row = await this.deps.repo.updateChannel(channel.id, {
      [picture === 'profile' ? 'profileImage' : 'coverImage']: id,
      updatedAt: this.deps.clock.now(),
    });
    return (await this.present(user, [row]))[0]!;
  }

  async find(actor: Actor, input: { q?: string; category?: string; following?: boolean }): Promise<Channel[]> {
    const user = requireUser(actor);
    const rows = await this.deps.repo.searchChannels({ q: input.q, category: input.category, followedBy: input.following ? user.userId : undefined }, 100);
    return this.present(user, rows);
  }

  async home(actor: Actor, channelId: string): Promise<ChannelHome> {
    const user = requireUser(actor);
    const { channel } = await this.visibleChannel(channelId);
    const [presented, postRows, productRows] = await Promise.all([
      this.present(user, [channel]),
      this.deps.repo.postsOf(channel.id, 30),
      this.deps.shop.productsOf(channel.sellerId, true, 100),
    ]);
    const products = await this.deps.products.present(productRows);
    return { channel: presented[0]!, posts: await this.presentPosts(channel, postRows), products };
  }

  private async presentPosts(channel: ChannelRow, rows: PostRow[]): Promise<Post[]> {
    const ids = [...new Set(rows.flatMap((r) => r.dealProductIds ?? []))];
    const products = await this.deps.products.present((await this.deps.shop.productsByIds(ids)).filter((p) => p.active));
    const now = this.deps.clock.now();
    return rows.map((row) => toPost(row, channel, products, now));
  }

  async follow(actor: Actor, channelId: string, notify: boolean): Promise<Channel> {
    const user = requireUser(actor);
    const { channel } = await this.visibleChannel(channelId);
    await this.deps.repo.follow(channel.id, user.userId, notify, this.deps.clock.now());
    return (await this.present(user, [(await this.deps.repo.findChannel(channel.id))!]))[0]!;
  }

  async unfollow(actor: Actor, channelId: string): Promise<void> {
    const user = requireUser(actor);
    await this.deps.repo.unfollow(channelId, user.userId);
  }

  /** The caller's customer chat with a channel; the channel's staff see it in their inbox. */
  async chat(actor: Actor, channelId: string): Promise<Room> {
    const user = requireUser(actor);
    const { channel } = await this.visibleChannel(channelId);
    if (user.userId === channel.accountId) throw new AppError('validation_failed', 'A channel does not chat with itself.');
    const room = await this.deps.chat.openRoom(channel.accountId, user.userId);
    await this.deps.repo.upsertConversation({
      roomId: room.id,
      channelId: channel.id,
      customerId: user.userId,
      status: 'open',
      assigneeId: null,
      resolvedSeq: null,
      createdAt: this.deps.clock.now(),
    });
    return room;
  }

  /** Publishes a post, or a deal on some of the seller's products, and sends it to followers who allow it. */
  async publish(
    actor: Actor,
    input: { text: string; imageIds: string[]; deal?: { productIds: string[]; startsAt: string; endsAt: string } },
  ): Promise<Post> {
    const { seller, channel } = await this.ownChannel(actor);
    assertSelling(seller);
    await this.deps.products.requireOwnImages(seller.id, input.imageIds);
    if (input.deal) {
      const products = await this.deps.shop.productsByIds(input.deal.productIds);
      if (products.length !== new Set(input.deal.productIds).size || products.some((p) => p.sellerId !== seller.id)) {
        throw new AppError('validation_failed', 'A deal can offer only your own products.');
      }
    }
    const row = await this.deps.repo.insertPost({
      id: newId('pst'),
      channelId: channel.id,
      text: input.text,
      imageIds: input.imageIds,
      dealProductIds: input.deal?.productIds ?? null,
      dealStartsAt: input.deal ? new Date(input.deal.startsAt) : null,
      dealEndsAt: input.deal ? new Date(input.deal.endsAt) : null,
      createdAt: this.deps.clock.now(),
      deliveredAt: null,
    });
    await this.deliver(channel, row);
    return (await this.presentPosts(channel, [row]))[0]!;
  }

  /**
   * Sends a post to every follower who takes posts as messages, a page at a time. Each message is keyed by the post,
   * so a delivery that is cut off and run again (by the scheduler) sends nobody the post twice.
   */
  private async deliver(channel: ChannelRow, post: PostRow): Promise<void> {
    const message = {
      clientMsgId: `post-${post.id}`,
      card: {
        type: 'post' as const,
        postId: post.id,
        channelId: channel.id,
        text: post.text,
        imageUrls: post.imageIds.map(imageUrl),
        deal:
          post.dealProductIds && post.dealStartsAt && post.dealEndsAt
            ? { productIds: post.dealProductIds, startsAt: post.dealStartsAt.toISOString(), endsAt: post.dealEndsAt.toISOString() }
            : null,
      },
    };
    for (let after = ''; ; ) {
      const followers = await this.deps.repo.notifiedFollowers(channel.id, after, FAN_OUT_PAGE);
      for (const userId of followers) await this.deps.chat.post(channel.accountId, userId, message);
      if (followers.length < FAN_OUT_PAGE) break;
      after = followers[followers.length - 1]!;
    }
    await this.deps.repo.markPostDelivered(post.id, this.deps.clock.now());
  }

  /** Finishes posts whose delivery was cut off (the node stopped half way). */
  async deliverPending(actor: Actor): Promise<number> {
    requireSystem(actor, 'Only the scheduler resumes deliveries.');
    const posts = await this.deps.repo.undeliveredPosts(new Date(this.deps.clock.now().getTime() - 60_000), 20);
    for (const post of posts) {
      const channel = (await this.deps.repo.findChannel(post.channelId))!;
      await this.deliver(channel, post);
    }
    return posts.length;
  }

  // The shared inbox

  async staff(actor: Actor): Promise<PublicProfile[]> {
    const { seller } = await this.deps.gate.staff(actor);
    const ids = await this.deps.sellers.staffOf(seller.id);
    const people = await this.deps.people.profiles(ids);
    return ids.flatMap((id) => people.get(id) ?? []);
  }

  async inbox(actor: Actor, status: ConversationRow['status'] | undefined): Promise<Conversation[]> {
    const { channel } = await this.ownChannel(actor);
    const [rooms, rows] = await Promise.all([this.deps.chat.rooms(channel.accountId), this.deps.repo.conversationsOf(channel.id)]);
    const byRoom = new Map(rows.map((r) => [r.roomId, r]));
    const conversations = await this.presentConversations(
      rooms.flatMap((room) => {
        const row = byRoom.get(room.id);
        return row ? [{ row, lastMessage: room.lastMessage, unread: room.unread, lastActivityAt: room.lastActivityAt }] : [];
      }),
    );
    return status ? conversations.filter((c) => c.status === status) : conversations;
  }

  private async presentConversations(
    items: Array<{ row: ConversationRow; lastMessage: Message | null; unread: number; lastActivityAt: string }>,
  ): Promise<Conversation[]> {
    const people = await this.deps.people.profiles(items.flatMap(({ row }) => (row.assigneeId ? [row.customerId, row.assigneeId] : [row.customerId])));
    return items.flatMap(({ row, lastMessage, unread, lastActivityAt }) => {
      const customer = people.get(row.customerId);
      if (!customer) return [];
      // Resolved stays resolved until the customer writes again.
      const reopened = row.resolvedSeq !== null && lastMessage !== null && lastMessage.seq > row.resolvedSeq && lastMessage.senderId === row.customerId;
      return [
        {
          roomId: row.roomId,
          customer,
          status: row.status === 'resolved' && !reopened ? 'resolved' : 'open',
          assignee: row.assigneeId ? (people.get(row.assigneeId) ?? null) : null,
          lastMessage,
          unread,
          lastActivityAt,
        },
      ];
    });
  }

  private async ownConversation(actor: Actor, roomId: string): Promise<{ channel: ChannelRow; row: ConversationRow }> {
    const { channel } = await this.ownChannel(actor);
    const row = await this.deps.repo.findConversation(roomId);
    if (!row || row.channelId !== channel.id) throw new AppError('not_found', 'No such customer chat in your inbox.');
    return { channel, row };
  }

  async conversation(actor: Actor, roomId: string): Promise<{ conversation: Conversation; messages: Message[] }> {
    const { channel, row } = await this.ownConversation(actor, roomId);
    const messages = await this.deps.chat.history(channel.accountId, roomId, 100);
    const last = messages[messages.length - 1] ?? null;
    // Opening a chat reads it for the whole staff, as opening a shared mailbox would.
    if (last) await this.deps.chat.read(channel.accountId, roomId, last.seq);
    const [conversation] = await this.presentConversations([{ row, lastMessage: last, unread: 0, lastActivityAt: last?.createdAt ?? row.createdAt.toISOString() }]);
    return { conversation: conversation!, messages };
  }

  async answer(actor: Actor, roomId: string, input: { clientMsgId: string; text: string }): Promise<Ack> {
    const { channel } = await this.ownConversation(actor, roomId);
    return this.deps.chat.answer(channel.accountId, roomId, input);
  }

  async updateConversation(actor: Actor, roomId: string, change: { status?: 'open' | 'resolved'; assigneeId?: string | null }): Promise<Conversation> {
    const { channel } = await this.ownConversation(actor, roomId);
    if (change.assigneeId) {
      const staff = await this.deps.sellers.staffOf(channel.sellerId);
      if (!staff.includes(change.assigneeId)) throw new AppError('validation_failed', 'Assign the chat to a member of your staff.');
    }
    const messages = change.status === 'resolved' ? await this.deps.chat.history(channel.accountId, roomId, 1) : [];
    await this.deps.repo.updateConversation(roomId, {
      ...(change.assigneeId !== undefined ? { assigneeId: change.assigneeId } : {}),
      ...(change.status ? { status: change.status, resolvedSeq: change.status === 'resolved' ? (messages[0]?.seq ?? 0) : null } : {}),
    });
    return (await this.conversation(actor, roomId)).conversation;
  }
}
