import { CertificateId } from '@maum/protocol';
import { isOwnPath } from '../../api/paths';

/** What a chat card of a certificate given to a friend carries (a `text` message with `body.certificate`). */
export interface CertificateMessageBody {
  certId: string;
  productName: string;
  serial: string;
  sellerName: string;
  imageUrl: string | null;
}

export function readCertificateBody(body: Record<string, unknown>): CertificateMessageBody | null {
  const c = body.certificate as Record<string, unknown> | undefined;
  if (!c || typeof c !== 'object') return null;
  const certId = CertificateId.safeParse(c.certId);
  if (!certId.success) return null;
  const str = (value: unknown) => (typeof value === 'string' ? value : '');
  return {
    certId: certId.data,
    productName: str(c.productName),
    serial: str(c.serial),
    sellerName: str(c.sellerName),
    // Only pictures this server serves.
    imageUrl: isOwnPath(c.imageUrl) ? c.imageUrl : null,
  };
}
