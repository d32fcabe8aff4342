import { useState } from 'react';

const palette = ['#F6C9A8', '#A8D8F6', '#C5B5F2', '#A9E3C2', '#F5B5C8', '#F2DC8E', '#B8CCE0', '#E7BFA0'];

function hash(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) | 0;
  return Math.abs(h);
}

/** Latin names read best as two initials; Hangul, kana and kanji names as their first character. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const first = words[0];
  if (!first) return '?';
  const firstChar = Array.from(first)[0] ?? '?';
  if (!/\p{Script=Latin}/u.test(firstChar)) return firstChar;
  const last = words.length > 1 ? words[words.length - 1] : undefined;
  const second = last ? (Array.from(last)[0] ?? '') : '';
  return (firstChar + second).toUpperCase();
}

interface AvatarProps {
  name: string;
  url: string | null | undefined;
  /** Keeps a person's fallback colour the same everywhere. */
  seed: string;
  size?: number;
  className?: string;
}

export function Avatar({ name, url, seed, size = 48, className }: AvatarProps) {
  const [failedUrl, setFailedUrl] = useState<string | null>(null);
  const showImage = url && url !== failedUrl;
  const style = { width: size, height: size, fontSize: Math.round(size * 0.38) };
  if (showImage) {
    return (
      <img
        className={`avatar ${className ?? ''}`}
        style={style}
        src={url}
        alt=""
        loading="lazy"
        decoding="async"
        onError={() => setFailedUrl(url)}
      />
    );
  }
  return (
    <span
      className={`avatar avatar-initials ${className ?? ''}`}
      style={{ ...style, background: palette[hash(seed) % palette.length] }}
      aria-hidden="true"
    >
      {initials(name)}
    </span>
  );
}
