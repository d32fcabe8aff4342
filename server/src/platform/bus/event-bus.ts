import type { Message } from '@maum/protocol';
import type { Logger } from '../log';

/**
 * Domain events that travel between modules and, with a scale-out bus, between nodes. Names are
 * `<module>.<thing>.<happened>`. Events are published after the transaction that caused them commits.
 */
export interface DomainEvents {
  'accounts.user.created': { userId: string; handle: string };
  'accounts.session.revoked': { userId: string; sessionIds: string[] };
  /** The user's public profile (name, status message, avatar) changed: caches of it drop it. */
  'accounts.profile.changed': { userId: string };
  'friends.added': { ownerId: string; targetId: string };
  'friends.blocked': { ownerId: string; targetId: string };
  /** `hiddenFrom`: members who had blocked the sender; they get a placeholder instead. */
  'chat.message.created': { message: Message; hiddenFrom: string[] };
  'chat.message.deleted': { roomId: string; seq: number };
  'chat.reactions.changed': { roomId: string; seq: number; reactions: Record<string, string[]> };
  'chat.read': { roomId: string; userId: string; seq: number };
  /** `userId`: who the room shows typing; `by`: their account, whose own sockets are not told. */
  'chat.typing': { roomId: string; userId: string; by: string };
  /** `hiddenFrom`: accounts the message was hidden from (they blocked its sender), who are not sent its translation either. */
  'openlink.translated': { roomId: string; seq: number; lang: string; text: string; hiddenFrom: string[] };
  /**
   * `quiet`: only the people added or removed hear that the room changed (an open room of thousands, whose members
   * learn of joins and leaves from its notices, rather than all refetching the room on each one).
   */
  'chat.members.changed': { roomId: string; added: string[]; removed: string[]; quiet?: boolean };
  'chat.room.changed': { roomId: string };
  /** A visitor did something on `ownerId`'s profile space (or the owner read their notices): their unread count now. */
  'profiles.notice.created': { ownerId: string; unread: number };
}

export type EventName = keyof DomainEvents;
export type EventHandler<K extends EventName> = (data: DomainEvents[K]) => void | Promise<void>;

export interface EventBus {
  publish<K extends EventName>(name: K, data: DomainEvents[K]): Promise<void>;
  /** Returns a function that removes the subscription. */
  subscribe<K extends EventName>(name: K, handler: EventHandler<K>): () => void;
  close(): Promise<void>;
}

/** The embedded default: delivers to subscribers in this process only. */
export class InProcessEventBus implements EventBus {
  private readonly handlers = new Map<EventName, Set<EventHandler<never>>>();

  constructor(private readonly log: Logger) {}

  async publish<K extends EventName>(name: K, data: DomainEvents[K]): Promise<void> {
    const handlers = [...(this.handlers.get(name) ?? [])] as EventHandler<K>[];
    await Promise.all(
      handlers.map(async (handler) => {
        try {
          await handler(data);
        } catch (err) {
          // One failing subscriber must not stop delivery to the others, nor fail the publisher's request.
          this.log.error({ err, event: name }, 'event handler failed');
        }
      }),
    );
  }

  subscribe<K extends EventName>(name: K, handler: EventHandler<K>): () => void {
    let set = this.handlers.get(name);
    if (!set) this.handlers.set(name, (set = new Set()));
    set.add(handler as EventHandler<never>);
    return () => set.delete(handler as EventHandler<never>);
  }

  async close(): Promise<void> {
    this.handlers.clear();
  }
}
