import { useTranslation } from 'react-i18next';
import type { Me } from '@maum/protocol';
import { Sheet } from '../../ui/Sheet';
import { MyQrCard } from './MyQrCard';

export function MyQrSheet({ me, onClose }: { me: Me; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Sheet onClose={onClose} title={t('friends.qrTitle')} testId="my-qr-sheet">
      <MyQrCard me={me} />
    </Sheet>
  );
}
