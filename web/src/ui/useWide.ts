import { useSyncExternalStore } from 'react';

/**
 * From this width Maum is laid out for a desk: a side rail instead of the tab bar, and lists with what is open beside
 * them. The same width is the `min-width` of the stylesheets' wide rules.
 */
export const WIDE_QUERY = '(min-width: 900px)';

function subscribe(onChange: () => void): () => void {
  const query = window.matchMedia(WIDE_QUERY);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

const wideNow = () => window.matchMedia(WIDE_QUERY).matches;

/** Whether the window is wide enough for the desk layout; follows the window as it is resized. */
export function useWide(): boolean {
  return useSyncExternalStore(subscribe, wideNow, () => false);
}
