import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Message, Room } from '@maum/protocol';
import { currentLanguage } from '../../i18n';
import { Avatar } from '../../ui/Avatar';
import { CountedField } from '../../ui/CountedField';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorMessage, ErrorState } from '../../ui/ErrorMessage';
import { IconAddPerson, IconChevronRight, IconLogout, IconPencil, IconSearch } from '../../ui/Icons';
import { SearchBar } from '../../ui/SearchBar';
import { Sheet } from '../../ui/Sheet';
import { Spinner } from '../../ui/Spinner';
import { clockTime } from '../../ui/time';
import { useDebounced } from '../../ui/useDebounced';
import { useNow } from '../../ui/useNow';
import { useRename, useSearchMessages } from './api';
import { listTime, previewText } from './format';
import type { People } from './people';
import './chat.css';

export type RoomAction = 'search' | 'invite' | 'rename' | 'leave';

/** The room's drawer: what can be done with it, and who is in it. */
export function RoomInfoSheet({ room, meId, onAction, onClose }: { room: Room; meId: string | null; onAction: (action: RoomAction) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const group = room.kind !== 'direct';
  const members = [...room.members].sort((a, b) => (a.user.id === meId ? -1 : b.user.id === meId ? 1 : a.user.displayName.localeCompare(b.user.displayName)));
  return (
    <Sheet onClose={onClose} title={t('chat.roomInfo')} size="full" testId="room-info">
      <ul className="room-actions">
        <ActionRow icon={<IconSearch size={20} />} label={t('chat.searchMessages')} onClick={() => onAction('search')} testId="room-search" />
        {group ? (
          <>
            <ActionRow icon={<IconAddPerson size={20} />} label={t('chat.invite')} onClick={() => onAction('invite')} testId="room-invite" />
            <ActionRow icon={<IconPencil size={20} />} label={t('chat.rename')} onClick={() => onAction('rename')} testId="room-rename" />
          </>
        ) : null}
      </ul>
      <h3 className="section-title">
        {t('chat.members')} <span className="section-count">{room.members.length}</span>
      </h3>
      <ul className="list">
        {members.map((member) => (
          <li key={member.user.id} className="row member-row" data-testid="room-member">
            <Avatar name={member.user.displayName} url={member.user.avatarUrl} seed={member.user.id} size={40} />
            <span className="row-text">
              <span className="row-title">
                <span className="row-name">{member.user.displayName}</span>
                {member.user.id === meId ? <span className="badge badge-me">{t('common.you')}</span> : null}
              </span>
              {member.user.statusMessage ? <span className="row-subtitle">{member.user.statusMessage}</span> : null}
            </span>
          </li>
        ))}
      </ul>
      {group ? (
        <LeaveRoomButton onLeave={() => onAction('leave')} />
      ) : null}
    </Sheet>
  );
}

function ActionRow({ icon, label, onClick, testId }: { icon: ReactNode; label: string; onClick: () => void; testId: string }) {
  return (
    <li>
      <button type="button" className="settings-row settings-button" onClick={onClick} data-testid={testId}>
        <span className="settings-icon">{icon}</span>
        <span className="settings-label">{label}</span>
        <IconChevronRight size={18} className="settings-chevron" />
      </button>
    </li>
  );
}

export function RenameSheet({ room, onClose }: { room: Room; onClose: () => void }) {
  const { t } = useTranslation();
  const rename = useRename(room.id);
  const [title, setTitle] = useState(room.title ?? '');
  const trimmed = title.trim();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!trimmed || rename.isPending) return;
    rename.mutate(trimmed, { onSuccess: onClose });
  };
  return (
    <Sheet onClose={onClose} title={t('chat.rename')} testId="rename-sheet">
      <form className="sheet-form" onSubmit={submit}>
        <CountedField
          label={t('chat.groupNameLabel')}
          value={title}
          onChange={setTitle}
          placeholder={t('chat.groupNamePlaceholder')}
          maxLength={50}
          data-autofocus
          testId="rename-input"
        />
        <ErrorMessage error={rename.error} />
        <button type="submit" className="btn btn-primary btn-block" disabled={!trimmed || rename.isPending} aria-busy={rename.isPending} data-testid="rename-submit">
          {rename.isPending ? t('common.saving') : t('common.save')}
        </button>
      </form>
    </Sheet>
  );
}

export function SearchSheet({ roomId, people, onPick, onClose }: { roomId: string; people: People; onPick: (message: Message) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const now = useNow();
  const [query, setQuery] = useState('');
  const q = useDebounced(query.trim(), 300);
  const results = useSearchMessages(roomId, q);
  const list = results.data ?? [];
  const searchTime = (iso: string) => {
    const day = listTime(t, iso, lang, now);
    const clock = clockTime(iso, lang);
    return day === clock ? clock : `${day} ${clock}`;
  };
  return (
    <Sheet onClose={onClose} title={t('chat.searchMessages')} size="full" testId="search-sheet">
      <SearchBar
        value={query}
        onChange={setQuery}
        placeholder={t('chat.searchPlaceholder')}
        maxLength={100}
        data-autofocus
        testId="message-search"
      />
      {!q ? (
        <EmptyState icon={<IconSearch size={32} />} title={t('chat.searchHint')} />
      ) : results.isPending ? (
        <div className="room-loading">
          <Spinner size={24} label={t('common.loading')} />
        </div>
      ) : results.isError ? (
        <ErrorState error={results.error} onRetry={() => void results.refetch()} />
      ) : list.length === 0 ? (
        <EmptyState icon={<IconSearch size={32} />} title={t('chat.searchEmpty', { query: q })} />
      ) : (
        <ul className="list">
          {list.map((message) => {
            const sender = people.get(message.senderId);
            return (
              <li key={message.seq} className="person-row row" data-testid="search-result">
                <button type="button" className="row-main" onClick={() => onPick(message)}>
                  <Avatar name={sender?.displayName ?? '?'} url={sender?.avatarUrl} seed={message.senderId} size={40} />
                  <span className="row-text">
                    <span className="row-title">
                      <span className="row-name">{people.name(message.senderId)}</span>
                      <span className="search-time">{searchTime(message.createdAt)}</span>
                    </span>
                    <span className="row-subtitle">
                      <Highlight text={previewText(t, message, people.name, lang)} query={q} />
                    </span>
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </Sheet>
  );
}

function Highlight({ text, query }: { text: string; query: string }) {
  const at = text.toLowerCase().indexOf(query.toLowerCase());
  if (at < 0 || !query) return <>{text}</>;
  return (
    <>
      {text.slice(0, at)}
      <mark>{text.slice(at, at + query.length)}</mark>
      {text.slice(at + query.length)}
    </>
  );
}

/** The red "Leave" row at the foot of a room's info sheet. */
export function LeaveRoomButton({ onLeave }: { onLeave: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="room-leave">
      <button type="button" className="settings-row settings-button is-danger" onClick={onLeave} data-testid="room-leave">
        <span className="settings-icon">
          <IconLogout size={20} />
        </span>
        <span className="settings-label">{t('chat.leave')}</span>
      </button>
    </div>
  );
}
