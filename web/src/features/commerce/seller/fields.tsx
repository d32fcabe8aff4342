import type { InputHTMLAttributes, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import '../commerce.css';

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value'> & {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** Shown under the field when the last check found it wrong. */
  invalid?: string | null;
  hint?: ReactNode;
  testId?: string;
};

/** A labelled input for the console's forms. */
export function TextField({ label, value, onChange, invalid, hint, testId, className, ...rest }: InputProps) {
  return (
    <label className={`field ${className ?? ''}`}>
      <span className="field-label">{label}</span>
      <input {...rest} className="input" value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={!!invalid} data-testid={testId} />
      {invalid ? <span className="field-hint is-bad">{invalid}</span> : hint ? <span className="field-hint">{hint}</span> : null}
    </label>
  );
}

/** A labelled multi-line field; without `maxLength` the form's own check bounds what is typed. */
export function TextArea({ label, value, onChange, maxLength, testId, rows = 4 }: { label: string; value: string; onChange: (v: string) => void; maxLength?: number; testId?: string; rows?: number }) {
  return (
    <label className="field">
      <span className="field-label">{label}</span>
      <textarea className="input input-multiline" value={value} onChange={(e) => onChange(e.target.value)} maxLength={maxLength} rows={rows} data-testid={testId} />
    </label>
  );
}

/** Whole numbers typed into a field; null when it holds none. */
export function wholeNumber(value: string): number | null {
  const trimmed = value.replace(/[,\s]/g, '');
  if (!/^\d+$/.test(trimmed)) return null;
  return Number(trimmed);
}

/** When something runs, as two local date-times; `testId` names the pair (`<testId>-starts`, `<testId>-ends`). */
export function DateRangeFields({
  startsAt,
  endsAt,
  onStartsAt,
  onEndsAt,
  testId,
}: {
  startsAt: string;
  endsAt: string;
  onStartsAt: (value: string) => void;
  onEndsAt: (value: string) => void;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="seller-row">
      <label className="field">
        <span className="field-label">{t('commerce.seller.startsAt')}</span>
        <input type="datetime-local" className="input" value={startsAt} onChange={(e) => onStartsAt(e.target.value)} data-testid={`${testId}-starts`} />
      </label>
      <label className="field">
        <span className="field-label">{t('commerce.seller.endsAt')}</span>
        <input type="datetime-local" className="input" value={endsAt} onChange={(e) => onEndsAt(e.target.value)} data-testid={`${testId}-ends`} />
      </label>
    </div>
  );
}
