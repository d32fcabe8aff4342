import { franc } from 'franc-min';
import type { LabelledLine } from './detection-corpus';
import { detectLanguage } from './language-detector';
import type { LanguageCode } from './translator';

export interface Accuracy {
  overall: number;
  byLanguage: Record<string, number>;
  misses: { text: string; expected: LanguageCode; got: LanguageCode }[];
}

function tally(corpus: readonly LabelledLine[], guess: (line: LabelledLine) => LanguageCode): Accuracy {
  const counts = new Map<LanguageCode, { right: number; all: number }>();
  const misses: Accuracy['misses'] = [];
  for (const line of corpus) {
    const got = guess(line);
    const c = counts.get(line.language) ?? { right: 0, all: 0 };
    c.all += 1;
    if (got === line.language) c.right += 1;
    else misses.push({ text: line.text, expected: line.language, got });
    counts.set(line.language, c);
  }
  const byLanguage = Object.fromEntries([...counts].map(([l, c]) => [l, c.right / c.all]));
  return { overall: (corpus.length - misses.length) / corpus.length, byLanguage, misses };
}

/**
 * Maum's detector restricted to `candidates`. The fallback is the writer's interface language on lines that
 * carry none, and otherwise a candidate other than the right answer, so that only the text can score a line.
 */
export function restrictedAccuracy(corpus: readonly LabelledLine[], candidates: readonly LanguageCode[]): Accuracy {
  return tally(corpus, (line) => {
    const fallback = line.ui ?? candidates.find((c) => c !== line.language) ?? line.language;
    return detectLanguage(line.text, candidates, fallback).language;
  });
}

const fromFranc: Record<string, LanguageCode> = { kor: 'ko', jpn: 'ja', ind: 'id', eng: 'en', cmn: 'zh', zlm: 'ms' };

/** The same library with no candidates and no rules, as a detector that does not know the room would use it. */
export function unrestrictedAccuracy(corpus: readonly LabelledLine[]): Accuracy {
  return tally(corpus, (line) => {
    const code = franc(line.text, { minLength: 1 });
    return fromFranc[code] ?? code;
  });
}
