import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SubscriberPost } from '@maum/protocol';
import { currentLanguage } from '../../i18n';
import { CountedField } from '../../ui/CountedField';
import { ErrorMessage, ErrorState } from '../../ui/ErrorMessage';
import { IconLock } from '../../ui/Icons';
import { Sheet } from '../../ui/Sheet';
import { SkeletonRows } from '../../ui/Spinner';
import { relativeTime } from '../../ui/time';
import { useToast } from '../../ui/Toast';
import { useCreatePost, usePosts, useRoomSubscriptions } from './api';
import './subscriptions.css';

/**
 * The host's posts for subscribers, newest first: whole for those with access, a locked line with a way to subscribe
 * for everyone else. Whoever manages the room's subscriptions writes them here.
 */
export function SubscriberPosts({ roomId, onSubscribe }: { roomId: string; onSubscribe?: () => void }) {
  const { t } = useTranslation();
  const subs = useRoomSubscriptions(roomId);
  const posts = usePosts(roomId);
  return (
    <div className="sub-posts" data-testid="subscriber-posts">
      {subs.data?.manages ? <PostComposer roomId={roomId} /> : null}
      {posts.isPending ? (
        <SkeletonRows count={2} />
      ) : posts.isError ? (
        <ErrorState error={posts.error} onRetry={() => void posts.refetch()} />
      ) : posts.data.length === 0 ? (
        <p className="sub-empty" data-testid="subscriber-posts-empty">
          {t('subscriptions.posts.empty')}
        </p>
      ) : (
        <ul className="sub-post-list">
          {posts.data.map((post) => (
            <PostItem key={post.id} post={post} onSubscribe={onSubscribe} />
          ))}
        </ul>
      )}
    </div>
  );
}

function PostItem({ post, onSubscribe }: { post: SubscriberPost; onSubscribe: (() => void) | undefined }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  return (
    <li className={`sub-post ${post.unlocked ? '' : 'is-locked'}`} data-testid="subscriber-post" data-unlocked={String(post.unlocked)} data-post-id={post.id}>
      <time className="sub-post-time" dateTime={post.createdAt}>
        {relativeTime(post.createdAt, lang)}
      </time>
      {post.unlocked ? (
        <p className="sub-post-text" data-testid="subscriber-post-text">
          {post.text}
        </p>
      ) : (
        <div className="sub-post-locked">
          <IconLock size={18} />
          <span className="sub-post-locked-text">
            <strong>{t('subscriptions.posts.locked')}</strong>
            <span>{t('subscriptions.posts.lockedHint')}</span>
          </span>
          {onSubscribe ? (
            <button type="button" className="btn btn-primary btn-small" onClick={onSubscribe} data-testid="subscriber-post-subscribe">
              {t('subscriptions.posts.subscribe')}
            </button>
          ) : null}
        </div>
      )}
    </li>
  );
}

function PostComposer({ roomId }: { roomId: string }) {
  const { t } = useTranslation();
  const toast = useToast();
  const create = useCreatePost(roomId);
  const [text, setText] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const words = text.trim();
    if (!words || create.isPending) return;
    create.mutate(words, {
      onSuccess: () => {
        setText('');
        toast(t('subscriptions.posts.postedToast'));
      },
    });
  };
  return (
    <form className="sheet-form sub-post-composer" onSubmit={submit} data-testid="subscriber-post-composer">
      <CountedField
        label={t('subscriptions.posts.compose')}
        value={text}
        onChange={setText}
        maxLength={4000}
        multiline
        placeholder={t('subscriptions.posts.placeholder')}
        testId="subscriber-post-input"
      />
      <ErrorMessage error={create.error} />
      <button type="submit" className="btn btn-primary btn-block" disabled={!text.trim() || create.isPending} aria-busy={create.isPending} data-testid="subscriber-post-submit">
        {t('subscriptions.posts.post')}
      </button>
    </form>
  );
}

/** The posts inside an open room, from its drawer. */
export function SubscriberPostsSheet({ roomId, onSubscribe, onClose }: { roomId: string; onSubscribe?: () => void; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Sheet onClose={onClose} title={t('subscriptions.posts.title')} size="full" testId="subscriber-posts-sheet">
      <SubscriberPosts roomId={roomId} onSubscribe={onSubscribe} />
    </Sheet>
  );
}
