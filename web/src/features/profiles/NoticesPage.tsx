import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ProfileNotice } from '@maum/protocol';
import { currentLanguage } from '../../i18n';
import { Avatar } from '../../ui/Avatar';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorState } from '../../ui/ErrorMessage';
import { IconBell } from '../../ui/Icons';
import { PageHeader } from '../../ui/PageHeader';
import { SkeletonRows } from '../../ui/Spinner';
import { relativeTime } from '../../ui/time';
import { useNow } from '../../ui/useNow';
import { useMe } from '../accounts';
import { useNotices, useReadNotices } from './api';
import { ReactionIcon } from './art';
import './profiles.css';

/** What visitors did on my space, newest first: celebrations, guestbook entries and gifts. Opening it reads them all. */
export function NoticesPage() {
  const { t } = useTranslation();
  const notices = useNotices();
  const read = useReadNotices();
  const me = useMe().data;
  const marked = useRef(false);
  const unread = notices.data?.unread ?? 0;

  useEffect(() => {
    if (unread > 0 && !marked.current) {
      marked.current = true;
      read.mutate();
    }
  }, [unread, read]);

  return (
    <div className="page" data-testid="notices-page">
      <PageHeader title={t('profiles.notices.title')} back="/friends" />
      <div className="page-body">
        {notices.isPending ? (
          <SkeletonRows count={5} />
        ) : notices.isError ? (
          <ErrorState error={notices.error} onRetry={() => void notices.refetch()} />
        ) : notices.data.notices.length === 0 ? (
          <EmptyState icon={<IconBell size={32} />} title={t('profiles.notices.empty')} />
        ) : (
          <ul className="list">
            {notices.data.notices.map((notice) => (
              <Notice key={notice.id} notice={notice} ownerId={me?.id ?? ''} />
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

function Notice({ notice, ownerId }: { notice: ProfileNotice; ownerId: string }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const now = useNow();
  const name = notice.from.displayName;
  const event = notice.event?.title ?? '';
  let text: string;
  switch (notice.kind) {
    case 'celebration':
      text = t('profiles.notices.celebration', { name, event });
      break;
    case 'guestbook':
      text = notice.event ? t('profiles.notices.wish', { name, event }) : notice.secret ? t('profiles.notices.secretEntry', { name }) : t('profiles.notices.entry', { name });
      break;
    case 'gift':
      text = t('profiles.notices.gift', { name, product: notice.productName ?? '', event });
      break;
  }
  const to = notice.event ? `/profiles/${ownerId}/events/${notice.event.id}` : `/profiles/${ownerId}`;
  return (
    <li>
      <Link to={to} className={`row notice-row ${notice.read ? '' : 'is-unread'}`} data-testid="notice" data-kind={notice.kind} data-read={notice.read}>
        <Avatar name={name} url={notice.from.avatarUrl} seed={notice.from.id} size={44} />
        <span className="row-text">
          <span className="notice-text">{text}</span>
          <span className="row-subtitle">{relativeTime(notice.createdAt, lang, now)}</span>
        </span>
        {notice.reaction ? (
          <span className="notice-reaction">
            <ReactionIcon reaction={notice.reaction} size={18} />
          </span>
        ) : null}
      </Link>
    </li>
  );
}
