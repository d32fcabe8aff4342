import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Redemption } from '@maum/protocol';
import { currentLanguage } from '../../i18n';
import { ErrorMessage, LocalError } from '../../ui/ErrorMessage';
import { IconScan } from '../../ui/Icons';
import { formatMoney } from '../../ui/money';
import { shortDate } from '../../ui/time';
import { useNow } from '../../ui/useNow';
import { pinGroups } from '../gifts';
import { useLookup, useRedeem, useVoidRedemption } from './api';
import { PinScanner, scannerSupported } from './PinScanner';
import { whyNotRedeemable } from './redeemable';
import './store.css';

type CouponAtStore = NonNullable<ReturnType<typeof useLookup>['data']>;

/** The counter: a coupon's PIN typed or scanned, what it is, then redeemed, and voided if that was a mistake. */
export function StoreConsolePage() {
  const { t } = useTranslation();
  const lookup = useLookup();
  const redeem = useRedeem();
  const voiding = useVoidRedemption();
  const [digits, setDigits] = useState('');
  const [amount, setAmount] = useState('');
  const [scanning, setScanning] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [redemption, setRedemption] = useState<Redemption | null>(null);
  const pinInput = useRef<HTMLInputElement>(null);
  const coupon = lookup.data && lookup.variables === digits ? lookup.data : null;
  const now = useNow();
  const blocked = coupon ? whyNotRedeemable(coupon, now) : null;

  const resetResults = () => {
    lookup.reset();
    redeem.reset();
    voiding.reset();
    setRedemption(null);
    setProblem(null);
    setAmount('');
  };

  const find = (pin: string) => {
    resetResults();
    if (pin.length !== 12) {
      setProblem(t('store.pinInvalid'));
      return;
    }
    lookup.mutate(pin, {
      onSuccess: (found) => {
        if (found.kind === 'cash') setAmount(String(found.balance.amount));
      },
    });
  };

  const submitLookup = (event: FormEvent) => {
    event.preventDefault();
    find(digits);
  };

  const submitRedeem = (event: FormEvent) => {
    event.preventDefault();
    if (!coupon || redeem.isPending) return;
    setProblem(null);
    let value: number | undefined;
    if (coupon.kind === 'cash') {
      value = Number(amount);
      if (!Number.isInteger(value) || value <= 0) {
        setProblem(t('store.amountInvalid'));
        return;
      }
    }
    redeem.pay({ pin: digits, ...(value !== undefined ? { amount: value } : {}) }, { onSuccess: setRedemption });
  };

  const nextCoupon = () => {
    resetResults();
    setDigits('');
    pinInput.current?.focus();
  };

  return (
    <div className="store-console">
      <form className="store-card store-lookup" onSubmit={submitLookup}>
        <label className="store-label" htmlFor="store-pin">
          {t('store.pinLabel')}
        </label>
        <div className="store-pin-row">
          <input
            ref={pinInput}
            id="store-pin"
            className="store-pin-input"
            inputMode="numeric"
            autoComplete="off"
            placeholder="0000 0000 0000"
            value={pinGroups(digits)}
            onChange={(e) => {
              setDigits(e.target.value.replace(/\D/g, '').slice(0, 12));
              if (redemption || lookup.data || lookup.error) resetResults();
            }}
            autoFocus
            data-testid="store-pin"
          />
          {scannerSupported() ? (
            <button type="button" className="btn btn-secondary btn-large store-scan" onClick={() => setScanning(true)} data-testid="store-scan">
              <IconScan size={22} />
              {t('store.scan')}
            </button>
          ) : null}
        </div>
        <button type="submit" className="btn btn-dark btn-block btn-large" disabled={lookup.isPending} aria-busy={lookup.isPending} data-testid="store-lookup">
          {t('store.lookUp')}
        </button>
        {problem && !coupon ? <LocalError text={problem} /> : null}
        <ErrorMessage error={lookup.error} className="store-error" />
      </form>

      {coupon && !redemption ? (
        <form className="store-card" onSubmit={submitRedeem} data-testid="store-coupon">
          <CouponFacts coupon={coupon} />
          {coupon.kind === 'cash' ? (
            <label className="store-amount">
              <span className="store-label">{t('store.amountLabel')}</span>
              <input
                className="store-amount-input"
                inputMode="numeric"
                value={amount}
                onChange={(e) => setAmount(e.target.value.replace(/\D/g, '').slice(0, 9))}
                data-testid="store-amount"
              />
            </label>
          ) : null}
          {problem ? <LocalError text={problem} /> : null}
          <ErrorMessage error={redeem.error} className="store-error" />
          {blocked ? (
            <LocalError text={t(`errors.${blocked}`)} />
          ) : (
            <button type="submit" className="btn btn-primary btn-block btn-large store-redeem" disabled={redeem.isPending} aria-busy={redeem.isPending} data-testid="store-redeem">
              {t('store.redeem')}
            </button>
          )}
        </form>
      ) : null}

      {redemption ? (
        <section className={`store-card store-result ${redemption.voidedAt ? 'is-voided' : ''}`} data-testid="store-result">
          <p className="store-result-title">{redemption.voidedAt ? t('store.voided') : t('store.redeemed')}</p>
          <p className="store-result-amount">{formatMoney(redemption.amount, currentLanguage())}</p>
          <CouponFacts coupon={redemption.coupon} />
          <ErrorMessage error={voiding.error} className="store-error" overrides={{ too_late: t('store.voidTooLate') }} />
          <div className="store-result-actions">
            {!redemption.voidedAt ? (
              <button
                type="button"
                className="btn btn-secondary btn-large"
                disabled={voiding.isPending}
                aria-busy={voiding.isPending}
                onClick={() => voiding.mutate(redemption.id, { onSuccess: setRedemption })}
                data-testid="store-void"
              >
                {t('store.void')}
              </button>
            ) : null}
            <button type="button" className="btn btn-dark btn-large" onClick={nextCoupon} data-testid="store-next">
              {t('store.next')}
            </button>
          </div>
        </section>
      ) : null}

      {scanning ? (
        <PinScanner
          onClose={() => setScanning(false)}
          onPin={(pin) => {
            setScanning(false);
            setDigits(pin);
            find(pin);
          }}
        />
      ) : null}
    </div>
  );
}

/** What the store needs to know about a coupon, large enough to read across the counter. */
function CouponFacts({ coupon }: { coupon: CouponAtStore }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  return (
    <dl className="store-facts">
      <div className="store-fact store-fact-wide">
        <dt>{t('store.product')}</dt>
        <dd data-testid="store-product">
          {coupon.productName}
          {coupon.option ? <span className="store-option"> · {coupon.option}</span> : null}
        </dd>
      </div>
      <div className="store-fact">
        <dt>{t('store.brand')}</dt>
        <dd>{coupon.brandName}</dd>
      </div>
      <div className="store-fact">
        <dt>{t('store.status')}</dt>
        <dd className={`store-status is-${coupon.status}`} data-testid="store-status">
          {t(`gifts.couponStatus.${coupon.status}`)}
        </dd>
      </div>
      <div className="store-fact">
        <dt>{coupon.kind === 'cash' ? t('store.balance') : t('store.faceValue')}</dt>
        <dd>
          {coupon.kind === 'cash'
            ? t('gifts.coupon.balanceOf', { balance: formatMoney(coupon.balance, lang), value: formatMoney(coupon.faceValue, lang) })
            : formatMoney(coupon.faceValue, lang)}
        </dd>
      </div>
      <div className="store-fact">
        <dt>{t('store.expires')}</dt>
        <dd>{shortDate(coupon.expiresAt, lang)}</dd>
      </div>
    </dl>
  );
}
