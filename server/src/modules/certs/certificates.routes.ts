import { certificatesApi } from '@maum/protocol';
import type { Router } from '../../platform/http/routes';
import type { CertificatesService } from './certificates.service';

export function registerCertificateRoutes(router: Router, certificates: CertificatesService): void {
  router.add(certificatesApi.requestCertification, ({ actor, body }) => certificates.requestCertification(actor, body));
  router.add(certificatesApi.myCertifications, async ({ actor }) => ({ requests: await certificates.myRequests(actor) }));
  router.add(certificatesApi.certificationQueue, async ({ actor, query }) => ({ requests: await certificates.queue(actor, query.status) }));
  router.add(certificatesApi.approveCertification, ({ actor, params }) => certificates.review(actor, params.requestId, { approve: true }));
  router.add(certificatesApi.rejectCertification, ({ actor, params, body }) => certificates.review(actor, params.requestId, { approve: false, reason: body.reason }));
  router.add(certificatesApi.issue, async ({ actor, body }) => ({ certificates: await certificates.issue(actor, body) }));
  router.add(certificatesApi.sellerCertificates, async ({ actor }) => ({ certificates: await certificates.sellerCertificates(actor) }));
  router.add(certificatesApi.mine, async ({ actor }) => ({ certificates: await certificates.mine(actor) }));
  router.add(certificatesApi.transfer, ({ actor, params, body }) => certificates.transfer(actor, params.certId, body.toUserId));
  router.add(certificatesApi.revoke, ({ actor, params, body }) => certificates.revoke(actor, params.certId, body));
  router.add(certificatesApi.certificate, ({ actor, params }) => certificates.certificate(actor, params.certId));
  router.add(certificatesApi.productCertification, ({ actor, params }) => certificates.productCertification(actor, params.productId));
  router.add(certificatesApi.bundle, ({ actor, params }) => certificates.bundle(actor, params.certId));
}
