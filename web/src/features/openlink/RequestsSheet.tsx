import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorMessage, ErrorState } from '../../ui/ErrorMessage';
import { IconAddPerson } from '../../ui/Icons';
import { Sheet } from '../../ui/Sheet';
import { SkeletonRows } from '../../ui/Spinner';
import { useApprove, useDecline, useJoinRequests } from './api';

/** People waiting to be let in, with their answer to the host's question. */
export function RequestsSheet({ roomId, onClose }: { roomId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const requests = useJoinRequests(roomId);
  const approve = useApprove(roomId);
  const decline = useDecline(roomId);
  const list = requests.data ?? [];
  const busy = approve.isPending || decline.isPending;
  return (
    <Sheet onClose={onClose} title={t('openlink.requests.title')} size="full" testId="requests-sheet">
      <ErrorMessage error={approve.error ?? decline.error} />
      {requests.isPending ? (
        <SkeletonRows count={3} />
      ) : requests.isError ? (
        <ErrorState error={requests.error} onRetry={() => void requests.refetch()} />
      ) : list.length === 0 ? (
        <EmptyState icon={<IconAddPerson size={32} />} title={t('openlink.requests.empty')} />
      ) : (
        <ul className="list open-cards">
          {list.map((request) => (
            <li key={request.id} className="open-request" data-testid="join-request" data-name={request.displayName}>
              <p className="open-request-name">{request.displayName}</p>
              {request.answer ? <p className="open-request-answer">{request.answer}</p> : null}
              <div className="open-request-actions">
                <button type="button" className="btn btn-secondary btn-small" disabled={busy} onClick={() => decline.mutate(request.id)} data-testid="request-decline">
                  {t('openlink.requests.decline')}
                </button>
                <button type="button" className="btn btn-primary btn-small" disabled={busy} onClick={() => approve.mutate(request.id)} data-testid="request-approve">
                  {t('openlink.requests.approve')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </Sheet>
  );
}
