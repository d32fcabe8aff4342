import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoomSubscriptions, Subscription, SubscriptionTier } from '@maum/protocol';
import { currentLanguage } from '../../i18n';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { IconLock } from '../../ui/Icons';
import { formatMoney } from '../../ui/money';
import { SkeletonRows } from '../../ui/Spinner';
import { useRoomSubscriptions } from './api';
import { SubscriptionStatus } from './SubscriptionStatus';
import { TierCard } from './TierCard';
import './subscriptions.css';

/** A subscription that still runs (paid, or in grace): its holder subscribes to nothing more in the room. */
export function holds(mine: Subscription | null): boolean {
  return mine !== null && (mine.status === 'active' || mine.status === 'cancelled' || mine.status === 'grace');
}

/**
 * A room's subscriptions, on its page: whether it is for subscribers only, the caller's own subscription, and the
 * tiers, each with its Subscribe button while it takes subscribers (and the room is not `closed`). Nothing when the
 * room sells none.
 */
export function RoomSubscriptionsSection({
  roomId,
  closed = false,
  onSubscribe,
}: {
  roomId: string;
  closed?: boolean;
  onSubscribe: (tier: SubscriptionTier) => void;
}) {
  const { t } = useTranslation();
  const subs = useRoomSubscriptions(roomId);
  const loaded = subs.data !== undefined;
  // A link to `#subscriptions` (from the room's drawer, a locked post, the ended banner) scrolls here once it is drawn.
  useEffect(() => {
    if (loaded && window.location.hash === '#subscriptions') document.getElementById('subscriptions')?.scrollIntoView({ block: 'start' });
  }, [loaded]);
  if (subs.isPending) return <SkeletonRows count={2} />;
  if (subs.isError) return <ErrorMessage error={subs.error} />;
  const data = subs.data;
  if (data.tiers.length === 0 && !data.mine && !data.manages) return null;
  return (
    <section className="open-section sub-section" id="subscriptions" data-testid="room-subscriptions" data-subscribers-only={data.subscribersOnly}>
      <h3 className="section-title">{t('subscriptions.section')}</h3>
      {data.subscribersOnly ? (
        <p className="sub-only-note" data-testid="subscribers-only-note">
          <IconLock size={16} />
          <span>
            <strong>{t('subscriptions.subscribersOnly')}</strong> {t('subscriptions.subscribersOnlyHint')}
          </span>
        </p>
      ) : null}
      {data.mine ? (
        <div className="sub-mine">
          <h4 className="sub-subtitle">{t('subscriptions.mine')}</h4>
          <SubscriptionStatus subscription={data.mine} />
        </div>
      ) : null}
      <TierList data={data} buys={!closed && !data.manages && !holds(data.mine)} onSubscribe={onSubscribe} />
    </section>
  );
}

/** `buys`: the caller may subscribe here (managers sell the tiers; a running subscription is changed from its status). */
function TierList({ data, buys, onSubscribe }: { data: RoomSubscriptions; buys: boolean; onSubscribe: (tier: SubscriptionTier) => void }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  if (data.tiers.length === 0) return <p className="sub-empty">{t('subscriptions.noTiers')}</p>;
  return (
    <ul className="sub-tiers" data-testid="tier-list">
      {data.tiers.map((tier) => (
        <TierCard
          key={tier.id}
          tier={tier}
          mine={data.mine?.tier.id === tier.id && holds(data.mine)}
          action={
            buys && !tier.closed ? (
              <button type="button" className="btn btn-primary btn-block" onClick={() => onSubscribe(tier)} data-testid="subscribe-tier">
                {t('subscriptions.subscribe', { price: formatMoney(tier.price, lang) })}
              </button>
            ) : null
          }
        />
      ))}
    </ul>
  );
}
