import { useTranslation } from 'react-i18next';
import type { OpenRoom } from '@maum/protocol';
import { QrLink } from '../../ui/QrLink';

/** The address that opens a room from outside the app: `/open/<code>`. */
export function roomLink(code: string): string {
  return `${window.location.origin}/open/${code}`;
}

/** A room's QR code and link, as a room page and the room's drawer show them. */
export function RoomQr({ room }: { room: Pick<OpenRoom, 'name' | 'linkCode'> }) {
  const { t } = useTranslation();
  return (
    <div className="qr-card" data-testid="room-qr">
      <span className="qr-name">{room.name}</span>
      <QrLink link={roomLink(room.linkCode)} title={t('openlink.share.qrTitle', { name: room.name })} linkLabel={room.name} testId="room-qr">
        <p className="qr-hint">{t('openlink.share.hint')}</p>
      </QrLink>
    </div>
  );
}
