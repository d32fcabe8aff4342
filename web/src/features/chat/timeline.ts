import type { Message } from '@maum/protocol';
import type { PendingMessage, RoomTimeline } from '../../realtime';
import { dayKey, minuteKey } from './format';

export type TimelineItem =
  | { type: 'day'; key: string; at: string }
  | { type: 'system'; key: string; message: Message }
  | {
      type: 'message';
      key: string;
      mine: boolean;
      senderId: string;
      message: Message | null;
      pending: PendingMessage | null;
      clientMsgId: string | undefined;
      /** First of a run by one sender within one minute: shows the name and the face. */
      first: boolean;
      /** Last of such a run: shows the time. */
      last: boolean;
      /** Members who have not read it yet; null when not known. */
      unread: number | null;
    };

function countBelow(sorted: readonly number[], seq: number): number {
  // Members whose read pointer is below `seq`: a binary search over the sorted pointers.
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < seq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Turns a room's messages and pending sends into what the list draws: day separators, notices, and bubbles
 * grouped the way people read a conversation.
 */
export function buildTimeline(timeline: RoomTimeline, meId: string | null): TimelineItem[] {
  const items: TimelineItem[] = [];
  const readSeqs = timeline.readSeqs ? Object.values(timeline.readSeqs).sort((a, b) => a - b) : null;
  let lastDay: string | null = null;
  type Bubble = Extract<TimelineItem, { type: 'message' }>;
  let previous: Bubble | null = null;
  let previousMinute = '';

  const addDay = (at: string) => {
    const day = dayKey(at);
    if (day === lastDay) return;
    lastDay = day;
    items.push({ type: 'day', key: `day-${day}`, at });
    previous = null;
  };

  const addBubble = (bubble: Omit<Bubble, 'first' | 'last'>, at: string) => {
    addDay(at);
    const minute = minuteKey(at);
    const continues = previous !== null && previous.senderId === bubble.senderId && previousMinute === minute;
    const item: Bubble = { ...bubble, first: !continues, last: true };
    if (continues && previous) previous.last = false;
    items.push(item);
    previous = item;
    previousMinute = minute;
  };

  for (const message of timeline.messages) {
    if (message.hidden) continue;
    if (message.kind === 'system') {
      addDay(message.createdAt);
      items.push({ type: 'system', key: `seq-${message.seq}`, message });
      previous = null;
      continue;
    }
    const clientMsgId = timeline.ownIds[message.seq];
    const mine = message.senderId === meId;
    addBubble(
      {
        type: 'message',
        key: clientMsgId ?? `seq-${message.seq}`,
        mine,
        senderId: message.senderId,
        message,
        pending: null,
        clientMsgId,
        unread: readSeqs && !message.deletedAt ? countBelow(readSeqs, message.seq) : null,
      },
      message.createdAt,
    );
  }

  for (const pending of timeline.pending) {
    addBubble(
      {
        type: 'message',
        key: pending.clientMsgId,
        mine: true,
        senderId: meId ?? '',
        message: null,
        pending,
        clientMsgId: pending.clientMsgId,
        unread: null,
      },
      pending.createdAt,
    );
  }
  return items;
}

/**
 * People a room's messages name (senders, and those a notice is about) whom `known` does not hold. A big open room
 * does not tell every member of each join; the notice of it is how they learn someone new is there.
 */
export function strangers(messages: readonly Message[], known: ReadonlySet<string>): string[] {
  const found = new Set<string>();
  const note = (id: unknown) => {
    if (typeof id === 'string' && id !== '' && !known.has(id)) found.add(id);
  };
  for (const message of messages) {
    if (message.hidden) continue;
    if (message.kind === 'system') {
      note(message.body.actorId);
      if (Array.isArray(message.body.userIds)) for (const id of message.body.userIds) note(id);
    } else {
      note(message.senderId);
    }
  }
  return [...found];
}
