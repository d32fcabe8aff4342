import { useTranslation } from 'react-i18next';
import { useBadges } from './api';
import './subscriptions.css';

/** A subscriber's small badge: the name of their tier. */
export function TierBadge({ tier }: { tier: string }) {
  const { t } = useTranslation();
  return (
    <span className="badge sub-tier-badge" title={t('subscriptions.section')} data-testid="subscriber-badge" data-tier={tier}>
      {tier}
    </span>
  );
}

/** The badge of a member of an open room, if they carry one (beside their name in the member list and in chat). */
export function SubscriberBadge({ roomId, memberId }: { roomId: string; memberId: string }) {
  const tier = useBadges(roomId).data?.get(memberId);
  return tier ? <TierBadge tier={tier} /> : null;
}
