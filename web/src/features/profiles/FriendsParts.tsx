import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Avatar } from '../../ui/Avatar';
import { IconBell } from '../../ui/Icons';
import { useUnreadNotices, useUpcoming } from './api';
import { EventKindIcon } from './art';
import { DayTag } from './parts';
import './profiles.css';

/** Friends' events in the next 30 days, soonest first, as a strip on the Friends tab; each opens its wall. */
export function UpcomingEvents() {
  const { t } = useTranslation();
  const upcoming = useUpcoming();
  if (!upcoming.data || upcoming.data.length === 0) return null;
  return (
    <section className="list-section upcoming" aria-labelledby="upcoming-heading" data-testid="upcoming-events">
      <h2 className="section-title" id="upcoming-heading">
        {t('profiles.upcoming.title')} <span className="section-count">{upcoming.data.length}</span>
      </h2>
      <ul className="upcoming-strip">
        {upcoming.data.map(({ owner, event }) => (
          <li key={event.id}>
            <Link
              to={`/profiles/${owner.id}/events/${event.id}`}
              className={`upcoming-card ${event.daysUntil === 0 ? 'is-today' : ''}`}
              data-testid="upcoming-event"
              data-handle={owner.handle}
              data-event-id={event.id}
            >
              <span className="upcoming-face">
                <Avatar name={owner.displayName} url={owner.avatarUrl} seed={owner.id} size={48} />
                <span className={`event-icon upcoming-kind event-${event.kind}`}>
                  <EventKindIcon kind={event.kind} size={14} />
                </span>
              </span>
              <span className="upcoming-name">{owner.displayName}</span>
              <span className="upcoming-title">{event.title}</span>
              <DayTag days={event.daysUntil} />
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The bell on the Friends tab: how many notices of my space are unread, live; it opens the list. */
export function NoticesBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const unread = useUnreadNotices();
  return (
    <button
      type="button"
      className="icon-btn notices-bell"
      onClick={() => void navigate('/profile/notices')}
      aria-label={unread > 0 ? t('profiles.notices.bellUnread', { count: unread }) : t('profiles.notices.title')}
      title={t('profiles.notices.title')}
      data-testid="notices-bell"
      data-unread={unread}
    >
      <IconBell />
      {unread > 0 ? (
        <span className="unread-badge bell-badge" data-testid="notices-badge">
          {unread > 99 ? '99+' : unread}
        </span>
      ) : null}
    </button>
  );
}
