import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublicProfile } from '@maum/protocol';
import { Avatar } from '../../ui/Avatar';
import './gifts.css';

interface Props {
  recipients: readonly PublicProfile[];
  /** Goes back to the friend picker; without it the recipients are fixed (a gift for a friend's event). */
  onEdit?: (() => void) | undefined;
  /** A line under the list, such as what the friend will be asked next. */
  children?: ReactNode;
}

/** Whom a gift is for, with a way back to the friend picker. */
export function RecipientsStep({ recipients, onEdit, children }: Props) {
  const { t } = useTranslation();
  return (
    <section className="send-section">
      <h3 className="section-title">{t('gifts.send.to')}</h3>
      <div className="send-recipients">
        <ul className="send-recipient-list" data-testid="gift-recipients">
          {recipients.map((p) => (
            <li key={p.id} className="send-recipient">
              <Avatar name={p.displayName} url={p.avatarUrl} seed={p.id} size={36} />
              <span className="send-recipient-name">{p.displayName}</span>
            </li>
          ))}
        </ul>
        {onEdit ? (
          <button type="button" className="btn btn-secondary btn-small" onClick={onEdit} data-testid="gift-recipients-edit">
            {t('gifts.send.changeRecipients')}
          </button>
        ) : null}
      </div>
      {children}
    </section>
  );
}
