import { useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { Gift } from '@maum/protocol';
import { currentLanguage } from '../../i18n';
import { IconAlert, IconClose } from '../../ui/Icons';
import { useOverlay } from '../../ui/Sheet';
import { Spinner } from '../../ui/Spinner';
import { shortDate } from '../../ui/time';
import { useBarcodeUrl } from './api';
import { pinGroups } from './format';
import './gifts.css';

/** The coupon on a white screen for the store's scanner: a barcode or a QR code, with the PIN beneath. */
export function BarcodeView({ gift, onClose }: { gift: Gift; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const panel = useRef<HTMLDivElement>(null);
  useOverlay(onClose, panel);
  const [format, setFormat] = useState<'code128' | 'qr'>('code128');
  const url = useBarcodeUrl(gift.id, format);
  const coupon = gift.coupon;

  return createPortal(
    <div ref={panel} className="overlay barcode-view" role="dialog" aria-modal="true" aria-label={t('gifts.coupon.barcode')} tabIndex={-1} data-testid="barcode-view">
      <div className="barcode-top">
        <button type="button" className="icon-btn" onClick={onClose} aria-label={t('common.close')} data-autofocus>
          <IconClose />
        </button>
        <div className="segmented" role="tablist">
          {(['code128', 'qr'] as const).map((f) => (
            <button key={f} type="button" role="tab" className="segment" aria-selected={format === f} onClick={() => setFormat(f)} data-testid={`barcode-${f}`}>
              {t(`gifts.coupon.${f}`)}
            </button>
          ))}
        </div>
      </div>
      <div className="barcode-stage">
        <p className="barcode-brand">{gift.product.brand.name}</p>
        <p className="barcode-product">{gift.product.name}</p>
        <div className={`barcode-frame is-${format}`}>
          {url ? (
            <img src={url} alt={t('gifts.coupon.barcodeAlt')} className="barcode-img" data-testid="barcode-img" />
          ) : url === false ? (
            <span className="media-broken">
              <IconAlert size={28} />
            </span>
          ) : (
            <Spinner size={28} label={t('common.loading')} />
          )}
        </div>
        {coupon?.pin ? <p className="barcode-pin">{pinGroups(coupon.pin)}</p> : null}
        {coupon ? <p className="muted">{t('gifts.coupon.useBy', { date: shortDate(coupon.expiresAt, lang) })}</p> : null}
        <p className="barcode-hint">{t('gifts.coupon.showAtStore')}</p>
      </div>
    </div>,
    document.body,
  );
}
