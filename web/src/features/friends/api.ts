import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { friendsApi } from '@maum/protocol';
import { call } from '../../api/client';

// Everything about relationships lives under one key: any change to one of them can change the others
// (blocking removes a friend, adding someone back empties their "added you" row).
const root = ['friends'] as const;
export const friendKeys = {
  root,
  list: (q: string, hidden: boolean) => [...root, 'list', { q, hidden }] as const,
  addedMe: [...root, 'added-me'] as const,
  blocked: [...root, 'blocked'] as const,
  byCode: (code: string) => [...root, 'code', code] as const,
};

export function useFriends({ q = '', hidden = false }: { q?: string; hidden?: boolean } = {}) {
  return useQuery({
    queryKey: friendKeys.list(q, hidden),
    queryFn: ({ signal }) =>
      call(friendsApi.list, { query: { q: q || undefined, hidden: hidden ? 'true' : undefined } }, { signal }),
    select: (data) => data.friends,
    placeholderData: keepPreviousData,
  });
}

export function useAddedMe() {
  return useQuery({
    queryKey: friendKeys.addedMe,
    queryFn: ({ signal }) => call(friendsApi.addedMe, {}, { signal }),
    select: (data) => data.users,
  });
}

export function useBlocked() {
  return useQuery({
    queryKey: friendKeys.blocked,
    queryFn: ({ signal }) => call(friendsApi.blocked, {}, { signal }),
    select: (data) => data.users,
  });
}

export function useProfileByCode(code: string) {
  return useQuery({
    queryKey: friendKeys.byCode(code),
    queryFn: ({ signal }) => call(friendsApi.profileByCode, { params: { code } }, { signal }),
  });
}

function useRelationMutation<V, R>(fn: (variables: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: () => queryClient.invalidateQueries({ queryKey: root }),
  });
}

export function useAddFriend() {
  return useRelationMutation((body: { handle: string } | { code: string }) => call(friendsApi.add, { body }));
}

export function useUpdateFriend() {
  return useRelationMutation(({ userId, ...body }: { userId: string; favourite?: boolean; hidden?: boolean }) =>
    call(friendsApi.update, { params: { userId }, body }),
  );
}

export function useRemoveFriend() {
  return useRelationMutation((userId: string) => call(friendsApi.remove, { params: { userId } }));
}

export function useBlock() {
  return useRelationMutation((userId: string) => call(friendsApi.block, { params: { userId } }));
}

export function useUnblock() {
  return useRelationMutation((userId: string) => call(friendsApi.unblock, { params: { userId } }));
}
