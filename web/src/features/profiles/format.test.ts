import { describe, expect, it } from 'vitest';
import {
  audienceFromValue,
  audienceValue,
  cardTemplateFor,
  dayTag,
  describeAudience,
  fadesInHours,
  formatDay,
  moveItem,
  stickerPosition,
  toggleBlock,
  utcDay,
} from './format';

describe('day tags', () => {
  it('says today on the day, D-n before it and D+n after it', () => {
    expect(dayTag(0)).toEqual({ key: 'today', count: 0 });
    expect(dayTag(3)).toEqual({ key: 'before', count: 3 });
    expect(dayTag(30)).toEqual({ key: 'before', count: 30 });
    expect(dayTag(-2)).toEqual({ key: 'after', count: 2 });
  });
});

describe('audiences', () => {
  const lists = [{ id: 'pal_01', name: 'Close friends' }];
  it('names a list by its name, and a list that is gone by nothing', () => {
    expect(describeAudience({ kind: 'friends' }, lists)).toEqual({ kind: 'friends', name: null });
    expect(describeAudience({ kind: 'list', listId: 'pal_01' }, lists)).toEqual({ kind: 'list', name: 'Close friends' });
    expect(describeAudience({ kind: 'list', listId: 'pal_02' }, lists)).toEqual({ kind: 'list', name: null });
  });
  it('round-trips through a select value', () => {
    for (const audience of [
      { kind: 'everyone' },
      { kind: 'friends' },
      { kind: 'favourites' },
      { kind: 'only_me' },
      { kind: 'list', listId: 'pal_01' },
    ] as const) {
      expect(audienceFromValue(audienceValue(audience))).toEqual(audience);
    }
    expect(audienceFromValue('nonsense')).toEqual({ kind: 'friends' });
  });
});

describe('sticker positions', () => {
  const cover = { left: 100, top: 50, width: 200, height: 100 };
  it('are fractions of the cover', () => {
    expect(stickerPosition({ x: 200, y: 100 }, cover)).toEqual({ x: 0.5, y: 0.5 });
    expect(stickerPosition({ x: 150, y: 75 }, cover)).toEqual({ x: 0.25, y: 0.25 });
  });
  it('stay on the cover when dragged past its edges', () => {
    expect(stickerPosition({ x: 0, y: 500 }, cover)).toEqual({ x: 0, y: 1 });
    expect(stickerPosition({ x: 900, y: -20 }, cover)).toEqual({ x: 1, y: 0 });
  });
  it('sit in the middle of a cover not laid out yet', () => {
    expect(stickerPosition({ x: 10, y: 10 }, { left: 0, top: 0, width: 0, height: 0 })).toEqual({ x: 0.5, y: 0.5 });
  });
});

describe('block order', () => {
  it('moves one block up or down, never past either end', () => {
    expect(moveItem(['a', 'b', 'c'], 1, -1)).toEqual(['b', 'a', 'c']);
    expect(moveItem(['a', 'b', 'c'], 1, 1)).toEqual(['a', 'c', 'b']);
    expect(moveItem(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moveItem(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
  });
  it('shows a block at the end, to friends, and hides it', () => {
    const blocks = [{ kind: 'feeling', audience: { kind: 'everyone' } }] as const;
    expect(toggleBlock(blocks, 'music', true)).toEqual([...blocks, { kind: 'music', audience: { kind: 'friends' } }]);
    expect(toggleBlock(blocks, 'feeling', false)).toEqual([]);
  });
});

describe('feelings', () => {
  const now = Date.parse('2026-05-01T12:00:00Z');
  it('fade in hours to the nearest, at least one', () => {
    expect(fadesInHours('2026-05-02T12:00:00Z', now)).toBe(24);
    expect(fadesInHours('2026-05-02T12:00:20Z', now)).toBe(24);
    expect(fadesInHours('2026-05-01T13:30:00Z', now)).toBe(2);
    expect(fadesInHours('2026-05-01T12:00:01Z', now)).toBe(1);
    expect(fadesInHours(null, now)).toBeNull();
  });
});

describe('events', () => {
  it('call for a card of their kind', () => {
    expect(cardTemplateFor('birthday')).toBe('birthday');
    expect(cardTemplateFor('wedding')).toBe('love');
    expect(cardTemplateFor('graduation')).toBe('congrats');
    expect(cardTemplateFor('other')).toBe('plain');
  });
  it('count days in UTC', () => {
    expect(utcDay(Date.parse('2026-05-01T23:59:00-03:00'))).toBe('2026-05-02');
    expect(formatDay('2026-05-02', 'en', false)).toBe('May 2');
    expect(formatDay('2026-05-02', 'en', true)).toBe('May 2, 2026');
  });
});
