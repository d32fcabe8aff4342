import type { Config } from '../config';
import { DetectOnlyTranslator } from './detect-only';
import { LibreTranslateTranslator } from './libretranslate';
import type { Translator } from './translator';

/** LibreTranslate when `TRANSLATE_URL` is set; otherwise detection only, and messages are shown as written. */
export function createTranslator(settings: Config['translate']): Translator {
  return settings ? new LibreTranslateTranslator(settings) : new DetectOnlyTranslator();
}
