import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Handle, type Me } from '@maum/protocol';
import { ErrorMessage, LocalError } from '../../ui/ErrorMessage';
import { Sheet } from '../../ui/Sheet';
import { useToast } from '../../ui/Toast';
import { useAddFriend } from './api';
import { MyQrCard } from './MyQrCard';

type Tab = 'id' | 'qr';

export function AddFriendSheet({ me, onClose, initialTab = 'id' }: { me: Me; onClose: () => void; initialTab?: Tab }) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>(initialTab);
  return (
    <Sheet onClose={onClose} title={t('friends.addSheetTitle')} testId="add-friend-sheet">
      <div className="segmented" role="tablist">
        <button type="button" role="tab" aria-selected={tab === 'id'} className="segment" onClick={() => setTab('id')}>
          {t('friends.byId')}
        </button>
        <button type="button" role="tab" aria-selected={tab === 'qr'} className="segment" onClick={() => setTab('qr')}>
          {t('friends.byQr')}
        </button>
      </div>
      {tab === 'id' ? <AddById onDone={onClose} /> : <MyQrCard me={me} />}
    </Sheet>
  );
}

function AddById({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const add = useAddFriend();
  const [handle, setHandle] = useState('');
  const [invalid, setInvalid] = useState(false);
  const trimmed = handle.trim().replace(/^@/, '');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!trimmed || add.isPending) return;
    const parsed = Handle.safeParse(trimmed);
    if (!parsed.success) {
      add.reset();
      setInvalid(true);
      return;
    }
    setInvalid(false);
    add.mutate(
      { handle: parsed.data },
      {
        onSuccess: (friend) => {
          toast(t('friends.addedToast', { name: friend.user.displayName }));
          onDone();
        },
      },
    );
  };

  return (
    <form className="add-by-id" onSubmit={submit} noValidate>
      <label className="field">
        <span className="field-label">{t('friends.idLabel')}</span>
        <input
          className="input"
          value={handle}
          onChange={(e) => {
            setHandle(e.target.value);
            setInvalid(false);
          }}
          placeholder={t('friends.idPlaceholder')}
          autoCapitalize="none"
          autoCorrect="off"
          autoComplete="off"
          spellCheck={false}
          maxLength={21}
          enterKeyHint="send"
          data-testid="add-friend-handle"
          data-autofocus
        />
        <span className="field-hint">{t('friends.idHint')}</span>
      </label>
      {invalid ? (
        <LocalError text={t('auth.invalidHandle')} />
      ) : (
        <ErrorMessage error={add.error} overrides={{ not_found: t('friends.noSuchId') }} />
      )}
      <button
        type="submit"
        className="btn btn-primary btn-block"
        disabled={!trimmed || add.isPending}
        aria-busy={add.isPending}
        data-testid="add-friend-submit"
      >
        {add.isPending ? t('friends.adding') : t('friends.addSubmit')}
      </button>
    </form>
  );
}
