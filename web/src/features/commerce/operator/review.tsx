import { Fragment, useState, type FormEvent, type ReactElement, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { UseQueryResult } from '@tanstack/react-query';
import { EmptyState } from '../../../ui/EmptyState';
import { ErrorMessage, ErrorState } from '../../../ui/ErrorMessage';
import { PageHeader } from '../../../ui/PageHeader';
import { Sheet } from '../../../ui/Sheet';
import { SkeletonRows } from '../../../ui/Spinner';
import { useMe } from '../../accounts';
import '../commerce.css';

/** The page shown instead of an operator console to someone who is not the operator, or null while they may be. */
export function useOperatorGate(title: string): ReactElement | null {
  const { t } = useTranslation();
  const me = useMe();
  if (!me.data || me.data.role === 'operator') return null;
  return (
    <div className="page">
      <PageHeader title={title} back="/more" />
      <EmptyState title={t('commerce.operator.notOperator')} />
    </div>
  );
}

/** An operator's queue: skeleton while loading, the error with a retry, an empty state, or one card per item. */
export function ReviewQueue<T extends { id: string }>({
  queue,
  emptyTitle,
  testId,
  render,
}: {
  queue: UseQueryResult<T[]>;
  emptyTitle: string;
  testId: string;
  render: (item: T) => ReactNode;
}) {
  if (queue.isPending) return <SkeletonRows count={3} />;
  if (queue.isError) return <ErrorState error={queue.error} onRetry={() => void queue.refetch()} />;
  if (queue.data.length === 0) return <EmptyState title={emptyTitle} />;
  return (
    <ul className="operator-list" data-testid={testId}>
      {queue.data.map((item) => (
        <Fragment key={item.id}>{render(item)}</Fragment>
      ))}
    </ul>
  );
}

/** A sheet asking the operator why; submits the trimmed reason. The title is also the submit button's text. */
export function ReasonSheet({
  title,
  label,
  testIds,
  danger = false,
  isPending,
  error,
  onSubmit,
  onClose,
}: {
  title: string;
  label: string;
  testIds: { sheet: string; input: string; submit: string };
  danger?: boolean;
  isPending: boolean;
  error: unknown;
  onSubmit: (reason: string) => void;
  onClose: () => void;
}) {
  const [reason, setReason] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = reason.trim();
    if (trimmed) onSubmit(trimmed);
  };
  return (
    <Sheet onClose={onClose} title={title} testId={testIds.sheet}>
      <form className="sheet-form" onSubmit={submit}>
        <label className="field">
          <span className="field-label">{label}</span>
          <textarea className="input input-multiline" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={300} rows={3} data-autofocus data-testid={testIds.input} />
        </label>
        <ErrorMessage error={error} />
        <button type="submit" className={`btn btn-block ${danger ? 'btn-danger' : 'btn-primary'}`} disabled={isPending || !reason.trim()} data-testid={testIds.submit}>
          {title}
        </button>
      </form>
    </Sheet>
  );
}
