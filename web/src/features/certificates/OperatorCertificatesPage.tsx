import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { CertificateId, certificationStatuses, revokeReasons, type CertificationRequest } from '@maum/protocol';
import { currentLanguage } from '../../i18n';
import { ChipChoice } from '../../ui/ChipChoice';
import { ErrorMessage, LocalError } from '../../ui/ErrorMessage';
import { PageHeader } from '../../ui/PageHeader';
import { useToast } from '../../ui/Toast';
import { dateTime, ReasonSheet, ReviewQueue, TextArea, TextField, useOperatorGate } from '../commerce';
import { useCertificationQueue, useReviewCertification, useRevoke, type CertificationStatus, type RevokeReason } from './api';
import { certificatePath, RequestStatusBadge } from './parts';
import './certificates.css';

/** The operator's certification queue, and revoking a certificate that should not stand. */
export function OperatorCertificatesPage() {
  const { t } = useTranslation();
  const gate = useOperatorGate(t('certificates.operator.title'));
  const [status, setStatus] = useState<CertificationStatus | null>('pending');
  const queue = useCertificationQueue(status);
  if (gate) return gate;
  return (
    <div className="page page-wide operator-page">
      <PageHeader title={t('certificates.operator.title')} back="/operator" />
      <RevokeForm />
      <ChipChoice
        options={[...certificationStatuses, null]}
        value={status}
        onPick={setStatus}
        label={t('commerce.seller.filterStatus')}
        text={(s) => (s ? t(`certificates.requestStatus.${s}`) : t('commerce.seller.all'))}
        testId="certification-filter"
        dataKey="status"
        className="channel-categories"
      />
      <div className="page-body">
        <ReviewQueue queue={queue} emptyTitle={t('commerce.operator.empty')} testId="certification-queue" render={(r) => <RequestCard request={r} />} />
      </div>
    </div>
  );
}

function RequestCard({ request }: { request: CertificationRequest }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const toast = useToast();
  const review = useReviewCertification();
  const [rejecting, setRejecting] = useState(false);
  return (
    <li className="operator-card" data-testid="certification-item" data-status={request.status}>
      <div className="order-head">
        <span className="row-text">
          <span className="row-title">{request.productName}</span>
          <span className="row-subtitle">{request.sellerName}</span>
        </span>
        <RequestStatusBadge status={request.status} />
      </div>
      <p className="muted">{t('commerce.operator.applied', { time: dateTime(request.createdAt, lang) })}</p>
      {request.note ? <p>{request.note}</p> : null}
      <ul className="cert-evidence">
        {request.evidenceUrls.map((url) => (
          <li key={url}>
            <a href={url} target="_blank" rel="noreferrer">
              <img src={url} alt={t('certificates.operator.evidence')} loading="lazy" />
            </a>
          </li>
        ))}
      </ul>
      {request.reason ? <p className="status-line">{t('certificates.reason', { reason: request.reason })}</p> : null}
      <ErrorMessage error={review.error} />
      {request.status === 'pending' ? (
        <div className="gift-actions-row">
          <button
            type="button"
            className="btn btn-primary btn-small"
            disabled={review.isPending}
            onClick={() => review.mutate({ action: 'approve', requestId: request.id }, { onSuccess: () => toast(t('certificates.operator.approved', { name: request.productName })) })}
            data-testid="certification-approve"
          >
            {t('commerce.operator.approve')}
          </button>
          <button type="button" className="btn btn-secondary btn-small" onClick={() => setRejecting(true)} data-testid="certification-reject">
            {t('commerce.operator.reject')}
          </button>
        </div>
      ) : null}
      {rejecting ? <RejectSheet request={request} onClose={() => setRejecting(false)} /> : null}
    </li>
  );
}

function RejectSheet({ request, onClose }: { request: CertificationRequest; onClose: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const review = useReviewCertification();
  const submit = (reason: string) =>
    review.mutate(
      { action: 'reject', requestId: request.id, reason },
      {
        onSuccess: () => {
          toast(t('certificates.operator.rejected', { name: request.productName }));
          onClose();
        },
      },
    );
  return (
    <ReasonSheet
      title={t('commerce.operator.reject')}
      label={t('commerce.operator.reasonLabel', { name: request.sellerName })}
      testIds={{ sheet: 'certification-reject-sheet', input: 'certification-reason', submit: 'certification-reason-submit' }}
      isPending={review.isPending}
      error={review.error}
      onSubmit={submit}
      onClose={onClose}
    />
  );
}

function RevokeForm() {
  const { t } = useTranslation();
  const toast = useToast();
  const revoke = useRevoke();
  const [certId, setCertId] = useState('');
  const [reason, setReason] = useState<RevokeReason>('counterfeit');
  const [detail, setDetail] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (revoke.isPending) return;
    const id = certId.trim();
    if (!CertificateId.safeParse(id).success) return setProblem(t('certificates.operator.badId'));
    setProblem(null);
    revoke.mutate(
      { certId: id, reason, detail },
      {
        onSuccess: (c) => {
          toast(t('certificates.operator.revoked', { serial: c.serial }));
          setDone(c.id);
          setCertId('');
          setDetail('');
        },
      },
    );
  };
  return (
    <form className="store-card seller-form cert-revoke" onSubmit={submit} noValidate data-testid="revoke-form">
      <h2 className="store-card-title">{t('certificates.operator.revokeTitle')}</h2>
      <TextField label={t('certificates.operator.certId')} value={certId} onChange={setCertId} placeholder="crt_…" testId="revoke-cert-id" />
      <ChipChoice
        options={revokeReasons}
        value={reason}
        onPick={setReason}
        label={t('certificates.operator.reason')}
        text={(r) => t(`certificates.revokeReasons.${r}`)}
        testId="revoke-reason"
        dataKey="reason"
      />
      <TextArea label={t('certificates.operator.detail')} value={detail} onChange={setDetail} maxLength={500} rows={2} testId="revoke-detail" />
      {problem ? <LocalError text={problem} /> : null}
      <ErrorMessage error={revoke.error} />
      <button type="submit" className="btn btn-danger" disabled={revoke.isPending || !certId.trim()} data-testid="revoke-submit">
        {t('certificates.operator.revoke')}
      </button>
      {done ? (
        <Link to={certificatePath(done)} className="muted">
          {t('certificates.operator.viewRevoked')}
        </Link>
      ) : null}
    </form>
  );
}
