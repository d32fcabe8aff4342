import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublicProfile } from '@maum/protocol';
import { errorText } from '../../i18n/errors';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorState } from '../../ui/ErrorMessage';
import { IconBlock } from '../../ui/Icons';
import { PageHeader } from '../../ui/PageHeader';
import { PersonRow } from '../../ui/PersonRow';
import { SkeletonRows } from '../../ui/Spinner';
import { useToast } from '../../ui/Toast';
import { useBlocked, useUnblock } from './api';
import { FriendProfileSheet } from './FriendProfileSheet';

export function BlockedPage() {
  const { t } = useTranslation();
  const blocked = useBlocked();
  const [open, setOpen] = useState<PublicProfile | null>(null);
  const list = blocked.data ?? [];

  return (
    <div className="page">
      <PageHeader title={t('friends.blockedTitle')} back="/more" />
      <div className="page-body">
        {blocked.isPending ? (
          <SkeletonRows count={3} />
        ) : blocked.isError ? (
          <ErrorState error={blocked.error} onRetry={() => void blocked.refetch()} />
        ) : list.length === 0 ? (
          <EmptyState icon={<IconBlock size={32} />} title={t('friends.blockedEmpty')} body={t('friends.blockedEmptyBody')} />
        ) : (
          <ul className="list" data-testid="blocked-list">
            {list.map((person) => (
              <PersonRow
                key={person.id}
                person={person}
                onOpen={() => setOpen(person)}
                testId="blocked-row"
                trailing={<UnblockButton person={person} />}
              />
            ))}
          </ul>
        )}
      </div>
      {open ? (
        <FriendProfileSheet key={open.id} person={open} relation={{ kind: 'blocked' }} onClose={() => setOpen(null)} />
      ) : null}
    </div>
  );
}

function UnblockButton({ person }: { person: PublicProfile }) {
  const { t } = useTranslation();
  const toast = useToast();
  const unblock = useUnblock();
  return (
    <button
      type="button"
      className="btn btn-secondary btn-small"
      disabled={unblock.isPending}
      aria-busy={unblock.isPending}
      data-testid="unblock"
      onClick={() =>
        unblock.mutate(person.id, {
          onSuccess: () => toast(t('friends.unblockedToast', { name: person.displayName })),
          onError: (error) => toast(errorText(t, error)),
        })
      }
    >
      {t('friends.unblock')}
    </button>
  );
}
