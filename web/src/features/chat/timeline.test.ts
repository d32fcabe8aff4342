import { describe, expect, it } from 'vitest';
import type { Message } from '@maum/protocol';
import type { RoomTimeline } from '../../realtime';
import { buildTimeline, strangers } from './timeline';

function message(seq: number, senderId: string, minute: number, extra: Partial<Message> = {}): Message {
  return {
    id: `msg_${seq}`,
    roomId: 'room_a',
    seq,
    senderId,
    kind: 'text',
    body: { text: `m${seq}` },
    createdAt: new Date(2026, 0, 1, 12, minute).toISOString(),
    deletedAt: null,
    hidden: false,
    reactions: {},
    ...extra,
  };
}

function timeline(messages: Message[], readSeqs: Record<string, number> | null = null): RoomTimeline {
  return { messages, hasMore: false, loaded: true, loading: null, loadError: null, readSeqs, pending: [], ownIds: {} };
}

describe('timeline', () => {
  it('groups one sender’s messages within a minute: name on the first, time on the last', () => {
    const items = buildTimeline(
      timeline([message(1, 'usr_b', 0), message(2, 'usr_b', 0), message(3, 'usr_b', 1), message(4, 'usr_me', 1)]),
      'usr_me',
    );
    const bubbles = items.filter((i) => i.type === 'message');
    expect(items[0]?.type).toBe('day');
    expect(bubbles.map((b) => [b.first, b.last])).toEqual([
      [true, false],
      [false, true],
      [true, true],
      [true, true],
    ]);
    expect(bubbles.map((b) => b.mine)).toEqual([false, false, false, true]);
  });

  it('counts the members who have not read each message', () => {
    const items = buildTimeline(timeline([message(1, 'usr_me', 0), message(2, 'usr_me', 0)], { usr_me: 2, usr_b: 1, usr_c: 0 }), 'usr_me');
    expect(items.flatMap((i) => (i.type === 'message' ? [i.unread] : []))).toEqual([1, 2]);
  });

  it('draws nothing for hidden messages and a notice for system ones', () => {
    const items = buildTimeline(
      timeline([
        message(1, 'usr_b', 0, { kind: 'system', body: { event: 'created', actorId: 'usr_b' } }),
        message(2, 'usr_x', 0, { hidden: true, body: {} }),
        message(3, 'usr_b', 0),
      ]),
      'usr_me',
    );
    expect(items.map((i) => i.type)).toEqual(['day', 'system', 'message']);
  });
});

describe('strangers', () => {
  it('names the senders and the people of notices that the member list does not hold, once each', () => {
    const messages = [
      message(1, 'opm_a', 0),
      message(2, 'opm_b', 0, { kind: 'system', body: { event: 'joined', actorId: 'opm_c' } }),
      message(3, 'opm_c', 1),
      message(4, 'opm_d', 1, { hidden: true }),
      message(5, 'opm_a', 2, { kind: 'system', body: { event: 'joined', actorId: 'opm_a', userIds: ['opm_e'] } }),
    ];
    expect(strangers(messages, new Set(['opm_a']))).toEqual(['opm_c', 'opm_e']);
    expect(strangers(messages, new Set(['opm_a', 'opm_c', 'opm_e']))).toEqual([]);
  });
});
