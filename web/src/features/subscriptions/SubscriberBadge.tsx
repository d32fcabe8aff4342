import { useEffect } from 'react';
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

// Members whose badge was asked for once since the app started, because the room's badges did not name them.
const asked = new Set<string>();

/**
 * The badge of a member of an open room, if they carry one (beside their name in chat). Nothing tells a room that
 * someone subscribed, so a sender the badges do not name has them asked again, once.
 */
export function SubscriberBadge({ roomId, memberId }: { roomId: string; memberId: string }) {
  const badges = useBadges(roomId);
  const known = badges.data !== undefined;
  const tier = badges.data?.get(memberId);
  const { refetch } = badges;
  useEffect(() => {
    const key = `${roomId} ${memberId}`;
    if (!known || tier !== undefined || asked.has(key)) return;
    asked.add(key);
    void refetch();
  }, [roomId, memberId, known, tier, refetch]);
  return tier ? <TierBadge tier={tier} /> : null;
}
