// The browser's own translation (Chrome's Translator and LanguageDetector APIs), offered when the server does not
// translate: the words never leave the device. Not every browser has them, so everything here is feature-detected.

type Availability = 'available' | 'downloadable' | 'downloading' | 'unavailable';

interface DeviceTranslator {
  translate(text: string): Promise<string>;
}

interface TranslatorFactory {
  availability(options: { sourceLanguage: string; targetLanguage: string }): Promise<Availability>;
  create(options: { sourceLanguage: string; targetLanguage: string }): Promise<DeviceTranslator>;
}

interface LanguageDetectorFactory {
  create(): Promise<{ detect(text: string): Promise<{ detectedLanguage: string; confidence: number }[]> }>;
}

function factory(): TranslatorFactory | null {
  return typeof self !== 'undefined' && 'Translator' in self ? (self as unknown as { Translator: TranslatorFactory }).Translator : null;
}

/** Whether this browser can translate on the device at all. */
export function deviceCanTranslate(): boolean {
  return factory() !== null;
}

const translators = new Map<string, Promise<DeviceTranslator | null>>();

/**
 * A translator for one pair of languages, made once. Making one may download a language pack, which the browser
 * allows only during a tap: the first calls come from the "Translate on this device" button.
 */
function translatorFor(source: string, target: string): Promise<DeviceTranslator | null> {
  const key = `${source}>${target}`;
  let made = translators.get(key);
  if (!made) {
    const api = factory();
    made = api
      ? api
          .availability({ sourceLanguage: source, targetLanguage: target })
          .then((availability) => (availability === 'unavailable' ? null : api.create({ sourceLanguage: source, targetLanguage: target })))
          .catch(() => null)
      : Promise.resolve(null);
    translators.set(key, made);
    // A pair that failed may work later (a pack finished downloading): it is tried afresh next time.
    void made.then((translator) => {
      if (!translator) translators.delete(key);
    });
  }
  return made;
}

/**
 * Starts the translators for these pairs (call it from a tap, which a download needs). Answers whether the device
 * can translate any of them: a browser may have the API without the languages, or without the model at all.
 */
export async function prepareDeviceTranslators(sources: Iterable<string>, target: string): Promise<boolean> {
  const pairs = [...new Set(sources)].filter((s) => s !== target);
  if (pairs.length === 0) return true;
  const made = await Promise.all(pairs.map((source) => translatorFor(source, target)));
  return made.some((translator) => translator !== null);
}

let detector: ReturnType<LanguageDetectorFactory['create']> | null = null;

/** The language of some words, by the browser's own detector, for messages that came without one. */
async function detect(text: string): Promise<string | null> {
  if (!(typeof self !== 'undefined' && 'LanguageDetector' in self)) return null;
  detector ??= (self as unknown as { LanguageDetector: LanguageDetectorFactory }).LanguageDetector.create();
  try {
    const [best] = await (await detector).detect(text);
    return best && best.detectedLanguage !== 'und' ? best.detectedLanguage : null;
  } catch {
    return null;
  }
}

/** Translates words on the device, or answers null when this browser cannot translate that pair. */
export async function translateOnDevice(text: string, source: string | null, target: string): Promise<string | null> {
  const from = source ?? (await detect(text));
  if (!from || from === target) return null;
  const translator = await translatorFor(from, target);
  if (!translator) return null;
  try {
    return await translator.translate(text);
  } catch {
    return null;
  }
}
