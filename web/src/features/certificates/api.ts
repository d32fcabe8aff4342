import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { certificatesApi, logApi, type certificationStatuses, type revokeReasons } from '@maum/protocol';
import { call } from '../../api/client';

export type CertificationStatus = (typeof certificationStatuses)[number];

const root = ['certificates'] as const;
export const certificateKeys = {
  root,
  one: (certId: string) => [...root, 'one', certId] as const,
  bundle: (certId: string) => [...root, 'bundle', certId] as const,
  product: (productId: string) => [...root, 'product', productId] as const,
  verifierKey: [...root, 'verifier-key'] as const,
  mine: [...root, 'mine'] as const,
  sellerRequests: [...root, 'seller', 'requests'] as const,
  sellerIssued: [...root, 'seller', 'issued'] as const,
  queue: (status: CertificationStatus | null) => [...root, 'queue', status] as const,
};

export function useCertificate(certId: string) {
  return useQuery({
    queryKey: certificateKeys.one(certId),
    queryFn: ({ signal }) => call(certificatesApi.certificate, { params: { certId } }, { signal }),
    staleTime: 0,
  });
}

export function useBundle(certId: string) {
  return useQuery({
    queryKey: certificateKeys.bundle(certId),
    queryFn: ({ signal }) => call(certificatesApi.bundle, { params: { certId } }, { signal }),
    staleTime: 0,
  });
}

/** Whether a product is certified, with the certificates of it the signed-in person owns. */
export function useProductCertification(productId: string) {
  return useQuery({
    queryKey: certificateKeys.product(productId),
    queryFn: ({ signal }) => call(certificatesApi.productCertification, { params: { productId } }, { signal }),
    staleTime: 0,
  });
}

/** The log's verifier key as the log publishes it beside its latest checkpoint, fetched apart from any bundle. */
export function useVerifierKey() {
  return useQuery({
    queryKey: certificateKeys.verifierKey,
    queryFn: ({ signal }) => call(logApi.checkpoint, {}, { signal }),
    select: (data) => data.verifierKey,
    staleTime: 5 * 60_000,
  });
}

export function useMyCertificates() {
  return useQuery({
    queryKey: certificateKeys.mine,
    queryFn: ({ signal }) => call(certificatesApi.mine, {}, { signal }),
    select: (data) => data.certificates,
    staleTime: 0,
  });
}

export function useTransfer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ certId, toUserId }: { certId: string; toUserId: string }) => call(certificatesApi.transfer, { params: { certId }, body: { toUserId } }),
    onSuccess: (certificate) => {
      void queryClient.invalidateQueries({ queryKey: certificateKeys.mine });
      void queryClient.invalidateQueries({ queryKey: certificateKeys.product(certificate.product.id) });
      void queryClient.invalidateQueries({ queryKey: certificateKeys.one(certificate.id) });
      void queryClient.invalidateQueries({ queryKey: certificateKeys.bundle(certificate.id) });
    },
  });
}

export function useMyCertifications() {
  return useQuery({
    queryKey: certificateKeys.sellerRequests,
    queryFn: ({ signal }) => call(certificatesApi.myCertifications, {}, { signal }),
    select: (data) => data.requests,
    staleTime: 0,
  });
}

export function useRequestCertification() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { productId: string; evidenceImageIds: string[]; note: string }) => call(certificatesApi.requestCertification, { body }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: certificateKeys.sellerRequests }),
  });
}

export function useSellerCertificates() {
  return useQuery({
    queryKey: certificateKeys.sellerIssued,
    queryFn: ({ signal }) => call(certificatesApi.sellerCertificates, {}, { signal }),
    select: (data) => data.certificates,
    staleTime: 0,
  });
}

export function useIssue() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { productId: string; serials: string[] }) => call(certificatesApi.issue, { body }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: certificateKeys.sellerIssued }),
  });
}

export function useCertificationQueue(status: CertificationStatus | null) {
  return useQuery({
    queryKey: certificateKeys.queue(status),
    queryFn: ({ signal }) => call(certificatesApi.certificationQueue, { query: status ? { status } : {} }, { signal }),
    select: (data) => data.requests,
    staleTime: 0,
  });
}

type CertificationReview = { action: 'approve'; requestId: string } | { action: 'reject'; requestId: string; reason: string };

export function useReviewCertification() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (review: CertificationReview) =>
      review.action === 'approve'
        ? call(certificatesApi.approveCertification, { params: { requestId: review.requestId } })
        : call(certificatesApi.rejectCertification, { params: { requestId: review.requestId }, body: { reason: review.reason } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: [...root, 'queue'] }),
  });
}

export type RevokeReason = (typeof revokeReasons)[number];

export function useRevoke() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ certId, reason, detail }: { certId: string; reason: RevokeReason; detail: string }) =>
      call(certificatesApi.revoke, { params: { certId }, body: { reason, ...(detail.trim() ? { detail: detail.trim() } : {}) } }),
    onSuccess: (certificate) => {
      void queryClient.invalidateQueries({ queryKey: certificateKeys.one(certificate.id) });
      void queryClient.invalidateQueries({ queryKey: certificateKeys.bundle(certificate.id) });
    },
  });
}
