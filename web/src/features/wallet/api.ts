import { useQuery, useQueryClient } from '@tanstack/react-query';
import { walletApi } from '@maum/protocol';
import { call } from '../../api/client';
import { usePayingMutation } from '../../api/idempotency';

const root = ['wallet'] as const;
export const walletKeys = {
  root,
  wallet: [...root, 'balance'] as const,
  history: [...root, 'history'] as const,
};

export function useWallet() {
  return useQuery({
    queryKey: walletKeys.wallet,
    queryFn: ({ signal }) => call(walletApi.wallet, {}, { signal }),
    staleTime: 0,
  });
}

export function useWalletHistory() {
  return useQuery({
    queryKey: walletKeys.history,
    queryFn: ({ signal }) => call(walletApi.history, { query: { limit: 100 } }, { signal }),
    select: (data) => data.entries,
  });
}

export function useTopUp() {
  const queryClient = useQueryClient();
  return usePayingMutation(
    (amount: number, idempotencyKey: string) => call(walletApi.topUp, { body: { amount } }, { idempotencyKey }),
    ({ wallet }) => {
      queryClient.setQueryData(walletKeys.wallet, wallet);
      void queryClient.invalidateQueries({ queryKey: walletKeys.history });
    },
  );
}
