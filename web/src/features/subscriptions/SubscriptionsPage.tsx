import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { SubscriptionId } from '@maum/protocol';
import { isApiError } from '../../api/client';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorState } from '../../ui/ErrorMessage';
import { IconStar } from '../../ui/Icons';
import { PageHeader } from '../../ui/PageHeader';
import { SkeletonRows } from '../../ui/Spinner';
import { useMySubscriptions, useSubscription } from './api';
import { SubscriptionStatus } from './SubscriptionStatus';
import './subscriptions.css';

/** More › Subscriptions: every room the caller subscribes (or subscribed) to, each with its status and actions. */
export function SubscriptionsPage() {
  const { t } = useTranslation();
  const mine = useMySubscriptions();
  return (
    <div className="page">
      <PageHeader title={t('subscriptions.title')} back="/more" />
      <div className="page-body sub-page" data-testid="subscriptions-page">
        {mine.isPending ? (
          <SkeletonRows count={3} />
        ) : mine.isError ? (
          <ErrorState error={mine.error} onRetry={() => void mine.refetch()} />
        ) : mine.data.length === 0 ? (
          <EmptyState icon={<IconStar size={32} />} title={t('subscriptions.empty')} body={t('subscriptions.emptyBody')} />
        ) : (
          <ul className="sub-list">
            {mine.data.map((subscription) => (
              <li key={subscription.id}>
                <SubscriptionStatus subscription={subscription} showRoom />
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

/** One subscription (`/more/subscriptions/:subscriptionId`), where its receipts in chat lead. */
export function SubscriptionPage() {
  const { t } = useTranslation();
  const { subscriptionId = '' } = useParams();
  const valid = SubscriptionId.safeParse(subscriptionId).success;
  const one = useSubscription(subscriptionId, valid);
  const missing = !valid || (isApiError(one.error) && (one.error.code === 'not_found' || one.error.status === 400));
  return (
    <div className="page">
      <PageHeader title={one.data?.roomName ?? t('subscriptions.title')} back="/more/subscriptions" />
      <div className="page-body sub-page" data-testid="subscription-page">
        {missing ? (
          <EmptyState icon={<IconStar size={32} />} title={t('errors.not_found')} />
        ) : one.isPending ? (
          <SkeletonRows count={3} />
        ) : one.isError ? (
          <ErrorState error={one.error} onRetry={() => void one.refetch()} />
        ) : (
          <SubscriptionStatus subscription={one.data} showRoom />
        )}
      </div>
    </div>
  );
}
