import { buildPath, MEDIA_PATH } from '@maum/protocol';
import { getToken } from '../api/token';

export type MediaVariant = 'original' | 'display' | 'thumb' | 'poster';

interface Entry {
  url: string | null;
  failed: boolean;
  refs: number;
  loading: Promise<string> | null;
  releaseTimer: ReturnType<typeof setTimeout> | null;
}

/** How long an unused object URL is kept, so scrolling back and forth does not download the same image again. */
const KEEP_UNUSED_MS = 60_000;

/**
 * Media bytes need the session token, which an `<img src>` cannot send; they are fetched with it and shown
 * through object URLs, one per media and variant, counted by their users and revoked when no one needs them.
 */
class MediaCache {
  private readonly entries = new Map<string, Entry>();
  private readonly listeners = new Set<() => void>();

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The object URL if it is ready, `false` if it could not be fetched, `null` while it is on its way. */
  peek(mediaId: string, variant: MediaVariant): string | false | null {
    const entry = this.entries.get(key(mediaId, variant));
    if (!entry) return null;
    if (entry.failed) return false;
    return entry.url;
  }

  /** Takes a reference and starts the download if needed; give it back with `release`. */
  acquire(mediaId: string, variant: MediaVariant): Promise<string> {
    const entry = this.entry(mediaId, variant);
    entry.refs++;
    if (entry.releaseTimer !== null) clearTimeout(entry.releaseTimer);
    entry.releaseTimer = null;
    if (entry.url) return Promise.resolve(entry.url);
    if (entry.loading && !entry.failed) return entry.loading;
    entry.failed = false;
    entry.loading = this.download(mediaId, variant, entry);
    return entry.loading;
  }

  release(mediaId: string, variant: MediaVariant): void {
    const k = key(mediaId, variant);
    const entry = this.entries.get(k);
    if (!entry) return;
    entry.refs = Math.max(0, entry.refs - 1);
    if (entry.refs > 0 || entry.releaseTimer !== null) return;
    entry.releaseTimer = setTimeout(() => {
      if (entry.refs > 0 || this.entries.get(k) !== entry) return;
      if (entry.url) URL.revokeObjectURL(entry.url);
      this.entries.delete(k);
    }, KEEP_UNUSED_MS);
  }

  /** Hands over a local object URL (of a file just uploaded) so the same picture is not downloaded back. */
  seed(mediaId: string, variant: MediaVariant, url: string): void {
    const entry = this.entry(mediaId, variant);
    if (entry.url) {
      URL.revokeObjectURL(url);
      return;
    }
    entry.url = url;
    entry.failed = false;
    entry.loading = null;
    if (entry.refs === 0) {
      entry.refs = 1;
      this.release(mediaId, variant);
    }
    this.emit();
  }

  /** Forgets everything, for when the account on this tab changes. */
  clear(): void {
    for (const entry of this.entries.values()) {
      if (entry.releaseTimer !== null) clearTimeout(entry.releaseTimer);
      if (entry.url) URL.revokeObjectURL(entry.url);
    }
    this.entries.clear();
    this.emit();
  }

  private entry(mediaId: string, variant: MediaVariant): Entry {
    const k = key(mediaId, variant);
    let entry = this.entries.get(k);
    if (!entry) {
      entry = { url: null, failed: false, refs: 0, loading: null, releaseTimer: null };
      this.entries.set(k, entry);
    }
    return entry;
  }

  private async download(mediaId: string, variant: MediaVariant, entry: Entry): Promise<string> {
    try {
      const token = getToken();
      const response = await fetch(buildPath(MEDIA_PATH, { mediaId, variant }), {
        headers: token ? { Authorization: `Bearer ${token}` } : {},
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const blob = await response.blob();
      const url = URL.createObjectURL(blob);
      if (this.entries.get(key(mediaId, variant)) !== entry) {
        URL.revokeObjectURL(url);
        throw new Error('cleared');
      }
      entry.url = url;
      entry.loading = null;
      this.emit();
      return url;
    } catch (error) {
      entry.failed = true;
      entry.loading = null;
      this.emit();
      throw error;
    }
  }

  private emit(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

function key(mediaId: string, variant: MediaVariant): string {
  return `${mediaId}/${variant}`;
}

export const mediaCache = new MediaCache();
