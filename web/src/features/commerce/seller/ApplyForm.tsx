import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SellerApplication, sellerKinds, type SellerKind } from '@maum/protocol';
import { ErrorMessage } from '../../../ui/ErrorMessage';
import { useApply } from './api';
import { TextField } from './fields';
import '../commerce.css';

type Field = 'businessName' | 'registrationNumber' | 'contactEmail' | 'contactPhone';

/** Brands and small businesses apply with the same form and get the same options, with no fee. */
export function ApplyForm() {
  const { t } = useTranslation();
  const apply = useApply();
  const [kind, setKind] = useState<SellerKind>('small_business');
  const [values, setValues] = useState<Record<Field, string>>({ businessName: '', registrationNumber: '', contactEmail: '', contactPhone: '' });
  const [invalid, setInvalid] = useState<Field[]>([]);
  const set = (field: Field) => (value: string) => setValues((v) => ({ ...v, [field]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (apply.isPending) return;
    const parsed = SellerApplication.safeParse({ kind, ...values });
    if (!parsed.success) {
      setInvalid(parsed.error.issues.map((i) => i.path[0]).filter((p): p is Field => typeof p === 'string' && p in values));
      return;
    }
    setInvalid([]);
    apply.mutate(parsed.data);
  };
  const bad = (field: Field) => (invalid.includes(field) ? t(`commerce.seller.invalid.${field}`) : null);

  return (
    <form className="store-card seller-form" onSubmit={submit} noValidate data-testid="seller-apply">
      <h2 className="store-card-title">{t('commerce.seller.applyTitle')}</h2>
      <p className="muted">{t('commerce.seller.applyIntro')}</p>
      <fieldset className="chip-row" role="radiogroup" aria-label={t('commerce.seller.kind')}>
        {sellerKinds.map((k) => (
          <label key={k} className={`chip ${kind === k ? 'is-on' : ''}`}>
            <input type="radio" className="sr-only" name="kind" checked={kind === k} onChange={() => setKind(k)} data-testid="seller-kind" data-kind={k} />
            {t(`commerce.seller.kinds.${k}`)}
          </label>
        ))}
      </fieldset>
      <TextField label={t('commerce.seller.businessName')} value={values.businessName} onChange={set('businessName')} maxLength={60} invalid={bad('businessName')} testId="seller-business-name" />
      <TextField
        label={t('commerce.seller.registrationNumber')}
        value={values.registrationNumber}
        onChange={set('registrationNumber')}
        placeholder="123-45-67890"
        inputMode="numeric"
        maxLength={12}
        invalid={bad('registrationNumber')}
        testId="seller-registration"
      />
      <TextField label={t('commerce.seller.email')} type="email" value={values.contactEmail} onChange={set('contactEmail')} maxLength={120} invalid={bad('contactEmail')} testId="seller-email" />
      <TextField
        label={t('commerce.seller.phone')}
        type="tel"
        value={values.contactPhone}
        onChange={set('contactPhone')}
        placeholder="010-1234-5678"
        maxLength={13}
        invalid={bad('contactPhone')}
        testId="seller-phone"
      />
      <ErrorMessage error={apply.error} />
      <button type="submit" className="btn btn-primary btn-large" disabled={apply.isPending} aria-busy={apply.isPending} data-testid="seller-apply-submit">
        {t('commerce.seller.apply')}
      </button>
    </form>
  );
}
