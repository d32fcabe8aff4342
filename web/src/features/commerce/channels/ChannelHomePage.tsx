import { useParams, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ChannelId, type ChannelHome } from '@maum/protocol';
import { isApiError } from '../../../api/client';
import { Avatar } from '../../../ui/Avatar';
import { EmptyState } from '../../../ui/EmptyState';
import { ErrorMessage, ErrorState } from '../../../ui/ErrorMessage';
import { IconChat, IconCheck, IconPlus } from '../../../ui/Icons';
import { PageHeader } from '../../../ui/PageHeader';
import { FullScreenSpinner } from '../../../ui/Spinner';
import { useToast } from '../../../ui/Toast';
import { errorText } from '../../../i18n/errors';
import { useChannelHome, useChatWithChannel, useFollow, useUnfollow } from '../api';
import { ShopProductGrid } from '../parts';
import { PostCard } from './PostCard';
import '../commerce.css';

export function ChannelHomePage() {
  const { t } = useTranslation();
  const { channelId = '' } = useParams();
  if (!ChannelId.safeParse(channelId).success) {
    return (
      <div className="page">
        <PageHeader title={t('commerce.channels.title')} back="/channels" />
        <EmptyState title={t('commerce.channel.missing')} />
      </div>
    );
  }
  return <Home key={channelId} channelId={channelId} />;
}

function Home({ channelId }: { channelId: string }) {
  const { t } = useTranslation();
  const home = useChannelHome(channelId);
  if (home.isPending) return <FullScreenSpinner label={t('common.loading')} />;
  if (home.isError) {
    const missing = isApiError(home.error) && home.error.code === 'not_found';
    return (
      <div className="page">
        <PageHeader title={t('commerce.channels.title')} back="/channels" />
        {missing ? <EmptyState title={t('commerce.channel.missing')} /> : <ErrorState error={home.error} onRetry={() => void home.refetch()} />}
      </div>
    );
  }
  return <HomeView home={home.data} />;
}

function HomeView({ home }: { home: ChannelHome }) {
  const { t } = useTranslation();
  const { channel, posts, products } = home;
  return (
    <div className="page page-wide channel-page" data-testid="channel-home">
      <PageHeader title={channel.name} back="/channels" />
      <div className="page-body">
        <div className="channel-cover" style={channel.coverUrl ? { backgroundImage: `url("${channel.coverUrl}")` } : undefined} data-testid="channel-cover" />
        <div className="channel-identity">
          <Avatar name={channel.name} url={channel.profileUrl} seed={channel.id} size={72} className="channel-avatar" />
          <h2 className="channel-name" data-testid="channel-name">
            {channel.name}
          </h2>
          <p className="muted">
            {t(`commerce.category.${channel.category}`)} · <span data-testid="channel-followers">{t('commerce.channel.followers', { count: channel.followers })}</span>
          </p>
          {channel.description ? <p className="channel-description">{channel.description}</p> : null}
        </div>
        <ChannelActions home={home} />

        <section className="shop-section">
          <h2 className="section-title">{t('commerce.channel.posts')}</h2>
          {posts.length === 0 ? (
            <EmptyState title={t('commerce.channel.noPosts')} />
          ) : (
            <div className="post-list" data-testid="channel-posts">
              {posts.map((post) => (
                <PostCard key={post.id} post={post} />
              ))}
            </div>
          )}
        </section>

        <section className="shop-section">
          <h2 className="section-title">{t('commerce.channel.store')}</h2>
          {products.length === 0 ? <EmptyState title={t('commerce.channel.noProducts')} /> : <ShopProductGrid products={products} testId="channel-store" />}
        </section>
      </div>
    </div>
  );
}

function ChannelActions({ home }: { home: ChannelHome }) {
  const { t } = useTranslation();
  const toast = useToast();
  const navigate = useNavigate();
  const { channel } = home;
  const follow = useFollow(channel.id);
  const unfollow = useUnfollow(channel.id);
  const chat = useChatWithChannel();
  const busy = follow.isPending || unfollow.isPending;
  const onError = (error: unknown) => toast(errorText(t, error));

  return (
    <div className="channel-actions">
      <div className="channel-buttons">
        {channel.following ? (
          <button
            type="button"
            className="btn btn-secondary"
            disabled={busy}
            onClick={() => unfollow.mutate(undefined, { onSuccess: () => toast(t('commerce.channel.removedToast', { name: channel.name })), onError })}
            data-testid="channel-unfollow"
          >
            <IconCheck size={18} />
            {t('commerce.channel.added')}
          </button>
        ) : (
          <button
            type="button"
            className="btn btn-primary"
            disabled={busy}
            onClick={() => follow.mutate(true, { onSuccess: () => toast(t('commerce.channel.addedToast', { name: channel.name })), onError })}
            data-testid="channel-follow"
          >
            <IconPlus size={18} />
            {t('commerce.channel.add')}
          </button>
        )}
        <button
          type="button"
          className="btn btn-secondary"
          disabled={chat.isPending}
          onClick={() => chat.mutate(channel.id, { onSuccess: (room) => void navigate(`/chats/${room.id}`) })}
          data-testid="channel-chat"
        >
          <IconChat size={18} />
          {t('commerce.channel.chat')}
        </button>
      </div>
      {channel.following ? (
        <label className="toggle-row">
          <input type="checkbox" checked={channel.notify} disabled={busy} onChange={(e) => follow.mutate(e.target.checked, { onError })} data-testid="channel-notify" />
          <span>{t('commerce.channel.notify')}</span>
        </label>
      ) : null}
      <ErrorMessage error={chat.error} />
    </div>
  );
}
