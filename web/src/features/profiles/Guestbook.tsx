import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { GUESTBOOK_MAX, type GuestbookEntry } from '@maum/protocol';
import { currentLanguage } from '../../i18n';
import { Avatar } from '../../ui/Avatar';
import { CountedField } from '../../ui/CountedField';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { IconLock, IconReply, IconTrash } from '../../ui/Icons';
import { ConfirmDialog } from '../../ui/Sheet';
import { relativeTime } from '../../ui/time';
import { useNow } from '../../ui/useNow';
import { useReply, useSign, useUnsign } from './api';

interface Props {
  ownerId: string;
  /** The viewer is the owner: they answer and delete, and do not write. */
  owner: boolean;
  entries: readonly GuestbookEntry[];
  /** Entries written for an event, shown on its wall; a new one is written for it too. */
  eventId?: string;
}

/** A guestbook: the write box (with a "secret" switch), then the entries, each with the owner's answer. */
export function Guestbook({ ownerId, owner, entries, eventId }: Props) {
  const { t } = useTranslation();
  return (
    <div className="guestbook">
      {owner ? null : <WriteBox ownerId={ownerId} eventId={eventId} />}
      {entries.length === 0 ? (
        <p className="block-empty">{eventId ? t('profiles.guestbook.noWishes') : owner ? t('profiles.guestbook.emptyOwner') : t('profiles.guestbook.empty')}</p>
      ) : (
        <ul className="guestbook-list" data-testid="guestbook-list">
          {entries.map((entry) => (
            <Entry key={entry.id} ownerId={ownerId} owner={owner} entry={entry} />
          ))}
        </ul>
      )}
    </div>
  );
}

function WriteBox({ ownerId, eventId }: { ownerId: string; eventId: string | undefined }) {
  const { t } = useTranslation();
  const sign = useSign(ownerId);
  const [text, setText] = useState('');
  const [secret, setSecret] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = text.trim();
    if (!trimmed || sign.isPending) return;
    sign.mutate({ text: trimmed, secret, ...(eventId ? { eventId } : {}) }, { onSuccess: () => setText('') });
  };
  return (
    <form className="guestbook-write" onSubmit={submit} data-testid="guestbook-write">
      <CountedField
        label={eventId ? t('profiles.guestbook.wishLabel') : t('profiles.guestbook.writeLabel')}
        value={text}
        onChange={setText}
        maxLength={GUESTBOOK_MAX}
        placeholder={eventId ? t('profiles.guestbook.wishPlaceholder') : t('profiles.guestbook.placeholder')}
        multiline
        testId="guestbook-text"
      />
      <div className="guestbook-write-foot">
        <label className="toggle-row">
          <input type="checkbox" checked={secret} onChange={(e) => setSecret(e.target.checked)} data-testid="guestbook-secret" />
          <span>{t('profiles.guestbook.secret')}</span>
        </label>
        <button type="submit" className="btn btn-primary btn-small" disabled={!text.trim() || sign.isPending} aria-busy={sign.isPending} data-testid="guestbook-submit">
          {t('profiles.guestbook.post')}
        </button>
      </div>
      <ErrorMessage error={sign.error} />
    </form>
  );
}

function Entry({ ownerId, owner, entry }: { ownerId: string; owner: boolean; entry: GuestbookEntry }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const now = useNow();
  const reply = useReply(ownerId);
  const unsign = useUnsign(ownerId);
  const [answering, setAnswering] = useState(false);
  const [answer, setAnswer] = useState(entry.reply?.text ?? '');
  const [confirming, setConfirming] = useState(false);

  const submitReply = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = answer.trim();
    if (!trimmed) return;
    reply.mutate({ entryId: entry.id, text: trimmed }, { onSuccess: () => setAnswering(false) });
  };

  return (
    <li className="guestbook-entry" data-testid="guestbook-entry" data-secret={entry.secret} data-entry-id={entry.id}>
      <Link to={`/profiles/${entry.writer.id}`} className="guestbook-avatar" aria-label={entry.writer.displayName}>
        <Avatar name={entry.writer.displayName} url={entry.writer.avatarUrl} seed={entry.writer.id} size={36} />
      </Link>
      <div className="guestbook-body">
        <p className="guestbook-head">
          <strong>{entry.writer.displayName}</strong>
          {entry.secret ? (
            <span className="badge badge-plain guestbook-secret">
              <IconLock size={11} />
              {t('profiles.guestbook.secretBadge')}
            </span>
          ) : null}
          <span className="muted">{relativeTime(entry.createdAt, lang, now)}</span>
        </p>
        <p className="guestbook-text" data-testid="guestbook-entry-text">
          {entry.text}
        </p>
        {entry.reply && !answering ? (
          <p className="guestbook-reply" data-testid="guestbook-reply">
            <IconReply size={14} />
            <span>{entry.reply.text}</span>
          </p>
        ) : null}
        {answering ? (
          <form className="guestbook-reply-form" onSubmit={submitReply}>
            <input
              className="input input-small"
              value={answer}
              maxLength={GUESTBOOK_MAX}
              onChange={(e) => setAnswer(e.target.value)}
              placeholder={t('profiles.guestbook.replyPlaceholder')}
              aria-label={t('profiles.guestbook.reply')}
              data-testid="guestbook-reply-text"
              data-autofocus
            />
            <button type="submit" className="btn btn-primary btn-small" disabled={!answer.trim() || reply.isPending} data-testid="guestbook-reply-submit">
              {t('common.save')}
            </button>
            <button type="button" className="btn btn-secondary btn-small" onClick={() => setAnswering(false)}>
              {t('common.cancel')}
            </button>
          </form>
        ) : null}
        <ErrorMessage error={reply.error ?? (confirming ? null : unsign.error)} />
        <div className="guestbook-actions">
          {owner && !answering ? (
            <button type="button" className="btn-link" onClick={() => setAnswering(true)} data-testid="guestbook-reply-open">
              {entry.reply ? t('profiles.guestbook.editReply') : t('profiles.guestbook.reply')}
            </button>
          ) : null}
          {entry.canDelete ? (
            <button type="button" className="btn-link guestbook-delete" onClick={() => setConfirming(true)} data-testid="guestbook-delete">
              <IconTrash size={14} />
              {t('profiles.guestbook.delete')}
            </button>
          ) : null}
        </div>
      </div>
      {confirming ? (
        <ConfirmDialog
          message={t('profiles.guestbook.deleteConfirm')}
          confirmLabel={t('profiles.guestbook.delete')}
          danger
          pending={unsign.isPending}
          error={<ErrorMessage error={unsign.error} />}
          onCancel={() => setConfirming(false)}
          onConfirm={() => unsign.mutate(entry.id, { onSuccess: () => setConfirming(false) })}
        />
      ) : null}
    </li>
  );
}
