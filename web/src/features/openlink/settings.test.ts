import { describe, expect, it } from 'vitest';
import { parseWords, sameWords, settingsChanges } from './settings';

describe('banned words as typed', () => {
  it('takes one a line or comma-separated, in lower case, each once', () => {
    expect(parseWords('Spam\nscam, SPAM\n\n  free coins  ')).toEqual(['spam', 'scam', 'free coins']);
  });

  it('compares lists without their order', () => {
    expect(sameWords({ words: ['a', 'b'], match: 'exact' }, { words: ['b', 'a'], match: 'exact' })).toBe(true);
    expect(sameWords({ words: ['a', 'b'], match: 'exact' }, { words: ['a', 'b'], match: 'contains' })).toBe(false);
    expect(sameWords({ words: ['a'], match: 'exact' }, { words: ['a', 'b'], match: 'exact' })).toBe(false);
  });
});

describe('the settings a host saves', () => {
  const room = { slowModeSeconds: 0, readOnly: false, pinnedNotice: 'Be kind' };
  const banned = { words: ['spam'], match: 'exact' as const };

  it('sends only what changed', () => {
    expect(settingsChanges(room, banned, { slowModeSeconds: 0, readOnly: false, pinnedNotice: ' Be kind ', bannedWords: banned })).toEqual({});
    expect(settingsChanges(room, banned, { slowModeSeconds: 30, readOnly: true, pinnedNotice: 'Be kind', bannedWords: { words: ['spam', 'scam'], match: 'exact' } })).toEqual({
      slowModeSeconds: 30,
      readOnly: true,
      bannedWords: { words: ['spam', 'scam'], match: 'exact' },
    });
  });

  it('takes the notice down when emptied', () => {
    expect(settingsChanges(room, banned, { slowModeSeconds: 0, readOnly: false, pinnedNotice: '   ', bannedWords: banned })).toEqual({ pinnedNotice: null });
  });
});
