/**
 * Search terms for open rooms, the same on PGlite and PostgreSQL because Maum makes them itself instead of relying on
 * a text-search configuration or a locale: rooms keep the terms of their name, description and tags in an array
 * column with a GIN index, and a search asks for rooms whose terms contain all of the query's.
 *
 * - Text is NFKC-normalised and lower-cased, then split into runs of letters and digits.
 * - Korean, Japanese and Chinese have no spaces between words, so a run in those scripts becomes its characters
 *   and their overlapping pairs (bigrams, as Lucene's CJK analyzer does): "원피스" is found by "원피", "피스" or "피".
 * - Other words are kept with their prefixes from 2 letters, so "web" and "webt" both find "webtoon".
 * - A tag is also kept whole, as `#tag`, for tag pages.
 */

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const RUNS = /[\p{L}\p{N}\p{M}]+/gu;
const MAX_PREFIXES = 12;

function normalise(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** Text as runs of letters and digits, NFKC-normalised and lower-cased: the words of search terms and banned words. */
export function words(text: string): string[] {
  return normalise(text).match(RUNS) ?? [];
}

/** Splits a run of letters into pieces of one kind: CJK characters, or everything else. */
function pieces(run: string): Array<{ cjk: boolean; text: string }> {
  const out: Array<{ cjk: boolean; text: string }> = [];
  for (const char of run) {
    const cjk = CJK.test(char);
    const last = out.at(-1);
    if (last && last.cjk === cjk) last.text += char;
    else out.push({ cjk, text: char });
  }
  return out;
}

function cjkTerms(text: string, into: Set<string>, withSingles: boolean): void {
  const chars = [...text];
  if (chars.length === 1 || withSingles) for (const c of chars) into.add(c);
  for (let i = 0; i + 1 < chars.length; i++) into.add(chars[i]! + chars[i + 1]!);
}

/** Every term a room is found by, from its name, description and tags. */
export function roomTerms(input: { name: string; description: string; tags: string[] }): string[] {
  const terms = new Set<string>();
  for (const text of [input.name, input.description, ...input.tags]) {
    for (const run of words(text)) {
      for (const piece of pieces(run)) {
        if (piece.cjk) cjkTerms(piece.text, terms, true);
        else {
          const chars = [...piece.text];
          terms.add(piece.text);
          for (let n = 2; n < Math.min(chars.length, MAX_PREFIXES + 1); n++) terms.add(chars.slice(0, n).join(''));
        }
      }
    }
  }
  for (const tag of input.tags) terms.add(tagTerm(tag));
  return [...terms];
}

/** The terms a room must have to match a query: its words as typed (a prefix of a word matches), its CJK pairs. */
export function queryTerms(query: string): string[] {
  const terms = new Set<string>();
  for (const run of words(query)) {
    for (const piece of pieces(run)) {
      if (piece.cjk) cjkTerms(piece.text, terms, false);
      else terms.add([...piece.text].slice(0, MAX_PREFIXES).join(''));
    }
  }
  return [...terms];
}

export function tagTerm(tag: string): string {
  return `#${normalise(tag)}`;
}
