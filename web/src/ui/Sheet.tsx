import { useEffect, useEffectEvent, useId, useRef, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { IconClose } from './Icons';

// Open overlays, innermost last: Escape closes only the top one, and the page behind stays inert while any is open.
const stack: string[] = [];

function syncBackground(): void {
  const root = document.getElementById('root');
  if (!root) return;
  if (stack.length > 0) {
    root.setAttribute('inert', '');
    document.body.classList.add('overlay-open');
  } else {
    root.removeAttribute('inert');
    document.body.classList.remove('overlay-open');
  }
}

/** Makes `panel` the top overlay: it takes focus, Escape closes it, and the page behind stays inert. */
export function useOverlay(onClose: () => void, panel: React.RefObject<HTMLElement | null>): void {
  const id = useId();
  const close = useEffectEvent(onClose);
  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    stack.push(id);
    syncBackground();
    const autofocus = panel.current?.querySelector<HTMLElement>('[data-autofocus]');
    (autofocus ?? panel.current)?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && stack[stack.length - 1] === id) {
        event.stopPropagation();
        close();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      const at = stack.indexOf(id);
      if (at >= 0) stack.splice(at, 1);
      syncBackground();
      if (previous?.isConnected) previous.focus();
    };
  }, [id, panel]);
}

interface SheetProps {
  onClose: () => void;
  title?: string;
  /** A title for screen readers when none is shown. */
  label?: string;
  children: ReactNode;
  /** `full` covers the whole column (profiles); `auto` rises only as high as its content. */
  size?: 'auto' | 'full';
  tone?: 'light' | 'dark';
  headerActions?: ReactNode;
  testId?: string;
}

/** A bottom sheet. Render it only while open, so its content starts fresh each time. */
export function Sheet({ onClose, title, label, children, size = 'auto', tone = 'light', headerActions, testId }: SheetProps) {
  const { t } = useTranslation();
  const panel = useRef<HTMLDivElement>(null);
  const titleId = useId();
  useOverlay(onClose, panel);
  return createPortal(
    <div
      className="overlay sheet-overlay"
      onMouseDown={(event) => {
        if (event.target === event.currentTarget) onClose();
      }}
    >
      <div
        ref={panel}
        className={`sheet sheet-${size} sheet-${tone}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={title ? titleId : undefined}
        aria-label={title ? undefined : label}
        tabIndex={-1}
        data-testid={testId}
      >
        <div className="sheet-header">
          <button type="button" className="icon-btn" onClick={onClose} aria-label={t('common.close')}>
            <IconClose />
          </button>
          {title ? (
            <h2 className="sheet-title" id={titleId}>
              {title}
            </h2>
          ) : (
            <span className="sheet-title" />
          )}
          <div className="sheet-header-actions">{headerActions}</div>
        </div>
        <div className="sheet-body">{children}</div>
      </div>
    </div>,
    document.body,
  );
}

interface ConfirmDialogProps {
  message: string;
  detail?: string;
  confirmLabel: string;
  danger?: boolean;
  pending?: boolean;
  error?: ReactNode;
  onConfirm: () => void;
  onCancel: () => void;
}

export function ConfirmDialog({ message, detail, confirmLabel, danger, pending, error, onConfirm, onCancel }: ConfirmDialogProps) {
  const { t } = useTranslation();
  const panel = useRef<HTMLDivElement>(null);
  const messageId = useId();
  useOverlay(onCancel, panel);
  return createPortal(
    <div
      className="overlay dialog-overlay"
      onMouseDown={(event) => {
        if (event.target === event.currentTarget && !pending) onCancel();
      }}
    >
      <div ref={panel} className="dialog" role="alertdialog" aria-modal="true" aria-labelledby={messageId} tabIndex={-1}>
        <p className="dialog-message" id={messageId}>
          {message}
        </p>
        {detail ? <p className="dialog-detail">{detail}</p> : null}
        {error}
        <div className="dialog-actions">
          <button type="button" className="btn btn-secondary" onClick={onCancel} disabled={pending}>
            {t('common.cancel')}
          </button>
          <button
            type="button"
            className={`btn ${danger ? 'btn-danger' : 'btn-primary'}`}
            onClick={onConfirm}
            disabled={pending}
            aria-busy={pending}
            data-autofocus
          >
            {confirmLabel}
          </button>
        </div>
      </div>
    </div>,
    document.body,
  );
}
