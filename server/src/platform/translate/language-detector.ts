import { francAll } from 'franc-min';
import type { DetectedLanguage, LanguageCode } from './translator';

// Detection for short chat lines in a room whose languages are known. A line's script settles most cases
// (Hangul is Korean, kana is Japanese); within a script shared by several candidates (Latin: English or
// Indonesian), chat slang and then franc's trigram model, restricted to the candidates, decide. An unrestricted
// model reads "makasih gan" as Malay or Javanese and "ok" as anything; restricted, it only chooses among the
// room's languages. Lines with no letters (emoji, numbers, punctuation) fall back to the caller's choice.

/** ISO 639-1 (ours, LibreTranslate's) to ISO 639-3 (franc's), for the languages franc-min knows. */
const francCode: Record<string, string> = {
  en: 'eng', id: 'ind', ms: 'zlm', es: 'spa', pt: 'por', fr: 'fra', de: 'deu', it: 'ita', nl: 'nld', vi: 'vie',
  tr: 'tur', pl: 'pol', ro: 'ron', hu: 'hun', cs: 'ces', sv: 'swe', tl: 'tgl', jv: 'jav', su: 'sun', sw: 'swh',
  ru: 'rus', uk: 'ukr', bg: 'bul', be: 'bel', kk: 'kaz', sr: 'srp', ar: 'arb', fa: 'pes', ur: 'urd', hi: 'hin',
  mr: 'mar', ne: 'npi',
};

type Script = 'hangul' | 'kana' | 'han' | 'latin' | 'cyrillic' | 'arabic' | 'devanagari' | 'thai' | 'greek' | 'hebrew';

const scriptPattern: Record<Script, RegExp> = {
  hangul: /\p{Script=Hangul}/u,
  kana: /[\p{Script=Hiragana}\p{Script=Katakana}]/u,
  han: /\p{Script=Han}/u,
  latin: /\p{Script=Latin}/u,
  cyrillic: /\p{Script=Cyrillic}/u,
  arabic: /\p{Script=Arabic}/u,
  devanagari: /\p{Script=Devanagari}/u,
  thai: /\p{Script=Thai}/u,
  greek: /\p{Script=Greek}/u,
  hebrew: /\p{Script=Hebrew}/u,
};
const scripts = Object.keys(scriptPattern) as Script[];

/** The script each language is written in; a language not listed is taken to be written in Latin letters. */
const scriptOf: Record<string, Script> = {
  ko: 'hangul', ja: 'kana', zh: 'han', zt: 'han', 'zh-Hans': 'han', 'zh-Hant': 'han',
  ru: 'cyrillic', uk: 'cyrillic', bg: 'cyrillic', be: 'cyrillic', kk: 'cyrillic', sr: 'cyrillic', mk: 'cyrillic', ky: 'cyrillic', mn: 'cyrillic',
  ar: 'arabic', fa: 'arabic', ur: 'arabic', ps: 'arabic',
  hi: 'devanagari', mr: 'devanagari', ne: 'devanagari',
  th: 'thai', el: 'greek', he: 'hebrew',
};
const writtenIn = (language: LanguageCode): Script => scriptOf[language] ?? 'latin';

/**
 * Chat slang that trigram models cannot see in a line of one or two words: laughter, particles and
 * abbreviations that belong to one language's chat.
 */
const slang: Record<string, RegExp> = {
  id: /^(?:w+k+(?:w+k+)*w*|gan|sis|dong|sih|deh|kok|nih|tuh|lho|loh|bgt|banget|gak|ga|gk|nggak|enggak|yg|aja|udah|udh|blm|gw|gue|lu|jg|tp|kalo|yaudah|anjir|anjay|mantul|kuy|bund)$/,
  en: /^(?:lol|lmao|lmfao|rofl|omg|tbh|ngl|imo|imho|idk|idc|brb|rn|pls|plz|thx|ty|ikr|smh|wtf|fr|af|yeah|yep|nope|okay|ugh)$/,
};

/** `w`, `ww`, `www`: Japanese laughter written in Latin letters, and nothing else in the line's Latin part. */
function isJapaneseLaughter(text: string): boolean {
  const words = text.match(/\p{Script=Latin}+/gu) ?? [];
  return words.length > 0 && words.every((w) => /^w+$/i.test(w));
}

/** A slang word outweighs franc's whole score (at most 1 per candidate): in a line of two words it knows more. */
const SLANG_WEIGHT = 2;

/** How much a letter of each script counts when a line mixes scripts: one CJK character carries about a word. */
const weight = (script: Script): number => (script === 'hangul' || script === 'kana' || script === 'han' ? 3 : 1);

function countScripts(text: string): Map<Script, number> {
  const counts = new Map<Script, number>();
  for (const ch of text) {
    if (!/\p{L}/u.test(ch)) continue;
    const script = scripts.find((s) => scriptPattern[s].test(ch));
    if (script) counts.set(script, (counts.get(script) ?? 0) + 1);
  }
  return counts;
}

/** Links and @mentions name no language; they would only pull a line towards Latin. */
function strip(text: string): string {
  return text.replace(/\bhttps?:\/\/\S+/giu, ' ').replace(/@[\p{L}\p{N}_.-]+/gu, ' ');
}

/**
 * The language of `text`, chosen among `candidates` (a room's declared languages). When the text carries no
 * signal, or none that fits a candidate, the answer is `fallback` (the sender's interface language) with
 * basis `fallback`. `fallback` need not be a candidate.
 */
export function detectLanguage(text: string, candidates: readonly LanguageCode[], fallback: LanguageCode): DetectedLanguage {
  const noSignal: DetectedLanguage = { language: fallback, confidence: 0, basis: 'fallback' };
  const unique = [...new Set(candidates)];
  if (unique.length === 0) return noSignal;
  const cleaned = strip(text);
  const counts = countScripts(cleaned);
  // Kanji in a line with kana is Japanese; without kana it may be Japanese or Chinese.
  if (counts.has('kana') && counts.has('han')) {
    counts.set('kana', (counts.get('kana') ?? 0) + (counts.get('han') ?? 0));
    counts.delete('han');
  }
  const ranked = [...counts.entries()]
    .map(([script, n]) => ({ script, score: n * weight(script), letters: n }))
    .sort((a, b) => b.score - a.score);
  const total = ranked.reduce((sum, r) => sum + r.score, 0);
  for (const { script, score, letters } of ranked) {
    const share = score / total;
    if (script === 'han') {
      const hanReaders = unique.filter((l) => l === 'ja' || writtenIn(l) === 'han');
      if (hanReaders.length === 0) continue;
      if (hanReaders.length === 1) return { language: hanReaders[0]!, confidence: 0.8 * share, basis: 'text' };
      if (hanReaders.includes(fallback)) return { language: fallback, confidence: 0.5 * share, basis: 'fallback' };
      return { language: hanReaders[0]!, confidence: 0.4 * share, basis: 'text' };
    }
    if (script === 'latin' && unique.includes('ja') && isJapaneseLaughter(cleaned)) {
      return { language: 'ja', confidence: 0.6 * share, basis: 'text' };
    }
    const inScript = unique.filter((l) => writtenIn(l) === script);
    if (inScript.length === 0) continue;
    if (inScript.length === 1) {
      const strength = letters >= 2 ? 0.95 : 0.7;
      return { language: inScript[0]!, confidence: strength * share, basis: 'text' };
    }
    return chooseWithinScript(cleaned, script, inScript, fallback, share);
  }
  return noSignal;
}

function chooseWithinScript(
  text: string,
  script: Script,
  inScript: LanguageCode[],
  fallback: LanguageCode,
  share: number,
): DetectedLanguage {
  const scores = new Map<LanguageCode, number>(inScript.map((l) => [l, 0]));
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  const lettersOnly = words.filter((w) => scriptPattern[script].test(w));
  // Slang first: a word that belongs to one language's chat is the strongest signal a short line has.
  for (const word of lettersOnly) {
    for (const language of inScript) if (slang[language]?.test(word)) scores.set(language, (scores.get(language) ?? 0) + SLANG_WEIGHT);
  }
  const known = inScript.filter((l) => francCode[l] !== undefined);
  if (known.length >= 2 && lettersOnly.length > 0) {
    const byFranc = new Map(known.map((l) => [francCode[l]!, l]));
    for (const [code, score] of francAll(lettersOnly.join(' '), { only: [...byFranc.keys()], minLength: 1 })) {
      const language = byFranc.get(code);
      if (language) scores.set(language, (scores.get(language) ?? 0) + score);
    }
  }
  const ordered = [...scores.entries()].sort((a, b) => b[1] - a[1]);
  const [best, second] = ordered;
  if (!best || best[1] <= 0 || (second && second[1] === best[1])) {
    // The script narrowed it down but nothing told the candidates apart.
    const tied = ordered.filter(([, s]) => s === (best?.[1] ?? 0)).map(([l]) => l);
    if (tied.includes(fallback)) return { language: fallback, confidence: (0.5 / tied.length) * share, basis: 'fallback' };
    return { language: tied[0] ?? inScript[0]!, confidence: (0.5 / Math.max(1, tied.length)) * share, basis: 'text' };
  }
  const margin = (best[1] - (second?.[1] ?? 0)) / best[1];
  return { language: best[0], confidence: (0.5 + 0.45 * margin) * share, basis: 'text' };
}
