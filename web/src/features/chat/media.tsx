import { useState, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { Media } from '@maum/protocol';
import { currentLanguage } from '../../i18n';
import { mediaCache, type MediaVariant } from '../../realtime';
import { IconAlert, IconDownload, IconFile, IconPlay } from '../../ui/Icons';
import { Spinner } from '../../ui/Spinner';
import { useToast } from '../../ui/Toast';
import { saveHref } from '../../ui/download';
import { duration, fileSize } from './format';
import { useMediaUrl } from './hooks';
import './chat.css';

const MAX_W = 232;
const MAX_H = 300;

/** A box of the picture's shape, so the conversation does not jump when it arrives. */
export function mediaBox(width: number | null | undefined, height: number | null | undefined): CSSProperties {
  if (!width || !height) return { width: MAX_W, height: Math.round(MAX_W * 0.75) };
  const scale = Math.min(MAX_W / width, MAX_H / height, 1);
  const w = Math.max(96, Math.round(width * scale));
  const h = Math.max(72, Math.round(height * scale));
  return { width: w, height: h };
}

/** The first of the wanted variants that the server made for this media. */
export function variantOf(media: Media | undefined, wanted: readonly MediaVariant[]): MediaVariant {
  return wanted.find((v) => media?.variants.includes(v)) ?? wanted[wanted.length - 1]!;
}

export function ImageContent({ media, localUrl, onOpen }: { media?: Media; localUrl?: string | null; onOpen?: () => void }) {
  const { t } = useTranslation();
  const fetched = useMediaUrl(localUrl ? undefined : media?.id, variantOf(media, ['thumb', 'display', 'original']));
  const url = localUrl ?? fetched;
  const box = mediaBox(media?.width, media?.height);
  const inner =
    url === false ? (
      <span className="media-broken">
        <IconAlert size={22} />
      </span>
    ) : url ? (
      <img className="media-img" src={url} alt={media?.name ?? t('chat.photo')} draggable={false} />
    ) : (
      <span className="media-loading skeleton" />
    );
  // A 360° photo is marked, as it opens in the panorama viewer (older messages' media have no `panorama`).
  const badge =
    media?.panorama === true ? (
      <span className="media-badge" data-testid="panorama-badge">
        360°
      </span>
    ) : null;
  if (!onOpen) {
    return (
      <span className="media-frame" style={box}>
        {inner}
        {badge}
      </span>
    );
  }
  return (
    <button type="button" className="media-frame" style={box} onClick={onOpen} aria-label={media?.panorama === true ? t('chat.openPanorama') : t('chat.openPhoto')}>
      {inner}
      {badge}
    </button>
  );
}

export function VideoContent({ media, localUrl }: { media?: Media; localUrl?: string | null }) {
  const { t } = useTranslation();
  const [playing, setPlaying] = useState(false);
  const poster = useMediaUrl(localUrl || !media?.variants.includes('poster') ? undefined : media.id, 'poster');
  const source = useMediaUrl(localUrl ? undefined : media?.id, 'original', playing);
  const box = mediaBox(media?.width, media?.height);
  if (localUrl) {
    return (
      <span className="media-frame" style={box}>
        <video className="media-img" src={localUrl} muted preload="metadata" />
      </span>
    );
  }
  if (playing) {
    return (
      <span className="media-frame media-video" style={box}>
        {source ? (
          <video className="media-img" src={source} controls autoPlay playsInline />
        ) : source === false ? (
          <span className="media-broken">
            <IconAlert size={22} />
          </span>
        ) : (
          <span className="media-center">
            <Spinner size={28} label={t('common.loading')} />
          </span>
        )}
      </span>
    );
  }
  return (
    <button type="button" className="media-frame media-video" style={box} onClick={() => setPlaying(true)} aria-label={t('chat.playVideo')}>
      {poster ? <img className="media-img" src={poster} alt="" draggable={false} /> : <span className="media-loading" />}
      <span className="media-play">
        <IconPlay size={26} />
      </span>
      {media?.durationMs ? <span className="media-duration">{duration(media.durationMs)}</span> : null}
    </button>
  );
}

/** Fetches the file with the session token and saves it under its own name. */
export async function downloadMedia(mediaId: string, name: string, variant: MediaVariant = 'original'): Promise<void> {
  const url = await mediaCache.acquire(mediaId, variant);
  try {
    saveHref(url, name);
  } finally {
    mediaCache.release(mediaId, variant);
  }
}

export function FileContent({ media, name, size }: { media?: Media; name: string; size: number }) {
  const { t } = useTranslation();
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const lang = currentLanguage();
  const body = (
    <>
      <span className="file-icon">
        <IconFile size={22} />
      </span>
      <span className="file-text">
        <span className="file-name">{name}</span>
        <span className="file-size">{fileSize(size, lang)}</span>
      </span>
      {media ? <span className="file-download">{busy ? <Spinner size={16} /> : <IconDownload size={18} />}</span> : null}
    </>
  );
  if (!media) return <span className="file-card">{body}</span>;
  return (
    <button
      type="button"
      className="file-card"
      aria-label={`${t('chat.download')} ${name}`}
      disabled={busy}
      onClick={() => {
        setBusy(true);
        downloadMedia(media.id, media.name)
          .catch(() => toast(t('chat.mediaFailed')))
          .finally(() => setBusy(false));
      }}
    >
      {body}
    </button>
  );
}
