import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { OpenRoom } from '@maum/protocol';
import { currentLanguage } from '../../i18n';
import { CountedField } from '../../ui/CountedField';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Sheet } from '../../ui/Sheet';
import { useToast } from '../../ui/Toast';
import { useJoin } from './api';
import { ProfileChoice, profileFrom, type ProfileDraft } from './ProfileChoice';

/** Joining a room: as whom, with the entry code it asks for, or with an answer to the host's question. */
export function JoinSheet({ room, onClose }: { room: OpenRoom; onClose: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const navigate = useNavigate();
  const join = useJoin(room.id);
  const [profile, setProfile] = useState<ProfileDraft>({ kind: 'main', nickname: '' });
  const [entryCode, setEntryCode] = useState('');
  const [answer, setAnswer] = useState('');
  const choice = profileFrom(profile);
  const ready = choice !== null && (room.joinMode !== 'code' || entryCode.trim() !== '');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!choice || !ready || join.isPending) return;
    join.mutate(
      {
        profile: choice,
        lang: currentLanguage(),
        entryCode: room.joinMode === 'code' ? entryCode.trim() : undefined,
        answer: room.joinMode === 'request' && answer.trim() ? answer.trim() : undefined,
      },
      {
        onSuccess: (joined) => {
          onClose();
          if (joined.pending) toast(t('openlink.join.requestedToast'));
          else void navigate(`/chats/${joined.conversationId ?? joined.id}`);
        },
      },
    );
  };

  return (
    <Sheet onClose={onClose} title={t('openlink.join.title', { name: room.name })} testId="join-sheet">
      <form className="sheet-form" onSubmit={submit}>
        <ProfileChoice value={profile} onChange={setProfile} />
        {room.joinMode === 'code' ? (
          <EntryCodeField value={entryCode} onChange={setEntryCode} />
        ) : null}
        {room.joinMode === 'request' ? (
          <>
            {room.question ? (
              <p className="open-question" data-testid="join-question">
                {room.question}
              </p>
            ) : null}
            <CountedField label={t('openlink.join.answer')} value={answer} onChange={setAnswer} maxLength={500} multiline testId="join-answer" />
            <p className="field-hint">{t('openlink.join.requestHint')}</p>
          </>
        ) : null}
        <ErrorMessage error={join.error} />
        <button type="submit" className="btn btn-primary btn-block" disabled={!ready || join.isPending} aria-busy={join.isPending} data-testid="join-submit">
          {room.joinMode === 'request' ? t('openlink.join.request') : t('openlink.join.join')}
        </button>
      </form>
    </Sheet>
  );
}

/** The entry code a code room asks for, on joining or on subscribing. */
export function EntryCodeField({ value, onChange }: { value: string; onChange: (code: string) => void }) {
  const { t } = useTranslation();
  return (
    <label className="field">
      <span className="field-label">{t('openlink.join.entryCode')}</span>
      <input
        className="input"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        maxLength={40}
        autoComplete="off"
        placeholder={t('openlink.join.entryCodePlaceholder')}
        data-testid="join-entry-code"
      />
    </label>
  );
}
