import { useState, type InputHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { IconEye, IconEyeOff } from '../../ui/Icons';

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'type'> & { testId: string };

export function PasswordInput({ testId, className, ...rest }: Props) {
  const { t } = useTranslation();
  const [visible, setVisible] = useState(false);
  return (
    <div className={`input-with-button ${className ?? ''}`}>
      <input {...rest} type={visible ? 'text' : 'password'} className="input" data-testid={testId} />
      <button
        type="button"
        className="input-button"
        onClick={() => setVisible((v) => !v)}
        aria-label={visible ? t('auth.hidePassword') : t('auth.showPassword')}
        aria-pressed={visible}
      >
        {visible ? <IconEyeOff size={20} /> : <IconEye size={20} />}
      </button>
    </div>
  );
}
