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
  if (!c || typeof c !== 'object' || typeof c.certId !== 'string' || !/^crt_[0-9a-z]{26}$/.test(c.certId)) return null;
  const str = (value: unknown) => (typeof value === 'string' ? value : '');
  return {
    certId: c.certId,
    productName: str(c.productName),
    serial: str(c.serial),
    sellerName: str(c.sellerName),
    // Only pictures this server serves.
    imageUrl: typeof c.imageUrl === 'string' && c.imageUrl.startsWith('/') ? c.imageUrl : null,
  };
}
