import type { TFunction } from 'i18next';
import type { Message, PublicProfile } from '@maum/protocol';
import { clockTime } from '../../ui/time';
import { cardPreview } from './cards';

export type NameOf = (userId: string) => string;

/** A direct room is called after the other person; a group by its title, or else by who is in it. */
export function roomName(
  t: TFunction,
  room: { kind: string; title: string | null },
  others: readonly Pick<PublicProfile, 'displayName'>[],
): string {
  if (room.kind !== 'direct' && room.title) return room.title;
  if (others.length === 0) return t('chat.noMembers');
  if (room.kind === 'direct') return others[0]!.displayName;
  return others.map((p) => p.displayName).join(', ');
}

export function listNames(names: readonly string[], lang: string): string {
  // Korean notices list people with commas; "및" reads like a form, not a conversation.
  if (lang === 'ko') return names.join(', ');
  try {
    return new Intl.ListFormat(lang, { style: 'long', type: 'conjunction' }).format(names);
  } catch {
    return names.join(', ');
  }
}

function text(body: Record<string, unknown>, field: 'text' | 'caption'): string {
  const value = body[field];
  return typeof value === 'string' ? value : '';
}

/** One line that stands for a message in the room list or a reply quote. */
export function previewText(t: TFunction, message: Pick<Message, 'kind' | 'body' | 'deletedAt' | 'hidden'>, nameOf: NameOf, lang: string): string {
  if (message.hidden) return '';
  if (message.deletedAt) return t('chat.deleted');
  return kindPreview(t, message.kind, message.body, nameOf, lang);
}

export function kindPreview(t: TFunction, kind: string, body: Record<string, unknown>, nameOf: NameOf, lang: string): string {
  switch (kind) {
    case 'text':
    case 'reply':
      return text(body, 'text');
    case 'image':
      return text(body, 'caption') || ((body.media as { panorama?: unknown } | undefined)?.panorama === true ? t('chat.panorama') : t('chat.photo'));
    case 'video':
      return text(body, 'caption') || t('chat.video');
    case 'voice': {
      const media = body.media as { durationMs?: unknown } | undefined;
      const length = typeof media?.durationMs === 'number' ? duration(media.durationMs) : '';
      return length ? t('chat.voiceWithLength', { length }) : t('chat.voice');
    }
    case 'file': {
      const media = body.media as { name?: unknown } | undefined;
      return typeof media?.name === 'string' ? `${t('chat.file')}: ${media.name}` : t('chat.file');
    }
    case 'system':
      return systemText(t, body, nameOf, lang);
    case 'card':
      return cardPreview(t, body);
    default:
      return '';
  }
}

/** The sentence for a notice in the timeline: who made, joined, left or renamed the room. */
export function systemText(t: TFunction, body: Record<string, unknown>, nameOf: NameOf, lang: string): string {
  const who = (id: string) => t('chat.system.name', { name: nameOf(id) });
  const actorId = typeof body.actorId === 'string' ? body.actorId : '';
  const actor = who(actorId);
  const userIds = Array.isArray(body.userIds) ? body.userIds.filter((id): id is string => typeof id === 'string') : [];
  const invited = userIds.filter((id) => id !== actorId);
  const names = listNames(invited.map(who), lang);
  switch (body.event) {
    case 'created':
      return invited.length > 0 ? t('chat.system.created', { actor, names }) : t('chat.system.createdAlone', { actor });
    case 'joined':
      if (invited.length === 0) return t('chat.system.joined', { names: actor });
      return t('chat.system.invited', { actor, names });
    case 'left':
      return t('chat.system.left', { actor });
    case 'renamed':
      return t('chat.system.renamed', { actor, title: typeof body.title === 'string' ? body.title : '' });
    default:
      return '';
  }
}

function sameDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

export function dayKey(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`;
}

export function minuteKey(iso: string): string {
  const d = new Date(iso);
  return `${dayKey(iso)} ${d.getHours()}:${d.getMinutes()}`;
}

/** The room list's time: the clock today, "Yesterday", the day this year, the full date before. */
export function listTime(t: TFunction, iso: string, lang: string, now: number): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const today = new Date(now);
  if (sameDay(date, today)) return clockTime(iso, lang);
  const yesterday = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 1);
  if (sameDay(date, yesterday)) return t('chat.yesterday');
  if (date.getFullYear() === today.getFullYear()) {
    return new Intl.DateTimeFormat(lang, { month: 'short', day: 'numeric' }).format(date);
  }
  return new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'numeric', day: 'numeric' }).format(date);
}

/** The separator between days in a conversation. */
export function dayLabel(iso: string, lang: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'long', day: 'numeric', weekday: 'long' }).format(date);
}

export function fileSize(bytes: number, lang: string): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const number = new Intl.NumberFormat(lang, { maximumFractionDigits: unit === 0 || value >= 100 ? 0 : 1 }).format(value);
  return `${number} ${units[unit]}`;
}

export function duration(ms: number | null | undefined): string {
  if (!ms || ms < 0) return '';
  const total = Math.round(ms / 1000);
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${minutes}:${String(seconds).padStart(2, '0')}`;
}
