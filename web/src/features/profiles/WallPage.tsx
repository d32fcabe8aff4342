import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ProfileEventId, UserId, type CelebrationWall } from '@maum/protocol';
import { isApiError } from '../../api/client';
import { currentLanguage } from '../../i18n';
import { Avatar } from '../../ui/Avatar';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorState } from '../../ui/ErrorMessage';
import { IconGift, IconHeart } from '../../ui/Icons';
import { PageHeader } from '../../ui/PageHeader';
import { FullScreenSpinner } from '../../ui/Spinner';
import { relativeTime } from '../../ui/time';
import { useNow } from '../../ui/useNow';
import { useMe } from '../accounts';
import { OccasionGiftSheet } from '../gifts';
import { profileKeys, useWall } from './api';
import { EventKindIcon, ReactionIcon } from './art';
import { CelebrateBar } from './Celebrate';
import { cardTemplateFor } from './format';
import { Guestbook } from './Guestbook';
import { DayTag, EventDay } from './parts';
import './profiles.css';

/** The celebration wall of one event, at `/profiles/:userId/events/:eventId`. */
export function WallPage() {
  const { t } = useTranslation();
  const { userId = '', eventId = '' } = useParams();
  if (!UserId.safeParse(userId).success || !ProfileEventId.safeParse(eventId).success) {
    return (
      <div className="page">
        <PageHeader title={t('profiles.wall.title')} back="/friends" />
        <EmptyState title={t('profiles.wall.missing')} />
      </div>
    );
  }
  return <Wall key={`${userId}/${eventId}`} ownerId={userId} eventId={eventId} />;
}

function Wall({ ownerId, eventId }: { ownerId: string; eventId: string }) {
  const { t } = useTranslation();
  const wall = useWall(ownerId, eventId);
  if (wall.isPending) return <FullScreenSpinner label={t('common.loading')} />;
  if (wall.isError) {
    const missing = isApiError(wall.error) && wall.error.code === 'not_found';
    return (
      <div className="page">
        <PageHeader title={t('profiles.wall.title')} back={`/profiles/${ownerId}`} />
        {missing ? <EmptyState title={t('profiles.wall.missing')} /> : <ErrorState error={wall.error} onRetry={() => void wall.refetch()} />}
      </div>
    );
  }
  return <WallView wall={wall.data} />;
}

function WallView({ wall }: { wall: CelebrationWall }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const now = useNow();
  const me = useMe().data;
  const { owner: person, event } = wall;
  const owner = me?.id === person.id;
  const [giving, setGiving] = useState(false);
  const queryClient = useQueryClient();

  return (
    <div className="page wall-page" data-testid="wall-page" data-event-id={event.id} data-owner={owner}>
      <PageHeader title={event.title} back={`/profiles/${person.id}`} />
      <div className="page-body">
        <section className="wall-hero">
          <Link to={`/profiles/${person.id}`} className="wall-owner" data-testid="wall-owner">
            <Avatar name={person.displayName} url={person.avatarUrl} seed={person.id} size={64} />
            <span className={`event-icon wall-kind event-${event.kind}`}>
              <EventKindIcon kind={event.kind} size={18} />
            </span>
          </Link>
          <h2 className="wall-title" data-testid="wall-title">
            {event.title}
          </h2>
          <p className="wall-day">
            {owner ? null : <span>{person.displayName} · </span>}
            <EventDay event={event} /> <DayTag days={event.daysUntil} />
          </p>
          <CelebrateBar ownerId={person.id} eventId={event.id} celebrations={event.celebrations} owner={owner} />
          <p className="wall-total muted" data-testid="wall-celebrations" data-total={event.celebrations.total}>
            {t('profiles.wall.celebrated', { count: event.celebrations.total })}
          </p>
        </section>

        {wall.celebrators ? (
          <section className="list-section">
            <h3 className="section-title">
              {t('profiles.wall.who')} <span className="section-count">{wall.celebrators.length}</span>
            </h3>
            <ul className="celebrators" data-testid="wall-celebrators">
              {wall.celebrators.map((c) => (
                <li key={c.user.id} className="celebrator" data-testid="wall-celebrator" data-handle={c.user.handle} data-reaction={c.reaction}>
                  <Avatar name={c.user.displayName} url={c.user.avatarUrl} seed={c.user.id} size={40} />
                  <span className="celebrator-reaction" title={t(`profiles.reactions.${c.reaction}`)}>
                    <ReactionIcon reaction={c.reaction} size={14} />
                  </span>
                  <span className="celebrator-name">{c.user.displayName}</span>
                </li>
              ))}
            </ul>
          </section>
        ) : null}

        <section className="list-section wall-gifts" data-testid="wall-gifts" data-count={wall.gifts.count}>
          <h3 className="section-title">
            {t('profiles.wall.gifts')} <span className="section-count">{wall.gifts.count}</span>
          </h3>
          {wall.gifts.items.length > 0 ? (
            <ul className="list">
              {wall.gifts.items.map((gift) => (
                <li key={gift.giftId} className="row wall-gift" data-testid="wall-gift" data-sender={gift.from.handle}>
                  <Avatar name={gift.from.displayName} url={gift.from.avatarUrl} seed={gift.from.id} size={36} />
                  <span className="row-text">
                    <span className="row-title">{gift.productName}</span>
                    <span className="row-subtitle">
                      {t('profiles.wall.giftFrom', { name: gift.from.displayName })} · {relativeTime(gift.sentAt, lang, now)}
                    </span>
                  </span>
                  <IconGift size={18} />
                </li>
              ))}
            </ul>
          ) : null}
          {owner ? null : event.giftsAllowed ? (
            <button type="button" className="btn btn-primary btn-block btn-large" onClick={() => setGiving(true)} data-testid="wall-gift-send">
              <IconGift size={20} />
              {t('profiles.wall.sendGift', { name: person.displayName })}
            </button>
          ) : (
            <p className="no-gifts-note" data-testid="wall-no-gifts">
              <IconHeart size={16} />
              {t('profiles.wall.noGifts')}
            </p>
          )}
          {owner && !event.giftsAllowed ? <p className="no-gifts-note">{t('profiles.wall.noGiftsOwner')}</p> : null}
        </section>

        <section className="list-section wall-wishes">
          <h3 className="section-title">
            {t('profiles.wall.wishes')} <span className="section-count">{wall.entries.length}</span>
          </h3>
          <Guestbook ownerId={person.id} owner={owner} entries={wall.entries} eventId={event.id} />
        </section>
      </div>

      {giving ? (
        <OccasionGiftSheet
          recipient={person}
          occasion={{ profileEventId: event.id }}
          template={cardTemplateFor(event.kind)}
          note={
            <p className="occasion-note" data-testid="gift-occasion">
              <EventKindIcon kind={event.kind} size={16} />
              {t('profiles.wall.giftFor', { title: event.title })}
            </p>
          }
          onSent={() => void queryClient.invalidateQueries({ queryKey: profileKeys.wall(person.id, event.id) })}
          onClose={() => setGiving(false)}
        />
      ) : null}
    </div>
  );
}
