import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Gift } from '@maum/protocol';
import { currentLanguage } from '../../i18n';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorState } from '../../ui/ErrorMessage';
import { IconGift } from '../../ui/Icons';
import { formatMoney } from '../../ui/money';
import { PageHeader } from '../../ui/PageHeader';
import { SkeletonRows } from '../../ui/Spinner';
import { shortDate } from '../../ui/time';
import { useNow } from '../../ui/useNow';
import { useGiftBox, useSentGifts } from './api';
import { boxTab, canCancel, daysUntil, pinGroups, type BoxTab } from './format';
import { CancelGiftDialog, GiftSheet } from './GiftSheet';
import { ProductImage } from './ProductCard';
import './gifts.css';

const tabs = ['usable', 'used', 'expired', 'sent'] as const;
type Tab = (typeof tabs)[number];

/** Gifts received, by whether they can still be used, and gifts sent, with what became of them. */
export function GiftBoxPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab: Tab = tabs.find((x) => x === params.get('tab')) ?? 'usable';
  const [opened, setOpened] = useState<string | null>(null);

  return (
    <div className="page">
      <PageHeader title={t('gifts.boxTitle')} back="/shop" />
      <div className="segmented box-tabs" role="tablist" aria-label={t('gifts.boxTitle')}>
        {tabs.map((x) => (
          <button
            key={x}
            type="button"
            role="tab"
            className="segment"
            aria-selected={tab === x}
            onClick={() => setParams(x === 'usable' ? {} : { tab: x }, { replace: true })}
            data-testid={`box-tab-${x}`}
          >
            {t(`gifts.box.${x}`)}
          </button>
        ))}
      </div>
      <div className="page-body">{tab === 'sent' ? <SentList onOpen={setOpened} /> : <ReceivedList tab={tab} onOpen={setOpened} />}</div>
      {opened ? <GiftSheet giftId={opened} onClose={() => setOpened(null)} /> : null}
    </div>
  );
}

function ReceivedList({ tab, onOpen }: { tab: BoxTab; onOpen: (giftId: string) => void }) {
  const { t } = useTranslation();
  const box = useGiftBox();
  const now = useNow();
  if (box.isPending) return <SkeletonRows count={4} />;
  if (box.isError) return <ErrorState error={box.error} onRetry={() => void box.refetch()} />;
  const gifts = box.data.filter((g) => boxTab(g, now) === tab);
  return (
    <>
      {gifts.length === 0 ? (
        <EmptyState
          icon={<IconGift size={32} />}
          title={t(`gifts.box.empty.${tab}`)}
          action={
            tab === 'usable' ? (
              <Link to="/shop" className="btn btn-primary">
                {t('gifts.box.gotoShop')}
              </Link>
            ) : undefined
          }
        />
      ) : (
        <ul className="list" data-testid="coupon-list">
          {gifts.map((gift) => (
            <CouponRow key={gift.id} gift={gift} tab={tab} now={now} onOpen={() => onOpen(gift.id)} />
          ))}
        </ul>
      )}
      <OlderGifts pages={box} />
    </>
  );
}

/** Reads the next, older page of a list of gifts, while there is one. */
function OlderGifts({ pages }: { pages: Pick<ReturnType<typeof useGiftBox>, 'hasNextPage' | 'isFetchingNextPage' | 'fetchNextPage'> }) {
  const { t } = useTranslation();
  if (!pages.hasNextPage) return null;
  return (
    <div className="list-more">
      <button
        type="button"
        className="btn btn-secondary"
        onClick={() => void pages.fetchNextPage()}
        disabled={pages.isFetchingNextPage}
        aria-busy={pages.isFetchingNextPage}
        data-testid="older-gifts"
      >
        {t('gifts.box.older')}
      </button>
    </div>
  );
}

function CouponRow({ gift, tab, now, onOpen }: { gift: Gift; tab: BoxTab; now: number; onOpen: () => void }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const coupon = gift.coupon;
  const status = tab === 'expired' ? 'expired' : coupon?.status;
  return (
    <li className="row coupon-row" data-testid="coupon-row" data-product-name={gift.product.name} data-pin={coupon?.pin ?? undefined}>
      <button type="button" className="row-main" onClick={onOpen}>
        <ProductImage product={gift.product} className="product-row-image" />
        <span className="row-text">
          <span className="product-brand">{gift.product.brand.name}</span>
          <span className="product-name">{gift.product.name}</span>
          {coupon ? (
            <span className="row-subtitle">
              {tab === 'usable'
                ? t('gifts.coupon.untilWithDays', { date: shortDate(coupon.expiresAt, lang), count: daysUntil(coupon.expiresAt, now) })
                : t('gifts.coupon.until', { date: shortDate(coupon.expiresAt, lang) })}
            </span>
          ) : null}
          {coupon?.product.kind === 'cash' ? (
            <span className="row-subtitle">{t('gifts.coupon.balanceOf', { balance: formatMoney(coupon.balance, lang), value: formatMoney(coupon.product.faceValue, lang) })}</span>
          ) : null}
          {coupon?.pin && tab === 'usable' ? <span className="coupon-row-pin">{pinGroups(coupon.pin)}</span> : null}
        </span>
        <span className="coupon-row-side">
          {gift.status === 'delivered' ? <span className="badge badge-yellow">{t('gifts.box.new')}</span> : null}
          {status && tab !== 'usable' ? <span className="badge badge-plain">{t(`gifts.couponStatus.${status}`)}</span> : null}
        </span>
      </button>
    </li>
  );
}

function SentList({ onOpen }: { onOpen: (giftId: string) => void }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const sent = useSentGifts();
  const [confirm, setConfirm] = useState<Gift | null>(null);
  if (sent.isPending) return <SkeletonRows count={4} />;
  if (sent.isError) return <ErrorState error={sent.error} onRetry={() => void sent.refetch()} />;
  if (sent.data.length === 0) return <EmptyState icon={<IconGift size={32} />} title={t('gifts.box.empty.sent')} />;
  return (
    <>
      <ul className="list" data-testid="sent-list">
        {sent.data.map((gift) => (
          <li key={gift.id} className="row coupon-row" data-testid="sent-row" data-status={gift.status}>
            <button type="button" className="row-main" onClick={() => onOpen(gift.id)}>
              <ProductImage product={gift.product} className="product-row-image" />
              <span className="row-text">
                <span className="row-title">{t('gifts.sheet.to', { name: gift.recipient.displayName })}</span>
                <span className="product-name">{gift.product.name}</span>
                <span className="row-subtitle">
                  {shortDate(gift.createdAt, lang)} · {formatMoney(gift.product.price, lang)}
                </span>
              </span>
              <span className="coupon-row-side">
                <span className={`badge gift-badge-${gift.status}`}>{t(`gifts.status.${gift.status}`)}</span>
              </span>
            </button>
            {canCancel(gift) ? (
              <div className="row-trailing">
                <button
                  type="button"
                  className="btn btn-secondary btn-small"
                  onClick={() => setConfirm(gift)}
                  data-testid="sent-cancel"
                >
                  {t('gifts.sheet.cancel')}
                </button>
              </div>
            ) : null}
          </li>
        ))}
      </ul>
      <OlderGifts pages={sent} />
      {confirm ? <CancelGiftDialog gift={confirm} onClose={() => setConfirm(null)} /> : null}
    </>
  );
}
