import { Link } from 'react-router';
import { QRCodeSVG } from 'qrcode.react';
import { useTranslation } from 'react-i18next';
import type { Certificate } from '@maum/protocol';
import { IconCheck } from '../../ui/Icons';
import { useProductCertification } from './api';
import { certificatePath, certificateUrl, StatusBadge } from './parts';
import './certificates.css';

/**
 * On a product's page: whether Maum verified the product, and, for a signed-in owner, the certificate of each item
 * they own with the QR code that opens its public page (the same code as on the item's tag).
 */
export function ProductCertificates({ productId }: { productId: string }) {
  const { t } = useTranslation();
  const certification = useProductCertification(productId);
  if (!certification.data?.certified) return null;
  const mine = certification.data.mine;
  return (
    <section className="product-certification" data-testid="product-certification">
      <p className="cert-certified">
        <IconCheck size={18} />
        {t('certificates.product.certified')}
      </p>
      <p className="muted">{t('certificates.product.certifiedBody')}</p>
      {mine.length > 0 ? (
        <>
          <h3 className="section-title">{t('certificates.product.yours', { count: mine.length })}</h3>
          <ul className="cert-tags">
            {mine.map((certificate) => (
              <CertificateTag key={certificate.id} certificate={certificate} />
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function CertificateTag({ certificate }: { certificate: Certificate }) {
  const { t } = useTranslation();
  const url = certificateUrl(certificate.id);
  return (
    <li className="cert-tag" data-testid="product-certificate" data-serial={certificate.serial}>
      <QRCodeSVG value={url} size={96} level="M" marginSize={0} title={t('certificates.qrTitle')} data-testid="product-certificate-qr" data-value={url} />
      <span className="row-text">
        <span className="row-title">{t('certificates.serialShort', { serial: certificate.serial })}</span>
        <StatusBadge status={certificate.status} />
      </span>
      <Link to={certificatePath(certificate.id)} className="btn btn-secondary btn-small" data-testid="product-certificate-check">
        {t('certificates.product.check')}
      </Link>
    </li>
  );
}
