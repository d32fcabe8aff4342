import { describe, expect, it } from 'vitest';
import { Cursors } from './cursors';

describe('cursors', () => {
  it('moves only over messages with nothing missing below them', () => {
    const cursors = new Cursors('test.cursors');
    cursors.advanceTo('room_a', 10);
    cursors.note('room_a', 12);
    expect(cursors.get('room_a')).toBe(10);
    cursors.note('room_a', 11);
    expect(cursors.get('room_a')).toBe(12);
    cursors.note('room_a', 12);
    expect(cursors.get('room_a')).toBe(12);
  });

  it('starts a room it has never seen at its first message', () => {
    const cursors = new Cursors('test.cursors');
    cursors.note('room_b', 57);
    expect(cursors.get('room_b')).toBe(57);
  });

  it('keeps what it knows over what the room list says, and never goes back', () => {
    const cursors = new Cursors('test.cursors');
    cursors.note('room_c', 1);
    cursors.note('room_c', 2);
    cursors.learn('room_c', 1);
    expect(cursors.get('room_c')).toBe(2);
    cursors.learn('room_d', 40);
    expect(cursors.get('room_d')).toBe(40);
    cursors.advanceTo('room_d', 30);
    expect(cursors.get('room_d')).toBe(40);
  });

  it('absorbs early arrivals when a page fills the gap below them', () => {
    const cursors = new Cursors('test.cursors');
    cursors.advanceTo('room_e', 5);
    cursors.note('room_e', 9);
    cursors.note('room_e', 8);
    cursors.advanceTo('room_e', 7);
    expect(cursors.get('room_e')).toBe(9);
  });

  it('forgets a room that was left', () => {
    const cursors = new Cursors('test.cursors');
    cursors.advanceTo('room_f', 3);
    cursors.forget('room_f');
    expect(cursors.all()).toEqual({});
  });
});
