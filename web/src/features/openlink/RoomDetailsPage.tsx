import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { OpenLinkCode, RoomId, type OpenRoom, type SubscriptionTier } from '@maum/protocol';
import { isApiError } from '../../api/client';
import { currentLanguage } from '../../i18n';
import { Avatar } from '../../ui/Avatar';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorMessage, ErrorState } from '../../ui/ErrorMessage';
import { IconClock, IconOpenLink } from '../../ui/Icons';
import { PageHeader } from '../../ui/PageHeader';
import { FullScreenSpinner, SkeletonRows } from '../../ui/Spinner';
import { clockTime } from '../../ui/time';
import { RoomSubscriptionsSection, SubscriberPosts, useRoomSubscriptions } from '../subscriptions';
import { useOpenRoom, usePreview, useRoomByLink } from './api';
import { count } from './format';
import { JoinSheet } from './JoinSheet';
import { JoinModeBadge, LanguageList, TagLinks } from './RoomCard';
import { RoomQr } from './RoomQr';
import { SubscribeTierSheet } from './SubscribeTierSheet';
import './openlink.css';

/** A room as anyone sees it before joining (`/openlink/rooms/:roomId`). */
export function OpenRoomPage() {
  const { roomId = '' } = useParams();
  const valid = RoomId.safeParse(roomId).success;
  const room = useOpenRoom(roomId, { enabled: valid, fresh: true });
  if (!valid) return <Missing />;
  return <Loaded room={room.data} error={room.error} pending={room.isPending} onRetry={() => void room.refetch()} />;
}

/** A room's shareable link (`/open/:code`), from a message or a QR code. */
export function OpenLinkPage() {
  const { code = '' } = useParams();
  if (!OpenLinkCode.safeParse(code).success) return <Missing />;
  return <ByLink code={code} />;
}

function ByLink({ code }: { code: string }) {
  const byLink = useRoomByLink(code);
  // Once found, the room is followed by its id, so joining updates this page too.
  const room = useOpenRoom(byLink.data?.id ?? '', { enabled: byLink.data !== undefined, fresh: true });
  return <Loaded room={room.data ?? byLink.data} error={byLink.error} pending={byLink.isPending} onRetry={() => void byLink.refetch()} />;
}

function Loaded({ room, error, pending, onRetry }: { room: OpenRoom | undefined; error: unknown; pending: boolean; onRetry: () => void }) {
  const { t } = useTranslation();
  if (room) return <RoomDetails room={room} />;
  if (pending) return <FullScreenSpinner label={t('common.loading')} />;
  if (isApiError(error) && (error.code === 'not_found' || error.status === 400)) return <Missing />;
  return (
    <div className="page">
      <PageHeader title={t('tabs.openlink')} back="/openlink" />
      <div className="page-body fullscreen-center">
        <ErrorState error={error} onRetry={onRetry} />
      </div>
    </div>
  );
}

function Missing() {
  const { t } = useTranslation();
  return (
    <div className="page">
      <PageHeader title={t('tabs.openlink')} back="/openlink" />
      <div className="page-body fullscreen-center">
        <EmptyState
          icon={<IconOpenLink size={32} />}
          title={t('openlink.room.missing')}
          action={
            <Link to="/openlink" className="btn btn-primary">
              {t('openlink.room.backToDiscover')}
            </Link>
          }
        />
      </div>
    </div>
  );
}

function RoomDetails({ room }: { room: OpenRoom }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const [joining, setJoining] = useState(false);
  const [subscribing, setSubscribing] = useState<SubscriptionTier | null>(null);
  const subs = useRoomSubscriptions(room.id).data;
  // Someone who may not come in without a subscription subscribes instead of joining.
  const shut = subs !== undefined && subs.subscribersOnly && !subs.manages && !(subs.mine?.access ?? false) && room.role === null;
  const sells = subs !== undefined && (subs.tiers.length > 0 || subs.manages);
  const firstOpenTier = room.closed ? undefined : subs?.tiers.find((tier) => !tier.closed);
  return (
    <div className="page">
      <PageHeader title={room.name} back="/openlink" />
      <div className="page-body open-body" data-testid="open-room-page" data-room-id={room.id}>
        <div className="open-hero">
          <Avatar name={room.name} url={room.coverUrl} seed={room.id} size={72} className="open-cover" />
          <h2 className="open-hero-name" data-testid="open-room-name">
            {room.name}
          </h2>
          <p className="open-hero-meta">
            <span>{t(`openlink.categories.${room.category}`)}</span>
            <span aria-hidden="true">·</span>
            <span data-testid="open-room-members">{t('openlink.card.members', { count: room.memberCount, cap: count(room.memberCap, lang) })}</span>
            <JoinModeBadge mode={room.joinMode} />
          </p>
          {room.description ? <p className="open-hero-description">{room.description}</p> : null}
          <p className="open-hero-langs">
            {t('openlink.room.languages')} <LanguageList languages={room.languages} />
          </p>
          <TagLinks tags={room.tags} />
        </div>
        {room.closed && room.role === null ? (
          <p className="open-preview-note open-subscribe-note" data-testid="open-room-closed">
            {t('errors.room_closed')}
          </p>
        ) : shut ? (
          <p className="open-preview-note open-subscribe-note" data-testid="open-subscribe-to-join">
            {t('subscriptions.joinBySubscribing')}
          </p>
        ) : (
          <JoinBar room={room} onJoin={() => setJoining(true)} />
        )}
        <section className="open-section">
          <h3 className="section-title">{t('openlink.preview.title')}</h3>
          <Preview roomId={room.id} />
        </section>
        <RoomSubscriptionsSection roomId={room.id} closed={room.closed} onSubscribe={setSubscribing} />
        {sells ? (
          <section className="open-section">
            <h3 className="section-title">{t('subscriptions.posts.title')}</h3>
            <SubscriberPosts roomId={room.id} onSubscribe={firstOpenTier && !subs?.manages ? () => setSubscribing(firstOpenTier) : undefined} />
          </section>
        ) : null}
        <section className="open-section">
          <h3 className="section-title">{t('openlink.share.title')}</h3>
          <RoomQr room={room} />
        </section>
      </div>
      {joining ? <JoinSheet room={room} onClose={() => setJoining(false)} /> : null}
      {subscribing ? <SubscribeTierSheet room={room} tier={subscribing} onClose={() => setSubscribing(null)} /> : null}
    </div>
  );
}

/** What the caller can do now: open the chat they are in, wait for the host, or join. */
function JoinBar({ room, onJoin }: { room: OpenRoom; onJoin: () => void }) {
  const { t } = useTranslation();
  if (room.format === 'one_to_one' && room.role) {
    return (
      <div className="open-join-bar">
        <Link to="/chats" className="btn btn-secondary btn-block" data-testid="open-enter">
          {t('openlink.room.hostChats')}
        </Link>
      </div>
    );
  }
  if (room.conversationId) {
    return (
      <div className="open-join-bar">
        <Link to={`/chats/${room.conversationId}`} className="btn btn-primary btn-block" data-testid="open-enter">
          {t('openlink.room.openChat')}
        </Link>
      </div>
    );
  }
  if (room.role) {
    return (
      <div className="open-join-bar">
        <Link to={`/chats/${room.id}`} className="btn btn-primary btn-block" data-testid="open-enter">
          {t('openlink.room.enter')}
        </Link>
      </div>
    );
  }
  if (room.pending) {
    return (
      <div className="open-join-bar open-pending" role="status" data-testid="open-pending">
        <IconClock size={18} />
        <span>{t('openlink.join.pending')}</span>
      </div>
    );
  }
  const full = room.format === 'group' && room.memberCount >= room.memberCap;
  return (
    <div className="open-join-bar">
      <button type="button" className="btn btn-primary btn-block" onClick={onJoin} disabled={full} data-testid="open-join">
        {room.format === 'one_to_one'
          ? t('openlink.room.startChat')
          : full
            ? t('openlink.room.full')
            : room.joinMode === 'request'
              ? t('openlink.join.request')
              : t('openlink.join.join')}
      </button>
    </div>
  );
}

function Preview({ roomId }: { roomId: string }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const preview = usePreview(roomId, lang);
  if (preview.isPending) return <SkeletonRows count={3} />;
  if (preview.isError) {
    const hidden = isApiError(preview.error) && (preview.error.status === 403 || preview.error.code === 'forbidden');
    return hidden ? (
      <p className="open-preview-note" data-testid="open-preview-hidden">
        {t('openlink.preview.hidden')}
      </p>
    ) : (
      <ErrorMessage error={preview.error} />
    );
  }
  if (preview.data.length === 0) {
    return (
      <p className="open-preview-note" data-testid="open-preview-empty">
        {t('openlink.preview.empty')}
      </p>
    );
  }
  return (
    <ul className="open-preview" data-testid="open-preview">
      {preview.data.map((message) => (
        <li key={message.seq} className="open-preview-line" data-testid="preview-message" data-translated={message.translated !== null}>
          <span className="open-preview-name">{message.senderName}</span>
          {/* In the reader's language where the server could translate it, so nobody subscribes to words they cannot read. */}
          <span className="open-preview-text" lang={message.translated !== null ? lang : undefined} title={message.translated !== null ? message.text : undefined}>
            {message.translated ?? message.text}
          </span>
          <time className="open-preview-time" dateTime={message.createdAt}>
            {clockTime(message.createdAt, lang)}
          </time>
        </li>
      ))}
    </ul>
  );
}
