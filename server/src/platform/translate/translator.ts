import { AppError } from '../errors';

/** A language named by its ISO 639-1 code (`ko`, `ja`, `id`, `en`), the codes LibreTranslate and the web client use. */
export type LanguageCode = string;

export interface DetectedLanguage {
  language: LanguageCode;
  /** 0–1. Low when the text was short or the candidates scored alike. */
  confidence: number;
  /**
   * `text` when the text itself named the language; `fallback` when it carried no signal (emoji, numbers,
   * laughter that every language shares) and the caller's fallback was returned instead.
   */
  basis: 'text' | 'fallback';
}

export interface DetectInput {
  text: string;
  /** The languages the text may be in (a room's declared languages); the answer is one of these. */
  candidates: readonly LanguageCode[];
  /** Returned when the text gives no signal: usually the sender's interface language. */
  fallback: LanguageCode;
}

export interface TranslateInput {
  text: string;
  source: LanguageCode;
  target: LanguageCode;
}

/**
 * Where Maum gets translations. Two implementations: detect-only (the default, `translates: false`, so the UI
 * shows messages in their original language and says so) and a LibreTranslate-compatible HTTP service.
 *
 * Errors are AppErrors: `translator_unavailable` when the service is down, slow, refuses our key or answers
 * nonsense; `rate_limited` when it asks us to slow down; `validation_failed` when it rejects the request (a
 * language pair it does not have). An outage is never a 500 of ours.
 */
export interface Translator {
  /** For logs and the UI: `none` or `libretranslate`. */
  readonly name: string;
  /** False when this translator only detects: callers then show the original text. */
  readonly translates: boolean;
  detect(input: DetectInput): Promise<DetectedLanguage>;
  /** The text in `target`; the text itself when source and target are the same. */
  translate(input: TranslateInput): Promise<string>;
  /** The languages this translator can translate between (empty for detect-only). */
  languages(): Promise<LanguageCode[]>;
}

export function translatorUnavailable(message: string, cause?: unknown): AppError {
  return new AppError('translator_unavailable', message, { cause });
}
