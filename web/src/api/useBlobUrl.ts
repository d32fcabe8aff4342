import { useEffect, useState } from 'react';

/**
 * An object URL for a file that must be fetched with the session token (an `<img src>` cannot send it), made by
 * `fetch` for `key` and revoked when the key changes or the component goes. `null` while loading, `false` if it could
 * not be fetched. `fetch` is read afresh only when `key` changes, so `key` must name everything it asks for.
 */
export function useBlobUrl(key: string, fetch: (signal: AbortSignal) => Promise<Blob>): string | false | null {
  const [state, setState] = useState<{ key: string; url: string | false } | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    let url: string | null = null;
    fetch(controller.signal).then(
      (blob) => {
        url = URL.createObjectURL(blob);
        setState({ key, url });
      },
      () => {
        if (!controller.signal.aborted) setState({ key, url: false });
      },
    );
    return () => {
      controller.abort();
      if (url) URL.revokeObjectURL(url);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` names what `fetch` asks for
  }, [key]);
  return state?.key === key ? state.url : null;
}
