import { useState } from 'react';
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { accountsApi, type AuthResult, type Me } from '@maum/protocol';
import { call, upload } from '../../api/client';
import { clearToken, setToken } from '../../api/token';
import { describeThisDevice } from './device';

export const meKey = ['me'] as const;
export const sessionsKey = ['sessions'] as const;

export function useMe() {
  return useQuery({
    queryKey: meKey,
    queryFn: ({ signal }) => call(accountsApi.me, {}, { signal }),
  });
}

function signIn(queryClient: QueryClient, result: AuthResult): void {
  // Changing the token empties the cache; the account we just got is put back so no screen waits for it.
  setToken(result.token);
  queryClient.setQueryData(meKey, result.user);
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { handle: string; password: string }) =>
      call(accountsApi.login, { body: { ...input, deviceName: describeThisDevice() } }),
    onSuccess: (result) => signIn(queryClient, result),
  });
}

export function useSignUp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { handle: string; displayName: string; password: string }) =>
      call(accountsApi.signUp, { body }),
    onSuccess: (result) => signIn(queryClient, result),
  });
}

export function useLogout() {
  return useMutation({
    mutationFn: async () => {
      try {
        await call(accountsApi.logout);
      } catch {
        // Leaving must work offline too; the server forgets the session when it expires.
      }
    },
    onSettled: () => clearToken('logged-out'),
  });
}

function useMeMutation<V>(fn: (variables: V) => Promise<Me>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (me) => queryClient.setQueryData(meKey, me),
  });
}

export function useUpdateMe() {
  return useMeMutation((body: { displayName?: string; statusMessage?: string }) =>
    call(accountsApi.updateMe, { body }),
  );
}

export function useRemoveAvatar() {
  return useMeMutation(() => call(accountsApi.removeAvatar));
}

export function useRenewFriendCode() {
  return useMeMutation(() => call(accountsApi.renewFriendCode));
}

/** Uploads a new profile picture and reports how far along it is (0 to 1). */
export function useUploadAvatar() {
  const [progress, setProgress] = useState(0);
  const mutation = useMeMutation(({ file, signal }: { file: File; signal?: AbortSignal }) => {
    setProgress(0);
    return upload(accountsApi.uploadAvatar, file, { onProgress: setProgress, signal });
  });
  return { ...mutation, progress };
}

export function useSessions() {
  return useQuery({
    queryKey: sessionsKey,
    queryFn: ({ signal }) => call(accountsApi.sessions, {}, { signal }),
    select: (data) => data.sessions,
  });
}

export function useRevokeSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (sessionId: string) => call(accountsApi.revokeSession, { params: { sessionId } }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: sessionsKey }),
  });
}

export function useRevokeOtherSessions() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => call(accountsApi.revokeOtherSessions),
    onSettled: () => queryClient.invalidateQueries({ queryKey: sessionsKey }),
  });
}
