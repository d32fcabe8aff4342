import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Post, PostChatCard } from '@maum/protocol';
import { currentLanguage } from '../../../i18n';
import { useNow } from '../../../ui/useNow';
import type { CardRenderer } from '../../chat';
import { dateTime, ShopProductGrid } from '../parts';
import '../commerce.css';

/** A post on a channel's home; a deal shows its products and whether its window is open. */
export function PostCard({ post }: { post: Post }) {
  const lang = currentLanguage();
  return (
    <article className="post-card" data-testid="channel-post" data-post-id={post.id}>
      <p className="post-text">{post.text}</p>
      {post.imageUrls.length > 0 ? <PostImages urls={post.imageUrls} /> : null}
      {post.deal ? <DealBlock deal={post.deal} /> : null}
      <time className="post-time muted" dateTime={post.createdAt}>
        {dateTime(post.createdAt, lang)}
      </time>
    </article>
  );
}

export function PostImages({ urls }: { urls: readonly string[] }) {
  return (
    <div className="post-images">
      {urls.map((url) => (
        <img key={url} src={url} alt="" loading="lazy" decoding="async" />
      ))}
    </div>
  );
}

function DealBlock({ deal }: { deal: NonNullable<Post['deal']> }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  return (
    <section className="deal" data-testid="deal" data-live={deal.live}>
      <p className="deal-window">
        <DealState startsAt={deal.startsAt} endsAt={deal.endsAt} live={deal.live} />
        <span className="muted">{t('commerce.deal.window', { from: dateTime(deal.startsAt, lang), to: dateTime(deal.endsAt, lang) })}</span>
      </p>
      <ShopProductGrid products={deal.products} />
    </section>
  );
}

export function DealState({ startsAt, endsAt, live }: { startsAt?: string; endsAt: string; live?: boolean }) {
  const { t } = useTranslation();
  const now = useNow();
  const started = startsAt ? Date.parse(startsAt) <= now : true;
  const ended = Date.parse(endsAt) <= now;
  const isLive = live ?? (started && !ended);
  if (isLive && !ended) return <span className="badge badge-live">{t('commerce.deal.live')}</span>;
  if (!started) return <span className="badge badge-plain">{t('commerce.deal.soon')}</span>;
  return <span className="badge badge-plain">{t('commerce.deal.ended')}</span>;
}

/** A post as a message in the channel's chat room. */
function PostBubble({ card }: { card: PostChatCard }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const { deal } = card;
  return (
    <div className="post-bubble" data-testid="post-bubble">
      {card.imageUrls.length > 0 ? <PostImages urls={card.imageUrls.slice(0, 1)} /> : null}
      <p className="bubble-text">{card.text}</p>
      {deal ? (
        <p className="deal-window">
          <DealState startsAt={deal.startsAt} endsAt={deal.endsAt} />
          <span className="muted">{t('commerce.deal.until', { time: dateTime(deal.endsAt, lang) })}</span>
        </p>
      ) : null}
      <Link to={`/channels/${card.channelId}`} className="btn btn-secondary btn-small btn-block" data-testid="post-view-deal">
        {deal ? t('commerce.deal.view') : t('commerce.channel.visit')}
      </Link>
    </div>
  );
}

/** A channel's post or deal in a follower's channel chat. */
export const postCard: CardRenderer<'post'> = { Bubble: PostBubble, bubbleClass: 'bubble-post' };

