import { useState } from 'react';
import { QRCodeSVG } from 'qrcode.react';
import { useTranslation } from 'react-i18next';
import type { Me } from '@maum/protocol';
import { Avatar } from '../../ui/Avatar';
import { copyText } from '../../ui/clipboard';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { IconCopy, IconRefresh, IconShare } from '../../ui/Icons';
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
  const canShare = typeof navigator.share === 'function';

  return (
    <div className="qr-card" data-testid="my-qr">
      <div className="qr-person">
        <Avatar name={me.displayName} url={me.avatarUrl} seed={me.id} size={40} />
        <span className="qr-name">{me.displayName}</span>
      </div>
      <div className="qr-frame">
        <QRCodeSVG value={link} size={200} level="M" marginSize={0} title={t('friends.qrTitle')} data-testid="my-qr-code" data-value={link} />
      </div>
      <p className="qr-hint">{t('friends.qrHint')}</p>
      <p className="qr-hint muted">{t('friends.qrLinkHint')}</p>
      <div className="qr-link">
        <input className="input input-small" value={link} readOnly aria-label={t('friends.qrLinkHint')} onFocus={(e) => e.currentTarget.select()} data-testid="my-qr-link" />
        <button
          type="button"
          className="icon-btn icon-btn-filled"
          aria-label={t('friends.copyLink')}
          title={t('friends.copyLink')}
          onClick={() => {
            void copyText(link).then((ok) => {
              if (ok) toast(t('common.copied'));
            });
          }}
        >
          <IconCopy size={20} />
        </button>
        {canShare ? (
          <button
            type="button"
            className="icon-btn icon-btn-filled"
            aria-label={t('common.share')}
            title={t('common.share')}
            onClick={() => {
              navigator.share({ title: me.displayName, url: link }).catch(() => {
                // Closing the share sheet is not an error worth showing.
              });
            }}
          >
            <IconShare size={20} />
          </button>
        ) : null}
      </div>
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
