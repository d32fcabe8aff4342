import type { Glossary } from '@maum/protocol';

/**
 * A room's glossary applied around a machine translation: each word the room keeps as it is (a character's name, the
 * webcomic's title), and each term it translates its own way into the target language, is swapped for a numbered
 * marker before the text goes out, and the marker for the word (or the room's translation of it) when it comes back.
 * Longer words are matched first, so "Solo Leveling" wins over "Solo"; matching ignores case.
 */
export function protectTerms(text: string, glossary: Glossary, target: string): { text: string; restore(translated: string): string } {
  const replacements = new Map<string, string>();
  for (const word of glossary.keep) replacements.set(word.toLowerCase(), word);
  for (const term of glossary.terms) if (term.lang === target) replacements.set(term.term.toLowerCase(), term.text);
  if (replacements.size === 0) return { text, restore: (translated) => translated };

  const words = [...replacements.keys()].sort((a, b) => b.length - a.length);
  const pattern = new RegExp(words.map(escapeRegExp).join('|'), 'giu');
  const placed: string[] = [];
  const protectedText = text.replace(pattern, (found) => {
    placed.push(replacements.get(found.toLowerCase()) ?? found);
    return marker(placed.length - 1);
  });
  return {
    text: protectedText,
    restore: (translated) => translated.replace(/⟦\s*(\d+)\s*⟧/gu, (found, n: string) => placed[Number(n)] ?? found),
  };
}

const marker = (n: number) => `⟦${n}⟧`;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
