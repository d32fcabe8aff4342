import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { storeApi } from '@maum/protocol';
import { call } from '../../api/client';
import { usePayingMutation } from '../../api/idempotency';

const root = ['store'] as const;
export const storeKeys = {
  root,
  me: [...root, 'me'] as const,
  statement: [...root, 'statement'] as const,
};

export function useStoreMe() {
  return useQuery({
    queryKey: storeKeys.me,
    queryFn: ({ signal }) => call(storeApi.me, {}, { signal }),
  });
}

/** A look-up is an act the store answers for (each is audited and counted), so it runs only when asked. */
export function useLookup() {
  return useMutation({
    mutationFn: (pin: string) => call(storeApi.lookup, { params: { pin } }),
  });
}

export function useRedeem() {
  const queryClient = useQueryClient();
  return usePayingMutation(
    (body: { pin: string; amount?: number }, idempotencyKey: string) => call(storeApi.redeem, { body }, { idempotencyKey }),
    () => void queryClient.invalidateQueries({ queryKey: storeKeys.statement }),
  );
}

export function useVoidRedemption() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (redemptionId: string) => call(storeApi.void, { params: { redemptionId } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: storeKeys.statement }),
  });
}

export function useStatement() {
  return useQuery({
    queryKey: storeKeys.statement,
    queryFn: ({ signal }) => call(storeApi.statement, { query: {} }, { signal }),
    staleTime: 0,
  });
}
