import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Certificate } from '@maum/protocol';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorState } from '../../ui/ErrorMessage';
import { IconChevronRight, IconGift } from '../../ui/Icons';
import { PageHeader } from '../../ui/PageHeader';
import { SkeletonRows } from '../../ui/Spinner';
import { useToast } from '../../ui/Toast';
import { FriendPicker } from '../chat';
import { Picture } from '../commerce';
import { useMyCertificates, useTransfer } from './api';
import { certificatePath, StatusBadge } from './parts';
import './certificates.css';

/** The items I own with a certificate, each one a link to its public page and a way to give it on. */
export function MyCertificatesPage() {
  const { t } = useTranslation();
  const mine = useMyCertificates();
  const [giving, setGiving] = useState<Certificate | null>(null);
  return (
    <div className="page">
      <PageHeader title={t('certificates.mineTitle')} back="/more" />
      <div className="page-body">
        {mine.isPending ? (
          <SkeletonRows count={3} />
        ) : mine.isError ? (
          <ErrorState error={mine.error} onRetry={() => void mine.refetch()} />
        ) : mine.data.length === 0 ? (
          <EmptyState title={t('certificates.mineEmpty')} />
        ) : (
          <ul className="list" data-testid="my-certificates">
            {mine.data.map((certificate) => (
              <li key={certificate.id} className="cert-row" data-testid="my-certificate" data-serial={certificate.serial}>
                <Link to={certificatePath(certificate.id)} className="row">
                  <Picture url={certificate.product.imageUrl} className="cert-thumb" />
                  <span className="row-text">
                    <span className="row-title">{certificate.product.name}</span>
                    <span className="row-subtitle">
                      {certificate.seller.name} · {t('certificates.serialShort', { serial: certificate.serial })}
                    </span>
                  </span>
                  <StatusBadge status={certificate.status} />
                  <IconChevronRight size={18} />
                </Link>
                {certificate.status === 'active' ? (
                  <button type="button" className="btn btn-secondary btn-small" onClick={() => setGiving(certificate)} data-testid="cert-give">
                    <IconGift size={16} />
                    {t('certificates.give')}
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </div>
      {giving ? <GiveSheet certificate={giving} onClose={() => setGiving(null)} /> : null}
    </div>
  );
}

function GiveSheet({ certificate, onClose }: { certificate: Certificate; onClose: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const transfer = useTransfer();
  return (
    <FriendPicker
      sheetTitle={t('certificates.giveTitle', { name: certificate.product.name })}
      testId="cert-give-sheet"
      exclude={[]}
      max={1}
      pending={transfer.isPending}
      error={transfer.error}
      submitLabel={() => t('certificates.giveSubmit')}
      submitTestId="cert-give-submit"
      onClose={onClose}
      onSubmit={([toUserId]) => {
        if (!toUserId) return;
        transfer.mutate(
          { certId: certificate.id, toUserId },
          {
            onSuccess: () => {
              toast(t('certificates.given', { name: certificate.product.name }));
              onClose();
            },
          },
        );
      }}
    />
  );
}
