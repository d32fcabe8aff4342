import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Money, PublicProfile } from '@maum/protocol';
import { currentLanguage } from '../../i18n';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { IconCheck } from '../../ui/Icons';
import { formatMoney } from '../../ui/money';
import { Sheet } from '../../ui/Sheet';
import { useOpenDirect } from '../chat';
import './gifts.css';

interface Props {
  title: string;
  body: string;
  total: Money;
  /** With one recipient, a button opens the chat with them. */
  chatWith?: PublicProfile | undefined;
  onClose: () => void;
}

/** The word after paying for a gift: it is on its way, what it cost, and the way back to the chat. */
export function GiftSentSheet({ title, body, total, chatWith, onClose }: Props) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const navigate = useNavigate();
  const openDirect = useOpenDirect();
  return (
    <Sheet onClose={onClose} label={t('gifts.send.sentTitle')} testId="gift-done">
      <div className="gift-done">
        <span className="gift-done-check">
          <IconCheck size={36} />
        </span>
        <h2 className="gift-done-title">{title}</h2>
        <p className="muted center">{body}</p>
        <p className="gift-done-total">{t('gifts.send.paid', { price: formatMoney(total, lang) })}</p>
        <ErrorMessage error={openDirect.error} />
        <div className="gift-done-actions">
          {chatWith ? (
            <button
              type="button"
              className="btn btn-secondary btn-block"
              disabled={openDirect.isPending}
              onClick={() => openDirect.mutate(chatWith.id, { onSuccess: (room) => void navigate(`/chats/${room.id}`) })}
              data-testid="gift-done-chat"
            >
              {t('gifts.send.openChat', { name: chatWith.displayName })}
            </button>
          ) : null}
          <button type="button" className="btn btn-primary btn-block" onClick={onClose} data-autofocus data-testid="gift-done-close">
            {t('common.done')}
          </button>
        </div>
      </div>
    </Sheet>
  );
}
