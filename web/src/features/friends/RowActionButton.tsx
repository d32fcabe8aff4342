import { useTranslation } from 'react-i18next';
import { errorText } from '../../i18n/errors';
import { useToast } from '../../ui/Toast';

/** The part of a mutation the button needs, so any relation mutation fits whatever it answers. */
interface Request<V> {
  isPending: boolean;
  mutate: (variables: V, callbacks: { onSuccess: () => void; onError: (error: Error) => void }) => void;
}

interface Props<V> {
  request: Request<V>;
  variables: V;
  label: string;
  /** Toasted on success: the row usually leaves the list then, so it cannot say so itself. */
  doneText: string;
  testId: string;
  primary?: boolean;
  /** For when the visible label does not say whom the button is about. */
  ariaLabel?: string;
}

/** A button at the end of a person row that sends one request about that person. */
export function RowActionButton<V>({ request, variables, label, doneText, testId, primary, ariaLabel }: Props<V>) {
  const { t } = useTranslation();
  const toast = useToast();
  return (
    <button
      type="button"
      className={`btn ${primary ? 'btn-primary' : 'btn-secondary'} btn-small`}
      disabled={request.isPending}
      aria-busy={request.isPending}
      aria-label={ariaLabel}
      data-testid={testId}
      onClick={() =>
        request.mutate(variables, {
          onSuccess: () => toast(doneText),
          onError: (error) => toast(errorText(t, error)),
        })
      }
    >
      {label}
    </button>
  );
}
