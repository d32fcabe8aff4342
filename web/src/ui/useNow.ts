import { useSyncExternalStore } from 'react';

let minuteListeners = new Set<() => void>();
let minuteTimer: ReturnType<typeof setInterval> | null = null;
let minuteNow = Date.now();

function subscribeMinute(listener: () => void): () => void {
  minuteListeners.add(listener);
  if (minuteTimer === null) {
    minuteNow = Date.now();
    minuteTimer = setInterval(() => {
      minuteNow = Date.now();
      for (const l of [...minuteListeners]) l();
    }, 30_000);
  }
  return () => {
    minuteListeners.delete(listener);
    if (minuteListeners.size === 0 && minuteTimer !== null) {
      clearInterval(minuteTimer);
      minuteTimer = null;
      minuteListeners = new Set();
    }
  };
}

/** The current time, refreshed every half minute: enough for "today", "yesterday" and the delete window. */
export function useNow(): number {
  return useSyncExternalStore(subscribeMinute, () => minuteNow, () => minuteNow);
}
