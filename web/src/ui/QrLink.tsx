import type { ReactNode } from 'react';
import { QRCodeSVG } from 'qrcode.react';
import { useTranslation } from 'react-i18next';
import { copyText } from './clipboard';
import { IconCopy, IconShare } from './Icons';
import { useToast } from './Toast';

interface Props {
  /** The address the code carries and the field shows. */
  link: string;
  /** The code's accessible title. */
  title: string;
  /** Names the field, and the share sheet's title. */
  linkLabel: string;
  /** `<testId>-code` is the code, `<testId>-link` the field. */
  testId: string;
  /** Between the code and the link: what to do with them. */
  children?: ReactNode;
}

/** A QR code of a link, with the link itself to copy or share: a friend code, an open room. */
export function QrLink({ link, title, linkLabel, testId, children }: Props) {
  const { t } = useTranslation();
  const toast = useToast();
  const canShare = typeof navigator.share === 'function';
  return (
    <>
      <div className="qr-frame">
        <QRCodeSVG value={link} size={200} level="M" marginSize={0} title={title} data-testid={`${testId}-code`} data-value={link} />
      </div>
      {children}
      <div className="qr-link">
        <input className="input input-small" value={link} readOnly aria-label={linkLabel} onFocus={(e) => e.currentTarget.select()} data-testid={`${testId}-link`} />
        <button
          type="button"
          className="icon-btn icon-btn-filled"
          aria-label={t('common.copyLink')}
          title={t('common.copyLink')}
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
              navigator.share({ title: linkLabel, url: link }).catch(() => {
                // Closing the share sheet is not an error worth showing.
              });
            }}
          >
            <IconShare size={20} />
          </button>
        ) : null}
      </div>
    </>
  );
}
