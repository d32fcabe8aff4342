import type { CohostRight, OpenRoom } from '@maum/protocol';

/** Whether the caller may do this in the room: the host may do everything, a co-host what they were granted. */
export function may(room: Pick<OpenRoom, 'role' | 'rights'>, right: CohostRight): boolean {
  return room.role === 'host' || (room.role === 'cohost' && room.rights.includes(right));
}

/** The host and co-hosts: they read reports, and are not held back by slow mode or an announcements-only room. */
export function moderates(room: Pick<OpenRoom, 'role'>): boolean {
  return room.role === 'host' || room.role === 'cohost';
}

/** Join requests are answered by the host and the co-hosts who may take people out. */
export function answersRequests(room: Pick<OpenRoom, 'role' | 'rights' | 'joinMode'>): boolean {
  return room.joinMode === 'request' && may(room, 'kick');
}

export function count(n: number, lang: string): string {
  return new Intl.NumberFormat(lang).format(n);
}

/** Tags as people type them: "#webtoon, fantasy #romance" is three tags, without the #s, each once whatever its case. */
export function parseTags(text: string): string[] {
  const tags: string[] = [];
  for (const raw of text.split(/[\s,#]+/u)) {
    const tag = raw.trim().slice(0, 30);
    if (tag && !tags.some((t) => t.toLowerCase() === tag.toLowerCase())) tags.push(tag);
  }
  return tags;
}

/** A duration of slow mode in words the locale knows: "30 sec.", "5 min.", "1 hr". */
export function slowModeLabel(seconds: number, lang: string): string {
  const [value, unit] = seconds >= 3600 ? [seconds / 3600, 'hour'] : seconds >= 60 ? [seconds / 60, 'minute'] : [seconds, 'second'];
  try {
    return new Intl.NumberFormat(lang, { style: 'unit', unit, unitDisplay: 'short' }).format(value);
  } catch {
    return `${value} ${unit}`;
  }
}
