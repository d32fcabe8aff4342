import { useTranslation } from 'react-i18next';
import type { Media, Message } from '@maum/protocol';
import { currentLanguage } from '../../i18n';
import { IconClose, IconDownload } from '../../ui/Icons';
import { clockTime } from '../../ui/time';
import { useToast } from '../../ui/Toast';
import { dayLabel } from './format';
import { downloadMedia } from './media';
import type { People } from './people';
import './chat.css';

/** The top of a full-screen photo viewer: close, who sent it and when, and download (of `variant`). */
export function ViewerTopBar({ message, media, people, variant, onClose }: { message: Message; media: Media | null | undefined; people: People; variant: Parameters<typeof downloadMedia>[2]; onClose: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const lang = currentLanguage();
  return (
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
          onClick={() => downloadMedia(media.id, media.name, variant).catch(() => toast(t('chat.mediaFailed')))}
        >
          <IconDownload />
        </button>
      ) : (
        <span />
      )}
    </div>
  );
}
