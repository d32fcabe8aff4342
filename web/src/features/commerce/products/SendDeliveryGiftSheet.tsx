import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { cardTemplates, type Product, type PublicProfile, type ShopOrder, type Variant } from '@maum/protocol';
import { isApiError } from '../../../api/client';
import { currentLanguage } from '../../../i18n';
import { Avatar } from '../../../ui/Avatar';
import { CountedField } from '../../../ui/CountedField';
import { ErrorMessage } from '../../../ui/ErrorMessage';
import { IconCheck } from '../../../ui/Icons';
import { formatMoney } from '../../../ui/money';
import { Sheet } from '../../../ui/Sheet';
import { useOpenDirect } from '../../chat/api';
import { GiftCardArt } from '../../gifts/GiftCardArt';
import { templateArt, type CardTemplate } from '../../gifts/format';
import { TopUpLink } from '../../gifts/SendGiftSheet';
import { useWallet } from '../../wallet/api';
import { usePlaceOrder } from '../hooks';
import { Picture } from '../parts';

interface Props {
  product: Product;
  variant: Variant;
  quantity: number;
  recipient: PublicProfile;
  onEditRecipient: () => void;
  onClose: () => void;
}

const CARD_TEXT_MAX = 200;

/** A product sent to a friend's door: they get it in your chat and give their own address, which you never see. */
export function SendDeliveryGiftSheet({ product, variant, quantity, recipient, onEditRecipient, onClose }: Props) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const wallet = useWallet();
  const order = usePlaceOrder();
  const [template, setTemplate] = useState<CardTemplate>('plain');
  const [text, setText] = useState('');
  const [done, setDone] = useState<ShopOrder | null>(null);
  const total = variant.price.amount * quantity;
  const short = wallet.data ? wallet.data.balance.amount < total : false;

  const pay = (event: FormEvent) => {
    event.preventDefault();
    if (order.isPending) return;
    order.place(
      { lines: [{ variantId: variant.id, quantity }], giftTo: { recipientId: recipient.id, card: { template, text: text.trim() } } },
      setDone,
    );
  };

  if (done) return <Sent order={done} recipient={recipient} onClose={onClose} />;

  return (
    <Sheet onClose={onClose} title={t('gifts.send.title')} size="full" testId="send-delivery-gift-sheet">
      <form className="send-gift" onSubmit={pay}>
        <section className="send-section">
          <h3 className="section-title">{t('gifts.send.to')}</h3>
          <div className="send-recipients">
            <ul className="send-recipient-list" data-testid="gift-recipients">
              <li className="send-recipient">
                <Avatar name={recipient.displayName} url={recipient.avatarUrl} seed={recipient.id} size={36} />
                <span className="send-recipient-name">{recipient.displayName}</span>
              </li>
            </ul>
            <button type="button" className="btn btn-secondary btn-small" onClick={onEditRecipient} data-testid="gift-recipients-edit">
              {t('gifts.send.changeRecipients')}
            </button>
          </div>
          <p className="field-hint">{t('commerce.gift.addressHint', { name: recipient.displayName })}</p>
        </section>

        <section className="send-section send-product">
          <Picture url={product.imageUrls[0]} className="send-product-image" />
          <span className="row-text">
            <span className="product-brand">{product.channelName}</span>
            <span className="product-name">{product.name}</span>
            <span className="row-subtitle">
              {variant.name} × {quantity}
            </span>
          </span>
          <strong className="send-price">{formatMoney(total, lang)}</strong>
        </section>

        <section className="send-section">
          <h3 className="section-title">{t('gifts.send.card')}</h3>
          <div className="template-picker" role="radiogroup" aria-label={t('gifts.send.card')}>
            {cardTemplates.map((name) => (
              <button
                key={name}
                type="button"
                role="radio"
                aria-checked={template === name}
                className={`template-choice gift-card-${name} ${template === name ? 'is-on' : ''}`}
                onClick={() => setTemplate(name)}
                data-testid="card-template"
                data-template={name}
              >
                <span aria-hidden="true">{templateArt[name]}</span>
                <span className="template-name">{t(`gifts.templates.${name}.name`)}</span>
              </button>
            ))}
          </div>
          <GiftCardArt template={template} text={text.trim()} />
          <CountedField
            label={t('gifts.send.message')}
            value={text}
            onChange={setText}
            maxLength={CARD_TEXT_MAX}
            placeholder={t('gifts.send.messagePlaceholder')}
            multiline
            testId="card-text"
          />
        </section>

        <div className="send-footer">
          {wallet.data ? (
            <div className={`wallet-line ${short ? 'is-short' : ''}`} data-testid="gift-wallet">
              <span>{t('gifts.send.balance', { balance: formatMoney(wallet.data.balance, lang) })}</span>
              {short ? (
                <span className="wallet-line-short">
                  {t('gifts.send.short')} <TopUpLink />
                </span>
              ) : null}
            </div>
          ) : null}
          <ErrorMessage error={order.error} />
          {isApiError(order.error) && order.error.code === 'insufficient_funds' && !short ? <TopUpLink /> : null}
          <button type="submit" className="btn btn-primary btn-block btn-large" disabled={order.isPending} aria-busy={order.isPending} data-testid="gift-pay">
            {order.isPending ? t('gifts.send.paying') : t('gifts.send.pay', { price: formatMoney(total, lang) })}
          </button>
        </div>
      </form>
    </Sheet>
  );
}

function Sent({ order, recipient, onClose }: { order: ShopOrder; recipient: PublicProfile; onClose: () => void }) {
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
        <h2 className="gift-done-title">{t('gifts.send.sentTitle')}</h2>
        <p className="muted center">{t('commerce.gift.sentBody', { name: recipient.displayName })}</p>
        <p className="gift-done-total">{t('gifts.send.paid', { price: formatMoney(order.total, lang) })}</p>
        <ErrorMessage error={openDirect.error} />
        <div className="gift-done-actions">
          <button
            type="button"
            className="btn btn-secondary btn-block"
            disabled={openDirect.isPending}
            onClick={() => openDirect.mutate(recipient.id, { onSuccess: (room) => void navigate(`/chats/${room.id}`) })}
            data-testid="gift-done-chat"
          >
            {t('gifts.send.openChat', { name: recipient.displayName })}
          </button>
          <button type="button" className="btn btn-primary btn-block" onClick={onClose} data-autofocus data-testid="gift-done-close">
            {t('common.done')}
          </button>
        </div>
      </div>
    </Sheet>
  );
}
