import { detectLanguage } from './language-detector';
import { translatorUnavailable, type DetectedLanguage, type DetectInput, type LanguageCode, type TranslateInput, type Translator } from './translator';

/**
 * The default when no translation service is configured: languages are detected here, nothing is translated,
 * and `translates: false` tells callers to show the original text and say so.
 */
export class DetectOnlyTranslator implements Translator {
  readonly name = 'none';
  readonly translates = false;

  async detect(input: DetectInput): Promise<DetectedLanguage> {
    return detectLanguage(input.text, input.candidates, input.fallback);
  }

  /** Callers check `translates` first; one that does not is told plainly instead of being shown the original as a translation. */
  async translate(input: TranslateInput): Promise<string> {
    if (input.source === input.target) return input.text;
    throw translatorUnavailable('No translation service is configured on this server.');
  }

  async languages(): Promise<LanguageCode[]> {
    return [];
  }
}
