import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Product, PublicProfile, ShopOrder, Variant } from '@maum/protocol';
import { currentLanguage } from '../../../i18n';
import { formatMoney } from '../../../ui/money';
import { Sheet } from '../../../ui/Sheet';
import { CardStep, GiftSentSheet, RecipientsStep, type CardTemplate } from '../../gifts';
import { PayFooter } from '../../wallet';
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

/** A product sent to a friend's door: they get it in your chat and give their own address, which you never see. */
export function SendDeliveryGiftSheet({ product, variant, quantity, recipient, onEditRecipient, onClose }: Props) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const order = usePlaceOrder();
  const [template, setTemplate] = useState<CardTemplate>('plain');
  const [text, setText] = useState('');
  const [done, setDone] = useState<ShopOrder | null>(null);
  const total = variant.price.amount * quantity;

  const pay = (event: FormEvent) => {
    event.preventDefault();
    if (order.isPending) return;
    order.place(
      { lines: [{ variantId: variant.id, quantity }], giftTo: { recipientId: recipient.id, card: { template, text: text.trim() } } },
      setDone,
    );
  };

  if (done) {
    return (
      <GiftSentSheet
        title={t('gifts.send.sentTitle')}
        body={t('commerce.gift.sentBody', { name: recipient.displayName })}
        total={done.total}
        chatWith={recipient}
        onClose={onClose}
      />
    );
  }

  return (
    <Sheet onClose={onClose} title={t('gifts.send.title')} size="full" testId="send-delivery-gift-sheet">
      <form className="send-gift" onSubmit={pay}>
        <RecipientsStep recipients={[recipient]} onEdit={onEditRecipient}>
          <p className="field-hint">{t('commerce.gift.addressHint', { name: recipient.displayName })}</p>
        </RecipientsStep>

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

        <CardStep template={template} onTemplate={setTemplate} text={text} onText={setText} />

        <PayFooter total={total} pending={order.isPending} error={order.error} testIds={{ wallet: 'gift-wallet', pay: 'gift-pay' }} />
      </form>
    </Sheet>
  );
}
