import { describe, expect, it } from 'vitest';
import type { Message } from '@maum/protocol';
import { ChatStore } from './store';

function message(seq: number, extra: Partial<Message> = {}): Message {
  return {
    id: `msg_${seq}`,
    roomId: 'room_a',
    seq,
    senderId: 'usr_a',
    kind: 'text',
    body: { text: `m${seq}` },
    createdAt: new Date(2026, 0, 1, 12, 0, seq).toISOString(),
    deletedAt: null,
    hidden: false,
    reactions: {},
    ...extra,
  };
}

const seqs = (store: ChatStore) => store.getRoom('room_a').messages.map((m) => m.seq);

describe('chat store', () => {
  it('orders messages by seq and keeps one per seq', () => {
    const store = new ChatStore();
    store.put('room_a', [message(3), message(1), message(2)]);
    store.put('room_a', [message(2, { body: { text: 'again' } })]);
    expect(seqs(store)).toEqual([1, 2, 3]);
    expect(store.message('room_a', 2)?.body.text).toBe('again');
  });

  it('gives the same snapshot until the room changes', () => {
    const store = new ChatStore();
    store.put('room_a', [message(1)]);
    const first = store.getRoom('room_a');
    expect(store.getRoom('room_a')).toBe(first);
    store.put('room_b', [message(1, { roomId: 'room_b' })]);
    expect(store.getRoom('room_a')).toBe(first);
    store.put('room_a', [message(2)]);
    expect(store.getRoom('room_a')).not.toBe(first);
  });

  it('replaces what it holds when the latest page does not join it, so no hole is left', () => {
    const store = new ChatStore();
    store.put('room_a', [message(1), message(2)]);
    store.putPage('room_a', [message(60), message(61)], true, true);
    expect(seqs(store)).toEqual([60, 61]);
    expect(store.getRoom('room_a').hasMore).toBe(true);
  });

  it('keeps held messages that the latest page joins, and older pages extend backwards', () => {
    const store = new ChatStore();
    store.put('room_a', [message(9), message(10)]);
    store.putPage('room_a', [message(5), message(6), message(7), message(8), message(9)], true, true);
    expect(seqs(store)).toEqual([5, 6, 7, 8, 9, 10]);
    store.putPage('room_a', [message(1), message(2), message(3), message(4)], false, false);
    expect(seqs(store)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(store.getRoom('room_a').hasMore).toBe(false);
  });

  it('moves read pointers forward only, and only for known members', () => {
    const store = new ChatStore();
    store.setMembers('room_a', [
      { userId: 'usr_a', readSeq: 4 },
      { userId: 'usr_b', readSeq: 2 },
    ]);
    store.setRead('room_a', 'usr_b', 5);
    store.setRead('room_a', 'usr_b', 3);
    store.setRead('room_a', 'usr_c', 9);
    expect(store.getRoom('room_a').readSeqs).toEqual({ usr_a: 4, usr_b: 5 });
  });

  it('shows outbox entries as pending until their message is delivered', () => {
    const store = new ChatStore();
    const entry = { clientMsgId: 'c1', roomId: 'room_a', kind: 'text' as const, body: { text: 'hi' }, createdAt: new Date().toISOString() };
    store.setOutbox([entry], ['room_a']);
    expect(store.getRoom('room_a').pending.map((p) => p.clientMsgId)).toEqual(['c1']);
    store.put('room_a', [message(1, { body: { text: 'hi' } })]);
    store.markDelivered('room_a', 1, 'c1');
    expect(store.getRoom('room_a').pending).toEqual([]);
    expect(store.getRoom('room_a').ownIds).toEqual({ 1: 'c1' });
  });

  it('empties a message deleted for everyone', () => {
    const store = new ChatStore();
    store.put('room_a', [message(1, { reactions: { '👍': ['usr_b'] } })]);
    store.markDeleted('room_a', 1, new Date().toISOString());
    const deleted = store.message('room_a', 1);
    expect(deleted?.body).toEqual({});
    expect(deleted?.reactions).toEqual({});
    expect(deleted?.deletedAt).not.toBeNull();
  });
});
