import { z } from 'zod';
import { UserId } from './accounts';
import { ImageId, ItemId } from './commerce';
import { endpoint } from './http';
import { CertificateId, revokeReasons } from './transparency/entries';
import { ProofBundle } from './transparency/bundle';

export const CertificationRequestId = z.string().regex(/^crq_[0-9a-z]{26}$/, 'a certification request id');

export const certificationStatuses = ['pending', 'approved', 'rejected'] as const;
export const CertificationStatus = z.enum(certificationStatuses);

/** A seller's request to certify a product, with its evidence: a brand authorisation document and photos. */
export const CertificationRequest = z
  .object({
    id: z.string(),
    productId: z.string(),
    productName: z.string(),
    sellerId: z.string(),
    sellerName: z.string(),
    evidenceUrls: z.array(z.string()),
    note: z.string(),
    status: CertificationStatus,
    reason: z.string().nullable(),
    createdAt: z.string(),
    reviewedAt: z.string().nullable(),
  })
  .meta({ id: 'CertificationRequest' });
export type CertificationRequest = z.infer<typeof CertificationRequest>;

export const CertificateEvent = z
  .object({
    kind: z.enum(['issue', 'transfer', 'revoke']),
    /** The entry's index in the transparency log. */
    logIndex: z.number().int(),
    at: z.string(),
    /** Pseudonymous owners (`own_…`): a keyed hash of the account, never the account. */
    from: z.string().nullable(),
    to: z.string().nullable(),
    reason: z.string().nullable(),
  })
  .meta({ id: 'CertificateEvent' });

/** A certificate as anyone may see it: no account appears, only pseudonyms. */
export const Certificate = z
  .object({
    id: z.string(),
    serial: z.string(),
    product: z.object({ id: z.string(), name: z.string(), imageUrl: z.string().nullable() }),
    seller: z.object({ id: z.string(), name: z.string() }),
    status: z.enum(['active', 'revoked']),
    owner: z.string(),
    /** The caller owns it (false for anonymous callers). */
    mine: z.boolean(),
    issuedAt: z.string(),
    history: z.array(CertificateEvent),
    verifyUrl: z.string(),
  })
  .meta({ id: 'Certificate' });
export type Certificate = z.infer<typeof Certificate>;

/** Whether the operator verified a product, and the certificates of it the caller owns. */
export const ProductCertification = z
  .object({
    productId: z.string(),
    certified: z.boolean(),
    certifiedAt: z.string().nullable(),
    /** Certificates of this product the caller owns, each with its public page (none for anonymous callers). */
    mine: z.array(Certificate),
  })
  .meta({ id: 'ProductCertification' });
export type ProductCertification = z.infer<typeof ProductCertification>;

const tags = ['certificates'];
const certParams = z.object({ certId: CertificateId });
const requestParams = z.object({ requestId: CertificationRequestId });

export const certificatesApi = {
  requestCertification: endpoint({
    method: 'POST', path: '/api/seller/certifications', auth: 'user', tags, status: 201,
    summary: 'Ask the operator to certify one of your products, with a brand authorisation document and photos',
    body: z.object({ productId: ItemId, evidenceImageIds: z.array(ImageId).min(1).max(10), note: z.string().trim().max(1000).default('') }),
    response: CertificationRequest,
  }),
  myCertifications: endpoint({
    method: 'GET', path: '/api/seller/certifications', auth: 'user', tags,
    summary: 'Your certification requests', response: z.object({ requests: z.array(CertificationRequest) }),
  }),
  certificationQueue: endpoint({
    method: 'GET', path: '/api/operator/certifications', auth: 'user', tags,
    summary: 'Operator: certification requests, by status', query: z.object({ status: CertificationStatus.optional() }),
    response: z.object({ requests: z.array(CertificationRequest) }),
  }),
  approveCertification: endpoint({
    method: 'POST', path: '/api/operator/certifications/:requestId/approve', auth: 'user', tags,
    summary: 'Operator: the product is verified; its seller may issue certificates for it', params: requestParams, response: CertificationRequest,
  }),
  rejectCertification: endpoint({
    method: 'POST', path: '/api/operator/certifications/:requestId/reject', auth: 'user', tags,
    summary: 'Operator: reject a certification request, with a reason', params: requestParams,
    body: z.object({ reason: z.string().trim().min(1).max(300) }), response: CertificationRequest,
  }),
  issue: endpoint({
    method: 'POST', path: '/api/seller/certificates', auth: 'user', tags, status: 201,
    summary: 'Issue certificates for items of a certified product, one per serial; each is recorded on the log',
    body: z.object({ productId: ItemId, serials: z.array(z.string().trim().min(1).max(64)).min(1).max(100) }),
    response: z.object({ certificates: z.array(Certificate) }),
  }),
  sellerCertificates: endpoint({
    method: 'GET', path: '/api/seller/certificates', auth: 'user', tags,
    summary: 'Certificates your store issued', response: z.object({ certificates: z.array(Certificate) }),
  }),
  mine: endpoint({
    method: 'GET', path: '/api/certificates/mine', auth: 'user', tags,
    summary: 'My certificates: items I own', response: z.object({ certificates: z.array(Certificate) }),
  }),
  transfer: endpoint({
    method: 'POST', path: '/api/certificates/:certId/transfer', auth: 'user', tags,
    summary: 'Give a certificate you own to a friend', params: certParams, body: z.object({ toUserId: UserId }), response: Certificate,
  }),
  revoke: endpoint({
    method: 'POST', path: '/api/operator/certificates/:certId/revoke', auth: 'user', tags,
    summary: 'Operator: revoke a certificate, with a reason', params: certParams,
    body: z.object({ reason: z.enum(revokeReasons), detail: z.string().trim().max(500).optional() }), response: Certificate,
  }),
  certificate: endpoint({
    method: 'GET', path: '/api/certificates/:certId', auth: 'optional', tags,
    summary: 'A certificate with its history, for anyone (owners appear only as pseudonyms)', params: certParams, response: Certificate,
  }),
  productCertification: endpoint({
    method: 'GET', path: '/api/products/:productId/certification', auth: 'optional', tags,
    summary: 'Whether a product is certified, with the certificates of it you own', params: z.object({ productId: ItemId }),
    response: ProductCertification,
  }),
  bundle: endpoint({
    method: 'GET', path: '/api/certificates/:certId/bundle', auth: 'none', tags,
    summary: 'A proof bundle for a certificate: its log entries, their inclusion proofs, the checkpoint and the log’s key',
    params: certParams, response: ProofBundle,
  }),
} as const;
