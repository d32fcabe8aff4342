import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PRICE_NOTICE_DAYS, TIER_MAX_PRICE, TIER_MIN_PRICE } from '@maum/protocol';
import { currentLanguage } from '../../i18n';
import { CountedField } from '../../ui/CountedField';
import { ErrorMessage, LocalError } from '../../ui/ErrorMessage';
import { formatMoney } from '../../ui/money';
import type { TierInput } from './api';
import { tierFrom, type TierDraft } from './tiers';
import './subscriptions.css';

interface Props {
  initial: TierDraft;
  /** An existing tier: the price field explains when a new price applies. */
  editing: boolean;
  pending: boolean;
  error: unknown;
  submitLabel: string;
  onSubmit: (input: TierInput) => void;
}

/** A tier's name, price a month and perks, for a new tier or a change to one. */
export function TierForm({ initial, editing, pending, error, submitLabel, onSubmit }: Props) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const [draft, setDraft] = useState(initial);
  const [tried, setTried] = useState(false);
  const input = tierFrom(draft);
  const range = { min: formatMoney(TIER_MIN_PRICE, lang), max: formatMoney(TIER_MAX_PRICE, lang) };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (input && !pending) onSubmit(input);
  };
  const set = (key: keyof TierDraft) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));
  return (
    <form className="sheet-form sub-tier-form" onSubmit={submit}>
      <CountedField label={t('subscriptions.host.name')} value={draft.name} onChange={set('name')} maxLength={30} testId="host-tier-name" />
      <label className="field">
        <span className="field-label">{t('subscriptions.host.price')}</span>
        <input
          className="input"
          type="number"
          inputMode="numeric"
          min={TIER_MIN_PRICE}
          max={TIER_MAX_PRICE}
          step={100}
          value={draft.price}
          onChange={(e) => set('price')(e.target.value)}
          data-testid="host-tier-price"
        />
        <span className="field-hint">
          {editing ? t('subscriptions.host.priceChangeHint', { days: PRICE_NOTICE_DAYS }) : t('subscriptions.host.priceRange', range)}
        </span>
      </label>
      <CountedField
        label={t('subscriptions.host.perks')}
        value={draft.perks}
        onChange={set('perks')}
        maxLength={500}
        multiline
        placeholder={t('subscriptions.host.perksPlaceholder')}
        testId="host-tier-perks"
      />
      {tried && !input ? <LocalError text={t('subscriptions.host.badPrice', range)} /> : null}
      <ErrorMessage error={error} />
      <button type="submit" className="btn btn-primary btn-block" disabled={pending} aria-busy={pending} data-testid={editing ? 'host-tier-save' : 'host-tier-create'}>
        {submitLabel}
      </button>
    </form>
  );
}
