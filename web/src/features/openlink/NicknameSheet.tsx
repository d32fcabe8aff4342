import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { OPEN_NICKNAME_MAX, type OpenMember } from '@maum/protocol';
import { CountedField } from '../../ui/CountedField';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Sheet } from '../../ui/Sheet';
import { useToast } from '../../ui/Toast';
import { Avatar } from '../../ui/Avatar';
import { useSetNickname, useSetOpenAvatar } from './api';

/** The name the caller goes by in this room only. */
export function NicknameSheet({ roomId, current, onClose }: { roomId: string; current: OpenMember | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const save = useSetNickname(roomId);
  const picture = useSetOpenAvatar(roomId);
  const open = current?.profile === 'open';
  const pick = (file: File | undefined) => {
    if (!file) return;
    picture.mutate(file, { onSuccess: () => toast(t('openlink.nickname.pictureSavedToast')) });
  };
  const [nickname, setNickname] = useState(current?.displayName ?? '');
  const trimmed = nickname.trim();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!trimmed || save.isPending) return;
    save.mutate(trimmed, {
      onSuccess: () => {
        toast(t('openlink.nickname.savedToast'));
        onClose();
      },
    });
  };
  return (
    <Sheet onClose={onClose} title={t('openlink.nickname.title')} testId="nickname-sheet">
      <form className="sheet-form" onSubmit={submit}>
        <CountedField label={t('openlink.profile.nickname')} value={nickname} onChange={setNickname} maxLength={OPEN_NICKNAME_MAX} data-autofocus testId="nickname-input" />
        <p className="field-hint">{t('openlink.nickname.hint')}</p>
        {open ? (
          <label className="open-avatar-pick" data-testid="open-avatar-pick">
            <Avatar name={current.displayName} url={current.avatarUrl} seed={current.id} size={56} />
            <span className="btn btn-secondary" aria-busy={picture.isPending}>
              {picture.isPending ? t('common.saving') : t('openlink.nickname.picture')}
            </span>
            <input type="file" accept="image/*" className="sr-only" onChange={(e) => pick(e.target.files?.[0])} data-testid="open-avatar-input" />
          </label>
        ) : null}
        <ErrorMessage error={picture.error} />
        <ErrorMessage error={save.error} />
        <button type="submit" className="btn btn-primary btn-block" disabled={!trimmed || save.isPending} aria-busy={save.isPending} data-testid="nickname-save">
          {save.isPending ? t('common.saving') : t('common.save')}
        </button>
      </form>
    </Sheet>
  );
}
