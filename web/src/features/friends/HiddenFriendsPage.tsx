import { useTranslation } from 'react-i18next';
import type { Friend } from '@maum/protocol';
import { EmptyState } from '../../ui/EmptyState';
import { IconEyeOff } from '../../ui/Icons';
import { useFriends, useUpdateFriend } from './api';
import { RowActionButton } from './RowActionButton';
import { SetAsidePage } from './SetAsidePage';

export function HiddenFriendsPage() {
  const { t } = useTranslation();
  const hidden = useFriends({ hidden: true });
  return (
    <SetAsidePage
      title={t('friends.hiddenTitle')}
      query={hidden}
      empty={<EmptyState icon={<IconEyeOff size={32} />} title={t('friends.hiddenEmpty')} body={t('friends.hiddenEmptyBody')} />}
      listTestId="hidden-list"
      rowTestId="hidden-row"
      entry={(friend) => ({ person: friend.user, relation: { kind: 'friend', friend }, undo: <UnhideButton friend={friend} /> })}
    />
  );
}

function UnhideButton({ friend }: { friend: Friend }) {
  const { t } = useTranslation();
  const update = useUpdateFriend();
  return (
    <RowActionButton
      request={update}
      variables={{ userId: friend.user.id, hidden: false }}
      label={t('friends.unhide')}
      doneText={t('friends.unhiddenToast', { name: friend.user.displayName })}
      testId="unhide"
    />
  );
}
