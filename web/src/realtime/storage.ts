/** JSON in localStorage that never throws: private modes and full disks only cost persistence, not the session. */
export function readJson<T>(key: string): T | null {
  try {
    const raw = localStorage.getItem(key);
    return raw === null ? null : (JSON.parse(raw) as T);
  } catch {
    return null;
  }
}

export function writeJson(key: string, value: unknown): void {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Without storage the data lasts as long as the tab.
  }
}

export function removeKey(key: string): void {
  try {
    localStorage.removeItem(key);
  } catch {
    // Nothing stored, nothing to remove.
  }
}

/** Every key this device keeps for one account's chats, so they can be wiped together on log-out. */
export function chatKey(userId: string, name: 'cursors' | 'outbox' | 'sent'): string {
  return `maum.chat.${userId}.${name}`;
}
