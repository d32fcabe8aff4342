import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { cardTemplates, type GiftOrder, type GiftProduct, type PublicProfile } from '@maum/protocol';
import { isApiError } from '../../api/client';
import { currentLanguage } from '../../i18n';
import { Avatar } from '../../ui/Avatar';
import { CountedField } from '../../ui/CountedField';
import { ErrorMessage, LocalError } from '../../ui/ErrorMessage';
import { IconCheck } from '../../ui/Icons';
import { formatMoney } from '../../ui/money';
import { Sheet } from '../../ui/Sheet';
import { useOpenDirect } from '../chat/api';
import { listNames } from '../chat/format';
import { useNow } from '../chat/hooks';
import { useWallet } from '../wallet/api';
import { useOrderGift } from './api';
import { GiftCardArt } from './GiftCardArt';
import { localDateTimeValue, templateArt, type CardTemplate } from './format';
import { ProductImage } from './ProductCard';

interface Props {
  product: GiftProduct;
  option: string | null;
  recipients: readonly PublicProfile[];
  /** The card suggested until one is picked: a birthday card when a recipient's birthday is near. */
  initialTemplate: CardTemplate;
  onEditRecipients: () => void;
  onClose: () => void;
}

const CARD_TEXT_MAX = 200;
const YEAR_MS = 365 * 86_400_000;

/** The last step of a gift: whom it is for, the card, when it arrives, and Pay; then a word that it is on its way. */
export function SendGiftSheet({ product, option, recipients, initialTemplate, onEditRecipients, onClose }: Props) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const now = useNow();
  const wallet = useWallet();
  const order = useOrderGift();
  // Until a card is picked the suggestion is followed, so it can still become a birthday card once that is known.
  const [picked, setTemplate] = useState<CardTemplate | null>(null);
  const template = picked ?? initialTemplate;
  const [text, setText] = useState('');
  const [later, setLater] = useState(false);
  const [deliverAt, setDeliverAt] = useState(() => localDateTimeValue(new Date(Date.now() + 3600_000)));
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<GiftOrder | null>(null);

  const total = product.price.amount * recipients.length;
  // Orders are paid from the wallet's balance; points are shown beside it but the server does not spend them on gifts.
  const short = wallet.data ? wallet.data.balance.amount < total : false;
  const names = listNames(recipients.map((p) => p.displayName), lang);

  const pay = (event: FormEvent) => {
    event.preventDefault();
    if (order.isPending || recipients.length === 0) return;
    setProblem(null);
    let when: string | undefined;
    if (later) {
      const at = new Date(deliverAt).getTime();
      if (Number.isNaN(at) || at <= Date.now() || at > Date.now() + YEAR_MS) {
        setProblem(t('gifts.send.laterInvalid'));
        return;
      }
      when = new Date(at).toISOString();
    }
    order.pay(
      {
        productId: product.id,
        ...(option ? { option } : {}),
        recipientIds: recipients.map((p) => p.id),
        card: { template, text: text.trim() },
        ...(when ? { deliverAt: when } : {}),
      },
      { onSuccess: setDone },
    );
  };

  if (done) return <Sent order={done} recipients={recipients} names={names} onClose={onClose} />;

  return (
    <Sheet onClose={onClose} title={t('gifts.send.title')} size="full" testId="send-gift-sheet">
      <form className="send-gift" onSubmit={pay}>
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
            <button type="button" className="btn btn-secondary btn-small" onClick={onEditRecipients} data-testid="gift-recipients-edit">
              {t('gifts.send.changeRecipients')}
            </button>
          </div>
        </section>

        <section className="send-section send-product">
          <ProductImage product={product} className="send-product-image" />
          <span className="row-text">
            <span className="product-brand">{product.brand.name}</span>
            <span className="product-name">{product.name}</span>
            {option ? <span className="row-subtitle">{option}</span> : null}
          </span>
          <span className="send-price">
            {recipients.length > 1 ? <span className="muted">{t('gifts.send.times', { price: formatMoney(product.price, lang), count: recipients.length })}</span> : null}
            <strong>{formatMoney(total, lang)}</strong>
          </span>
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

        <section className="send-section">
          <label className="toggle-row">
            <input type="checkbox" checked={later} onChange={(e) => setLater(e.target.checked)} data-testid="gift-later" />
            <span>{t('gifts.send.later')}</span>
          </label>
          {later ? (
            <label className="field">
              <span className="field-label">{t('gifts.send.deliverAt')}</span>
              <input
                type="datetime-local"
                className="input"
                value={deliverAt}
                min={localDateTimeValue(new Date(now))}
                max={localDateTimeValue(new Date(now + YEAR_MS))}
                onChange={(e) => setDeliverAt(e.target.value)}
                data-testid="gift-deliver-at"
              />
            </label>
          ) : null}
        </section>

        <div className="send-footer">
          <WalletLine balance={wallet.data?.balance.amount} points={wallet.data?.points.amount} short={short} />
          {problem ? <LocalError text={problem} /> : null}
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

function WalletLine({ balance, points, short }: { balance: number | undefined; points: number | undefined; short: boolean }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  if (balance === undefined) return null;
  return (
    <div className={`wallet-line ${short ? 'is-short' : ''}`} data-testid="gift-wallet">
      <span>
        {t('gifts.send.balance', { balance: formatMoney(balance, lang) })}
        {points ? ` · ${t('gifts.send.points', { points: formatMoney(points, lang) })}` : ''}
      </span>
      {short ? (
        <span className="wallet-line-short">
          {t('gifts.send.short')} <TopUpLink />
        </span>
      ) : null}
    </div>
  );
}

export function TopUpLink() {
  const { t } = useTranslation();
  return (
    <Link to="/more/wallet" className="btn-link" data-testid="top-up-link">
      {t('wallet.topUpLink')}
    </Link>
  );
}

function Sent({ order, recipients, names, onClose }: { order: GiftOrder; recipients: readonly PublicProfile[]; names: string; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const navigate = useNavigate();
  const openDirect = useOpenDirect();
  const first = order.gifts[0];
  const scheduled = first?.status === 'scheduled';
  const only = recipients.length === 1 ? recipients[0] : undefined;
  return (
    <Sheet onClose={onClose} label={t('gifts.send.sentTitle')} testId="gift-done">
      <div className="gift-done">
        <span className="gift-done-check">
          <IconCheck size={36} />
        </span>
        <h2 className="gift-done-title">{scheduled ? t('gifts.send.scheduledTitle') : t('gifts.send.sentTitle')}</h2>
        <p className="muted center">
          {scheduled && first
            ? t('gifts.send.scheduledBody', { names, time: new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(first.deliverAt)) })
            : t('gifts.send.sentBody', { names })}
        </p>
        <p className="gift-done-total">{t('gifts.send.paid', { price: formatMoney(order.total, lang) })}</p>
        <ErrorMessage error={openDirect.error} />
        <div className="gift-done-actions">
          {only ? (
            <button
              type="button"
              className="btn btn-secondary btn-block"
              disabled={openDirect.isPending}
              onClick={() => openDirect.mutate(only.id, { onSuccess: (room) => void navigate(`/chats/${room.id}`) })}
              data-testid="gift-done-chat"
            >
              {t('gifts.send.openChat', { name: only.displayName })}
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
