import { describe, expect, it } from 'vitest';
import type { Message } from '@maum/protocol';
import { entriesFor, languageName, needsTranslation, textView, translationBatches } from './translation';

function message(seq: number, body: Record<string, unknown>, extra: Partial<Message> = {}): Message {
  return {
    id: `msg_${seq}`,
    roomId: 'room_a',
    seq,
    senderId: 'opm_a',
    kind: 'text',
    body,
    createdAt: new Date(2026, 0, 1, 12, 0, seq).toISOString(),
    deletedAt: null,
    hidden: false,
    reactions: {},
    ...extra,
  };
}

describe('which messages a reader needs translated', () => {
  it('takes messages with words in another language, and no others', () => {
    expect(needsTranslation(message(1, { text: 'こんにちは', lang: 'ja' }), 'ko')).toBe(true);
    expect(needsTranslation(message(2, { text: '안녕', lang: 'ko' }), 'ko')).toBe(false);
    expect(needsTranslation(message(3, { text: 'hello' }), 'ko')).toBe(false);
    expect(needsTranslation(message(4, { text: 'halo', lang: 'id' }, { deletedAt: '2026-01-01T00:00:00Z' }), 'ko')).toBe(false);
    expect(needsTranslation(message(5, { text: 'halo', lang: 'id' }, { hidden: true }), 'ko')).toBe(false);
    expect(needsTranslation(message(6, { event: 'joined', actorId: 'opm_b', lang: 'en' }, { kind: 'system' }), 'ko')).toBe(false);
    expect(needsTranslation(message(7, { mediaId: 'med_x', caption: 'lihat ini', lang: 'id' }, { kind: 'image' }), 'ko')).toBe(true);
    expect(needsTranslation(message(8, { mediaId: 'med_x', lang: 'id' }, { kind: 'image' }), 'ko')).toBe(false);
    expect(needsTranslation(message(9, { text: 'ok', replyToSeq: 1, lang: 'en' }, { kind: 'reply' }), 'ja')).toBe(true);
  });

  it('asks for the newest first, at most 50 a request, leaving out what is held or on its way', () => {
    const messages = Array.from({ length: 120 }, (_, i) => message(i + 1, { text: `m${i + 1}`, lang: i % 2 === 0 ? 'ja' : 'ko' }));
    const known = new Set([119, 117]);
    const batches = translationBatches(messages, 'ko', (seq) => known.has(seq));
    // 60 messages in Japanese (odd seqs), two of them known.
    expect(batches.map((b) => b.length)).toEqual([50, 8]);
    expect(batches[0]![batches[0]!.length - 1]).toBe(115);
    expect(batches[0]).not.toContain(117);
    expect(batches[1]).toEqual([1, 3, 5, 7, 9, 11, 13, 15]);
    for (const batch of batches) expect(batch).toEqual([...batch].sort((a, b) => a - b));
    expect(translationBatches(messages, 'ko', () => true)).toEqual([]);
  });
});

describe('what a bubble shows', () => {
  const ja = message(1, { text: 'こんにちは', lang: 'ja' });

  it('shows the translation with a note, and the original when asked', () => {
    const entry = { state: 'translated', text: '[ko] こんにちは', by: 'server' } as const;
    expect(textView(ja, 'text', 'ko', entry, false)).toEqual({ text: '[ko] こんにちは', source: 'ja', note: 'translated', by: 'server' });
    expect(textView(ja, 'text', 'ko', entry, true)).toEqual({ text: 'こんにちは', source: 'ja', note: 'original', by: 'server' });
  });

  it('shows the original while a translation is on its way, when none can be had, or before one is asked for', () => {
    expect(textView(ja, 'text', 'ko', { state: 'loading' }, false)).toMatchObject({ text: 'こんにちは', note: 'loading' });
    expect(textView(ja, 'text', 'ko', { state: 'unavailable' }, false)).toMatchObject({ text: 'こんにちは', note: 'unavailable' });
    expect(textView(ja, 'text', 'ko', undefined, false)).toEqual({ text: 'こんにちは', source: 'ja', note: null });
    expect(textView(ja, 'text', 'ko', { state: 'original' }, false)).toEqual({ text: 'こんにちは', source: 'ja', note: null });
  });

  it('shows a message in the reader’s own language as written, with its language', () => {
    const entry = { state: 'translated', text: 'stale', by: 'server' } as const;
    expect(textView(ja, 'text', 'ja', entry, false)).toEqual({ text: 'こんにちは', source: 'ja', note: null });
  });

  it('counts a seq the server left out of its answer as unavailable', () => {
    const entries = entriesFor(
      [1, 2, 3],
      [
        { seq: 1, source: 'ja', state: 'translated', text: '[ko] a' },
        { seq: 2, source: 'ko', state: 'original', text: null },
      ],
    );
    expect(entries.get(1)).toEqual({ state: 'translated', text: '[ko] a', by: 'server' });
    expect(entries.get(2)).toEqual({ state: 'original' });
    expect(entries.get(3)).toEqual({ state: 'unavailable' });
  });

  it('names languages in the reader’s language', () => {
    expect(languageName('ja', 'en')).toBe('Japanese');
    expect(languageName('ja', 'ko')).toBe('일본어');
  });
});
