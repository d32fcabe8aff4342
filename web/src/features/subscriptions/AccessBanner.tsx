import { useCallback, useState, useSyncExternalStore } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { chat } from '../../realtime';
import { IconLock } from '../../ui/Icons';
import { useRoomSubscriptions } from './api';
import { RenewSheet } from './SubscriptionStatus';
import './subscriptions.css';

/** Whether the server refused one of the caller's messages in this room for want of a subscription. */
function useRefusedForSubscription(roomId: string): boolean {
  const getSnapshot = useCallback(() => chat.store.getRoom(roomId).pending.some((p) => p.failed === 'subscription_required'), [roomId]);
  return useSyncExternalStore(chat.store.subscribe, getSnapshot, getSnapshot);
}

/**
 * Above a subscribers-only room's conversation, for someone whose subscription ended (or a message was refused for
 * want of one): a line that says so, with Subscribe, which pays the same tier again or opens the room's tiers.
 * `exempt`: the host and co-hosts, who read and write without one; `accessEnded`: the chat room says the caller's
 * access ended (they read up to then).
 */
export function AccessBanner({ roomId, exempt, accessEnded }: { roomId: string; exempt: boolean; accessEnded: boolean }) {
  const { t } = useTranslation();
  const subs = useRoomSubscriptions(roomId, !exempt).data;
  const refused = useRefusedForSubscription(roomId);
  const [paying, setPaying] = useState(false);
  if (exempt || !subs || subs.manages) return null;
  const mine = subs.mine;
  const shut = accessEnded || (subs.subscribersOnly && !(mine?.access ?? false));
  if (!shut && !refused) return null;
  // The same tier is paid again right here while it takes subscribers; otherwise the room's page lists them.
  const tier = mine ? subs.tiers.find((x) => x.id === mine.tier.id && !x.closed) : undefined;
  return (
    <div className="sub-banner" role="status" data-testid="subscription-ended-banner">
      <IconLock size={16} />
      <span className="sub-banner-text">{mine ? t('subscriptions.banner.ended') : t('subscriptions.banner.required')}</span>
      {mine && tier ? (
        <button type="button" className="btn btn-primary btn-small" onClick={() => setPaying(true)} data-testid="subscription-banner-subscribe">
          {t('subscriptions.banner.action')}
        </button>
      ) : (
        <Link to={`/openlink/rooms/${roomId}#subscriptions`} className="btn btn-primary btn-small" data-testid="subscription-banner-subscribe">
          {t('subscriptions.banner.action')}
        </Link>
      )}
      {paying && mine ? <RenewSheet subscription={mine} onClose={() => setPaying(false)} /> : null}
    </div>
  );
}
