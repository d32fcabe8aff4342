import { QueryClient } from '@tanstack/react-query';
import { isApiError } from './client';
import { subscribeToken } from './token';

function shouldRetry(failureCount: number, error: unknown): boolean {
  // Client errors will not change by asking again; only flaky networks and busy servers deserve a retry.
  if (isApiError(error) && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: shouldRetry,
      staleTime: 30_000,
      refetchOnWindowFocus: true,
    },
    mutations: {
      retry: false,
    },
  },
});

// One account's data must never be shown to the next person who signs in on this device.
subscribeToken(() => {
  queryClient.clear();
});
