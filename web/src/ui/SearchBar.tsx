import type { InputHTMLAttributes } from 'react';
import { IconClose, IconSearch } from './Icons';

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'className' | 'value' | 'onChange' | 'placeholder'> & {
  value: string;
  onChange: (value: string) => void;
  /** Also the field's accessible name: a search box shows no label of its own. */
  placeholder: string;
  /** Classes for the bar around the field, beside `search-bar`. */
  className?: string;
  testId?: string;
  /** Given, a button that empties the field shows while there is text, named by this. */
  clearLabel?: string;
};

export function SearchBar({ value, onChange, placeholder, className, testId, clearLabel, ...rest }: Props) {
  return (
    <div className={className ? `search-bar ${className}` : 'search-bar'}>
      <IconSearch size={18} className="search-icon" />
      <input
        {...rest}
        type="search"
        className="search-input"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        placeholder={placeholder}
        aria-label={placeholder}
        data-testid={testId}
      />
      {clearLabel && value ? (
        <button type="button" className="search-clear" onClick={() => onChange('')} aria-label={clearLabel}>
          <IconClose size={14} />
        </button>
      ) : null}
    </div>
  );
}
