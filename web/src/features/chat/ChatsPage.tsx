import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { RoomSummary } from '@maum/protocol';
import { currentLanguage } from '../../i18n';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorState } from '../../ui/ErrorMessage';
import { IconChat, IconChatPlus } from '../../ui/Icons';
import { IconButton, PageHeader } from '../../ui/PageHeader';
import { SkeletonRows } from '../../ui/Spinner';
import { useNow } from '../../ui/useNow';
import { useRooms } from './api';
import { FriendPickerSheet } from './FriendPickerSheet';
import { listTime, previewText, roomName } from './format';
import { usePeople, type People } from './people';
import { RoomAvatar } from './RoomAvatar';
import './chat.css';

/** The list of chats; `openRoomId` is the room open beside it on a wide screen. */
export function ChatsPage({ openRoomId }: { openRoomId?: string }) {
  const { t } = useTranslation();
  const rooms = useRooms();
  const [creating, setCreating] = useState(false);
  const list = rooms.data ?? [];

  return (
    <div className="page">
      <PageHeader
        title={t('chat.title')}
        large
        actions={
          <IconButton label={t('chat.newGroup')} onClick={() => setCreating(true)} testId="new-group">
            <IconChatPlus />
          </IconButton>
        }
      />
      <div className="page-body">
        {rooms.isPending ? (
          <SkeletonRows count={6} />
        ) : rooms.isError && !rooms.data ? (
          <ErrorState error={rooms.error} onRetry={() => void rooms.refetch()} />
        ) : list.length === 0 ? (
          <EmptyState
            icon={<IconChat size={32} />}
            title={t('chat.emptyTitle')}
            body={t('chat.emptyBody')}
            action={
              <div className="empty-actions">
                <Link to="/friends" className="btn btn-primary">
                  {t('friends.goToFriends')}
                </Link>
                <button type="button" className="btn btn-secondary" onClick={() => setCreating(true)}>
                  {t('chat.newGroup')}
                </button>
              </div>
            }
          />
        ) : (
          <RoomList rooms={list} openRoomId={openRoomId} />
        )}
      </div>
      {creating ? <FriendPickerSheet mode="create" onClose={() => setCreating(false)} /> : null}
    </div>
  );
}

function RoomList({ rooms, openRoomId }: { rooms: RoomSummary[]; openRoomId?: string }) {
  const others = useMemo(() => rooms.flatMap((r) => r.others), [rooms]);
  const people = usePeople(others);
  const now = useNow();
  return (
    <ul className="list room-list" data-testid="chat-list">
      {rooms.map((room) => (
        <RoomRow key={room.id} room={room} people={people} now={now} open={room.id === openRoomId} />
      ))}
    </ul>
  );
}

function RoomRow({ room, people, now, open }: { room: RoomSummary; people: People; now: number; open: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const lang = currentLanguage();
  const name = roomName(t, room, room.others);
  const preview = room.lastMessage ? previewText(t, room.lastMessage, people.name, lang) : '';
  const unread = room.unread > 999 ? '999+' : String(room.unread);
  return (
    <li className={`row room-row ${open ? 'is-open' : ''}`} data-testid="chat-row" data-room-id={room.id}>
      <button type="button" className="row-main" onClick={() => void navigate(`/chats/${room.id}`)} aria-current={open ? 'page' : undefined}>
        <RoomAvatar people={room.others} />
        <span className="row-text">
          <span className="row-title">
            <span className="row-name">{name}</span>
            {room.kind !== 'direct' ? <span className="room-row-count">{room.memberCount}</span> : null}
          </span>
          <span className="room-row-preview">{preview}</span>
        </span>
        <span className="room-row-side">
          <span className="room-row-time">{listTime(t, room.lastActivityAt, lang, now)}</span>
          {room.unread > 0 ? (
            <span className="unread-badge" data-testid="chat-unread-badge" aria-label={t('chat.unreadLabel', { count: room.unread })}>
              {unread}
            </span>
          ) : null}
        </span>
      </button>
    </li>
  );
}
