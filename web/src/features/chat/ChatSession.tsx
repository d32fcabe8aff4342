import { useEffect, useState } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { accountsApi, type RoomSummary } from '@maum/protocol';
import { call, isApiError } from '../../api/client';
import { getSignOutReason, getToken } from '../../api/token';
import { chat, type ChatEvent } from '../../realtime';
import { Spinner } from '../../ui/Spinner';
import { chatKeys } from './api';
import { cardArrived } from './cards';
import { useConnectionStatus } from './hooks';
import './chat.css';

/** Keeps the chat connection open while someone is signed in, and the cached room list in step with it. */
export function ChatSession({ userId }: { userId: string }) {
  const queryClient = useQueryClient();
  useEffect(() => {
    chat.start(userId);
    const off = chat.on((event) => follow(queryClient, event));
    return () => {
      off();
      // A deliberate log-out leaves nothing of the account's chats on this device; an expired session keeps
      // unsent messages for when the same person logs back in.
      chat.stop({ forget: getToken() === null && getSignOutReason() === 'logged-out' });
    };
  }, [userId, queryClient]);
  return <ConnectingBanner />;
}

function updateRooms(queryClient: QueryClient, update: (rooms: RoomSummary[]) => RoomSummary[] | null): void {
  const rooms = queryClient.getQueryData<RoomSummary[]>(chatKeys.rooms);
  if (!rooms) return;
  const next = update(rooms);
  if (next === null) void queryClient.invalidateQueries({ queryKey: chatKeys.rooms });
  else if (next !== rooms) queryClient.setQueryData(chatKeys.rooms, next);
}

function follow(queryClient: QueryClient, event: ChatEvent): void {
  switch (event.type) {
    case 'message': {
      const { message, mine, viewing } = event;
      // A card tells of a change elsewhere (a gift box, a wallet, a certificate): its feature refreshes what it shows.
      if (message.kind === 'card') cardArrived(queryClient, message.body, mine);
      updateRooms(queryClient, (rooms) => {
        const room = rooms.find((r) => r.id === message.roomId);
        // A room this list has not seen yet: someone started it, or invited us.
        if (!room) return null;
        if (message.seq <= room.lastSeq) return rooms;
        const counts = !mine && !viewing && !message.hidden;
        const next: RoomSummary = {
          ...room,
          lastSeq: message.seq,
          lastMessage: message,
          lastActivityAt: message.createdAt,
          unread: counts ? room.unread + 1 : room.unread,
          readSeq: mine ? Math.max(room.readSeq, message.seq) : room.readSeq,
        };
        return [next, ...rooms.filter((r) => r !== room)];
      });
      break;
    }
    case 'read':
      updateRooms(queryClient, (rooms) =>
        rooms.map((room) => {
          if (room.id !== event.roomId || room.readSeq >= event.seq) return room;
          const unread = event.seq >= room.lastSeq ? 0 : Math.min(room.unread, room.lastSeq - event.seq);
          return { ...room, readSeq: event.seq, unread };
        }),
      );
      break;
    case 'deleted':
      updateRooms(queryClient, (rooms) =>
        rooms.map((room) =>
          room.id === event.roomId && room.lastMessage?.seq === event.seq
            ? { ...room, lastMessage: { ...room.lastMessage, deletedAt: new Date().toISOString(), body: {} } }
            : room,
        ),
      );
      break;
    case 'room-changed':
      void queryClient.invalidateQueries({ queryKey: chatKeys.room(event.roomId) });
      void queryClient.invalidateQueries({ queryKey: chatKeys.rooms });
      break;
    case 'reset':
    case 'caught-up':
      // The server's own counts replace the ones kept up here while messages streamed in.
      void queryClient.invalidateQueries({ queryKey: chatKeys.rooms });
      break;
    case 'unauthorized':
      // Asking over HTTP settles it: a session that is really over answers 401 there, which signs this tab out;
      // a socket refused for any other reason is tried again a little later.
      call(accountsApi.me).then(
        () => setTimeout(() => chat.resume(), 5000),
        (error: unknown) => {
          if (!(isApiError(error) && error.status === 401)) setTimeout(() => chat.resume(), 5000);
        },
      );
      break;
  }
}

/** Shown whenever the socket is not live, once it has been; on a first connect only if it takes a while. */
function ConnectingBanner() {
  const { t } = useTranslation();
  const { state, wasLive } = useConnectionStatus();
  const [slowStart, setSlowStart] = useState(false);
  useEffect(() => {
    if (wasLive) return;
    const timer = setTimeout(() => setSlowStart(true), 4000);
    return () => clearTimeout(timer);
  }, [wasLive]);
  const show = state !== 'live' && (wasLive || slowStart);
  if (!show) return null;
  return (
    <div className="connecting-banner" role="status" data-testid="connecting-banner">
      <Spinner size={14} />
      <span>{t('chat.connecting')}</span>
    </div>
  );
}
