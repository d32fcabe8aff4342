import { useEffect, useRef, useState, type ChangeEvent } from 'react';

/** The picture types the server takes, for a file input's `accept`. */
export const acceptedImages = 'image/jpeg,image/png,image/webp,image/gif,image/avif';

export interface PictureUpload {
  file: File;
  onProgress: (fraction: number) => void;
  signal: AbortSignal;
}

/**
 * A hidden file input that sends the chosen picture with `send`, showing progress (null when idle) and abandoning the
 * upload if the component goes away.
 */
export function usePictureUpload(send: (upload: PictureUpload, done: () => void) => void) {
  const input = useRef<HTMLInputElement>(null);
  const controller = useRef<AbortController | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  useEffect(() => () => controller.current?.abort(), []);

  const choose = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    const abort = new AbortController();
    controller.current = abort;
    setProgress(0);
    send({ file, onProgress: setProgress, signal: abort.signal }, () => setProgress(null));
  };

  return { input, progress, choose, open: () => input.current?.click() };
}
