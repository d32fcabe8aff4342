import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Gift, RefundTarget } from '@maum/protocol';
import { currentLanguage } from '../../i18n';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorMessage, ErrorState } from '../../ui/ErrorMessage';
import { formatMoney } from '../../ui/money';
import { Sheet } from '../../ui/Sheet';
import { Spinner } from '../../ui/Spinner';
import { useToast } from '../../ui/Toast';
import { useRefundGift, useRefundQuote } from './api';
import './gifts.css';

/** A refund in two steps: what each way back is worth now, under the voucher rules, then the chosen one. */
export function RefundSheet({ gift, onClose }: { gift: Gift; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const toast = useToast();
  const quote = useRefundQuote(gift.id);
  const refund = useRefundGift(gift.id);
  const [chosen, setChosen] = useState<RefundTarget | null>(null);
  const options = quote.data?.options ?? [];
  const target = chosen ?? options[0]?.to ?? null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!target || refund.isPending) return;
    refund.pay(target, {
      onSuccess: ({ refund: done }) => {
        toast(t(done.to === 'points' ? 'gifts.refund.doneToPoints' : 'gifts.refund.doneToWallet', { amount: formatMoney(done.amount, lang) }));
        onClose();
      },
    });
  };

  return (
    <Sheet onClose={onClose} title={t('gifts.refund.title')} testId="refund-sheet">
      {quote.isPending ? (
        <div className="room-loading">
          <Spinner size={24} label={t('common.loading')} />
        </div>
      ) : quote.isError ? (
        <ErrorState error={quote.error} onRetry={() => void quote.refetch()} />
      ) : options.length === 0 ? (
        <EmptyState title={t('gifts.refund.none')} body={quote.data.reason ?? undefined} />
      ) : (
        <form className="sheet-form" onSubmit={submit}>
          <p className="muted">{t('gifts.refund.intro', { product: gift.product.name })}</p>
          <div className="refund-options" role="radiogroup" aria-label={t('gifts.refund.title')}>
            {options.map((option) => (
              <label key={option.to} className={`refund-option ${target === option.to ? 'is-on' : ''}`} data-testid="refund-option" data-to={option.to}>
                <input type="radio" className="sr-only" name="refund-to" checked={target === option.to} onChange={() => setChosen(option.to)} />
                <span className="row-text">
                  <span className="row-title">{t(`gifts.refund.to.${option.to}`)}</span>
                  <span className="row-subtitle">{t('gifts.refund.percent', { percent: option.percent })}</span>
                </span>
                <strong className="refund-amount">{formatMoney(option.amount, lang)}</strong>
              </label>
            ))}
          </div>
          <ErrorMessage error={refund.error} />
          <button type="submit" className="btn btn-primary btn-block" disabled={!target || refund.isPending} aria-busy={refund.isPending} data-testid="refund-submit">
            {t('gifts.refund.submit')}
          </button>
        </form>
      )}
    </Sheet>
  );
}
