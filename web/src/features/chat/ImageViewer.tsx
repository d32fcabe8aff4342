import { useRef } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { Media, Message } from '@maum/protocol';
import { currentLanguage } from '../../i18n';
import { IconClose, IconDownload } from '../../ui/Icons';
import { useOverlay } from '../../ui/Sheet';
import { Spinner } from '../../ui/Spinner';
import { clockTime } from '../../ui/time';
import { useToast } from '../../ui/Toast';
import { dayLabel } from './format';
import { useMediaUrl } from './hooks';
import { downloadMedia, variantOf } from './media';
import type { People } from './people';
import './chat.css';

/** A photo over everything, as large as the screen allows. */
export function ImageViewer({ message, people, onClose }: { message: Message; people: People; onClose: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const panel = useRef<HTMLDivElement>(null);
  useOverlay(onClose, panel);
  const lang = currentLanguage();
  const media = message.body.media as Media | undefined;
  const large = variantOf(media, ['display', 'original']);
  const display = useMediaUrl(media?.id, large);
  const thumb = useMediaUrl(media?.variants.includes('thumb') ? media.id : undefined, 'thumb');
  const url = display || thumb;

  return createPortal(
    <div
      ref={panel}
      className="overlay viewer"
      role="dialog"
      aria-modal="true"
      aria-label={t('chat.photo')}
      tabIndex={-1}
      data-testid="image-viewer"
      onMouseDown={(event) => {
        if (event.target === event.currentTarget) onClose();
      }}
    >
      <div className="viewer-top">
        <button type="button" className="icon-btn viewer-btn" onClick={onClose} aria-label={t('common.close')} data-autofocus>
          <IconClose />
        </button>
        <div className="viewer-caption">
          <strong>{people.name(message.senderId)}</strong>
          <span>
            {dayLabel(message.createdAt, lang)} {clockTime(message.createdAt, lang)}
          </span>
        </div>
        {media ? (
          <button
            type="button"
            className="icon-btn viewer-btn"
            aria-label={t('chat.download')}
            onClick={() => downloadMedia(media.id, media.name, large).catch(() => toast(t('chat.mediaFailed')))}
          >
            <IconDownload />
          </button>
        ) : (
          <span />
        )}
      </div>
      <div className="viewer-stage" onMouseDown={(event) => event.target === event.currentTarget && onClose()}>
        {url ? (
          <img className="viewer-img" src={url} alt={media?.name ?? t('chat.photo')} />
        ) : display === false ? (
          <p className="viewer-error">{t('chat.mediaFailed')}</p>
        ) : (
          <Spinner size={32} label={t('common.loading')} />
        )}
      </div>
      {typeof message.body.caption === 'string' && message.body.caption ? <p className="viewer-text">{message.body.caption}</p> : null}
    </div>,
    document.body,
  );
}
