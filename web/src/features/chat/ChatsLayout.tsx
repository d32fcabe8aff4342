import { Outlet, useMatch } from 'react-router';
import { useTranslation } from 'react-i18next';
import { IconChat } from '../../ui/Icons';
import { SplitPlaceholder, SplitView } from '../../ui/SplitView';
import { useWide } from '../../ui/useWide';
import { ChatsPage } from './ChatsPage';
import './chat.css';

/**
 * Chats and the open room. On a wide screen the list stays on the left and the room (`/chats/:roomId`) opens on the
 * right; on a phone the room has the whole screen and the list comes back with Back.
 */
export function ChatsLayout() {
  const wide = useWide();
  const open = useMatch('/chats/:roomId');
  if (!wide) return open ? <Outlet /> : <ChatsPage />;
  return <SplitView list={<ChatsPage openRoomId={open?.params.roomId} />} detail={<Outlet />} testId="chats-split" />;
}

/** The right side of Chats on a wide screen while no room is open. */
export function NoRoomOpen() {
  const { t } = useTranslation();
  return <SplitPlaceholder icon={<IconChat size={40} />} title={t('chat.pickRoom')} body={t('chat.pickRoomBody')} />;
}
