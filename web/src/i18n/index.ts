import i18n, { type BackendModule } from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';
import { en, type Messages } from './en';

export const languages = [
  { code: 'ko', name: '한국어' },
  { code: 'en', name: 'English' },
  { code: 'ja', name: '日本語' },
  { code: 'id', name: 'Bahasa Indonesia' },
] as const;

export type Language = (typeof languages)[number]['code'];

const STORAGE_KEY = 'maum.lang';
const codes: readonly string[] = languages.map((l) => l.code);

export function isLanguage(value: string): value is Language {
  return codes.includes(value);
}

/** The language on screen, reduced to one of ours. */
export function currentLanguage(): Language {
  const lng = i18n.resolvedLanguage ?? i18n.language;
  return lng && isLanguage(lng) ? lng : 'en';
}

/** Switches language and remembers it, so the choice wins over the browser's preference from now on. */
export async function chooseLanguage(lng: Language): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // Without storage the choice lasts for this visit only.
  }
  await i18n.changeLanguage(lng);
}

// English is the fallback and ships with the app. Each other language is its own chunk, fetched the first time it is
// needed: at start-up when it is the remembered or the browser's language, or when it is chosen in More.
const otherLanguages: Record<Exclude<Language, 'en'>, () => Promise<Messages>> = {
  ko: () => import('./ko').then((m) => m.ko),
  ja: () => import('./ja').then((m) => m.ja),
  id: () => import('./id').then((m) => m.id),
};

const lazyLanguages: BackendModule = {
  type: 'backend',
  init() {},
  read(language, _namespace, callback) {
    const load = isLanguage(language) && language !== 'en' ? otherLanguages[language] : undefined;
    if (!load) return callback(new Error(`No messages for "${language}"`), false);
    load().then(
      (messages) => callback(null, messages),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), false),
    );
  },
};

function reflectOnDocument(): void {
  document.documentElement.lang = currentLanguage();
}

i18n.on('languageChanged', reflectOnDocument);

/**
 * Settles once the language on screen has its messages (or, if its chunk cannot be fetched, once English stands in).
 * The app is rendered only then, so its first paint is already in that language and never shows message keys.
 */
export const i18nReady: Promise<void> = i18n
  .use(LanguageDetector)
  .use(lazyLanguages)
  .use(initReactI18next)
  .init({
    resources: { en: { translation: en } },
    // The bundled English plus the backend for the rest.
    partialBundledLanguages: true,
    supportedLngs: codes,
    nonExplicitSupportedLngs: true,
    load: 'languageOnly',
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    returnNull: false,
    detection: {
      order: ['localStorage', 'navigator'],
      lookupLocalStorage: STORAGE_KEY,
      // Only an explicit choice is remembered; until then the browser's language is followed.
      caches: [],
      convertDetectedLanguage: (lng: string) => lng.split('-')[0]?.toLowerCase() ?? lng,
    },
  })
  .then(reflectOnDocument, reflectOnDocument);

export { i18n };
