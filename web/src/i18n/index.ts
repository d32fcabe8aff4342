import i18n from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { ko } from './ko';
import { ja } from './ja';
import { id } from './id';

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

function reflectOnDocument(): void {
  document.documentElement.lang = currentLanguage();
}

i18n.on('languageChanged', reflectOnDocument);

void i18n
  .use(LanguageDetector)
  .use(initReactI18next)
  .init({
    resources: {
      en: { translation: en },
      ko: { translation: ko },
      ja: { translation: ja },
      id: { translation: id },
    },
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
  .then(reflectOnDocument);

export { i18n };
