import { MAX_BANNED_WORDS, type BannedWords, type OpenRoom } from '@maum/protocol';
import type { SettingsInput } from './api';

/** Banned words as a host types them, one a line or separated by commas: lower case, each once, as the server keeps them. */
export function parseWords(text: string): string[] {
  const words: string[] = [];
  for (const raw of text.split(/[\n,]+/u)) {
    const word = raw.trim().toLowerCase().slice(0, 50);
    if (word && !words.includes(word)) words.push(word);
  }
  return words.slice(0, MAX_BANNED_WORDS);
}

export function sameWords(a: BannedWords, b: BannedWords): boolean {
  if (a.match !== b.match || a.words.length !== b.words.length) return false;
  const set = new Set(b.words);
  return a.words.every((w) => set.has(w));
}

/** Only what the host changed goes to the server; an emptied notice takes the notice down. */
export function settingsChanges(
  room: Pick<OpenRoom, 'slowModeSeconds' | 'readOnly' | 'pinnedNotice'>,
  banned: BannedWords,
  next: { slowModeSeconds: NonNullable<SettingsInput['slowModeSeconds']>; readOnly: boolean; pinnedNotice: string; bannedWords: BannedWords },
): SettingsInput {
  const changes: SettingsInput = {};
  if (next.slowModeSeconds !== room.slowModeSeconds) changes.slowModeSeconds = next.slowModeSeconds;
  if (next.readOnly !== room.readOnly) changes.readOnly = next.readOnly;
  const notice = next.pinnedNotice.trim() || null;
  if (notice !== room.pinnedNotice) changes.pinnedNotice = notice;
  if (!sameWords(next.bannedWords, banned)) changes.bannedWords = next.bannedWords;
  return changes;
}
