import type { Audience, AudienceList, BlockKind, BlockSetting, ProfileEventKind, Sticker } from '@maum/protocol';
import type { CardTemplate } from '../gifts';

/** How far off an event is, as Korean apps write it: "today", "D-3" (3 days before it), "D+2" (2 days after it). */
export function dayTag(daysUntil: number): { key: 'today' | 'before' | 'after'; count: number } {
  if (daysUntil === 0) return { key: 'today', count: 0 };
  return daysUntil > 0 ? { key: 'before', count: daysUntil } : { key: 'after', count: -daysUntil };
}

export type AudienceKind = Audience['kind'];

/** What an audience is called: its kind, and for a list, the list's name (or null when the list is gone). */
export function describeAudience(audience: Audience, lists: readonly Pick<AudienceList, 'id' | 'name'>[]): { kind: AudienceKind; name: string | null } {
  if (audience.kind !== 'list') return { kind: audience.kind, name: null };
  return { kind: 'list', name: lists.find((l) => l.id === audience.listId)?.name ?? null };
}

/** An audience as the value of one `<select>`: its kind, or `list:<id>` for one of the owner's lists. */
export function audienceValue(audience: Audience): string {
  return audience.kind === 'list' ? `list:${audience.listId}` : audience.kind;
}

export function audienceFromValue(value: string): Audience {
  if (value.startsWith('list:')) return { kind: 'list', listId: value.slice(5) };
  if (value === 'everyone' || value === 'favourites' || value === 'only_me') return { kind: value };
  return { kind: 'friends' };
}

const clamp01 = (value: number) => Math.min(1, Math.max(0, value));

/**
 * Where a sticker dragged to a point of the screen sits on the cover, as fractions of its width and height; a point
 * outside the cover keeps the sticker on its edge.
 */
export function stickerPosition(
  point: { x: number; y: number },
  cover: { left: number; top: number; width: number; height: number },
): Pick<Sticker, 'x' | 'y'> {
  if (cover.width <= 0 || cover.height <= 0) return { x: 0.5, y: 0.5 };
  const round = (value: number) => Math.round(clamp01(value) * 1000) / 1000;
  return { x: round((point.x - cover.left) / cover.width), y: round((point.y - cover.top) / cover.height) };
}

/** A list with one item moved up (-1) or down (+1); moving past either end changes nothing. */
export function moveItem<T>(items: readonly T[], index: number, delta: -1 | 1): T[] {
  const to = index + delta;
  if (index < 0 || index >= items.length || to < 0 || to >= items.length) return [...items];
  const next = [...items];
  const [item] = next.splice(index, 1);
  next.splice(to, 0, item as T);
  return next;
}

/** Shows a block (at the end, to friends, as a new space starts) or hides it. */
export function toggleBlock(blocks: readonly BlockSetting[], kind: BlockKind, shown: boolean): BlockSetting[] {
  const without = blocks.filter((b) => b.kind !== kind);
  return shown ? [...without, { kind, audience: { kind: 'friends' } }] : without;
}

/**
 * Hours until a feeling fades, to the nearest (at least 1 while it shows); null when it is pinned. Rounded, not
 * rounded up: the clock on screen ticks every half minute, so a feeling just set would otherwise read 25 hours.
 */
export function fadesInHours(fadesAt: string | null, now: number): number | null {
  if (!fadesAt) return null;
  const at = Date.parse(fadesAt);
  if (Number.isNaN(at)) return null;
  return Math.max(1, Math.round((at - now) / 3_600_000));
}

/** The gift card an event calls for. */
export function cardTemplateFor(kind: ProfileEventKind): CardTemplate {
  switch (kind) {
    case 'birthday':
      return 'birthday';
    case 'anniversary':
    case 'wedding':
      return 'love';
    case 'trip':
      return 'cheer';
    case 'other':
      return 'plain';
    default:
      return 'congrats';
  }
}

/** Today in UTC as `YYYY-MM-DD`, the calendar Maum counts event days in. */
export function utcDay(now: number): string {
  return new Date(now).toISOString().slice(0, 10);
}

/** A day (`YYYY-MM-DD`) written in a language, without a year for a yearly event. */
export function formatDay(day: string, lang: string, withYear: boolean): string {
  const [y, m, d] = day.split('-').map(Number);
  if (!y || !m || !d) return day;
  return new Intl.DateTimeFormat(lang, { timeZone: 'UTC', month: 'long', day: 'numeric', ...(withYear ? { year: 'numeric' } : {}) }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}
