import { useTranslation } from 'react-i18next';
import type { PublicProfile } from '@maum/protocol';
import { EmptyState } from '../../ui/EmptyState';
import { IconBlock } from '../../ui/Icons';
import { useBlocked, useUnblock } from './api';
import { RowActionButton } from './RowActionButton';
import { SetAsidePage } from './SetAsidePage';

export function BlockedPage() {
  const { t } = useTranslation();
  const blocked = useBlocked();
  return (
    <SetAsidePage
      title={t('friends.blockedTitle')}
      query={blocked}
      empty={<EmptyState icon={<IconBlock size={32} />} title={t('friends.blockedEmpty')} body={t('friends.blockedEmptyBody')} />}
      listTestId="blocked-list"
      rowTestId="blocked-row"
      entry={(person) => ({ person, relation: { kind: 'blocked' }, undo: <UnblockButton person={person} /> })}
    />
  );
}

function UnblockButton({ person }: { person: PublicProfile }) {
  const { t } = useTranslation();
  const unblock = useUnblock();
  return (
    <RowActionButton
      request={unblock}
      variables={person.id}
      label={t('friends.unblock')}
      doneText={t('friends.unblockedToast', { name: person.displayName })}
      testId="unblock"
    />
  );
}
