import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SubscriptionTier } from '@maum/protocol';
import { currentLanguage } from '../../i18n';
import { formatMoney } from '../../ui/money';
import { formatDay } from './format';
import './subscriptions.css';

/**
 * A tier as anyone sees it: its name, its price a month, its perks, whether it still takes subscribers and a price
 * change announced ahead. `action` goes at its foot (Subscribe, or a host's Edit).
 */
export function TierCard({ tier, mine = false, action, children }: { tier: SubscriptionTier; mine?: boolean; action?: ReactNode; children?: ReactNode }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  return (
    <li className={`sub-tier ${tier.closed ? 'is-closed' : ''}`} data-testid="tier-card" data-tier-name={tier.name} data-tier-id={tier.id} data-closed={tier.closed}>
      <div className="sub-tier-head">
        <span className="sub-tier-name">{tier.name}</span>
        {mine ? <span className="badge badge-yellow">{t('subscriptions.yourTier')}</span> : null}
        {tier.closed ? (
          <span className="badge badge-plain" data-testid="tier-closed">
            {t('subscriptions.closed')}
          </span>
        ) : null}
        <span className="sub-tier-price" data-testid="tier-price" data-amount={tier.price.amount}>
          {t('subscriptions.perMonth', { price: formatMoney(tier.price, lang) })}
        </span>
      </div>
      {tier.perks ? <p className="sub-tier-perks">{tier.perks}</p> : null}
      {tier.nextPrice ? (
        <p className="sub-tier-next" data-testid="tier-next-price" data-amount={tier.nextPrice.price.amount}>
          {t('subscriptions.nextPrice', { price: formatMoney(tier.nextPrice.price, lang), date: formatDay(tier.nextPrice.from, lang) })}
        </p>
      ) : null}
      {tier.closed ? <p className="sub-tier-note">{t('subscriptions.closedHint')}</p> : null}
      {children}
      {action}
    </li>
  );
}
