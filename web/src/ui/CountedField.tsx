import type { InputHTMLAttributes } from 'react';

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'className' | 'value' | 'onChange' | 'maxLength'> & {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** Both the input's limit and the count shown beside it, so the two cannot disagree. */
  maxLength: number;
  testId: string;
  /** A few lines of text (a card's message) instead of one. */
  multiline?: boolean;
};

/** A labelled text field that shows how much of its length limit is used. */
export function CountedField({ label, value, onChange, maxLength, testId, multiline, ...rest }: Props) {
  return (
    <label className="field">
      <span className="field-label">{label}</span>
      <span className="input-with-counter">
        {multiline ? (
          <textarea
            className="input input-multiline"
            rows={3}
            value={value}
            onChange={(e) => onChange(e.target.value)}
            maxLength={maxLength}
            placeholder={rest.placeholder}
            data-testid={testId}
          />
        ) : (
          <input
            {...rest}
            className="input"
            value={value}
            onChange={(e) => onChange(e.target.value)}
            maxLength={maxLength}
            data-testid={testId}
          />
        )}
        <span className="counter">{value.length}{`/${maxLength}`}</span>
      </span>
    </label>
  );
}
