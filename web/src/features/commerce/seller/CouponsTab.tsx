import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CouponCodeBody, type CouponCode } from '@maum/protocol';
import { currentLanguage } from '../../../i18n';
import { ChipChoice } from '../../../ui/ChipChoice';
import { ErrorMessage, ErrorState, LocalError } from '../../../ui/ErrorMessage';
import { formatMoney } from '../../../ui/money';
import { Spinner } from '../../../ui/Spinner';
import { useToast } from '../../../ui/Toast';
import { localDateTimeValue } from '../../gifts';
import { isoFromLocal } from '../format';
import { dateTime } from '../parts';
import { useCoupons, useCreateCoupon } from './api';
import { DateRangeFields, TextField, wholeNumber } from './fields';
import '../commerce.css';

export function CouponsTab() {
  return (
    <div className="store-console">
      <CouponForm />
      <CouponList />
    </div>
  );
}

const DAY = 86_400_000;

function CouponForm() {
  const { t } = useTranslation();
  const toast = useToast();
  const create = useCreateCoupon();
  const [code, setCode] = useState('');
  const [kind, setKind] = useState<'percent' | 'fixed'>('percent');
  const [value, setValue] = useState('');
  const [minOrder, setMinOrder] = useState('0');
  const [startsAt, setStartsAt] = useState(() => localDateTimeValue(new Date()));
  const [endsAt, setEndsAt] = useState(() => localDateTimeValue(new Date(Date.now() + 30 * DAY)));
  const [totalLimit, setTotalLimit] = useState('');
  const [perUserLimit, setPerUserLimit] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (create.isPending) return;
    const input = {
      code,
      kind,
      value: wholeNumber(value) ?? 0,
      minOrder: wholeNumber(minOrder) ?? 0,
      startsAt: isoFromLocal(startsAt) ?? '',
      endsAt: isoFromLocal(endsAt) ?? '',
      totalLimit: totalLimit.trim() ? wholeNumber(totalLimit) ?? 0 : null,
      perUserLimit: perUserLimit.trim() ? wholeNumber(perUserLimit) ?? 0 : null,
    };
    const parsed = CouponCodeBody.safeParse(input);
    if (!parsed.success) {
      const field = parsed.error.issues[0]?.path[0];
      setProblem(t(`commerce.seller.couponInvalid.${field === 'code' || field === 'value' || field === 'endsAt' ? field : 'other'}`));
      return;
    }
    setProblem(null);
    create.mutate(parsed.data, {
      onSuccess: (coupon) => {
        toast(t('commerce.seller.couponCreated', { code: coupon.code }));
        setCode('');
        setValue('');
      },
    });
  };

  return (
    <form className="store-card seller-form" onSubmit={submit} noValidate data-testid="coupon-form">
      <h2 className="store-card-title">{t('commerce.seller.newCoupon')}</h2>
      <TextField label={t('commerce.seller.couponCode')} value={code} onChange={(v) => setCode(v.toUpperCase())} maxLength={20} placeholder="WELCOME10" testId="coupon-new-code" />
      <ChipChoice
        options={['percent', 'fixed'] as const}
        value={kind}
        onPick={setKind}
        label={t('commerce.seller.discountKind')}
        text={(k) => t(`commerce.seller.discount.${k}`)}
        testId="coupon-kind"
        dataKey="kind"
      />
      <div className="seller-row">
        <TextField label={kind === 'percent' ? t('commerce.seller.percentOff') : t('commerce.seller.wonOff')} value={value} onChange={setValue} inputMode="numeric" maxLength={8} testId="coupon-value" />
        <TextField label={t('commerce.seller.minOrder')} value={minOrder} onChange={setMinOrder} inputMode="numeric" maxLength={9} testId="coupon-min-order" />
      </div>
      <DateRangeFields startsAt={startsAt} endsAt={endsAt} onStartsAt={setStartsAt} onEndsAt={setEndsAt} testId="coupon" />
      <div className="seller-row">
        <TextField label={t('commerce.seller.totalLimit')} value={totalLimit} onChange={setTotalLimit} inputMode="numeric" maxLength={7} hint={t('commerce.seller.noLimit')} testId="coupon-total-limit" />
        <TextField label={t('commerce.seller.perUserLimit')} value={perUserLimit} onChange={setPerUserLimit} inputMode="numeric" maxLength={4} hint={t('commerce.seller.noLimit')} testId="coupon-per-user" />
      </div>
      {problem ? <LocalError text={problem} /> : null}
      <ErrorMessage error={create.error} />
      <button type="submit" className="btn btn-primary btn-large" disabled={create.isPending} aria-busy={create.isPending} data-testid="coupon-create">
        {t('commerce.seller.createCoupon')}
      </button>
    </form>
  );
}

function CouponList() {
  const { t } = useTranslation();
  const coupons = useCoupons();
  return (
    <section className="store-card">
      <h2 className="store-card-title">{t('commerce.seller.tabs.coupons')}</h2>
      {coupons.isPending ? (
        <Spinner size={24} label={t('common.loading')} />
      ) : coupons.isError ? (
        <ErrorState error={coupons.error} onRetry={() => void coupons.refetch()} />
      ) : coupons.data.length === 0 ? (
        <p className="muted">{t('commerce.seller.noCoupons')}</p>
      ) : (
        <ul className="statement-list" data-testid="coupon-list">
          {coupons.data.map((c) => (
            <CouponRow key={c.id} coupon={c} />
          ))}
        </ul>
      )}
    </section>
  );
}

function CouponRow({ coupon: c }: { coupon: CouponCode }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const off = c.kind === 'percent' ? `${c.value}%` : formatMoney(c.value, lang);
  return (
    <li className="statement-row" data-testid="coupon-row" data-code={c.code}>
      <span className="statement-what">
        <span className="statement-product">
          <code>{c.code}</code> · {t('commerce.seller.off', { amount: off })}
        </span>
        <span className="statement-store">
          {t('commerce.deal.window', { from: dateTime(c.startsAt, lang), to: dateTime(c.endsAt, lang) })}
          {c.minOrder.amount > 0 ? ` · ${t('commerce.seller.minOrderOf', { amount: formatMoney(c.minOrder, lang) })}` : ''}
        </span>
      </span>
      <span className="statement-amount" data-testid="coupon-uses">
        {c.totalLimit ? t('commerce.seller.usesOf', { count: c.uses, limit: c.totalLimit }) : t('commerce.seller.uses', { count: c.uses })}
        {c.perUserLimit ? <span className="muted"> · {t('commerce.seller.perUser', { count: c.perUserLimit })}</span> : null}
      </span>
    </li>
  );
}
