import type { Glossary } from '@maum/protocol';

export interface TermDraft {
  term: string;
  lang: string;
  text: string;
}

/** The glossary as the form holds it: kept words one a line, and rows left half-filled are dropped. */
export function glossaryFrom(keepText: string, terms: readonly TermDraft[]): Glossary {
  const keep: string[] = [];
  for (const raw of keepText.split(/\n+/u)) {
    const word = raw.trim().slice(0, 50);
    if (word && !keep.includes(word)) keep.push(word);
  }
  return {
    keep: keep.slice(0, 200),
    terms: terms
      .map((t) => ({ term: t.term.trim(), lang: t.lang, text: t.text.trim() }))
      .filter((t) => t.term !== '' && t.text !== '')
      .slice(0, 500),
  };
}
