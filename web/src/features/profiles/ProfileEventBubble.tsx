import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ProfileEventChatCard } from '@maum/protocol';
import { currentLanguage } from '../../i18n';
import { Avatar } from '../../ui/Avatar';
import { IconChevronRight } from '../../ui/Icons';
import type { CardRenderer } from '../chat';
import { profileKeys } from './api';
import { EventKindIcon } from './art';
import { formatDay } from './format';
import './profiles.css';

/** A friend's event on its day, as a card from Maum in chat: their face, the event and its day; it opens the wall. */
function ProfileEventBubble({ card }: { card: ProfileEventChatCard; mine: boolean; senderName: string }) {
  const { t } = useTranslation();
  const day = formatDay(card.occursOn, currentLanguage(), false);
  return (
    <Link
      to={`/profiles/${card.ownerId}/events/${card.eventId}`}
      className="profile-event-card"
      data-testid="profile-event-card"
      data-event-id={card.eventId}
      data-kind={card.kind}
    >
      <span className="profile-event-card-face">
        <Avatar name={card.ownerName} url={card.ownerAvatarUrl} seed={card.ownerId} size={56} />
        <span className={`event-icon profile-event-card-kind event-${card.kind}`}>
          <EventKindIcon kind={card.kind} size={16} />
        </span>
      </span>
      <span className="profile-event-card-text">
        <span className="profile-event-card-lead">{t(`profiles.card.lead.${card.kind}`, { name: card.ownerName })}</span>
        <strong className="profile-event-card-title" data-testid="profile-event-card-title">
          {card.title}
        </strong>
        <span className="profile-event-card-day">{t('profiles.card.today', { day })}</span>
      </span>
      <span className="profile-event-card-open">
        {card.giftsAllowed ? t('profiles.card.openWithGift') : t('profiles.card.open')}
        <IconChevronRight size={16} />
      </span>
    </Link>
  );
}

/** A friend's event card; the strip of upcoming events on the Friends tab is asked again when one arrives. */
export const profileEventCard: CardRenderer<'profile_event'> = {
  Bubble: ProfileEventBubble,
  bubbleClass: 'bubble-post',
  preview: (t, card) => t('profiles.card.preview', { name: card.ownerName, title: card.title }),
  arrived(queryClient) {
    void queryClient.invalidateQueries({ queryKey: profileKeys.upcoming });
  },
};
