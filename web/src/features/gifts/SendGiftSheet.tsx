import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { GiftOrder, GiftProduct, PublicProfile } from '@maum/protocol';
import { currentLanguage } from '../../i18n';
import { formatMoney } from '../../ui/money';
import { Sheet } from '../../ui/Sheet';
import { useNow } from '../../ui/useNow';
import { listNames } from '../chat';
import { PayFooter, useShortfall } from '../wallet';
import { useOrderGift } from './api';
import { CardStep } from './CardStep';
import { localDateTimeValue, type CardTemplate } from './format';
import { GiftSentSheet } from './GiftSentSheet';
import { ProductImage } from './ProductCard';
import { RecipientsStep } from './RecipientsStep';
import './gifts.css';

interface Props {
  product: GiftProduct;
  option: string | null;
  recipients: readonly PublicProfile[];
  /** The card suggested until one is picked: a birthday card when a recipient's birthday is near. */
  initialTemplate: CardTemplate;
  /** Goes back to the friend picker; left out when the recipients are fixed, as for a friend's event. */
  onEditRecipients?: () => void;
  /** Offers another product in place of this one (a gift for an event opens with one already chosen). */
  onChangeProduct?: () => void;
  /** A gift for a friend's event: it shows on the event's celebration wall. */
  occasion?: { profileEventId: string };
  /** A line above the card, such as which event the gift is for. */
  note?: ReactNode;
  /** Told once the gift is paid for, before the word that it is on its way. */
  onSent?: (order: GiftOrder) => void;
  onClose: () => void;
}

const YEAR_MS = 365 * 86_400_000;

/** The last step of a gift: whom it is for, the card, when it arrives, and Pay; then a word that it is on its way. */
export function SendGiftSheet({ product, option, recipients, initialTemplate, onEditRecipients, onChangeProduct, occasion, note, onSent, onClose }: Props) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const now = useNow();
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
  // A short wallet is topped up by what it lacks in the same payment, so the gift never waits on a trip to the wallet.
  const shortfall = useShortfall(total);
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
        ...(shortfall > 0 ? { topUp: { amount: shortfall } } : {}),
        ...(occasion ? { occasion } : {}),
      },
      {
        onSuccess: (placed) => {
          onSent?.(placed);
          setDone(placed);
        },
      },
    );
  };

  if (done) return <Sent order={done} recipients={recipients} names={names} onClose={onClose} />;

  return (
    <Sheet onClose={onClose} title={t('gifts.send.title')} size="full" testId="send-gift-sheet">
      <form className="send-gift" onSubmit={pay} data-product-name={product.name}>
        <RecipientsStep recipients={recipients} onEdit={onEditRecipients} />
        {note}

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
          {onChangeProduct ? (
            <button type="button" className="btn btn-secondary btn-small send-product-change" onClick={onChangeProduct} data-testid="gift-product-change">
              {t('gifts.send.changeProduct')}
            </button>
          ) : null}
        </section>

        <CardStep template={template} onTemplate={setTemplate} text={text} onText={setText} />

        {occasion ? null : (
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
        )}

        <PayFooter total={total} pending={order.isPending} error={order.error} problem={problem} showPoints topUpInline testIds={{ wallet: 'gift-wallet', pay: 'gift-pay' }} />
      </form>
    </Sheet>
  );
}

function Sent({ order, recipients, names, onClose }: { order: GiftOrder; recipients: readonly PublicProfile[]; names: string; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const first = order.gifts[0];
  const scheduled = first?.status === 'scheduled';
  return (
    <GiftSentSheet
      title={scheduled ? t('gifts.send.scheduledTitle') : t('gifts.send.sentTitle')}
      body={
        scheduled && first
          ? t('gifts.send.scheduledBody', { names, time: new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(first.deliverAt)) })
          : t('gifts.send.sentBody', { names })
      }
      total={order.total}
      chatWith={recipients.length === 1 ? recipients[0] : undefined}
      onClose={onClose}
    />
  );
}
