import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '@maum/protocol';
import { Avatar } from '../../ui/Avatar';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { IconRefresh } from '../../ui/Icons';
import { QrLink } from '../../ui/QrLink';
import { ConfirmDialog } from '../../ui/Sheet';
import { useToast } from '../../ui/Toast';
import { useRenewFriendCode } from '../accounts';

export function friendLink(code: string): string {
  return `${window.location.origin}/add/${code}`;
}

/** The signed-in person's QR code, with ways to pass the link on and to replace it. */
export function MyQrCard({ me }: { me: Me }) {
  const { t } = useTranslation();
  const toast = useToast();
  const renew = useRenewFriendCode();
  const [confirming, setConfirming] = useState(false);
  const link = friendLink(me.friendCode);

  return (
    <div className="qr-card" data-testid="my-qr">
      <div className="qr-person">
        <Avatar name={me.displayName} url={me.avatarUrl} seed={me.id} size={40} />
        <span className="qr-name">{me.displayName}</span>
      </div>
      <QrLink link={link} title={t('friends.qrTitle')} linkLabel={t('friends.qrLinkHint')} testId="my-qr">
        <p className="qr-hint">{t('friends.qrHint')}</p>
        <p className="qr-hint muted">{t('friends.qrLinkHint')}</p>
      </QrLink>
      <button
        type="button"
        className="btn btn-secondary btn-block"
        onClick={() => {
          renew.reset();
          setConfirming(true);
        }}
        disabled={renew.isPending}
        data-testid="renew-qr"
      >
        <IconRefresh size={18} />
        {t('friends.renewQr')}
      </button>
      {confirming ? (
        <ConfirmDialog
          message={t('friends.renewQrConfirm')}
          detail={t('friends.renewQrDetail')}
          confirmLabel={t('friends.renewQr')}
          pending={renew.isPending}
          error={<ErrorMessage error={renew.error} />}
          onCancel={() => setConfirming(false)}
          onConfirm={() =>
            renew.mutate(undefined, {
              onSuccess: () => {
                setConfirming(false);
                toast(t('friends.renewedToast'));
              },
            })
          }
        />
      ) : null}
    </div>
  );
}
