import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { certificatesApi } from '@maum/protocol';
import { currentLanguage } from '../../i18n';
import { ErrorMessage, ErrorState, LocalError } from '../../ui/ErrorMessage';
import { Spinner } from '../../ui/Spinner';
import { useToast } from '../../ui/Toast';
import { dateTime, ImagePicker, TextArea, useSellerProducts, type UploadedImage } from '../commerce';
import { useIssue, useMyCertifications, useRequestCertification, useSellerCertificates } from './api';
import { parseSerials } from './check';
import { certificatePath, RequestStatusBadge, StatusBadge } from './parts';

/** The seller's certificates: ask for a product to be certified, then issue a certificate for each item sold. */
export function CertificatesTab() {
  return (
    <div className="store-console">
      <RequestForm />
      <RequestList />
      <IssueForm />
      <IssuedList />
    </div>
  );
}

/** The seller's products: all of them, or only those in `only`, never those in `except`. */
function ProductSelect({
  value,
  onChange,
  only,
  except,
  testId,
}: {
  value: string;
  onChange: (id: string) => void;
  only?: ReadonlySet<string>;
  except?: ReadonlySet<string>;
  testId: string;
}) {
  const { t } = useTranslation();
  const products = useSellerProducts();
  const shown = (products.data ?? []).filter((p) => (!only || only.has(p.product.id)) && !except?.has(p.product.id));
  return (
    <label className="field">
      <span className="field-label">{t('certificates.seller.product')}</span>
      <select className="select" value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
        <option value="">{t('certificates.seller.pickProduct')}</option>
        {shown.map((p) => (
          <option key={p.product.id} value={p.product.id}>
            {p.product.name}
          </option>
        ))}
      </select>
    </label>
  );
}

function RequestForm() {
  const { t } = useTranslation();
  const toast = useToast();
  const request = useRequestCertification();
  // A product already certified, or waiting for review, is not asked for again.
  const requests = useMyCertifications();
  const open = new Set((requests.data ?? []).filter((r) => r.status !== 'rejected').map((r) => r.productId));
  const [productId, setProductId] = useState('');
  const [images, setImages] = useState<UploadedImage[]>([]);
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (request.isPending) return;
    if (!productId) return setProblem(t('certificates.seller.needProduct'));
    if (images.length === 0) return setProblem(t('certificates.seller.needEvidence'));
    setProblem(null);
    request.mutate(
      { productId, evidenceImageIds: images.map((i) => i.id), note: note.trim() },
      {
        onSuccess: (r) => {
          toast(t('certificates.seller.requested', { name: r.productName }));
          setProductId('');
          setImages([]);
          setNote('');
        },
      },
    );
  };
  return (
    <form className="store-card seller-form" onSubmit={submit} noValidate data-testid="certification-form">
      <h2 className="store-card-title">{t('certificates.seller.requestTitle')}</h2>
      <p className="muted">{t('certificates.seller.requestBody')}</p>
      <ProductSelect value={productId} onChange={setProductId} except={open} testId="certification-product" />
      <div className="field">
        <span className="field-label">{t('certificates.seller.evidence')}</span>
        <ImagePicker images={images} onChange={setImages} max={10} testId="certification-evidence" />
      </div>
      <TextArea label={t('certificates.seller.note')} value={note} onChange={setNote} maxLength={1000} testId="certification-note" />
      {problem ? <LocalError text={problem} /> : null}
      <ErrorMessage error={request.error} />
      <button type="submit" className="btn btn-primary" disabled={request.isPending} data-testid="certification-submit">
        {t('certificates.seller.requestSubmit')}
      </button>
    </form>
  );
}

function RequestList() {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const requests = useMyCertifications();
  return (
    <section className="store-card">
      <h2 className="store-card-title">{t('certificates.seller.requests')}</h2>
      {requests.isPending ? (
        <Spinner />
      ) : requests.isError ? (
        <ErrorState error={requests.error} onRetry={() => void requests.refetch()} />
      ) : requests.data.length === 0 ? (
        <p className="muted">{t('certificates.seller.noRequests')}</p>
      ) : (
        <ul className="operator-list" data-testid="certification-requests">
          {requests.data.map((r) => (
            <li key={r.id} className="operator-card" data-testid="certification-request" data-status={r.status}>
              <div className="order-head">
                <span className="row-text">
                  <span className="row-title">{r.productName}</span>
                  <span className="row-subtitle">{dateTime(r.createdAt, lang)}</span>
                </span>
                <RequestStatusBadge status={r.status} />
              </div>
              {r.reason ? <p className="status-line">{t('certificates.reason', { reason: r.reason })}</p> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function IssueForm() {
  const { t } = useTranslation();
  const toast = useToast();
  const requests = useMyCertifications();
  const issue = useIssue();
  const [productId, setProductId] = useState('');
  const [serials, setSerials] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const approved = new Set((requests.data ?? []).filter((r) => r.status === 'approved').map((r) => r.productId));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (issue.isPending) return;
    if (!productId) return setProblem(t('certificates.seller.needProduct'));
    const parsed = certificatesApi.issue.body.safeParse({ productId, serials: parseSerials(serials) });
    if (!parsed.success) return setProblem(t('certificates.seller.serialsInvalid'));
    setProblem(null);
    issue.mutate(parsed.data, {
      onSuccess: (res) => {
        toast(t('certificates.seller.issued', { count: res.certificates.length }));
        setSerials('');
      },
    });
  };
  return (
    <form className="store-card seller-form" onSubmit={submit} noValidate data-testid="issue-form">
      <h2 className="store-card-title">{t('certificates.seller.issueTitle')}</h2>
      {approved.size === 0 ? (
        <p className="muted">{t('certificates.seller.noneApproved')}</p>
      ) : (
        <>
          <ProductSelect value={productId} onChange={setProductId} only={approved} testId="issue-product" />
          <TextArea label={t('certificates.seller.serials')} value={serials} onChange={setSerials} rows={5} testId="issue-serials" />
          {problem ? <LocalError text={problem} /> : null}
          <ErrorMessage error={issue.error} />
          <button type="submit" className="btn btn-primary" disabled={issue.isPending} data-testid="issue-submit">
            {t('certificates.seller.issueSubmit')}
          </button>
        </>
      )}
    </form>
  );
}

function IssuedList() {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const issued = useSellerCertificates();
  return (
    <section className="store-card">
      <h2 className="store-card-title">{t('certificates.seller.issuedTitle')}</h2>
      {issued.isPending ? (
        <Spinner />
      ) : issued.isError ? (
        <ErrorState error={issued.error} onRetry={() => void issued.refetch()} />
      ) : issued.data.length === 0 ? (
        <p className="muted">{t('certificates.seller.noneIssued')}</p>
      ) : (
        <ul className="operator-list" data-testid="issued-certificates">
          {issued.data.map((c) => (
            <li key={c.id} className="operator-card" data-testid="issued-certificate" data-serial={c.serial}>
              <div className="order-head">
                <span className="row-text">
                  <Link to={certificatePath(c.id)} className="row-title">
                    {c.product.name} · {c.serial}
                  </Link>
                  <span className="row-subtitle">{dateTime(c.issuedAt, lang)}</span>
                </span>
                <StatusBadge status={c.status} />
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
