import { useRef } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { Media, Message } from '@maum/protocol';
import { useOverlay } from '../../ui/Sheet';
import { Spinner } from '../../ui/Spinner';
import { useMediaUrl } from './hooks';
import { ViewerTopBar } from './ViewerTopBar';
import { variantOf } from './media';
import type { People } from './people';
import './chat.css';

/** A photo over everything, as large as the screen allows. */
export function ImageViewer({ message, people, onClose }: { message: Message; people: People; onClose: () => void }) {
  const { t } = useTranslation();
  const panel = useRef<HTMLDivElement>(null);
  useOverlay(onClose, panel);
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
      <ViewerTopBar message={message} media={media} people={people} variant={large} onClose={onClose} />
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
