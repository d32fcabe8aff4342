import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { sellerStatuses, type Seller, type SellerStatus } from '@maum/protocol';
import { currentLanguage } from '../../../i18n';
import { ChipChoice } from '../../../ui/ChipChoice';
import { ErrorMessage } from '../../../ui/ErrorMessage';
import { PageHeader } from '../../../ui/PageHeader';
import { useToast } from '../../../ui/Toast';
import { dateTime } from '../parts';
import { useReview, useReviewQueue } from './api';
import { ReasonSheet, ReviewQueue, useOperatorGate } from './review';
import '../commerce.css';

/** The operator's queue of seller applications, and the sellers it approved, rejected or suspended. */
export function OperatorPage() {
  const { t } = useTranslation();
  const gate = useOperatorGate(t('commerce.operator.title'));
  const [status, setStatus] = useState<SellerStatus | null>('pending');
  const queue = useReviewQueue(status);
  if (gate) return gate;
  return (
    <div className="page page-wide operator-page">
      <PageHeader
        title={t('commerce.operator.title')}
        back="/more"
        actions={
          <Link to="/operator/certificates" className="btn btn-secondary btn-small" data-testid="goto-certification-queue">
            {t('certificates.operator.title')}
          </Link>
        }
      />
      <ChipChoice
        options={[...sellerStatuses, null]}
        value={status}
        onPick={setStatus}
        label={t('commerce.seller.filterStatus')}
        text={(s) => (s ? t(`commerce.operator.filter.${s}`) : t('commerce.seller.all'))}
        testId="operator-filter"
        dataKey="status"
        className="channel-categories"
      />
      <div className="page-body">
        <ReviewQueue queue={queue} emptyTitle={t('commerce.operator.empty')} testId="operator-queue" render={(seller) => <SellerCard seller={seller} />} />
      </div>
    </div>
  );
}

function SellerCard({ seller }: { seller: Seller }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const toast = useToast();
  const review = useReview();
  const [asking, setAsking] = useState<'reject' | 'suspend' | null>(null);
  const approve = () => review.mutate({ action: 'approve', sellerId: seller.id }, { onSuccess: () => toast(t('commerce.operator.approved', { name: seller.businessName })) });
  return (
    <li className="operator-card" data-testid="operator-seller" data-business-name={seller.businessName} data-status={seller.status}>
      <div className="order-head">
        <span className="row-text">
          <span className="row-title">{seller.businessName}</span>
          <span className="row-subtitle">
            {t(`commerce.seller.kinds.${seller.kind}`)} · {seller.registrationNumber}
          </span>
        </span>
        <span className="badge badge-plain">{t(`commerce.seller.status.${seller.status}`)}</span>
      </div>
      <p className="muted">
        @{seller.owner.handle} · {seller.contactEmail} · {seller.contactPhone}
      </p>
      <p className="muted">{t('commerce.operator.applied', { time: dateTime(seller.createdAt, lang) })}</p>
      {seller.reason ? <p className="status-line">{t('commerce.seller.reason', { reason: seller.reason })}</p> : null}
      <ErrorMessage error={review.error} />
      <div className="gift-actions-row">
        {seller.status === 'pending' || seller.status === 'suspended' || seller.status === 'rejected' ? (
          <button type="button" className="btn btn-primary btn-small" disabled={review.isPending} onClick={approve} data-testid="operator-approve">
            {seller.status === 'suspended' ? t('commerce.operator.reinstate') : t('commerce.operator.approve')}
          </button>
        ) : null}
        {seller.status === 'pending' ? (
          <button type="button" className="btn btn-secondary btn-small" onClick={() => setAsking('reject')} data-testid="operator-reject">
            {t('commerce.operator.reject')}
          </button>
        ) : null}
        {seller.status === 'approved' ? (
          <button type="button" className="btn btn-danger btn-small" onClick={() => setAsking('suspend')} data-testid="operator-suspend">
            {t('commerce.operator.suspend')}
          </button>
        ) : null}
      </div>
      {asking ? <SellerReasonSheet action={asking} seller={seller} onClose={() => setAsking(null)} /> : null}
    </li>
  );
}

function SellerReasonSheet({ action, seller, onClose }: { action: 'reject' | 'suspend'; seller: Seller; onClose: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const review = useReview();
  const submit = (reason: string) =>
    review.mutate(
      { action, sellerId: seller.id, reason },
      {
        onSuccess: () => {
          toast(t(`commerce.operator.${action}edToast`, { name: seller.businessName }));
          onClose();
        },
      },
    );
  return (
    <ReasonSheet
      title={t(`commerce.operator.${action}`)}
      label={t('commerce.operator.reasonLabel', { name: seller.businessName })}
      testIds={{ sheet: 'operator-reason-sheet', input: 'operator-reason', submit: 'operator-reason-submit' }}
      danger={action === 'suspend'}
      isPending={review.isPending}
      error={review.error}
      onSubmit={submit}
      onClose={onClose}
    />
  );
}
