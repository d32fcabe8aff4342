import { useMemo } from 'react';
import { useParams } from 'react-router';
import { QRCodeSVG } from 'qrcode.react';
import { useTranslation } from 'react-i18next';
import { CertificateId, type Certificate, type ProofBundle } from '@maum/protocol';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorState } from '../../ui/ErrorMessage';
import { IconAlert, IconCheck, IconDownload } from '../../ui/Icons';
import { PageHeader } from '../../ui/PageHeader';
import { SkeletonRows } from '../../ui/Spinner';
import { saveHref } from '../../ui/download';
import { Fact, Picture } from '../commerce';
import { useBundle, useCertificate, useVerifierKey } from './api';
import { checkCertificate, explorerTxUrl, shortHash, shortPseudonym, type CertificateCheck, type FailedCheck } from './check';
import { certificateUrl, History, StatusBadge } from './parts';
import './certificates.css';

/** Anyone, signed in or not, can check a certificate here: the proof is checked in this browser, not taken on trust. */
export function VerifyPage() {
  const { certId = '' } = useParams();
  const { t } = useTranslation();
  if (!CertificateId.safeParse(certId).success) {
    return (
      <div className="page">
        <PageHeader title={t('certificates.verifyTitle')} back="/" />
        <EmptyState title={t('certificates.notFound')} />
      </div>
    );
  }
  return <Verify key={certId} certId={certId} />;
}

function Verify({ certId }: { certId: string }) {
  const { t } = useTranslation();
  const certificate = useCertificate(certId);
  const bundle = useBundle(certId);
  const key = useVerifierKey();
  const check = useMemo<CertificateCheck | null>(
    () => (certificate.data && bundle.data && key.data !== undefined ? checkCertificate(certificate.data, bundle.data, key.data) : null),
    [certificate.data, bundle.data, key.data],
  );

  return (
    <div className="page">
      <PageHeader title={t('certificates.verifyTitle')} back="/" />
      <div className="page-body cert-page" data-testid="verify-page">
        {certificate.isPending ? (
          <SkeletonRows count={4} />
        ) : certificate.isError ? (
          <ErrorState error={certificate.error} onRetry={() => void certificate.refetch()} />
        ) : (
          <>
            <CertificateCard certificate={certificate.data} />
            {bundle.isError || key.isError ? (
              <Verdict ok={false} message={t('certificates.proofUnavailable')} />
            ) : check ? (
              <Verdict ok={check.ok} message={check.ok ? t('certificates.verifiedBody') : <FailureText failure={check.failure} />} />
            ) : (
              <SkeletonRows count={1} />
            )}
            {check?.ok && check.anchor ? <Anchor check={check} anchor={check.anchor} /> : null}
            {bundle.isError ? <ErrorState error={bundle.error} onRetry={() => void bundle.refetch()} /> : null}
            {key.isError ? <ErrorState error={key.error} onRetry={() => void key.refetch()} /> : null}
            <section className="settings-group">
              <h2 className="section-title">{t('certificates.history')}</h2>
              <History history={certificate.data.history} />
            </section>
            {check?.ok ? <HowChecked check={check} /> : null}
            {bundle.data ? <Download certId={certId} bundle={bundle.data} verifierKey={key.data ?? null} /> : null}
            <PageQr certId={certId} />
          </>
        )}
      </div>
    </div>
  );
}

function CertificateCard({ certificate }: { certificate: Certificate }) {
  const { t } = useTranslation();
  return (
    <section className={`cert-card ${certificate.status === 'revoked' ? 'is-revoked' : ''}`} data-testid="cert-card">
      {certificate.status === 'revoked' ? (
        <p className="cert-revoked-banner" role="alert" data-testid="cert-revoked">
          <IconAlert size={20} />
          {t('certificates.revokedBanner')}
        </p>
      ) : null}
      <div className="cert-product">
        <Picture url={certificate.product.imageUrl} className="cert-picture" />
        <span className="row-text">
          <span className="row-title" data-testid="cert-product">
            {certificate.product.name}
          </span>
          <span className="row-subtitle">{certificate.seller.name}</span>
        </span>
        <StatusBadge status={certificate.status} />
      </div>
      <dl className="store-facts">
        <Fact label={t('certificates.serial')} value={certificate.serial} testId="cert-serial" />
        <Fact label={t('certificates.sellerLabel')} value={certificate.seller.name} />
        <Fact label={t('certificates.owner')} value={shortPseudonym(certificate.owner)} title={certificate.owner} testId="cert-owner" />
        {certificate.mine ? <Fact label="" value={t('certificates.yours')} testId="cert-yours" /> : null}
      </dl>
    </section>
  );
}

function Verdict({ ok, message }: { ok: boolean; message: React.ReactNode }) {
  const { t } = useTranslation();
  return (
    <section className={`cert-verdict ${ok ? 'is-ok' : 'is-failed'}`} data-testid="cert-verdict" data-verified={ok}>
      <h2 className="cert-verdict-title">
        {ok ? <IconCheck size={20} /> : <IconAlert size={20} />}
        {ok ? t('certificates.verified') : t('certificates.notVerified')}
      </h2>
      <div className="cert-verdict-body">{message}</div>
    </section>
  );
}

function FailureText({ failure }: { failure: FailedCheck }) {
  const { t } = useTranslation();
  switch (failure.check) {
    case 'key':
      return <p>{t('certificates.failed.key', { bundleKey: failure.bundleKey || '—', trustedKey: failure.trustedKey })}</p>;
    case 'certificate':
      return <p>{t('certificates.failed.certificate', { found: failure.found })}</p>;
    case 'owner':
      return <p>{t('certificates.failed.owner', { logOwner: failure.logOwner ? shortPseudonym(failure.logOwner) : '—', shownOwner: shortPseudonym(failure.shownOwner) })}</p>;
    case 'proof':
      return (
        <>
          <p>{t('certificates.failed.proof')}</p>
          <ul className="cert-failures" data-testid="cert-failures">
            {failure.messages.map((m) => (
              <li key={m}>
                <code>{m}</code>
              </li>
            ))}
          </ul>
        </>
      );
  }
}

/** Where the log's checkpoint covering this certificate was anchored on a chain, as the proof checked here says. */
function Anchor({ check, anchor }: { check: Extract<CertificateCheck, { ok: true }>; anchor: NonNullable<Extract<CertificateCheck, { ok: true }>['anchor']> }) {
  const { t } = useTranslation();
  const link = explorerTxUrl(anchor.chainId, anchor.txHash);
  const covers =
    anchor.covers.length === check.entries.length
      ? t('certificates.anchor.coversAll')
      : t('certificates.anchor.coversSome', { entries: anchor.covers.map((i) => `#${i}`).join(', ') || '—' });
  return (
    <section className="settings-group" data-testid="cert-anchor">
      <h2 className="section-title">{t('certificates.anchor.title')}</h2>
      <div className="cert-anchor">
        <p>{covers}</p>
        <dl className="cert-anchor-facts">
          <dt>{t('certificates.anchor.chain')}</dt>
          <dd data-testid="cert-anchor-chain">{anchor.chainId}</dd>
          <dt>{t('certificates.anchor.tx')}</dt>
          <dd data-testid="cert-anchor-tx" title={anchor.txHash}>
            {link ? (
              <a href={link} target="_blank" rel="noreferrer noopener">
                {shortHash(anchor.txHash)}
              </a>
            ) : (
              <code>{shortHash(anchor.txHash)}</code>
            )}
          </dd>
          <dt>{t('certificates.anchor.block')}</dt>
          <dd data-testid="cert-anchor-block">{anchor.blockNumber}</dd>
          <dt>{t('certificates.how.treeSize')}</dt>
          <dd>{anchor.checkpoint.size}</dd>
        </dl>
        <p className="cert-anchor-note">{t('certificates.anchor.checked', { chainId: anchor.chainId })}</p>
      </div>
    </section>
  );
}

function HowChecked({ check }: { check: Extract<CertificateCheck, { ok: true }> }) {
  const { t } = useTranslation();
  return (
    <details className="cert-details" data-testid="cert-how">
      <summary>{t('certificates.how.title')}</summary>
      <dl className="store-facts">
        <Fact label={t('certificates.how.origin')} value={check.checkpoint.origin} />
        <Fact label={t('certificates.how.treeSize')} value={String(check.checkpoint.size)} />
        <Fact label={t('certificates.how.keyId')} value={check.keyId} />
      </dl>
      <p>{t('certificates.how.key')}</p>
      <p>{t('certificates.how.signature')}</p>
      <ul className="cert-failures">
        {check.entries.map(({ index, entry }) => (
          <li key={index}>{t('certificates.how.entry', { index, kind: t(`certificates.kind.${entry.kind}`) })}</li>
        ))}
      </ul>
      <p>{t('certificates.how.owner')}</p>
    </details>
  );
}

function Download({ certId, bundle, verifierKey }: { certId: string; bundle: ProofBundle; verifierKey: string | null }) {
  const { t } = useTranslation();
  const file = `${certId}.bundle.json`;
  const save = () => {
    const url = URL.createObjectURL(new Blob([JSON.stringify(bundle, null, 2)], { type: 'application/json' }));
    saveHref(url, file);
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  return (
    <section className="cert-download">
      <button type="button" className="btn btn-secondary btn-block" onClick={save} data-testid="cert-download">
        <IconDownload size={18} />
        {t('certificates.download')}
      </button>
      <p className="qr-hint muted">{t('certificates.downloadHint')}</p>
      <code className="cert-command" data-testid="cert-command">
        npm run maum -- verify {file} --key {verifierKey ? `"${verifierKey}"` : '<verifier key>'}
      </code>
    </section>
  );
}

function PageQr({ certId }: { certId: string }) {
  const { t } = useTranslation();
  const url = certificateUrl(certId);
  return (
    <section className="qr-card" data-testid="cert-qr">
      <div className="qr-frame">
        <QRCodeSVG value={url} size={160} level="M" marginSize={0} title={t('certificates.qrTitle')} data-value={url} />
      </div>
      <p className="qr-hint">{t('certificates.qrHint')}</p>
    </section>
  );
}
