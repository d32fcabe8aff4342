import { useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Quote } from '@maum/protocol';
import { currentLanguage } from '../../../i18n';
import { EmptyState } from '../../../ui/EmptyState';
import { ErrorMessage } from '../../../ui/ErrorMessage';
import { formatMoney } from '../../../ui/money';
import { PageHeader } from '../../../ui/PageHeader';
import { useToast } from '../../../ui/Toast';
import { useMe } from '../../accounts';
import { PayFooter } from '../../wallet';
import { useQuote } from '../api';
import { parseCart, useCart, type CartLine } from '../cart';
import { usePlaceOrder } from '../hooks';
import { Picture } from '../parts';
import { AddressForm, useAddressForm } from './AddressForm';
import '../commerce.css';

/** Paying one channel: the lines, where to deliver, a coupon code, then Pay. "Buy now" brings its own line. */
export function CheckoutPage() {
  const { t } = useTranslation();
  const { channelId = '' } = useParams();
  const location = useLocation();
  const me = useMe().data;
  const cart = useCart(me?.id);
  const state = location.state as { lines?: unknown } | null;
  const bought = state?.lines ? parseCart(JSON.stringify(state.lines)) : null;
  const lines = (bought ?? cart.lines).filter((l) => l.channelId === channelId);

  if (lines.length === 0) {
    return (
      <div className="page">
        <PageHeader title={t('commerce.checkout.title')} back="/cart" />
        <EmptyState
          title={t('commerce.checkout.nothing')}
          action={
            <Link to="/cart" className="btn btn-primary">
              {t('commerce.cart.title')}
            </Link>
          }
        />
      </div>
    );
  }
  return <Checkout lines={lines} fromCart={!bought} onPaid={(ids) => (bought ? undefined : cart.remove(ids))} />;
}

function Checkout({ lines, fromCart, onPaid }: { lines: CartLine[]; fromCart: boolean; onPaid: (variantIds: string[]) => void }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const navigate = useNavigate();
  const toast = useToast();
  const order = usePlaceOrder();
  const address = useAddressForm();
  const [code, setCode] = useState('');
  const [applied, setApplied] = useState<string | null>(null);

  const body = lines.map((l) => ({ variantId: l.variantId, quantity: l.quantity }));
  const base = useQuote({ lines: body });
  const coupon = useQuote({ lines: body, ...(applied ? { couponCode: applied } : {}) }, !!applied);
  const couponOk = !!applied && coupon.isSuccess && coupon.data.couponCode === applied && !coupon.isPlaceholderData;
  const quote: Quote | undefined = couponOk ? coupon.data : base.data;
  const localTotal = lines.reduce((sum, l) => sum + l.unitPrice * l.quantity, 0);
  const total = quote?.total.amount ?? localTotal;

  const apply = () => {
    const next = code.trim().toUpperCase();
    setApplied(next || null);
  };

  const pay = (event: FormEvent) => {
    event.preventDefault();
    if (order.isPending) return;
    const checked = address.check();
    if (!checked) return;
    order.place({ lines: body, address: checked, ...(couponOk && applied ? { couponCode: applied } : {}) }, (paid) => {
      onPaid(lines.map((l) => l.variantId));
      toast(t('commerce.checkout.paidToast'));
      void navigate(`/orders/${paid.id}`, { replace: true });
    });
  };

  return (
    <div className="page checkout-page">
      <PageHeader title={t('commerce.checkout.title')} back={fromCart ? '/cart' : `/channels/${lines[0]!.channelId}`} />
      <form className="page-body checkout" onSubmit={pay} noValidate>
        <section className="send-section">
          <h2 className="section-title">{lines[0]!.channelName}</h2>
          <ul className="cart-lines">
            {lines.map((line) => (
              <li key={line.variantId} className="cart-line" data-testid="checkout-line">
                <Picture url={line.imageUrl} className="cart-line-image" />
                <span className="row-text">
                  <span className="product-name">{line.productName}</span>
                  <span className="row-subtitle">
                    {line.variantName} × {line.quantity}
                  </span>
                </span>
                <span className="product-price">{formatMoney(line.unitPrice * line.quantity, lang)}</span>
              </li>
            ))}
          </ul>
        </section>

        <section className="send-section">
          <h2 className="section-title">{t('commerce.address.title')}</h2>
          <AddressForm {...address.fields} />
        </section>

        <section className="send-section">
          <h2 className="section-title">{t('commerce.coupon.title')}</h2>
          <div className="coupon-row-input">
            <input
              className="input"
              value={code}
              onChange={(e) => setCode(e.target.value.toUpperCase())}
              maxLength={20}
              placeholder={t('commerce.coupon.placeholder')}
              aria-label={t('commerce.coupon.title')}
              autoCapitalize="characters"
              data-testid="coupon-code"
            />
            <button type="button" className="btn btn-secondary" onClick={apply} disabled={coupon.isFetching} data-testid="coupon-apply">
              {t('commerce.coupon.apply')}
            </button>
          </div>
          {applied && coupon.isError ? <ErrorMessage error={coupon.error} /> : null}
          {couponOk ? (
            <p className="coupon-applied" data-testid="coupon-applied">
              {t('commerce.coupon.applied', { code: applied, amount: formatMoney(coupon.data.discount, lang) })}
            </p>
          ) : null}
        </section>

        <section className="send-section">
          <dl className="checkout-totals">
            <div>
              <dt>{t('commerce.checkout.subtotal')}</dt>
              <dd data-testid="checkout-subtotal">{formatMoney(quote?.subtotal.amount ?? localTotal, lang)}</dd>
            </div>
            {quote && quote.discount.amount > 0 ? (
              <div>
                <dt>{t('commerce.checkout.discount')}</dt>
                <dd data-testid="checkout-discount">−{formatMoney(quote.discount, lang)}</dd>
              </div>
            ) : null}
            <div className="is-strong">
              <dt>{t('commerce.checkout.total')}</dt>
              <dd data-testid="checkout-total">{formatMoney(total, lang)}</dd>
            </div>
          </dl>
          {base.isError ? <ErrorMessage error={base.error} /> : null}
        </section>

        <PayFooter total={total} pending={order.isPending} error={order.error} problem={address.problem} testIds={{ wallet: 'checkout-wallet', pay: 'checkout-pay' }} />
      </form>
    </div>
  );
}
