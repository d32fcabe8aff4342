import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../ui/ErrorMessage';
import { Sheet } from '../../ui/Sheet';
import { SkeletonRows } from '../../ui/Spinner';
import { useRoomSubscriptions } from './api';
import { EarningsPanel } from './EarningsPanel';
import { PayoutsPanel } from './PayoutsPanel';
import { TiersPanel } from './TiersPanel';
import './subscriptions.css';

const tabs = ['tiers', 'earnings', 'payouts'] as const;
type Tab = (typeof tabs)[number];

/** The host's (or an earnings co-host's) subscriptions console for a room: its tiers, its earnings, and payouts. */
export function HostConsoleSheet({ roomId, onClose }: { roomId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const subs = useRoomSubscriptions(roomId);
  const [tab, setTab] = useState<Tab>('tiers');
  return (
    <Sheet onClose={onClose} title={t('subscriptions.host.title')} size="full" testId="host-subscriptions">
      <div className="segmented" role="tablist" aria-label={t('subscriptions.host.title')}>
        {tabs.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            className="segment"
            aria-selected={tab === name}
            onClick={() => setTab(name)}
            data-testid={`host-tab-${name}`}
          >
            {t(`subscriptions.host.tabs.${name}`)}
          </button>
        ))}
      </div>
      {tab === 'tiers' ? (
        subs.isPending ? (
          <SkeletonRows count={3} />
        ) : subs.isError ? (
          <ErrorState error={subs.error} onRetry={() => void subs.refetch()} />
        ) : (
          <TiersPanel data={subs.data} />
        )
      ) : null}
      {tab === 'earnings' ? <EarningsPanel roomId={roomId} /> : null}
      {tab === 'payouts' ? <PayoutsPanel /> : null}
    </Sheet>
  );
}
