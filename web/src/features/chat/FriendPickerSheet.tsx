import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Friend } from '@maum/protocol';
import { Avatar } from '../../ui/Avatar';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorMessage, ErrorState } from '../../ui/ErrorMessage';
import { IconCheck, IconClose, IconPerson } from '../../ui/Icons';
import { SearchBar } from '../../ui/SearchBar';
import { Sheet } from '../../ui/Sheet';
import { SkeletonRows } from '../../ui/Spinner';
import { useToast } from '../../ui/Toast';
import { useFriends } from '../friends';
import { useCreateGroup, useInvite } from './api';
import './chat.css';

type Props =
  | { mode: 'create'; onClose: () => void }
  | { mode: 'invite'; roomId: string; memberIds: readonly string[]; onClose: () => void };

/** Picks friends with checkboxes: to start a group chat, or to invite them into one. */
export function FriendPickerSheet(props: Props) {
  return props.mode === 'create' ? <NewGroup onClose={props.onClose} /> : <Invite {...props} />;
}

function NewGroup({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateGroup();
  const [title, setTitle] = useState('');
  return (
    <FriendPicker
      sheetTitle={t('chat.newGroup')}
      testId="new-group-sheet"
      exclude={[]}
      pending={create.isPending}
      error={create.error}
      submitLabel={(count) => t('chat.createGroup', { count })}
      submitTestId="group-create"
      onClose={onClose}
      extra={
        <label className="field picker-title">
          <span className="field-label">{t('chat.groupName')}</span>
          <input
            className="input"
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            placeholder={t('chat.groupNamePlaceholder')}
            maxLength={50}
            data-testid="group-title-input"
          />
        </label>
      }
      onSubmit={(memberIds) => {
        const trimmed = title.trim();
        create.mutate(
          { memberIds, ...(trimmed ? { title: trimmed } : {}) },
          { onSuccess: (room) => void navigate(`/chats/${room.id}`) },
        );
      }}
    />
  );
}

function Invite({ roomId, memberIds, onClose }: { roomId: string; memberIds: readonly string[]; onClose: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const invite = useInvite(roomId);
  return (
    <FriendPicker
      sheetTitle={t('chat.inviteTitle')}
      testId="invite-sheet"
      exclude={memberIds}
      pending={invite.isPending}
      error={invite.error}
      submitLabel={(count) => t('chat.inviteSubmit', { count })}
      submitTestId="invite-submit"
      onClose={onClose}
      onSubmit={(userIds) =>
        invite.mutate(userIds, {
          onSuccess: () => {
            toast(t('chat.invitedToast', { count: userIds.length }));
            onClose();
          },
        })
      }
    />
  );
}

interface PickerProps {
  sheetTitle: string;
  testId: string;
  exclude: readonly string[];
  /** Friends already ticked when the sheet opens. */
  initial?: readonly Friend[];
  /** The most friends that can be ticked; further ones stay unticked. */
  max?: number;
  pending: boolean;
  error: unknown;
  submitLabel: (count: number) => string;
  submitTestId: string;
  extra?: React.ReactNode;
  onSubmit: (userIds: string[]) => void;
  onClose: () => void;
}

/** Picks friends with checkboxes; the sheets above, and a gift's recipients, are made of it. */
export function FriendPicker({ sheetTitle, testId, exclude, initial = [], max, pending, error, submitLabel, submitTestId, extra, onSubmit, onClose }: PickerProps) {
  const { t } = useTranslation();
  const friends = useFriends();
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState<Friend[]>(() => [...initial]);
  const q = query.trim().toLowerCase();
  const available = (friends.data ?? []).filter((f) => !exclude.includes(f.user.id));
  const shown = q
    ? available.filter((f) => f.user.displayName.toLowerCase().includes(q) || f.user.handle.includes(q))
    : available;
  const isSelected = (id: string) => selected.some((f) => f.user.id === id);
  const toggle = (friend: Friend) =>
    setSelected((list) => {
      if (list.some((f) => f.user.id === friend.user.id)) return list.filter((f) => f.user.id !== friend.user.id);
      return max !== undefined && list.length >= max ? list : [...list, friend];
    });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (selected.length === 0 || pending) return;
    onSubmit(selected.map((f) => f.user.id));
  };

  return (
    <Sheet onClose={onClose} title={sheetTitle} size="full" testId={testId}>
      <form className="picker" onSubmit={submit}>
        {extra}
        {selected.length > 0 ? (
          <ul className="picker-chips" aria-label={t('chat.selected')}>
            {selected.map((friend) => (
              <li key={friend.user.id}>
                <button type="button" className="picker-chip" onClick={() => toggle(friend)} aria-label={`${friend.user.displayName} ✕`}>
                  <Avatar name={friend.user.displayName} url={friend.user.avatarUrl} seed={friend.user.id} size={44} />
                  <span className="picker-chip-x">
                    <IconClose size={10} />
                  </span>
                  <span className="picker-chip-name">{friend.user.displayName}</span>
                </button>
              </li>
            ))}
          </ul>
        ) : null}
        <SearchBar className="picker-search" value={query} onChange={setQuery} placeholder={t('chat.searchFriends')} />
        <div className="picker-list">
          {friends.isPending ? (
            <SkeletonRows count={5} />
          ) : friends.isError && !friends.data ? (
            <ErrorState error={friends.error} onRetry={() => void friends.refetch()} />
          ) : available.length === 0 ? (
            <EmptyState icon={<IconPerson size={32} />} title={exclude.length > 0 ? t('chat.everyoneIsHere') : t('chat.noFriendsToPick')} />
          ) : (
            <ul className="list">
              {shown.map((friend) => {
                const checked = isSelected(friend.user.id);
                return (
                  <li key={friend.user.id}>
                    <label className="row picker-row" data-testid="picker-friend" data-handle={friend.user.handle}>
                      <Avatar name={friend.user.displayName} url={friend.user.avatarUrl} seed={friend.user.id} size={44} />
                      <span className="row-text">
                        <span className="row-title">
                          <span className="row-name">{friend.user.displayName}</span>
                        </span>
                      </span>
                      <input type="checkbox" className="sr-only" checked={checked} onChange={() => toggle(friend)} />
                      <span className={`check ${checked ? 'is-checked' : ''}`} aria-hidden="true">
                        {checked ? <IconCheck size={14} /> : null}
                      </span>
                    </label>
                  </li>
                );
              })}
            </ul>
          )}
        </div>
        <div className="picker-footer">
          <ErrorMessage error={error} />
          <button
            type="submit"
            className="btn btn-primary btn-block btn-large"
            disabled={selected.length === 0 || pending}
            aria-busy={pending}
            data-testid={submitTestId}
          >
            {submitLabel(selected.length)}
          </button>
        </div>
      </form>
    </Sheet>
  );
}
