import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { commerceApi, type SellerStatus } from '@maum/protocol';
import { call } from '../../../api/client';

const root = ['operator'] as const;
const queueKey = (status: SellerStatus | null) => [...root, 'sellers', status] as const;

export function useReviewQueue(status: SellerStatus | null) {
  return useQuery({
    queryKey: queueKey(status),
    queryFn: ({ signal }) => call(commerceApi.reviewQueue, { query: status ? { status } : {} }, { signal }),
    select: (data) => data.sellers,
    staleTime: 0,
  });
}

export type Review = { action: 'approve'; sellerId: string } | { action: 'reject' | 'suspend'; sellerId: string; reason: string };

export function useReview() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (review: Review) =>
      review.action === 'approve'
        ? call(commerceApi.approve, { params: { sellerId: review.sellerId } })
        : call(review.action === 'reject' ? commerceApi.reject : commerceApi.suspend, { params: { sellerId: review.sellerId }, body: { reason: review.reason } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: [...root, 'sellers'] }),
  });
}
