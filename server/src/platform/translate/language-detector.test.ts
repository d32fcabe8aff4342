import { describe, expect, it } from 'vitest';
import { restrictedAccuracy, unrestrictedAccuracy } from './detection-accuracy';
import { detectionCorpus } from './detection-corpus';
import { detectLanguage } from './language-detector';

const room = ['ko', 'ja', 'id', 'en'];

describe('language detection restricted to a room’s languages', () => {
  it('labels at least 94% of the chat corpus right, and at least 85% in each language, well above the unrestricted library', () => {
    expect(detectionCorpus.length).toBeGreaterThanOrEqual(200);
    const restricted = restrictedAccuracy(detectionCorpus, room);
    const unrestricted = unrestrictedAccuracy(detectionCorpus);
    const round = (n: number) => Math.round(n * 1000) / 1000;
    const figures = (a: typeof restricted) => ({ overall: round(a.overall), ...Object.fromEntries(Object.entries(a.byLanguage).map(([l, v]) => [l, round(v)])) });
    console.info(JSON.stringify({ lines: detectionCorpus.length, restricted: figures(restricted), unrestricted: figures(unrestricted) }));
    expect(restricted.overall).toBeGreaterThanOrEqual(0.94);
    for (const language of room) expect(restricted.byLanguage[language]).toBeGreaterThanOrEqual(0.85);
    expect(restricted.overall).toBeGreaterThan(unrestricted.overall + 0.2);
  });

  it('always answers a candidate or the fallback', () => {
    for (const line of detectionCorpus) {
      const got = detectLanguage(line.text, ['ko', 'en'], 'ja').language;
      expect(['ko', 'en', 'ja']).toContain(got);
    }
  });

  it('reads Hangul as Korean and kana as Japanese, laughter included, whatever the fallback', () => {
    expect(detectLanguage('ㅋㅋㅋ', room, 'en')).toMatchObject({ language: 'ko', basis: 'text' });
    expect(detectLanguage('ㅠㅠ', room, 'id')).toMatchObject({ language: 'ko', basis: 'text' });
    expect(detectLanguage('それな', room, 'ko')).toMatchObject({ language: 'ja', basis: 'text' });
    expect(detectLanguage('www', room, 'en')).toMatchObject({ language: 'ja', basis: 'text' });
    expect(detectLanguage('lol ㅋㅋㅋ', room, 'en').language).toBe('ko');
  });

  it('tells Indonesian from English by chat slang', () => {
    expect(detectLanguage('wkwk', room, 'en').language).toBe('id');
    expect(detectLanguage('makasih gan', room, 'en').language).toBe('id');
    expect(detectLanguage('lol', room, 'id').language).toBe('en');
    expect(detectLanguage('ngl i cried', room, 'id').language).toBe('en');
  });

  it('reads Han alone as Japanese unless Chinese is also a candidate, where the fallback decides', () => {
    expect(detectLanguage('草', room, 'en')).toMatchObject({ language: 'ja', basis: 'text' });
    expect(detectLanguage('草', ['zh', 'ja'], 'zh')).toMatchObject({ language: 'zh', basis: 'fallback' });
    expect(detectLanguage('草', ['zh', 'ja'], 'ja')).toMatchObject({ language: 'ja', basis: 'fallback' });
    expect(detectLanguage('好看', ['zh', 'en'], 'en').language).toBe('zh');
    expect(detectLanguage('草生える', ['zh', 'ja'], 'zh').language).toBe('ja');
  });

  it('falls back to the sender’s language when the text has none, or none the room declared', () => {
    expect(detectLanguage('😭😭👍', room, 'id')).toEqual({ language: 'id', confidence: 0, basis: 'fallback' });
    expect(detectLanguage('45!!', room, 'ko')).toMatchObject({ language: 'ko', basis: 'fallback' });
    expect(detectLanguage('', room, 'ja')).toMatchObject({ language: 'ja', basis: 'fallback' });
    expect(detectLanguage('привет', room, 'en')).toMatchObject({ language: 'en', basis: 'fallback' });
    expect(detectLanguage('ok', ['en', 'id'], 'id')).toMatchObject({ language: 'id', basis: 'fallback' });
    expect(detectLanguage('hello', [], 'ko')).toMatchObject({ language: 'ko', basis: 'fallback' });
  });

  it('ignores links and mentions, which name no language', () => {
    expect(detectLanguage('@someone https://comics.example/ep/45 이거 봐', room, 'en').language).toBe('ko');
  });

  it('reads other scripts when the room declares their languages', () => {
    expect(detectLanguage('привет всем', ['ru', 'en'], 'en').language).toBe('ru');
    expect(detectLanguage('สวัสดีครับ', ['th', 'en'], 'en').language).toBe('th');
  });
});
