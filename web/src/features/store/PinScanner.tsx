import { useEffect, useEffectEvent, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { IconClose } from '../../ui/Icons';
import { useOverlay } from '../../ui/Sheet';
import './store.css';

// The Shape Detection API is not in TypeScript's DOM library yet; this is the part of it used here.
interface DetectedBarcode {
  rawValue: string;
}
type BarcodeDetectorConstructor = new (options?: { formats?: string[] }) => {
  detect(source: HTMLVideoElement): Promise<DetectedBarcode[]>;
};

/** Whether this browser can read a barcode from the camera by itself (Chrome on Android, for one). */
export function scannerSupported(): boolean {
  return typeof window !== 'undefined' && 'BarcodeDetector' in window && !!navigator.mediaDevices?.getUserMedia;
}

/** The 12-digit PIN in what a scanner read, if there is one. */
export function pinFromScan(raw: string): string | null {
  const digits = raw.replace(/\D/g, '');
  return digits.length === 12 ? digits : null;
}

const SCAN_EVERY_MS = 200;

/** The camera on the whole screen until it reads a coupon's barcode or QR code. */
export function PinScanner({ onPin, onClose }: { onPin: (pin: string) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const panel = useRef<HTMLDivElement>(null);
  const video = useRef<HTMLVideoElement>(null);
  const [failed, setFailed] = useState(false);
  useOverlay(onClose, panel);
  const found = useEffectEvent(onPin);

  useEffect(() => {
    const Detector = (window as unknown as { BarcodeDetector: BarcodeDetectorConstructor }).BarcodeDetector;
    const detector = new Detector({ formats: ['code_128', 'qr_code'] });
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;

    const scan = async () => {
      if (stopped || !video.current) return;
      try {
        const codes = await detector.detect(video.current);
        const pin = codes.map((code) => pinFromScan(code.rawValue)).find((p) => p !== null);
        if (pin && !stopped) {
          found(pin);
          return;
        }
      } catch {
        // A frame the detector could not read; the next one may do.
      }
      timer = setTimeout(() => void scan(), SCAN_EVERY_MS);
    };

    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment' }, audio: false })
      .then(async (media) => {
        if (stopped) {
          media.getTracks().forEach((track) => track.stop());
          return;
        }
        stream = media;
        if (!video.current) return;
        video.current.srcObject = media;
        await video.current.play();
        void scan();
      })
      .catch(() => setFailed(true));

    return () => {
      stopped = true;
      clearTimeout(timer);
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, []);

  return createPortal(
    <div ref={panel} className="overlay scanner" role="dialog" aria-modal="true" aria-label={t('store.scan')} tabIndex={-1} data-testid="pin-scanner">
      <div className="scanner-top">
        <button type="button" className="icon-btn viewer-btn" onClick={onClose} aria-label={t('common.close')} data-autofocus>
          <IconClose />
        </button>
        <span>{t('store.scanHint')}</span>
      </div>
      <div className="scanner-stage">
        {failed ? <p className="scanner-failed">{t('store.cameraFailed')}</p> : <video ref={video} className="scanner-video" muted playsInline />}
        <span className="scanner-frame" aria-hidden="true" />
      </div>
    </div>,
    document.body,
  );
}
