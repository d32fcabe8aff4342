import { memo, useContext, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Media, Message } from '@maum/protocol';
import { errorText } from '../../i18n/errors';
import { currentLanguage } from '../../i18n';
import { ApiError } from '../../api/client';
import { chat, type PendingMessage } from '../../realtime';
import { Avatar } from '../../ui/Avatar';
import { IconAlert, IconClock, IconClose, IconInfo, IconMoreVertical, IconRefresh } from '../../ui/Icons';
import { clockTime } from '../../ui/time';
import { cardBubbleClass, CardContent } from './cards';
import { kindPreview } from './format';
import { FileContent, ImageContent, VideoContent } from './media';
import { MessageTextContext, SenderBadgeContext } from './openRoom';
import type { People } from './people';
import type { TimelineItem } from './timeline';
import { VoiceContent } from './VoiceMessage';
import './chat.css';

type BubbleItem = Omit<Extract<TimelineItem, { type: 'message' }>, 'type' | 'key'>;

// The item's fields one by one: the message objects stay the same between snapshots, so unchanged rows skip drawing.
interface Props extends BubbleItem {
  people: People;
  meId: string | null;
  highlighted: boolean;
  onMenu: (message: Message) => void;
  onOpenImage: (message: Message) => void;
  onQuote: (seq: number) => void;
  onReact: (message: Message, emoji: string, on: boolean) => void;
}

const LONG_PRESS_MS = 450;

/** One bubble with what surrounds it: face and name, read count, time, reactions. */
export const MessageRow = memo(function MessageRow({ people, meId, highlighted, onMenu, onOpenImage, onQuote, onReact, ...item }: Props) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const press = useRef<{ timer: ReturnType<typeof setTimeout>; x: number; y: number } | null>(null);
  const { message, pending, mine } = item;
  const sender = people.get(item.senderId);
  const senderBadge = useContext(SenderBadgeContext);
  const roomId = message?.roomId ?? pending?.roomId;
  const at = message?.createdAt ?? pending?.createdAt ?? '';
  const canMenu = message !== null && !message.deletedAt;

  const openMenu = () => {
    if (message && canMenu) onMenu(message);
  };
  const cancelPress = () => {
    if (press.current) clearTimeout(press.current.timer);
    press.current = null;
  };

  const reactions = message && !message.deletedAt ? Object.entries(message.reactions).filter(([, users]) => users.length > 0) : [];
  const classes = ['msg-row', mine ? 'is-mine' : 'is-theirs', item.first ? 'is-first' : '', item.last ? 'is-last' : '', highlighted ? 'is-highlighted' : '']
    .filter(Boolean)
    .join(' ');

  return (
    <div
      className={classes}
      data-testid="message-bubble"
      data-seq={message?.seq}
      data-client-msg-id={item.clientMsgId}
      data-pending={pending ? 'true' : undefined}
      data-sender-id={item.senderId}
    >
      {!mine ? (
        <div className="msg-face">
          {item.first ? <Avatar name={sender?.displayName ?? '?'} url={sender?.avatarUrl} seed={item.senderId} size={38} /> : null}
        </div>
      ) : null}
      <div className="msg-main">
        {!mine && item.first ? (
          <div className="msg-name">
            {people.name(item.senderId)}
            {senderBadge && roomId ? senderBadge(roomId, item.senderId) : null}
          </div>
        ) : null}
        <div className="msg-line">
          <div
            className={`bubble ${bubbleClass(message, pending)}`}
            onContextMenu={(event) => {
              if (!canMenu) return;
              event.preventDefault();
              cancelPress();
              openMenu();
            }}
            onPointerDown={(event) => {
              if (event.pointerType === 'mouse' || !canMenu) return;
              const timer = setTimeout(() => {
                press.current = null;
                openMenu();
              }, LONG_PRESS_MS);
              press.current = { timer, x: event.clientX, y: event.clientY };
            }}
            onPointerMove={(event) => {
              const p = press.current;
              if (p && Math.hypot(event.clientX - p.x, event.clientY - p.y) > 10) cancelPress();
            }}
            onPointerUp={cancelPress}
            onPointerCancel={cancelPress}
          >
            <Content item={item} people={people} meId={meId} onOpenImage={onOpenImage} onQuote={onQuote} />
          </div>
          <div className="msg-meta">
            {canMenu ? (
              <button type="button" className="msg-more" onClick={openMenu} aria-label={t('chat.messageOptions')}>
                <IconMoreVertical size={16} />
              </button>
            ) : null}
            {pending ? <PendingState pending={pending} /> : null}
            {item.unread ? (
              <span className="msg-unread" data-testid="bubble-unread">
                {item.unread}
              </span>
            ) : null}
            {item.last && !pending ? (
              <time className="msg-time" dateTime={at}>
                {clockTime(at, lang)}
              </time>
            ) : null}
          </div>
        </div>
        {pending?.failed ? <FailedReason code={pending.failed} /> : null}
        {reactions.length > 0 && message ? (
          <div className="msg-reactions">
            {reactions.map(([emoji, users]) => {
              const minePressed = meId !== null && users.includes(meId);
              return (
                <button
                  key={emoji}
                  type="button"
                  className={`reaction ${minePressed ? 'is-mine' : ''}`}
                  aria-pressed={minePressed}
                  data-testid="reaction"
                  data-emoji={emoji}
                  title={users.map((id) => people.name(id)).join(', ')}
                  onClick={() => onReact(message, emoji, !minePressed)}
                >
                  <span className="reaction-emoji">{emoji}</span>
                  <span className="reaction-count">{users.length}</span>
                </button>
              );
            })}
          </div>
        ) : null}
      </div>
    </div>
  );
});

function bubbleClass(message: Message | null, pending: PendingMessage | null): string {
  const kind = message?.kind ?? pending?.kind;
  if (message?.deletedAt) return 'bubble-text-kind';
  if (kind === 'image' || kind === 'video') {
    const caption = (message?.body.caption ?? pending?.body.caption) as string | undefined;
    return caption ? 'bubble-media bubble-captioned' : 'bubble-media';
  }
  if (kind === 'file') return 'bubble-file';
  if (kind === 'voice') return 'bubble-voice';
  if (kind === 'card' && message) return cardBubbleClass(message.body);
  return 'bubble-text-kind';
}

/** Why the server refused a message (slow mode, a banned word, an announcements-only room), under its bubble. */
function FailedReason({ code }: { code: string }) {
  const { t } = useTranslation();
  return (
    <p className="msg-failed-reason" role="alert" data-testid="message-failed-reason" data-code={code}>
      {errorText(t, new ApiError(0, code, ''))}
    </p>
  );
}

function PendingState({ pending }: { pending: PendingMessage }) {
  const { t } = useTranslation();
  if (!pending.failed) {
    return (
      <span className="msg-clock" title={t('chat.sending')} aria-label={t('chat.sending')}>
        <IconClock size={13} />
      </span>
    );
  }
  const reason = errorText(t, new ApiError(0, pending.failed, ''));
  return (
    <span className="msg-failed" title={reason}>
      <IconAlert size={15} className="msg-failed-icon" />
      <button type="button" className="msg-failed-btn" onClick={() => chat.retry(pending.clientMsgId)} aria-label={t('chat.resend')} data-testid="message-retry">
        <IconRefresh size={14} />
      </button>
      <button type="button" className="msg-failed-btn" onClick={() => chat.discard(pending.clientMsgId)} aria-label={t('chat.discard')} data-testid="message-discard">
        <IconClose size={13} />
      </button>
    </span>
  );
}

function Content({
  item,
  people,
  meId,
  onOpenImage,
  onQuote,
}: {
  item: BubbleItem;
  people: People;
  meId: string | null;
  onOpenImage: (message: Message) => void;
  onQuote: (seq: number) => void;
}) {
  const { t } = useTranslation();
  const OpenText = useContext(MessageTextContext);
  const { message, pending } = item;
  if (message?.deletedAt) {
    return (
      <p className="bubble-text bubble-deleted">
        <IconInfo size={15} />
        {t('chat.deleted')}
      </p>
    );
  }
  const kind = message?.kind ?? pending?.kind;
  const body = message?.body ?? pending?.body ?? {};
  const media = (message?.body.media as Media | undefined) ?? pending?.media;
  const upload = pending?.upload;
  // In an open room the words come in the reader's language, once the message is stored and has a language.
  const words = (field: 'text' | 'caption', className: string) =>
    OpenText && message ? (
      <OpenText message={message} field={field} render={linkify} />
    ) : (
      <p className={className} data-testid="message-text">
        {linkify(String(body[field] ?? ''))}
      </p>
    );
  const caption = typeof body.caption === 'string' && body.caption ? words('caption', 'bubble-text bubble-caption') : null;

  switch (kind) {
    case 'text':
      return words('text', 'bubble-text');
    case 'reply':
      return (
        <>
          <Quote body={body} people={people} meId={meId} onQuote={onQuote} />
          {words('text', 'bubble-text')}
        </>
      );
    case 'image':
      return (
        <>
          <ImageContent media={media} localUrl={upload?.localUrl} onOpen={message ? () => onOpenImage(message) : undefined} />
          {upload ? <UploadProgress progress={upload.progress} failed={!!pending?.failed} /> : null}
          {caption}
        </>
      );
    case 'video':
      return (
        <>
          <VideoContent media={media} localUrl={upload?.localUrl} />
          {upload ? <UploadProgress progress={upload.progress} failed={!!pending?.failed} /> : null}
          {caption}
        </>
      );
    case 'file':
      return (
        <>
          <FileContent media={message ? media : undefined} name={media?.name ?? upload?.name ?? t('chat.file')} size={media?.size ?? upload?.size ?? 0} />
          {upload ? <UploadProgress progress={upload.progress} failed={!!pending?.failed} /> : null}
        </>
      );
    case 'voice':
      return (
        <>
          <VoiceContent media={media} localUrl={upload?.localUrl} recorded={upload?.recorded} />
          {upload ? <UploadProgress progress={upload.progress} failed={!!pending?.failed} /> : null}
        </>
      );
    case 'card':
      return <CardContent body={body} mine={item.mine} senderName={people.name(item.senderId)} />;
    default:
      return null;
  }
}

function UploadProgress({ progress, failed }: { progress: number; failed: boolean }) {
  const { t } = useTranslation();
  const percent = Math.round(progress * 100);
  return (
    <span
      className={`upload-progress ${failed ? 'is-failed' : ''}`}
      role="progressbar"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      aria-label={t('chat.uploading')}
      data-testid="upload-progress"
    >
      <span className="upload-progress-bar" style={{ width: `${percent}%` }} />
    </span>
  );
}

function Quote({ body, people, meId, onQuote }: { body: Record<string, unknown>; people: People; meId: string | null; onQuote: (seq: number) => void }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const preview = body.replyPreview as { senderId?: unknown; kind?: unknown; text?: unknown } | undefined;
  const seq = typeof body.replyToSeq === 'number' ? body.replyToSeq : null;
  const senderId = typeof preview?.senderId === 'string' ? preview.senderId : null;
  const kind = typeof preview?.kind === 'string' ? preview.kind : 'text';
  const text = typeof preview?.text === 'string' ? preview.text : '';
  const name = senderId ? (senderId === meId ? t('common.you') : people.name(senderId)) : '';
  const line = text || kindPreview(t, kind, {}, people.name, lang);
  return (
    <button type="button" className="quote" onClick={() => seq !== null && onQuote(seq)} disabled={seq === null}>
      <span className="quote-name">{name ? t('chat.replyTo', { name }) : t('chat.reply')}</span>
      <span className="quote-text">{line}</span>
    </button>
  );
}

const urlPattern = /\bhttps?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]/g;

/** Web addresses in a message become links that open outside the app. */
function linkify(text: string): ReactNode {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(urlPattern)) {
    const start = match.index;
    if (start > last) parts.push(text.slice(last, start));
    parts.push(
      <a key={start} href={match[0]} target="_blank" rel="noopener noreferrer nofollow">
        {match[0]}
      </a>,
    );
    last = start + match[0].length;
  }
  if (parts.length === 0) return text;
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}
