import type { TFunction } from 'i18next';
import { isApiError } from '../api/client';
import { en, type Messages } from './en';

type ErrorKey = keyof Messages['errors'];

// Every language has the same keys, so the English table tells which codes have a sentence.
function hasSentence(code: string): code is ErrorKey {
  return Object.hasOwn(en.errors, code);
}

/** A sentence for the person in front of the screen: ours when we have one for the code, else the server's. */
export function errorText(t: TFunction, error: unknown, overrides?: Partial<Record<string, string>>): string {
  if (!isApiError(error)) return t('errors.unknown');
  const override = overrides?.[error.code];
  if (override) return override;
  if (error.code === 'rate_limited' && error.retryAfter !== undefined && error.retryAfter > 0) {
    return t('errors.rate_limited_wait', { count: error.retryAfter });
  }
  if (hasSentence(error.code)) return t(`errors.${error.code}`);
  return error.message || t('errors.unknown');
}
