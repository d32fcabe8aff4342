import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { SubscriptionChatCard } from '@maum/protocol';
import { currentLanguage } from '../../i18n';
import { IconChevronRight, IconStar } from '../../ui/Icons';
import { formatMoney } from '../../ui/money';
import type { CardRenderer } from '../chat';
import { walletKeys } from '../wallet';
import { subscriptionKeys } from './api';
import { formatDay } from './format';
import './subscriptions.css';

/** The line under the amount: the period paid, until when access is kept, or from when a new price applies. */
function CardDetail({ card }: { card: SubscriptionChatCard }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  let line: string | null = null;
  if ((card.event === 'charged' || card.event === 'renewed') && card.periodEnd) line = t('subscriptions.card.periodEnd', { date: formatDay(card.periodEnd, lang) });
  if (card.event === 'payment_failed' && card.until) line = t('subscriptions.card.graceUntil', { date: formatDay(card.until, lang) });
  if (card.event === 'price_changing' && card.until) line = t('subscriptions.card.priceFrom', { date: formatDay(card.until, lang) });
  return line ? <span className="sub-card-detail">{line}</span> : null;
}

/** A receipt or notice from Maum Subscriptions: what happened, to which room and tier, how much; it opens the subscription. */
function SubscriptionBubble({ card }: { card: SubscriptionChatCard; mine: boolean; senderName: string }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const amount = formatMoney(card.amount, lang);
  return (
    <Link
      to={`/more/subscriptions/${card.subscriptionId}`}
      className={`sub-card sub-card-${card.event}`}
      data-testid="subscription-card"
      data-event={card.event}
      data-subscription-id={card.subscriptionId}
      data-amount={card.amount}
    >
      <span className="sub-card-head">
        <IconStar size={16} />
        <span className="sub-card-event">{t(`subscriptions.card.${card.event}`)}</span>
      </span>
      <strong className="sub-card-room">{card.roomName}</strong>
      <span className="sub-card-tier">{card.tierName}</span>
      <span className="sub-card-amount" data-testid="subscription-card-amount">
        {card.event === 'payment_failed' ? t('subscriptions.card.due', { amount }) : amount}
      </span>
      <CardDetail card={card} />
      <span className="sub-card-open">
        {t('subscriptions.card.open')}
        <IconChevronRight size={16} />
      </span>
    </Link>
  );
}

/** Subscription cards; one arriving means a charge, a refund or a change: the subscriptions and the wallet are asked again. */
export const subscriptionCard: CardRenderer<'subscription'> = {
  Bubble: SubscriptionBubble,
  bubbleClass: 'bubble-post',
  preview: (t, card) =>
    t('subscriptions.card.preview', {
      event: t(`subscriptions.card.${card.event}`),
      room: card.roomName,
      amount: formatMoney(card.amount, currentLanguage()),
    }),
  arrived(queryClient) {
    void queryClient.invalidateQueries({ queryKey: subscriptionKeys.root });
    void queryClient.invalidateQueries({ queryKey: walletKeys.root });
  },
};
