import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { IconCheck } from '../../ui/Icons';
import { Picture } from '../commerce';
import type { CertificateChatCard } from '@maum/protocol';
import type { CardRenderer } from '../chat';
import { certificateKeys } from './api';
import { certificatePath } from './parts';
import './certificates.css';

/** A certificate given to a friend, as a card in their chat: the item, and the way to its public page. */
function CertificateBubble({ card: certificate, mine, senderName }: { card: CertificateChatCard; mine: boolean; senderName: string }) {
  const { t } = useTranslation();
  return (
    <div className="post-bubble cert-bubble" data-testid="cert-bubble" data-cert-id={certificate.certId}>
      <p className="cert-certified">
        <IconCheck size={16} />
        {mine ? t('certificates.bubble.gave') : t('certificates.bubble.given', { name: senderName })}
      </p>
      <div className="cert-product">
        <Picture url={certificate.imageUrl} className="cert-thumb" />
        <span className="row-text">
          <span className="row-title">{certificate.productName}</span>
          <span className="row-subtitle">
            {certificate.sellerName} · {t('certificates.serialShort', { serial: certificate.serial })}
          </span>
        </span>
      </div>
      <Link to={certificatePath(certificate.certId)} className="btn btn-secondary btn-small btn-block" data-testid="cert-bubble-open">
        {t('certificates.bubble.open')}
      </Link>
    </div>
  );
}

/** A certificate card; one given to me is now among mine, with a new owner and a longer proof. */
export const certificateCard: CardRenderer<'certificate'> = {
  Bubble: CertificateBubble,
  bubbleClass: 'bubble-post',
  preview: (t, card) => t('chat.certificateGiven', { product: card.productName }),
  arrived(queryClient, card, mine) {
    // The giver's own transfer already refreshed theirs.
    if (mine) return;
    void queryClient.invalidateQueries({ queryKey: certificateKeys.mine });
    void queryClient.invalidateQueries({ queryKey: certificateKeys.one(card.certId) });
    void queryClient.invalidateQueries({ queryKey: certificateKeys.bundle(card.certId) });
  },
};
