import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { IconBack } from './Icons';

interface PageHeaderProps {
  title: string;
  /** Shows a back button; a string is where it goes when there is no history to return to. */
  back?: boolean | string;
  actions?: ReactNode;
  /** Tab roots use a large left-aligned title, pushed pages a centred one. */
  large?: boolean;
}

export function PageHeader({ title, back, actions, large }: PageHeaderProps) {
  const navigate = useNavigate();
  const { t } = useTranslation();
  const goBack = () => {
    const idx = (window.history.state as { idx?: number } | null)?.idx ?? 0;
    if (idx > 0) void navigate(-1);
    else void navigate(typeof back === 'string' ? back : '/', { replace: true });
  };
  return (
    <header className={`page-header ${large ? 'page-header-large' : ''}`}>
      {back ? (
        <button type="button" className="icon-btn" onClick={goBack} aria-label={t('common.back')}>
          <IconBack />
        </button>
      ) : null}
      <h1 className="page-title">{title}</h1>
      <div className="page-actions">{actions}</div>
    </header>
  );
}

export function IconButton({
  label,
  onClick,
  children,
  testId,
  disabled,
}: {
  label: string;
  onClick: () => void;
  children: ReactNode;
  testId?: string;
  disabled?: boolean;
}) {
  return (
    <button
      type="button"
      className="icon-btn"
      onClick={onClick}
      aria-label={label}
      title={label}
      data-testid={testId}
      disabled={disabled}
    >
      {children}
    </button>
  );
}
