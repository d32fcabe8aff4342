import { useCallback, useEffect, useSyncExternalStore } from 'react';
import { chat, mediaCache, type ConnectionStatus, type MediaVariant, type RoomTimeline } from '../../realtime';

export function useTimeline(roomId: string): RoomTimeline {
  const getSnapshot = useCallback(() => chat.store.getRoom(roomId), [roomId]);
  return useSyncExternalStore(chat.store.subscribe, getSnapshot, getSnapshot);
}

export function useTyping(roomId: string): readonly string[] {
  const getSnapshot = useCallback(() => chat.store.getTyping(roomId), [roomId]);
  return useSyncExternalStore(chat.store.subscribe, getSnapshot, getSnapshot);
}

export function useConnectionStatus(): ConnectionStatus {
  return useSyncExternalStore(chat.store.subscribe, chat.store.getStatus, chat.store.getStatus);
}

/**
 * An object URL for one variant of a media, fetched with the session token; `null` while loading, `false` if
 * it could not be fetched. Pass `enabled: false` to hold off (a video is only downloaded when played).
 */
export function useMediaUrl(mediaId: string | undefined, variant: MediaVariant, enabled = true): string | false | null {
  const getSnapshot = useCallback(() => (mediaId ? mediaCache.peek(mediaId, variant) : null), [mediaId, variant]);
  const url = useSyncExternalStore(mediaCache.subscribe, getSnapshot, getSnapshot);
  useEffect(() => {
    if (!mediaId || !enabled) return;
    mediaCache.acquire(mediaId, variant).catch(() => {
      // Shown as a broken picture through `peek`.
    });
    return () => mediaCache.release(mediaId, variant);
  }, [mediaId, variant, enabled]);
  return url;
}
