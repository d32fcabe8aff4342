import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../i18n';
import type { OpenRoomParts } from '../chat';
import { SubscriberBadge } from '../subscriptions';
import { useOpenRoom } from './api';
import { moderates, slowModeLabel } from './format';
import { MessageActions } from './MessageActions';
import { MessageText } from './MessageText';
import { OpenRoomInfoSheet } from './OpenRoomInfoSheet';
import { RoomBanner } from './RoomBanner';

const free = { disabled: false, note: null };

/**
 * A member whose subscription to a subscribers-only room ended takes no part; an announcements-only room takes only
 * its hosts' words; slow mode holds members back between messages.
 */
function useComposerNote(roomId: string, open: boolean, accessEnded: boolean): { disabled: boolean; note: string | null } {
  const { t } = useTranslation();
  const room = useOpenRoom(roomId, { enabled: open }).data;
  if (open && accessEnded) return { disabled: true, note: t('subscriptions.banner.ended') };
  if (!open || !room) return free;
  const host = moderates(room);
  if (room.readOnly && !host) return { disabled: true, note: t('openlink.room.readOnlyNote') };
  if (room.readOnly) return { disabled: false, note: t('openlink.room.readOnlyHostNote') };
  if (room.slowModeSeconds > 0 && !host) return { disabled: false, note: t('openlink.room.slowModeNote', { time: slowModeLabel(room.slowModeSeconds, currentLanguage()) }) };
  return free;
}

/** What chat shows in an open room, registered at start in app/openRoom.ts. */
export const openRoomParts: OpenRoomParts = {
  Banner: RoomBanner,
  Text: MessageText,
  MessageActions,
  senderBadge: (roomId, senderId) => <SubscriberBadge roomId={roomId} memberId={senderId} />,
  InfoSheet: OpenRoomInfoSheet,
  useComposerNote,
};
