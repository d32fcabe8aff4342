import type { InputHTMLAttributes, ReactNode } from 'react';

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

export function TextArea({ label, value, onChange, maxLength, testId, rows = 4 }: { label: string; value: string; onChange: (v: string) => void; maxLength: number; testId?: string; rows?: number }) {
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
