import { useTranslation } from 'react-i18next';
import { revokeReasons, type Certificate, type CertificationRequest } from '@maum/protocol';
import { currentLanguage } from '../../i18n';
import { dateTime } from '../commerce';
import type { RevokeReason } from './api';
import { shortPseudonym } from './check';
import './certificates.css';

export function certificatePath(certId: string): string {
  return `/verify/${certId}`;
}

/** The full address of a certificate's public page, as its QR code carries it. */
export function certificateUrl(certId: string): string {
  return `${window.location.origin}${certificatePath(certId)}`;
}

export function StatusBadge({ status }: { status: Certificate['status'] }) {
  const { t } = useTranslation();
  return (
    <span className={`badge ${status === 'revoked' ? 'cert-badge-revoked' : 'badge-plain'}`} data-testid="cert-status" data-status={status}>
      {t(`certificates.status.${status}`)}
    </span>
  );
}

/** Where a seller's request to have a product certified stands. */
export function RequestStatusBadge({ status }: { status: CertificationRequest['status'] }) {
  const { t } = useTranslation();
  return <span className="badge badge-plain">{t(`certificates.requestStatus.${status}`)}</span>;
}

/** Issue, transfers and revocation, oldest first, each with its place in the log. */
export function History({ history }: { history: Certificate['history'] }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  return (
    <ol className="cert-history" data-testid="cert-history">
      {[...history]
        .sort((a, b) => a.logIndex - b.logIndex)
        .map((event) => (
          <li key={`${event.logIndex}-${event.kind}`} className="cert-event" data-kind={event.kind}>
            <span className="row-text">
              <span className="row-title">
                {event.kind === 'issue'
                  ? t('certificates.event.issue', { to: shortPseudonym(event.to ?? '') })
                  : event.kind === 'transfer'
                    ? t('certificates.event.transfer', { from: shortPseudonym(event.from ?? ''), to: shortPseudonym(event.to ?? '') })
                    : t('certificates.event.revoke', { reason: t(`certificates.revokeReasons.${asRevokeReason(event.reason) ?? 'other'}`) })}
              </span>
              <span className="row-subtitle">
                {dateTime(event.at, lang)} · {t('certificates.logIndex', { index: event.logIndex })}
              </span>
            </span>
          </li>
        ))}
    </ol>
  );
}

/** A revocation reason the app has words for, else null. */
function asRevokeReason(reason: string | null): RevokeReason | null {
  return revokeReasons.find((r) => r === reason) ?? null;
}
