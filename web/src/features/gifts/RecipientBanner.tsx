import { useTranslation } from 'react-i18next';
import type { PublicProfile } from '@maum/protocol';
import { currentLanguage } from '../../i18n';
import { Avatar } from '../../ui/Avatar';
import { IconClose } from '../../ui/Icons';
import { listNames } from '../chat';
import './gifts.css';

/** Says whom the shop is choosing for, with a way to shop without them. */
export function RecipientBanner({ people, note, onClear }: { people: readonly PublicProfile[]; note?: string; onClear: () => void }) {
  const { t } = useTranslation();
  const names = listNames(people.map((p) => p.displayName), currentLanguage());
  return (
    <div className="recipient-banner" data-testid="recipient-banner">
      <span className="recipient-faces">
        {people.slice(0, 3).map((p) => (
          <Avatar key={p.id} name={p.displayName} url={p.avatarUrl} seed={p.id} size={32} />
        ))}
      </span>
      <span className="row-text">
        <span className="recipient-banner-title">{t('shop.choosingFor', { names })}</span>
        {note ? <span className="row-subtitle">{note}</span> : null}
      </span>
      <button type="button" className="icon-btn" onClick={onClear} aria-label={t('shop.clearRecipients')}>
        <IconClose size={18} />
      </button>
    </div>
  );
}
