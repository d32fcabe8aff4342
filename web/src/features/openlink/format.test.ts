import { describe, expect, it } from 'vitest';
import { answersRequests, may, moderates, parseTags, slowModeLabel } from './format';

describe('who may do what in an open room', () => {
  it('lets the host do everything and a co-host what they were granted', () => {
    expect(may({ role: 'host', rights: [] }, 'ban')).toBe(true);
    expect(may({ role: 'cohost', rights: ['hide'] }, 'hide')).toBe(true);
    expect(may({ role: 'cohost', rights: ['hide'] }, 'kick')).toBe(false);
    expect(may({ role: 'member', rights: ['kick'] }, 'kick')).toBe(false);
    expect(may({ role: null, rights: [] }, 'hide')).toBe(false);
    expect(moderates({ role: 'cohost' })).toBe(true);
    expect(moderates({ role: 'member' })).toBe(false);
  });

  it('has requests answered only in rooms that join by request, by those who may take people out', () => {
    expect(answersRequests({ role: 'host', rights: [], joinMode: 'request' })).toBe(true);
    expect(answersRequests({ role: 'host', rights: [], joinMode: 'open' })).toBe(false);
    expect(answersRequests({ role: 'cohost', rights: ['kick'], joinMode: 'request' })).toBe(true);
    expect(answersRequests({ role: 'cohost', rights: ['hide'], joinMode: 'request' })).toBe(false);
  });
});

describe('tags as typed', () => {
  it('splits on spaces, commas and #, drops repeats whatever their case, keeps the first spelling', () => {
    expect(parseTags('#webtoon, fantasy #Romance  romance WEBTOON')).toEqual(['webtoon', 'fantasy', 'Romance']);
    expect(parseTags('  ')).toEqual([]);
    expect(parseTags('x'.repeat(40))).toEqual(['x'.repeat(30)]);
  });
});

describe('slow mode steps', () => {
  it('reads seconds in the largest whole unit', () => {
    expect(slowModeLabel(30, 'en')).toMatch(/30\s?sec/);
    expect(slowModeLabel(300, 'en')).toMatch(/5\s?min/);
    expect(slowModeLabel(3600, 'en')).toMatch(/1\s?hr/);
  });
});
