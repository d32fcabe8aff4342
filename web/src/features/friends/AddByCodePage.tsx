import { useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { FriendCode } from '@maum/protocol';
import { isApiError } from '../../api/client';
import { Avatar } from '../../ui/Avatar';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorMessage, ErrorState } from '../../ui/ErrorMessage';
import { IconCheck, IconQr } from '../../ui/Icons';
import { PageHeader } from '../../ui/PageHeader';
import { FullScreenSpinner } from '../../ui/Spinner';
import { useToast } from '../../ui/Toast';
import { useMe } from '../accounts';
import { useAddFriend, useFriends, useProfileByCode } from './api';

/** Where a scanned friend QR code lands. */
export function AddByCodePage() {
  const { t } = useTranslation();
  const { code = '' } = useParams();
  const valid = FriendCode.safeParse(code).success;
  return (
    <div className="page">
      <PageHeader title={t('friends.codeTitle')} back="/friends" />
      <div className="page-body">{valid ? <CodeProfile code={code} /> : <InvalidCode />}</div>
    </div>
  );
}

function InvalidCode() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <EmptyState
      icon={<IconQr size={32} />}
      title={t('friends.codeInvalid')}
      body={t('friends.codeInvalidBody')}
      action={
        <button type="button" className="btn btn-secondary" onClick={() => void navigate('/friends', { replace: true })}>
          {t('friends.goToFriends')}
        </button>
      }
    />
  );
}

function CodeProfile({ code }: { code: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const toast = useToast();
  const me = useMe();
  const profile = useProfileByCode(code);
  const friends = useFriends();
  const add = useAddFriend();

  if (profile.isPending) return <FullScreenSpinner label={t('common.loading')} />;
  if (profile.isError) {
    if (isApiError(profile.error) && (profile.error.code === 'not_found' || profile.error.status === 400)) return <InvalidCode />;
    return <ErrorState error={profile.error} onRetry={() => void profile.refetch()} />;
  }

  const person = profile.data;
  const isMe = me.data?.id === person.id;
  const alreadyFriend = friends.data?.some((f) => f.user.id === person.id) ?? false;
  const goToFriends = () => void navigate('/friends', { replace: true });

  return (
    <div className="code-profile" data-testid="code-profile" data-handle={person.handle}>
      <Avatar name={person.displayName} url={person.avatarUrl} seed={person.id} size={112} />
      <h2 className="code-profile-name">{person.displayName}</h2>
      <p className="muted">@{person.handle}</p>
      {person.statusMessage ? <p className="code-profile-status">{person.statusMessage}</p> : null}
      <ErrorMessage error={add.error} />
      {isMe ? (
        <>
          <p className="muted">{t('friends.codeIsYou')}</p>
          <button type="button" className="btn btn-secondary btn-block" onClick={goToFriends}>
            {t('friends.goToFriends')}
          </button>
        </>
      ) : alreadyFriend ? (
        <>
          <p className="status-line">
            <IconCheck size={18} /> {t('friends.alreadyFriends')}
          </p>
          <button type="button" className="btn btn-secondary btn-block" onClick={goToFriends}>
            {t('friends.goToFriends')}
          </button>
        </>
      ) : (
        <button
          type="button"
          className="btn btn-primary btn-block btn-large"
          disabled={add.isPending}
          aria-busy={add.isPending}
          data-testid="add-by-code-submit"
          onClick={() =>
            add.mutate(
              { code },
              {
                onSuccess: (friend) => {
                  toast(t('friends.addedToast', { name: friend.user.displayName }));
                  goToFriends();
                },
              },
            )
          }
        >
          {add.isPending ? t('friends.adding') : t('friends.addSubmit')}
        </button>
      )}
    </div>
  );
}

