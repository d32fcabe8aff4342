import { useCallback, useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { isApiError } from './client';

// From getRandomValues: randomUUID exists only on https pages, and a self-hosted server may be reached over http.
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Whether a failed paying request may have gone through all the same: no answer came (the network dropped, or the
 * server failed before it could say). Only then must the next attempt reuse the key, so the server replays the
 * first answer instead of charging twice; an answer the server gave (such as `insufficient_funds`) is kept under
 * its key, so the next attempt needs a new one.
 */
export function outcomeUnknown(error: unknown): boolean {
  if (!isApiError(error)) return true;
  return error.status === 0 || error.status >= 500;
}

/**
 * One Idempotency-Key per intent to pay. Each press of Pay is a new intent and gets a new key, except a press
 * that repeats the same request right after one that ended without a known outcome: that is the same intent tried
 * again.
 */
export class IntentKeys {
  private last: { fingerprint: string; key: string; open: boolean } | null = null;

  constructor(private readonly makeKey: () => string = newIdempotencyKey) {}

  keyFor(request: unknown): string {
    const fingerprint = JSON.stringify(request ?? null);
    if (this.last && this.last.open && this.last.fingerprint === fingerprint) return this.last.key;
    this.last = { fingerprint, key: this.makeKey(), open: false };
    return this.last.key;
  }

  /** Records how the request with the latest key ended: `undefined` or `null` for success. */
  settle(error: unknown): void {
    if (!this.last) return;
    this.last.open = error != null && outcomeUnknown(error);
  }
}

function retryUnknown(failureCount: number, error: unknown): boolean {
  return failureCount < 2 && outcomeUnknown(error) && !(isApiError(error) && error.code === 'aborted');
}

/**
 * A mutation for a paying endpoint: `pay` takes a key for the intent, the request is retried with that same key
 * when its outcome is unknown, and the key is kept for a second press only in that case.
 */
export function usePayingMutation<V, R>(
  request: (variables: V, idempotencyKey: string) => Promise<R>,
  onSuccess?: (result: R, variables: V) => void,
) {
  const [intents] = useState(() => new IntentKeys());
  const mutation = useMutation({
    mutationFn: ({ variables, key }: { variables: V; key: string }) => request(variables, key),
    retry: retryUnknown,
    retryDelay: (attempt) => 500 * 2 ** attempt,
    onSuccess: (result, { variables }) => onSuccess?.(result, variables),
    onSettled: (_result, error) => intents.settle(error),
  });
  const { mutate } = mutation;
  const pay = useCallback(
    (variables: V, callbacks?: { onSuccess?: (result: R) => void }) =>
      mutate({ variables, key: intents.keyFor(variables) }, { onSuccess: (result) => callbacks?.onSuccess?.(result) }),
    [mutate, intents],
  );
  return { pay, isPending: mutation.isPending, error: mutation.error, data: mutation.data, reset: mutation.reset };
}
