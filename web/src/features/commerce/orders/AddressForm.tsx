import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Address } from '@maum/protocol';
import { checkAddress, emptyAddress, type AddressField, type AddressInput } from '../format';
import '../commerce.css';

const fields: { name: AddressField; autoComplete: string; inputMode?: 'tel' | 'numeric'; maxLength: number }[] = [
  { name: 'name', autoComplete: 'name', maxLength: 40 },
  { name: 'phone', autoComplete: 'tel', inputMode: 'tel', maxLength: 13 },
  { name: 'postalCode', autoComplete: 'postal-code', inputMode: 'numeric', maxLength: 5 },
  { name: 'line1', autoComplete: 'address-line1', maxLength: 120 },
  { name: 'line2', autoComplete: 'address-line2', maxLength: 120 },
];

/** A delivery address; fields the last check found wrong say what they need. */
export function AddressForm({ value, onChange, invalid }: { value: AddressInput; onChange: (next: AddressInput) => void; invalid: readonly AddressField[] }) {
  const { t } = useTranslation();
  return (
    <div className="address-form" data-testid="address-form">
      {fields.map((f) => {
        const bad = invalid.includes(f.name);
        return (
          <label key={f.name} className="field">
            <span className="field-label">{t(`commerce.address.${f.name}`)}</span>
            <input
              className="input"
              value={value[f.name]}
              onChange={(e) => onChange({ ...value, [f.name]: e.target.value })}
              autoComplete={f.autoComplete}
              inputMode={f.inputMode}
              maxLength={f.maxLength}
              placeholder={t(`commerce.address.${f.name}Placeholder`)}
              aria-invalid={bad}
              data-testid={`address-${f.name}`}
            />
            {bad ? <span className="field-hint is-bad">{t(`commerce.address.${f.name}Invalid`)}</span> : null}
          </label>
        );
      })}
    </div>
  );
}

/**
 * The state behind an AddressForm: what was typed, which fields the last check found wrong, and the sentence that
 * says so. `check()` answers the address once it is valid, and null after marking what to fix.
 */
export function useAddressForm() {
  const { t } = useTranslation();
  const [value, setValue] = useState(emptyAddress);
  const [invalid, setInvalid] = useState<AddressField[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const check = (): Address | null => {
    const checked = checkAddress(value);
    if (!checked.ok) {
      setInvalid(checked.fields);
      setProblem(t('commerce.address.fix'));
      return null;
    }
    setInvalid([]);
    setProblem(null);
    return checked.address;
  };
  return { fields: { value, onChange: setValue, invalid }, problem, check };
}
