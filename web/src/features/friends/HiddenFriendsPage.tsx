import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Friend } from '@maum/protocol';
import { errorText } from '../../i18n/errors';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorState } from '../../ui/ErrorMessage';
import { IconEyeOff } from '../../ui/Icons';
import { PageHeader } from '../../ui/PageHeader';
import { PersonRow } from '../../ui/PersonRow';
import { SkeletonRows } from '../../ui/Spinner';
import { useToast } from '../../ui/Toast';
import { useFriends, useUpdateFriend } from './api';
import { FriendProfileSheet } from './FriendProfileSheet';

export function HiddenFriendsPage() {
  const { t } = useTranslation();
  const hidden = useFriends({ hidden: true });
  const [open, setOpen] = useState<Friend | null>(null);
  const list = hidden.data ?? [];

  return (
    <div className="page">
      <PageHeader title={t('friends.hiddenTitle')} back="/more" />
      <div className="page-body">
        {hidden.isPending ? (
          <SkeletonRows count={3} />
        ) : hidden.isError ? (
          <ErrorState error={hidden.error} onRetry={() => void hidden.refetch()} />
        ) : list.length === 0 ? (
          <EmptyState icon={<IconEyeOff size={32} />} title={t('friends.hiddenEmpty')} body={t('friends.hiddenEmptyBody')} />
        ) : (
          <ul className="list" data-testid="hidden-list">
            {list.map((friend) => (
              <PersonRow
                key={friend.user.id}
                person={friend.user}
                onOpen={() => setOpen(friend)}
                testId="hidden-row"
                trailing={<UnhideButton friend={friend} />}
              />
            ))}
          </ul>
        )}
      </div>
      {open ? (
        <FriendProfileSheet
          key={open.user.id}
          person={open.user}
          relation={{ kind: 'friend', friend: open }}
          onClose={() => setOpen(null)}
        />
      ) : null}
    </div>
  );
}

function UnhideButton({ friend }: { friend: Friend }) {
  const { t } = useTranslation();
  const toast = useToast();
  const update = useUpdateFriend();
  const name = friend.user.displayName;
  return (
    <button
      type="button"
      className="btn btn-secondary btn-small"
      disabled={update.isPending}
      aria-busy={update.isPending}
      data-testid="unhide"
      onClick={() =>
        update.mutate(
          { userId: friend.user.id, hidden: false },
          {
            onSuccess: () => toast(t('friends.unhiddenToast', { name })),
            onError: (error) => toast(errorText(t, error)),
          },
        )
      }
    >
      {t('friends.unhide')}
    </button>
  );
}
