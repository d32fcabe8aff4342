import { useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Gift } from '@maum/protocol';
import { isApiError } from '../../api/client';
import { currentLanguage } from '../../i18n';
import { copyText } from '../../ui/clipboard';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorMessage, ErrorState } from '../../ui/ErrorMessage';
import { IconBarcode, IconCopy } from '../../ui/Icons';
import { formatMoney } from '../../ui/money';
import { ConfirmDialog, Sheet } from '../../ui/Sheet';
import { Spinner } from '../../ui/Spinner';
import { shortDate } from '../../ui/time';
import { useToast } from '../../ui/Toast';
import { useNow } from '../../ui/useNow';
import { useMe } from '../accounts';
import { useAcceptGift, useCancelGift, useExtendGift, useGift, useRefuseGift } from './api';
import { BarcodeView } from './BarcodeView';
import { ExchangeSheet } from './ExchangeSheet';
import { boxTab, canCancel, daysUntil, pinGroups } from './format';
import { GiftCardArt } from './GiftCardArt';
import { ProductImage } from './ProductCard';
import { RefundSheet } from './RefundSheet';
import './gifts.css';

/** One gift, opened from chat or the gift box: the recipient accepts, refuses or exchanges it and then uses it; the sender follows it. */
export function GiftSheet({ giftId, onClose }: { giftId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const gift = useGift(giftId);
  return (
    <Sheet onClose={onClose} title={t('gifts.sheet.title')} size="full" testId="gift-sheet">
      {gift.isPending ? (
        <div className="room-loading">
          <Spinner size={28} label={t('common.loading')} />
        </div>
      ) : gift.isError ? (
        isApiError(gift.error) && gift.error.code === 'not_found' ? (
          <EmptyState title={t('gifts.sheet.missing')} />
        ) : (
          <ErrorState error={gift.error} onRetry={() => void gift.refetch()} />
        )
      ) : (
        <GiftView gift={gift.data} />
      )}
    </Sheet>
  );
}

type Panel = 'refuse' | 'cancel' | 'extend' | 'exchange' | 'refund' | 'barcode' | null;

function GiftView({ gift }: { gift: Gift }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const toast = useToast();
  const me = useMe().data;
  const accept = useAcceptGift();
  const refuse = useRefuseGift();
  const extend = useExtendGift();
  const [panel, setPanel] = useState<Panel>(null);
  const received = me?.id === gift.recipient.id;
  const other = received ? gift.sender : gift.recipient;

  return (
    <div className="gift-view" data-status={gift.status}>
      <GiftCardArt template={gift.card.template} text={gift.card.text} />
      <p className="gift-view-who">
        {received ? t('gifts.sheet.from', { name: other.displayName }) : t('gifts.sheet.to', { name: other.displayName })}
        {' · '}
        {shortDate(gift.createdAt, lang)}
      </p>
      <div className="gift-view-product">
        <ProductImage product={gift.product} className="gift-view-image" />
        <span className="row-text">
          <span className="product-brand">{gift.product.brand.name}</span>
          <span className="product-name">{gift.product.name}</span>
          {gift.option ? <span className="row-subtitle">{gift.option}</span> : null}
        </span>
      </div>
      <p className="gift-status" data-testid="gift-status">
        <span className={`badge gift-badge-${gift.status}`}>{t(`gifts.status.${gift.status}`)}</span>
        <span className="muted">{statusLine(t, gift, received, lang)}</span>
      </p>

      {received && gift.status === 'delivered' ? (
        <div className="gift-actions">
          <ErrorMessage error={accept.error ?? refuse.error} overrides={{ too_late: t('gifts.sheet.tooLate') }} />
          <button
            type="button"
            className="btn btn-primary btn-block btn-large"
            disabled={accept.isPending}
            aria-busy={accept.isPending}
            onClick={() => accept.mutate(gift.id, { onSuccess: () => toast(t('gifts.sheet.acceptedToast')) })}
            data-testid="gift-accept"
          >
            {t('gifts.sheet.accept')}
          </button>
          <div className="gift-actions-row">
            <button type="button" className="btn btn-secondary" onClick={() => setPanel('exchange')} data-testid="gift-exchange">
              {t('gifts.sheet.exchange')}
            </button>
            <button type="button" className="btn btn-secondary" onClick={() => setPanel('refuse')} data-testid="gift-refuse">
              {t('gifts.sheet.refuse')}
            </button>
          </div>
        </div>
      ) : null}

      {received && gift.coupon && gift.status !== 'delivered' ? (
        <CouponPanel
          gift={gift}
          onBarcode={() => setPanel('barcode')}
          onExtend={() => {
            extend.reset();
            setPanel('extend');
          }}
          onRefund={() => setPanel('refund')}
        />
      ) : null}

      {!received && canCancel(gift) ? (
        <div className="gift-actions">
          <button type="button" className="btn btn-secondary btn-block" onClick={() => setPanel('cancel')} data-testid="gift-cancel">
            {t('gifts.sheet.cancel')}
          </button>
        </div>
      ) : null}

      {panel === 'refuse' ? (
        <ConfirmDialog
          message={t('gifts.sheet.refuseConfirm', { name: other.displayName })}
          detail={t('gifts.sheet.refuseDetail')}
          confirmLabel={t('gifts.sheet.refuse')}
          danger
          pending={refuse.isPending}
          error={<ErrorMessage error={refuse.error} overrides={{ too_late: t('gifts.sheet.tooLate') }} />}
          onCancel={() => setPanel(null)}
          onConfirm={() => refuse.mutate(gift.id, { onSuccess: () => setPanel(null) })}
        />
      ) : null}
      {panel === 'cancel' ? <CancelGiftDialog gift={gift} onClose={() => setPanel(null)} /> : null}
      {panel === 'extend' ? (
        <ConfirmDialog
          message={t('gifts.coupon.extendConfirm')}
          detail={t('gifts.coupon.extendDetail')}
          confirmLabel={t('gifts.coupon.extend')}
          pending={extend.isPending}
          error={<ErrorMessage error={extend.error} />}
          onCancel={() => setPanel(null)}
          onConfirm={() =>
            extend.mutate(gift.id, {
              onSuccess: (next) => {
                setPanel(null);
                if (next.coupon) toast(t('gifts.coupon.extendedToast', { date: shortDate(next.coupon.expiresAt, lang) }));
              },
            })
          }
        />
      ) : null}
      {panel === 'exchange' ? <ExchangeSheet gift={gift} onClose={() => setPanel(null)} /> : null}
      {panel === 'refund' ? <RefundSheet gift={gift} onClose={() => setPanel(null)} /> : null}
      {panel === 'barcode' ? <BarcodeView gift={gift} onClose={() => setPanel(null)} /> : null}
    </div>
  );
}

/** Asks before a sender takes a gift back, and says so once it is. */
export function CancelGiftDialog({ gift, onClose }: { gift: Gift; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const toast = useToast();
  const cancel = useCancelGift();
  return (
    <ConfirmDialog
      message={t('gifts.sheet.cancelConfirm')}
      detail={t('gifts.sheet.cancelDetail', { price: formatMoney(gift.product.price, lang) })}
      confirmLabel={t('gifts.sheet.cancel')}
      danger
      pending={cancel.isPending}
      error={<ErrorMessage error={cancel.error} overrides={{ too_late: t('gifts.sheet.tooLate') }} />}
      onCancel={onClose}
      onConfirm={() =>
        cancel.mutate(gift.id, {
          onSuccess: () => {
            toast(t('gifts.sheet.cancelledToast'));
            onClose();
          },
        })
      }
    />
  );
}

function statusLine(t: TFunction, gift: Gift, received: boolean, lang: string): string {
  const price = formatMoney(gift.product.price, lang);
  switch (gift.status) {
    case 'scheduled':
      return t('gifts.sheet.scheduledLine', { time: new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(gift.deliverAt)) });
    case 'delivered':
      return received ? t('gifts.sheet.deliveredLineRecipient') : t('gifts.sheet.deliveredLineSender', { name: gift.recipient.displayName });
    case 'accepted':
      return received ? '' : t('gifts.sheet.acceptedLineSender', { name: gift.recipient.displayName });
    case 'exchanged':
      return received ? t('gifts.sheet.exchangedLineRecipient') : t('gifts.sheet.acceptedLineSender', { name: gift.recipient.displayName });
    case 'refused':
      return received ? t('gifts.sheet.refusedLineRecipient') : t('gifts.sheet.refundedLine', { price });
    case 'cancelled':
      return received ? t('gifts.sheet.cancelledLineRecipient') : t('gifts.sheet.refundedLine', { price });
  }
}

/** The coupon of an accepted gift: what it is worth, until when, its PIN and barcode, and what can be done with it. */
export function CouponPanel({ gift, onBarcode, onExtend, onRefund }: { gift: Gift; onBarcode: () => void; onExtend: () => void; onRefund: () => void }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const toast = useToast();
  const now = useNow();
  const coupon = gift.coupon!;
  const tab = boxTab(gift, now);
  const days = daysUntil(coupon.expiresAt, now);

  return (
    <section className="coupon-panel" data-testid="coupon-panel" data-tab={tab}>
      <div className="coupon-facts">
        <div className="coupon-fact">
          <span className="coupon-fact-label">{t('gifts.coupon.status')}</span>
          <span className="coupon-fact-value" data-testid="coupon-status">
            {t(`gifts.couponStatus.${tab === 'expired' ? 'expired' : coupon.status}`)}
          </span>
        </div>
        <div className="coupon-fact">
          <span className="coupon-fact-label">{t('gifts.coupon.validUntil')}</span>
          <span className="coupon-fact-value">
            {shortDate(coupon.expiresAt, lang)}
            {tab === 'usable' ? <span className="coupon-days"> · {t('gifts.coupon.daysLeft', { count: days })}</span> : null}
          </span>
        </div>
        {coupon.product.kind === 'cash' ? (
          <div className="coupon-fact">
            <span className="coupon-fact-label">{t('gifts.coupon.balance')}</span>
            <span className="coupon-fact-value" data-testid="coupon-balance">
              {t('gifts.coupon.balanceOf', { balance: formatMoney(coupon.balance, lang), value: formatMoney(coupon.product.faceValue, lang) })}
            </span>
          </div>
        ) : null}
      </div>

      {coupon.pin && tab === 'usable' ? (
        <>
          <div className="coupon-pin-row">
            <span className="coupon-fact-label">{t('gifts.coupon.pin')}</span>
            <span className="coupon-pin" data-testid="coupon-pin" data-pin={coupon.pin}>
              {pinGroups(coupon.pin)}
            </span>
            <button
              type="button"
              className="icon-btn"
              aria-label={t('gifts.coupon.copyPin')}
              onClick={() => void copyText(coupon.pin!).then((ok) => toast(ok ? t('gifts.coupon.pinCopied') : t('errors.unknown')))}
            >
              <IconCopy size={18} />
            </button>
          </div>
          <button type="button" className="btn btn-dark btn-block btn-large" onClick={onBarcode} data-testid="coupon-barcode">
            <IconBarcode size={20} />
            {t('gifts.coupon.showBarcode')}
          </button>
        </>
      ) : null}

      {coupon.extendable || coupon.refundable ? (
        <div className="gift-actions-row">
          {coupon.extendable ? (
            <button type="button" className="btn btn-secondary" onClick={onExtend} data-testid="coupon-extend">
              {t('gifts.coupon.extend')}
            </button>
          ) : null}
          {coupon.refundable ? (
            <button type="button" className="btn btn-secondary" onClick={onRefund} data-testid="coupon-refund">
              {t('gifts.coupon.refund')}
            </button>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
