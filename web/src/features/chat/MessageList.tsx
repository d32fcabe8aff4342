import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Message } from '@maum/protocol';
import { currentLanguage } from '../../i18n';
import { chat, type RoomTimeline } from '../../realtime';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { IconArrowDown } from '../../ui/Icons';
import { Spinner } from '../../ui/Spinner';
import { dayLabel, previewText, systemText } from './format';
import { MessageRow } from './MessageRow';
import type { People } from './people';
import { useTyping } from './hooks';
import { buildTimeline } from './timeline';
import './chat.css';

interface Props {
  roomId: string;
  timeline: RoomTimeline;
  meId: string | null;
  people: People;
  /** A seq to bring into view and flash, with a nonce so the same one can be asked for twice. */
  focus: { seq: number; nonce: number } | null;
  onMenu: (message: Message) => void;
  onOpenImage: (message: Message) => void;
  onQuote: (seq: number) => void;
  onReact: (message: Message, emoji: string, on: boolean) => void;
}

const NEAR_BOTTOM_PX = 80;
const LOAD_OLDER_WITHIN_PX = 400;

export function MessageList({ roomId, timeline, meId, people, focus, onMenu, onOpenImage, onQuote, onReact }: Props) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const scroller = useRef<HTMLDivElement>(null);
  const content = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const seen = useRef<{ first: string | null; last: string | null; height: number } | null>(null);
  /** The last item when the person scrolled up; anything after it is new to them. */
  const [awayAt, setAwayAt] = useState<string | null>(null);
  const [flash, setFlash] = useState<number | null>(null);

  const items = useMemo(() => buildTimeline(timeline, meId), [timeline, meId]);
  // Day separators keep their key when older messages of the same day arrive above, so they cannot mark the top.
  const firstKey = items.find((item) => item.type !== 'day')?.key ?? null;
  const lastItem = items[items.length - 1];
  const lastKey = lastItem?.key ?? null;
  const lastIsMine = lastItem?.type === 'message' && lastItem.mine;
  const canLoadOlder = timeline.loaded && timeline.hasMore && !timeline.loading && !timeline.loadError;

  const loadOlderIfNear = () => {
    const el = scroller.current;
    if (!el || !canLoadOlder) return;
    if (el.scrollTop < LOAD_OLDER_WITHIN_PX) void chat.loadOlder(roomId);
  };

  // Keeps the view where the reader left it: at the bottom for new messages, on the same message when older
  // ones are put above.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const before = seen.current;
    if (!before || before.last === null) {
      el.scrollTop = el.scrollHeight;
    } else if (before.first !== firstKey && before.last === lastKey) {
      el.scrollTop += el.scrollHeight - before.height;
    } else if (before.last !== lastKey && (atBottom.current || lastIsMine)) {
      el.scrollTop = el.scrollHeight;
    }
    seen.current = { first: firstKey, last: lastKey, height: el.scrollHeight };
    if (el.scrollHeight <= el.clientHeight + LOAD_OLDER_WITHIN_PX && canLoadOlder) void chat.loadOlder(roomId);
  }, [firstKey, lastKey, lastIsMine, items, canLoadOlder, roomId]);

  // Pictures, the composer growing, a reply bar: sizes change without new items; stay at the bottom if there.
  useEffect(() => {
    const el = scroller.current;
    const inner = content.current;
    if (!el || !inner) return;
    const observer = new ResizeObserver(() => {
      if (atBottom.current) el.scrollTop = el.scrollHeight;
      if (seen.current) seen.current.height = el.scrollHeight;
    });
    observer.observe(el);
    observer.observe(inner);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    if (!focus) return;
    const el = scroller.current?.querySelector<HTMLElement>(`[data-seq="${focus.seq}"]`);
    if (!el) return;
    el.scrollIntoView({ block: 'center', behavior: 'smooth' });
    const start = setTimeout(() => setFlash(focus.seq), 0);
    const end = setTimeout(() => setFlash(null), 1800);
    return () => {
      clearTimeout(start);
      clearTimeout(end);
    };
  }, [focus]);

  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    const near = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM_PX;
    atBottom.current = near;
    if (near && awayAt !== null) setAwayAt(null);
    else if (!near && awayAt === null) setAwayAt(lastKey);
    loadOlderIfNear();
  };

  const toBottom = () => {
    const el = scroller.current;
    if (el) el.scrollTo({ top: el.scrollHeight, behavior: 'smooth' });
  };

  const hasNew = awayAt !== null && lastKey !== awayAt && lastItem?.type === 'message' && !lastItem.mine;
  const newest = hasNew && lastItem?.type === 'message' ? lastItem.message : null;

  return (
    <div className="room-body">
      <div className="room-scroller" ref={scroller} onScroll={onScroll} role="log" data-testid="message-list">
        <div className="room-content" ref={content}>
          {timeline.loaded && timeline.hasMore ? (
            <button
              type="button"
              className="load-older"
              onClick={() => void chat.loadOlder(roomId)}
              disabled={timeline.loading !== null}
              data-testid="load-older"
            >
              {timeline.loading === 'older' ? <Spinner size={18} label={t('common.loading')} /> : t('chat.loadOlder')}
            </button>
          ) : null}
          {timeline.loaded && !timeline.hasMore && items.length > 0 ? <p className="room-beginning">{t('chat.beginning')}</p> : null}
          {timeline.loadError ? (
            <div className="room-load-error">
              <ErrorMessage error={timeline.loadError} />
              <button
                type="button"
                className="btn btn-secondary btn-small"
                onClick={() => void (timeline.loaded ? chat.loadOlder(roomId) : chat.loadLatest(roomId))}
              >
                {t('common.retry')}
              </button>
            </div>
          ) : null}
          {!timeline.loaded && timeline.loading === 'latest' && items.length === 0 ? (
            <div className="room-loading">
              <Spinner size={28} label={t('common.loading')} />
            </div>
          ) : null}
          {items.map((item) => {
            if (item.type === 'day') {
              return (
                <div key={item.key} className="day-separator" role="separator">
                  <span>{dayLabel(item.at, lang)}</span>
                </div>
              );
            }
            if (item.type === 'system') {
              return (
                <p key={item.key} className="system-message" data-testid="system-message" data-seq={item.message.seq}>
                  <span>{systemText(t, item.message.body, people.name, lang)}</span>
                </p>
              );
            }
            return (
              <MessageRow
                key={item.key}
                message={item.message}
                pending={item.pending}
                mine={item.mine}
                senderId={item.senderId}
                clientMsgId={item.clientMsgId}
                first={item.first}
                last={item.last}
                unread={item.unread}
                people={people}
                meId={meId}
                highlighted={flash !== null && item.message?.seq === flash}
                onMenu={onMenu}
                onOpenImage={onOpenImage}
                onQuote={onQuote}
                onReact={onReact}
              />
            );
          })}
          <TypingIndicator roomId={roomId} people={people} />
        </div>
      </div>
      {awayAt !== null ? (
        <button type="button" className={`jump-latest ${newest ? 'has-preview' : ''}`} onClick={toBottom} aria-label={t('chat.toLatest')}>
          {newest ? (
            <span className="jump-latest-text">
              <strong>{people.name(newest.senderId)}</strong> {previewText(t, newest, people.name, lang)}
            </span>
          ) : null}
          <IconArrowDown size={18} />
        </button>
      ) : null}
    </div>
  );
}

function TypingIndicator({ roomId, people }: { roomId: string; people: People }) {
  const { t } = useTranslation();
  const typing = useTyping(roomId);
  if (typing.length === 0) return null;
  const text =
    typing.length === 1
      ? t('chat.typingOne', { name: people.name(typing[0]!) })
      : typing.length === 2
        ? t('chat.typingTwo', { a: people.name(typing[0]!), b: people.name(typing[1]!) })
        : t('chat.typingMany', { count: typing.length });
  return (
    <div className="typing-indicator" data-testid="typing-indicator" aria-live="polite">
      <span className="typing-dots" aria-hidden="true">
        <span />
        <span />
        <span />
      </span>
      {text}
    </div>
  );
}
