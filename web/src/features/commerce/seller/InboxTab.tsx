import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Conversation, Message, PublicProfile } from '@maum/protocol';
import { currentLanguage } from '../../../i18n';
import { Avatar } from '../../../ui/Avatar';
import { ChipChoice } from '../../../ui/ChipChoice';
import { ErrorMessage, ErrorState } from '../../../ui/ErrorMessage';
import { Spinner } from '../../../ui/Spinner';
import { clockTime } from '../../../ui/time';
import { useMe } from '../../accounts';
import { kindPreview, previewText } from '../../chat';
import { useAnswer, useConversation, useInbox, useStaff, useUpdateConversation } from './api';
import '../commerce.css';

type Filter = 'open' | 'resolved' | null;

/** The channel's customer chats, shared by its staff: a list beside the open conversation. */
export function InboxTab() {
  const { t } = useTranslation();
  const { roomId } = useParams();
  const [filter, setFilter] = useState<Filter>('open');
  const inbox = useInbox(filter);
  return (
    <div className="inbox">
      <section className="store-card inbox-list">
        <ChipChoice
          options={['open', 'resolved', null] as const}
          value={filter}
          onPick={setFilter}
          label={t('commerce.seller.filterStatus')}
          text={(f) => (f ? t(`commerce.inbox.${f}`) : t('commerce.seller.all'))}
          testId="inbox-filter"
          dataKey="status"
        />
        {inbox.isPending ? (
          <Spinner size={24} label={t('common.loading')} />
        ) : inbox.isError ? (
          <ErrorState error={inbox.error} onRetry={() => void inbox.refetch()} />
        ) : inbox.data.length === 0 ? (
          <p className="muted">{t('commerce.inbox.empty')}</p>
        ) : (
          <ul className="inbox-rows" data-testid="inbox-list">
            {inbox.data.map((c) => (
              <ConversationRow key={c.roomId} conversation={c} active={c.roomId === roomId} />
            ))}
          </ul>
        )}
      </section>
      {roomId ? <ConversationView key={roomId} roomId={roomId} /> : <section className="store-card muted inbox-placeholder">{t('commerce.inbox.pick')}</section>}
    </div>
  );
}

function ConversationRow({ conversation: c, active }: { conversation: Conversation; active: boolean }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const preview = c.lastMessage ? previewText(t, c.lastMessage, () => '', lang) : '';
  return (
    <li>
      <Link to={`/seller/inbox/${c.roomId}`} className={`row inbox-row ${active ? 'is-active' : ''}`} data-testid="inbox-row" data-customer={c.customer.handle}>
        <Avatar name={c.customer.displayName} url={c.customer.avatarUrl} seed={c.customer.id} size={40} />
        <span className="row-text">
          <span className="row-title">{c.customer.displayName}</span>
          <span className="row-subtitle">{preview}</span>
        </span>
        <span className="inbox-row-side">
          <span className="row-subtitle">{c.assignee ? c.assignee.displayName : t('commerce.inbox.unassigned')}</span>
          {c.unread > 0 ? (
            <span className="unread-badge" aria-label={t('chat.unreadLabel', { count: c.unread })} data-testid="inbox-unread">
              {c.unread > 99 ? '99+' : c.unread}
            </span>
          ) : null}
        </span>
      </Link>
    </li>
  );
}

function ConversationView({ roomId }: { roomId: string }) {
  const { t } = useTranslation();
  const data = useConversation(roomId);
  if (data.isPending) return <Spinner size={28} label={t('common.loading')} />;
  if (data.isError) return <ErrorState error={data.error} onRetry={() => void data.refetch()} />;
  return <ConversationPane conversation={data.data.conversation} messages={data.data.messages} />;
}

function ConversationPane({ conversation, messages }: { conversation: Conversation; messages: Message[] }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const me = useMe().data;
  const staff = useStaff().data ?? [];
  const update = useUpdateConversation(conversation.roomId);
  const answer = useAnswer(conversation.roomId);
  const [text, setText] = useState('');
  const end = useRef<HTMLDivElement>(null);
  const lastSeq = messages[messages.length - 1]?.seq ?? 0;

  useEffect(() => {
    end.current?.scrollIntoView({ block: 'end' });
  }, [lastSeq]);

  const send = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = text.trim();
    if (!trimmed || answer.isPending) return;
    answer.mutate(trimmed, { onSuccess: () => setText('') });
  };

  const assigneeId = conversation.assignee?.id ?? '';
  return (
    <section className="store-card inbox-conversation" data-testid="inbox-conversation">
      <div className="order-head">
        <span className="row-title">{conversation.customer.displayName}</span>
        <span className="inbox-tools">
          <select
            className="select select-compact"
            value={assigneeId}
            onChange={(e) => update.mutate({ assigneeId: e.target.value || null })}
            aria-label={t('commerce.inbox.assignee')}
            data-testid="inbox-assignee"
          >
            <option value="">{t('commerce.inbox.unassigned')}</option>
            {assignable(staff, conversation.assignee, me?.id).map((person) => (
              <option key={person.id} value={person.id}>
                {person.id === me?.id ? t('commerce.inbox.me', { name: person.displayName }) : person.displayName}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="btn btn-secondary btn-small"
            disabled={update.isPending}
            onClick={() => update.mutate({ status: conversation.status === 'open' ? 'resolved' : 'open' })}
            data-testid="inbox-toggle-status"
          >
            {conversation.status === 'open' ? t('commerce.inbox.resolve') : t('commerce.inbox.reopen')}
          </button>
        </span>
      </div>
      <ErrorMessage error={update.error} />
      <div className="inbox-messages" data-testid="inbox-messages">
        {messages.map((m) => {
          const fromCustomer = m.senderId === conversation.customer.id;
          const line = m.deletedAt ? t('chat.deleted') : kindPreview(t, m.kind, m.body, () => '', lang);
          if (m.kind === 'system' || !line) return null;
          return (
            <div key={m.id} className={`inbox-message ${fromCustomer ? 'is-theirs' : 'is-mine'}`} data-testid="inbox-message">
              <p className="bubble-text">{line}</p>
              <time className="muted">{clockTime(m.createdAt, lang)}</time>
            </div>
          );
        })}
        <div ref={end} />
      </div>
      <form className="inbox-reply" onSubmit={send}>
        <input
          className="input"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={t('commerce.inbox.replyPlaceholder')}
          aria-label={t('commerce.inbox.replyPlaceholder')}
          maxLength={4000}
          data-testid="inbox-reply"
        />
        <button type="submit" className="btn btn-primary" disabled={answer.isPending || !text.trim()} data-testid="inbox-send">
          {t('chat.send')}
        </button>
      </form>
      <ErrorMessage error={answer.error} />
    </section>
  );
}

/** Who a chat can go to: the staff, with you first, and whoever has it now even if they have since left. */
function assignable(staff: readonly PublicProfile[], assignee: PublicProfile | null, meId: string | undefined): PublicProfile[] {
  const people = [...staff].sort((a, b) => (a.id === meId ? -1 : b.id === meId ? 1 : 0));
  if (assignee && !people.some((p) => p.id === assignee.id)) people.push(assignee);
  return people;
}
