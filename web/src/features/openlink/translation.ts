import type { Message, Translation } from '@maum/protocol';

/** The most seqs one translations request takes. */
export const TRANSLATION_BATCH = 50;

const withWords = new Set(['text', 'reply', 'image', 'video']);

/** A message's words in one field (`text`, or an image's or video's `caption`); empty when it has none. */
export function wordsOf(message: Pick<Message, 'body'>, field: 'text' | 'caption'): string {
  const value = message.body[field];
  return typeof value === 'string' ? value : '';
}

/** The language a message was written in, as the server detected it when it was sent; null without words. */
export function languageOf(message: Pick<Message, 'body'>): string | null {
  const lang = message.body.lang;
  return typeof lang === 'string' && lang !== '' ? lang : null;
}

/** Whether a reader of `lang` would want this message translated: it has words, in another language. */
export function needsTranslation(message: Pick<Message, 'kind' | 'body' | 'deletedAt' | 'hidden'>, lang: string): boolean {
  if (message.deletedAt || message.hidden || !withWords.has(message.kind)) return false;
  const source = languageOf(message);
  if (source === null || source === lang) return false;
  return wordsOf(message, 'text') !== '' || wordsOf(message, 'caption') !== '';
}

/**
 * The seqs to ask translations for, in requests the API takes: messages the reader would want translated whose
 * translation is neither held nor on its way. The newest come first, since they are the ones on screen.
 */
export function translationBatches(
  messages: readonly Message[],
  lang: string,
  known: (seq: number) => boolean,
  size = TRANSLATION_BATCH,
): number[][] {
  const wanted: number[] = [];
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i]!;
    if (needsTranslation(message, lang) && !known(message.seq)) wanted.push(message.seq);
  }
  const batches: number[][] = [];
  for (let at = 0; at < wanted.length; at += size) batches.push(wanted.slice(at, at + size).sort((a, b) => a - b));
  return batches;
}

/** What is known of one message's translation into the reader's language. */
export type TranslationEntry =
  | { state: 'loading' }
  /** `by`: the server's translator, or the browser's own on this device. */
  | { state: 'translated'; text: string; by: 'server' | 'device' }
  /** Nothing to translate after all (the server found it already in the reader's language). */
  | { state: 'original' }
  /** No translator, or it failed: the original shows, with a way to try again. */
  | { state: 'unavailable' };

export function entryFrom(translation: Translation): TranslationEntry {
  if (translation.state === 'translated' && translation.text !== null) return { state: 'translated', text: translation.text, by: 'server' };
  if (translation.state === 'original') return { state: 'original' };
  return { state: 'unavailable' };
}

/** The answer for every seq asked: one the server left out counts as unavailable, so it can be tried again. */
export function entriesFor(seqs: readonly number[], translations: readonly Translation[]): Map<number, TranslationEntry> {
  const bySeq = new Map(translations.map((t) => [t.seq, entryFrom(t)]));
  return new Map(seqs.map((seq) => [seq, bySeq.get(seq) ?? { state: 'unavailable' }]));
}

export interface TextView {
  /** The words the bubble shows. */
  text: string;
  /** The language the message was written in, when known. */
  source: string | null;
  /**
   * The line under the words: `translated` (tap for the original), `original` (the reader asked for the original; tap
   * for the translation), `unavailable` (the original, with Retry), `loading`, or null (the words are as written).
   */
  note: 'translated' | 'original' | 'unavailable' | 'loading' | null;
  /** Who translated, when `note` is `translated` or `original`. */
  by?: 'server' | 'device';
}

/** What a bubble shows of a message for a reader of `lang`, given what is known of its translation. */
export function textView(
  message: Pick<Message, 'kind' | 'body' | 'deletedAt' | 'hidden'>,
  field: 'text' | 'caption',
  lang: string,
  entry: TranslationEntry | undefined,
  showOriginal: boolean,
): TextView {
  const original = wordsOf(message, field);
  const source = languageOf(message);
  const plain: TextView = { text: original, source, note: null };
  if (!needsTranslation(message, lang) || !entry) return plain;
  switch (entry.state) {
    case 'loading':
      return { ...plain, note: 'loading' };
    case 'unavailable':
      return { ...plain, note: 'unavailable' };
    case 'original':
      return plain;
    case 'translated':
      return showOriginal ? { ...plain, note: 'original', by: entry.by } : { text: entry.text, source, note: 'translated', by: entry.by };
  }
}

/** A language's name in the reader's language ("Japanese", "일본어"), or its code when the browser has no name for it. */
export function languageName(code: string, displayLang: string): string {
  try {
    return new Intl.DisplayNames([displayLang], { type: 'language' }).of(code) ?? code.toUpperCase();
  } catch {
    return code.toUpperCase();
  }
}
