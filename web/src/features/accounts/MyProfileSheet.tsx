import { useEffect, useRef, useState, type ChangeEvent, type CSSProperties, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '@maum/protocol';
import { isApiError } from '../../api/client';
import { Avatar } from '../../ui/Avatar';
import { CountedField } from '../../ui/CountedField';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { IconCamera, IconChevronRight, IconQr } from '../../ui/Icons';
import { Sheet } from '../../ui/Sheet';
import { useToast } from '../../ui/Toast';
import { useRemoveAvatar, useUpdateMe, useUploadAvatar } from './api';

const acceptedImages = 'image/jpeg,image/png,image/webp,image/gif,image/avif';

interface Props {
  me: Me;
  onClose: () => void;
  /** Offered when the screen that opened the editor can show the QR code. */
  onShowQr?: () => void;
}

export function MyProfileSheet({ me, onClose, onShowQr }: Props) {
  const { t } = useTranslation();
  return (
    <Sheet onClose={onClose} title={t('profile.editTitle')} size="full" testId="my-profile-sheet">
      <div className="profile-editor">
        <AvatarEditor me={me} />
        <p className="profile-editor-handle">@{me.handle}</p>
        <ProfileForm me={me} />
        {onShowQr ? (
          <button type="button" className="list-button" onClick={onShowQr}>
            <span className="list-button-icon">
              <IconQr size={20} />
            </span>
            <span className="list-button-label">{t('profile.myQr')}</span>
            <IconChevronRight size={18} className="list-button-chevron" />
          </button>
        ) : null}
      </div>
    </Sheet>
  );
}

function AvatarEditor({ me }: { me: Me }) {
  const { t } = useTranslation();
  const toast = useToast();
  const uploadAvatar = useUploadAvatar();
  const removeAvatar = useRemoveAvatar();
  const fileInput = useRef<HTMLInputElement>(null);
  const controller = useRef<AbortController | null>(null);
  const [preview, setPreview] = useState<string | null>(null);

  useEffect(() => {
    if (!preview) return;
    return () => URL.revokeObjectURL(preview);
  }, [preview]);

  // Leaving the editor mid-upload cancels it rather than letting it land unseen.
  useEffect(() => () => controller.current?.abort(), []);

  const choose = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    removeAvatar.reset();
    const abort = new AbortController();
    controller.current = abort;
    setPreview(URL.createObjectURL(file));
    uploadAvatar.mutate(
      { file, signal: abort.signal },
      {
        onSuccess: () => toast(t('profile.photoUpdated')),
        onSettled: () => {
          setPreview(null);
          controller.current = null;
        },
      },
    );
  };

  const remove = () => {
    uploadAvatar.reset();
    removeAvatar.mutate(undefined, { onSuccess: () => toast(t('profile.photoRemoved')) });
  };

  const uploading = uploadAvatar.isPending;
  const percent = Math.round(uploadAvatar.progress * 100);
  const cancelled = isApiError(uploadAvatar.error) && uploadAvatar.error.code === 'aborted';
  const uploadError = cancelled ? null : uploadAvatar.error;

  return (
    <div className="avatar-editor">
      <button
        type="button"
        className="avatar-editor-button"
        onClick={() => fileInput.current?.click()}
        disabled={uploading}
        aria-label={t('profile.changePhoto')}
        data-testid="avatar-change"
      >
        <Avatar name={me.displayName} url={preview ?? me.avatarUrl} seed={me.id} size={104} />
        {uploading ? (
          <span className="avatar-progress" style={{ '--progress': `${percent}%` } as CSSProperties} aria-hidden="true">
            <span>{percent}%</span>
          </span>
        ) : null}
        <span className="avatar-camera" aria-hidden="true">
          <IconCamera size={18} />
        </span>
      </button>
      <input
        ref={fileInput}
        type="file"
        accept={acceptedImages}
        onChange={choose}
        hidden
        data-testid="avatar-file"
      />
      {uploading ? (
        <div className="upload-status">
          <div
            className="progress"
            role="progressbar"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent}
            aria-label={t('profile.uploading', { percent })}
          >
            <span className="progress-bar" style={{ width: `${percent}%` }} />
          </div>
          <span className="upload-status-text">{t('profile.uploading', { percent })}</span>
          <button type="button" className="btn-link" onClick={() => controller.current?.abort()}>
            {t('common.cancel')}
          </button>
        </div>
      ) : me.avatarUrl ? (
        <button
          type="button"
          className="btn-link"
          onClick={remove}
          disabled={removeAvatar.isPending}
          data-testid="avatar-remove"
        >
          {t('profile.removePhoto')}
        </button>
      ) : null}
      <ErrorMessage error={uploadError ?? removeAvatar.error} />
    </div>
  );
}

function ProfileForm({ me }: { me: Me }) {
  const { t } = useTranslation();
  const toast = useToast();
  const updateMe = useUpdateMe();
  const [displayName, setDisplayName] = useState(me.displayName);
  const [statusMessage, setStatusMessage] = useState(me.statusMessage);

  const changes: { displayName?: string; statusMessage?: string } = {};
  if (displayName.trim() !== me.displayName) changes.displayName = displayName.trim();
  if (statusMessage.trim() !== me.statusMessage) changes.statusMessage = statusMessage.trim();
  const changed = Object.keys(changes).length > 0;
  const valid = displayName.trim().length > 0;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!changed || !valid || updateMe.isPending) return;
    updateMe.mutate(changes, {
      onSuccess: (saved) => {
        setDisplayName(saved.displayName);
        setStatusMessage(saved.statusMessage);
        toast(t('profile.saved'));
      },
    });
  };

  return (
    <form className="profile-form" onSubmit={submit} noValidate>
      <CountedField
        label={t('profile.displayName')}
        value={displayName}
        onChange={setDisplayName}
        maxLength={40}
        autoComplete="nickname"
        testId="profile-display-name"
      />
      <CountedField
        label={t('profile.statusMessage')}
        value={statusMessage}
        onChange={setStatusMessage}
        placeholder={t('profile.statusPlaceholder')}
        maxLength={60}
        testId="profile-status-message"
      />
      <ErrorMessage error={updateMe.error} />
      <button
        type="submit"
        className="btn btn-primary btn-block"
        disabled={!changed || !valid || updateMe.isPending}
        aria-busy={updateMe.isPending}
        data-testid="profile-save"
      >
        {updateMe.isPending ? t('common.saving') : t('common.save')}
      </button>
    </form>
  );
}
