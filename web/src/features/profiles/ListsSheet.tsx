import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_AUDIENCE_LISTS, type AudienceList } from '@maum/protocol';
import { Avatar } from '../../ui/Avatar';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorMessage, ErrorState } from '../../ui/ErrorMessage';
import { IconPlus, IconTrash } from '../../ui/Icons';
import { ConfirmDialog, Sheet } from '../../ui/Sheet';
import { SkeletonRows } from '../../ui/Spinner';
import { FriendPicker } from '../chat';
import { useFriends } from '../friends';
import { useLists, useRemoveList, useSaveList } from './api';

/** The owner's audience lists: groups of people they added, to show a block or an event to just them. */
export function ListsSheet({ ownerId, onClose }: { ownerId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const lists = useLists();
  const remove = useRemoveList(ownerId);
  const [editing, setEditing] = useState<AudienceList | 'new' | null>(null);
  const [removing, setRemoving] = useState<AudienceList | null>(null);
  const count = lists.data?.length ?? 0;

  return (
    <Sheet onClose={onClose} title={t('profiles.lists.title')} size="full" testId="lists-sheet">
      <div className="sheet-form">
        <p className="field-hint">{t('profiles.lists.hint')}</p>
        {lists.isPending ? (
          <SkeletonRows count={3} />
        ) : lists.isError ? (
          <ErrorState error={lists.error} onRetry={() => void lists.refetch()} />
        ) : count === 0 ? (
          <EmptyState title={t('profiles.lists.empty')} />
        ) : (
          <ul className="list">
            {lists.data.map((list) => (
              <li key={list.id} className="row list-row" data-testid="audience-list" data-name={list.name}>
                <button type="button" className="row-main" onClick={() => setEditing(list)} data-testid="audience-list-edit">
                  <span className="list-faces">
                    {list.members.slice(0, 3).map((m) => (
                      <Avatar key={m.id} name={m.displayName} url={m.avatarUrl} seed={m.id} size={28} />
                    ))}
                  </span>
                  <span className="row-text">
                    <span className="row-title">{list.name}</span>
                    <span className="row-subtitle">{t('profiles.lists.members', { count: list.memberIds.length })}</span>
                  </span>
                </button>
                <button type="button" className="icon-btn" aria-label={t('profiles.lists.remove')} onClick={() => setRemoving(list)} data-testid="audience-list-remove">
                  <IconTrash size={18} />
                </button>
              </li>
            ))}
          </ul>
        )}
        <button type="button" className="btn btn-primary btn-block" disabled={count >= MAX_AUDIENCE_LISTS} onClick={() => setEditing('new')} data-testid="audience-list-new">
          <IconPlus size={18} />
          {t('profiles.lists.add')}
        </button>
      </div>
      {editing ? <ListEditor ownerId={ownerId} list={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
      {removing ? (
        <ConfirmDialog
          message={t('profiles.lists.removeConfirm', { name: removing.name })}
          detail={t('profiles.lists.removeDetail')}
          confirmLabel={t('profiles.lists.remove')}
          danger
          pending={remove.isPending}
          error={<ErrorMessage error={remove.error} />}
          onCancel={() => setRemoving(null)}
          onConfirm={() => remove.mutate(removing.id, { onSuccess: () => setRemoving(null) })}
        />
      ) : null}
    </Sheet>
  );
}

function ListEditor({ ownerId, list, onClose }: { ownerId: string; list: AudienceList | null; onClose: () => void }) {
  const { t } = useTranslation();
  const save = useSaveList(ownerId);
  const friends = useFriends();
  const [name, setName] = useState(list?.name ?? '');
  const initial = (friends.data ?? []).filter((f) => list?.memberIds.includes(f.user.id));
  return (
    <FriendPicker
      key={friends.data ? 'ready' : 'loading'}
      sheetTitle={list ? t('profiles.lists.edit') : t('profiles.lists.add')}
      testId="audience-list-picker"
      exclude={[]}
      initial={initial}
      pending={save.isPending}
      error={save.error}
      submitLabel={(count) => t('profiles.lists.save', { count })}
      submitTestId="audience-list-save"
      extra={
        <label className="field picker-title">
          <span className="field-label">{t('profiles.lists.name')}</span>
          <input className="input" value={name} maxLength={30} onChange={(e) => setName(e.target.value)} placeholder={t('profiles.lists.namePlaceholder')} data-testid="audience-list-name" />
        </label>
      }
      onClose={onClose}
      onSubmit={(memberIds) => {
        const trimmed = name.trim() || t('profiles.lists.untitled');
        save.mutate({ ...(list ? { listId: list.id } : {}), name: trimmed, memberIds }, { onSuccess: onClose });
      }}
    />
  );
}
