import { useTranslation } from 'react-i18next';
import { errorText } from '../i18n/errors';

interface ErrorMessageProps {
  error: unknown;
  className?: string;
  /** Sentences that fit this screen better than the general one for a code. */
  overrides?: Partial<Record<string, string>>;
}

export function ErrorMessage({ error, className, overrides }: ErrorMessageProps) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <p className={`error-message ${className ?? ''}`} role="alert" data-testid="error-message">
      {errorText(t, error, overrides)}
    </p>
  );
}

/** A problem found before anything was sent. */
export function LocalError({ text }: { text: string }) {
  return (
    <p className="error-message" role="alert" data-testid="error-message">
      {text}
    </p>
  );
}

/** A failed screen: what went wrong and a way to try again. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="empty-state">
      <ErrorMessage error={error} />
      {onRetry ? (
        <button type="button" className="btn btn-secondary btn-small" onClick={onRetry}>
          {t('common.retry')}
        </button>
      ) : null}
    </div>
  );
}
