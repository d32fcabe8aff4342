import { useSyncExternalStore } from 'react';

const KEY = 'maum.token';

type Listener = () => void;
const listeners = new Set<Listener>();

function read(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

let current = read();

/** Why the last session ended: a deliberate log-out goes to a plain login screen, an expired one comes back. */
export type SignOutReason = 'logged-out' | 'expired';
let lastSignOut: SignOutReason | null = null;

export function getSignOutReason(): SignOutReason | null {
  return lastSignOut;
}

function emit(): void {
  for (const listener of listeners) listener();
}

export function getToken(): string | null {
  return current;
}

export function setToken(token: string): void {
  current = token;
  lastSignOut = null;
  try {
    localStorage.setItem(KEY, token);
  } catch {
    // Private modes may refuse storage; the session then lasts as long as the tab.
  }
  emit();
}

export function clearToken(reason: SignOutReason = 'expired'): void {
  if (current === null) return;
  current = null;
  lastSignOut = reason;
  try {
    localStorage.removeItem(KEY);
  } catch {
    // Nothing stored, nothing to remove.
  }
  emit();
}

export function subscribeToken(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

// Signing out in one tab signs out the others too.
if (typeof window !== 'undefined') {
  window.addEventListener('storage', (event) => {
    if (event.key !== KEY && event.key !== null) return;
    const next = read();
    if (next === current) return;
    current = next;
    if (next === null) lastSignOut = 'logged-out';
    emit();
  });
}

export function useToken(): string | null {
  return useSyncExternalStore(subscribeToken, getToken, getToken);
}
