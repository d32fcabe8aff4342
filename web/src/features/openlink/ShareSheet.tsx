import { useTranslation } from 'react-i18next';
import type { OpenRoom } from '@maum/protocol';
import { Sheet } from '../../ui/Sheet';
import { RoomQr } from './RoomQr';

/** The room's link and its QR code, to bring people in. */
export function ShareSheet({ room, onClose }: { room: OpenRoom; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Sheet onClose={onClose} title={t('openlink.share.title')} testId="share-sheet">
      <RoomQr room={room} named />
    </Sheet>
  );
}
