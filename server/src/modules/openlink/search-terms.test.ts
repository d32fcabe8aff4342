import { describe, expect, it } from 'vitest';
import { queryTerms, roomTerms, tagTerm } from './search-terms';

const finds = (room: { name: string; description?: string; tags?: string[] }, query: string) => {
  const terms = new Set(roomTerms({ description: '', tags: [], ...room }));
  const wanted = queryTerms(query);
  return wanted.length > 0 && wanted.every((t) => terms.has(t));
};

describe('open room search terms', () => {
  it('finds Korean, Japanese and Chinese text by any part of a word, without spaces to split on', () => {
    const room = { name: '원피스 팬클럽', description: 'ワンピース好きの集まり。毎週の話を語ろう' };
    for (const q of ['원피스', '원피', '피스', '팬클럽', '원', 'ワンピース', 'ピース', '好き', '集まり', '毎週']) expect(finds(room, q), q).toBe(true);
    for (const q of ['원피스2', '나루토', 'ナルト']) expect(finds(room, q), q).toBe(false);
  });

  it('finds Latin-script words by their start, in any case, and Indonesian as well as English', () => {
    const room = { name: 'Webtoon fans', description: 'Ngobrol santai tentang komik favorit', tags: ['Romance'] };
    for (const q of ['webtoon', 'WEBT', 'we', 'fans webtoon', 'komik', 'ngobrol santai', 'romance']) expect(finds(room, q), q).toBe(true);
    for (const q of ['toon', 'comics', 'webtoons']) expect(finds(room, q), q).toBe(false);
  });

  it('normalises width and mixed scripts, and keeps each tag whole for tag pages', () => {
    const room = { name: 'ＷＥＢＴＯＯＮ 2024 웹툰덕후', tags: ['Solo레벨업'] };
    expect(finds(room, 'webtoon 2024')).toBe(true);
    expect(finds(room, '웹툰')).toBe(true);
    expect(finds(room, '레벨업')).toBe(true);
    expect(roomTerms({ name: 'x', description: '', tags: ['Solo레벨업'] })).toContain(tagTerm('solo레벨업'));
  });

  it('makes no terms of punctuation and emoji alone', () => {
    expect(queryTerms('!!! 🎉 ...')).toEqual([]);
  });
});
