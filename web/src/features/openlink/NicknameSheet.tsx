import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { OPEN_NICKNAME_MAX, type OpenMember } from '@maum/protocol';
import { CountedField } from '../../ui/CountedField';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Sheet } from '../../ui/Sheet';
import { useToast } from '../../ui/Toast';
import { useSetNickname } from './api';

/** The name the caller goes by in this room only. */
export function NicknameSheet({ roomId, current, onClose }: { roomId: string; current: OpenMember | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const save = useSetNickname(roomId);
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
        <p className="field-hint">{current?.profile === 'main' ? t('openlink.nickname.fromMain') : t('openlink.nickname.hint')}</p>
        <ErrorMessage error={save.error} />
        <button type="submit" className="btn btn-primary btn-block" disabled={!trimmed || save.isPending} aria-busy={save.isPending} data-testid="nickname-save">
          {save.isPending ? t('common.saving') : t('common.save')}
        </button>
      </form>
    </Sheet>
  );
}
