import { useTranslation } from 'react-i18next';
import type { OpenRoom } from '@maum/protocol';
import { QrLink } from '../../ui/QrLink';

/** The address that opens a room from outside the app: `/open/<code>`. */
export function roomLink(code: string): string {
  return `${window.location.origin}/open/${code}`;
}

/** A room's QR code and link, as a room page and the room's drawer show them; `named` puts the room's name above. */
export function RoomQr({ room, named = false }: { room: Pick<OpenRoom, 'name' | 'linkCode'>; named?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="qr-card" data-testid="room-qr">
      {named ? <span className="qr-name">{room.name}</span> : null}
      <QrLink link={roomLink(room.linkCode)} title={t('openlink.share.qrTitle', { name: room.name })} linkLabel={room.name} testId="room-qr">
        <p className="qr-hint">{t('openlink.share.hint')}</p>
      </QrLink>
    </div>
  );
}
