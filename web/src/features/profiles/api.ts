import { useEffect } from 'react';
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import {
  profilesApi,
  type AudienceList,
  type CelebrationReaction,
  type Celebrations,
  type DecorateBody,
  type ProfileEvent,
  type ProfileSpace,
} from '@maum/protocol';
import { call, callBlob, upload } from '../../api/client';
import { useBlobUrl } from '../../api/useBlobUrl';
import { chat } from '../../realtime';

const root = ['profiles'] as const;
export const profileKeys = {
  root,
  space: (userId: string) => [...root, 'space', userId] as const,
  guestbook: (userId: string, eventId: string | null) => [...root, 'guestbook', userId, eventId] as const,
  wall: (userId: string, eventId: string) => [...root, 'wall', userId, eventId] as const,
  lists: [...root, 'lists'] as const,
  notices: [...root, 'notices'] as const,
  upcoming: [...root, 'upcoming'] as const,
};

export type EventInput = {
  kind: ProfileEvent['kind'];
  title: string;
  date: string;
  yearly: boolean;
  audience: NonNullable<ProfileEvent['audience']>;
  giftsAllowed: boolean;
};

/** Opening a space counts a visit (once a day per visitor), so it is asked whenever the page opens. */
export function useSpace(userId: string) {
  return useQuery({
    queryKey: profileKeys.space(userId),
    queryFn: ({ signal }) => call(profilesApi.space, { params: { userId } }, { signal }),
    staleTime: 0,
    retry: false,
  });
}

/** The owner's own space changed: the server's answer is what the page shows now. */
function ownSpaceChanged(queryClient: QueryClient, space: ProfileSpace): void {
  queryClient.setQueryData(profileKeys.space(space.owner.id), space);
}

function useOwnerMutation<V, R>(ownerId: string, fn: (variables: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: () => queryClient.invalidateQueries({ queryKey: profileKeys.space(ownerId) }),
  });
}

export function useDecorate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: DecorateBody) => call(profilesApi.decorate, { body }),
    onSuccess: (space) => ownSpaceChanged(queryClient, space),
  });
}

export function useSetCover() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, onProgress, signal }: { file: File; onProgress: (fraction: number) => void; signal: AbortSignal }) =>
      upload(profilesApi.setCover, file, { onProgress, signal }),
    onSuccess: (space) => ownSpaceChanged(queryClient, space),
  });
}

export function useAddPhoto(ownerId: string) {
  return useOwnerMutation(ownerId, ({ file, onProgress, signal }: { file: File; onProgress: (fraction: number) => void; signal: AbortSignal }) =>
    upload(profilesApi.addPhoto, file, { onProgress, signal }),
  );
}

export function useRemovePhoto(ownerId: string) {
  return useOwnerMutation(ownerId, (photoId: string) => call(profilesApi.removePhoto, { params: { photoId } }));
}

export function useSetFeeling(ownerId: string) {
  return useOwnerMutation(ownerId, (body: { emoji: string; text: string; pinned: boolean }) => call(profilesApi.setFeeling, { body }));
}

export function useClearFeeling(ownerId: string) {
  return useOwnerMutation(ownerId, () => call(profilesApi.clearFeeling));
}

export function useAddEvent(ownerId: string) {
  return useOwnerMutation(ownerId, (body: EventInput) => call(profilesApi.addEvent, { body }));
}

export function useUpdateEvent(ownerId: string) {
  return useOwnerMutation(ownerId, ({ eventId, ...body }: Partial<EventInput> & { eventId: string }) =>
    call(profilesApi.updateEvent, { params: { eventId }, body }),
  );
}

export function useRemoveEvent(ownerId: string) {
  return useOwnerMutation(ownerId, (eventId: string) => call(profilesApi.removeEvent, { params: { eventId } }));
}

export function useLists(enabled = true) {
  return useQuery({
    queryKey: profileKeys.lists,
    queryFn: ({ signal }) => call(profilesApi.lists, {}, { signal }),
    select: (data) => data.lists,
    enabled,
  });
}

function useListMutation<V, R>(ownerId: string, fn: (variables: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: profileKeys.lists });
      // Deleting a list makes what was shown to it the owner's alone.
      void queryClient.invalidateQueries({ queryKey: profileKeys.space(ownerId) });
    },
  });
}

export function useSaveList(ownerId: string) {
  return useListMutation(ownerId, ({ listId, ...body }: { listId?: string; name: string; memberIds: string[] }): Promise<AudienceList> =>
    listId ? call(profilesApi.updateList, { params: { listId }, body }) : call(profilesApi.addList, { body }),
  );
}

export function useRemoveList(ownerId: string) {
  return useListMutation(ownerId, (listId: string) => call(profilesApi.removeList, { params: { listId } }));
}

export function useFollow(ownerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (events: boolean) => call(profilesApi.follow, { params: { userId: ownerId }, body: { events } }),
    onSuccess: ({ followingEvents }) =>
      queryClient.setQueryData<ProfileSpace>(profileKeys.space(ownerId), (space) => (space ? { ...space, followingEvents } : space)),
  });
}

export function useGuestbook(userId: string, eventId: string | null, enabled = true) {
  return useQuery({
    queryKey: profileKeys.guestbook(userId, eventId),
    queryFn: ({ signal }) => call(profilesApi.guestbook, { params: { userId }, query: eventId ? { eventId } : {} }, { signal }),
    select: (data) => data.entries,
    enabled,
    retry: false,
  });
}

/** Anything written, answered or deleted in a guestbook shows on the space, its counts and the walls. */
function useGuestbookMutation<V, R>(ownerId: string, fn: (variables: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: [...root, 'guestbook', ownerId] });
      void queryClient.invalidateQueries({ queryKey: [...root, 'wall', ownerId] });
      void queryClient.invalidateQueries({ queryKey: profileKeys.space(ownerId) });
    },
  });
}

export function useSign(ownerId: string) {
  return useGuestbookMutation(ownerId, (body: { text: string; secret: boolean; eventId?: string }) =>
    call(profilesApi.sign, { params: { userId: ownerId }, body }),
  );
}

export function useReply(ownerId: string) {
  return useGuestbookMutation(ownerId, ({ entryId, text }: { entryId: string; text: string }) =>
    call(profilesApi.reply, { params: { userId: ownerId, entryId }, body: { text } }),
  );
}

export function useUnsign(ownerId: string) {
  return useGuestbookMutation(ownerId, (entryId: string) => call(profilesApi.unsign, { params: { userId: ownerId, entryId } }));
}

/** A celebration changes the event's counts on the space and on its wall at once. */
export function useCelebrate(ownerId: string, eventId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (reaction: CelebrationReaction | null): Promise<Celebrations> =>
      reaction
        ? call(profilesApi.celebrate, { params: { userId: ownerId, eventId }, body: { reaction } })
        : call(profilesApi.uncelebrate, { params: { userId: ownerId, eventId } }),
    onSuccess: (celebrations) => {
      queryClient.setQueryData<ProfileSpace>(profileKeys.space(ownerId), (space) =>
        space
          ? {
              ...space,
              blocks: space.blocks.map((block) =>
                block.kind === 'events'
                  ? { ...block, events: block.events.map((e) => (e.id === eventId ? { ...e, celebrations } : e)) }
                  : block,
              ),
            }
          : space,
      );
      queryClient.setQueryData(profileKeys.wall(ownerId, eventId), (wall: { event: ProfileEvent } | undefined) =>
        wall ? { ...wall, event: { ...wall.event, celebrations } } : wall,
      );
    },
  });
}

export function useWall(ownerId: string, eventId: string) {
  return useQuery({
    queryKey: profileKeys.wall(ownerId, eventId),
    queryFn: ({ signal }) => call(profilesApi.wall, { params: { userId: ownerId, eventId } }, { signal }),
    staleTime: 0,
    retry: false,
  });
}

export function useUpcoming() {
  return useQuery({
    queryKey: profileKeys.upcoming,
    queryFn: ({ signal }) => call(profilesApi.upcoming, {}, { signal }),
    select: (data) => data.events,
  });
}

export function useNotices() {
  return useQuery({
    queryKey: profileKeys.notices,
    queryFn: ({ signal }) => call(profilesApi.notices, {}, { signal }),
    staleTime: 0,
  });
}

/** The unread count of notices, kept current by the `profiles.notice` events the server pushes to the owner. */
export function useUnreadNotices(): number {
  const queryClient = useQueryClient();
  const notices = useNotices();
  useEffect(
    () =>
      chat.on((event) => {
        if (event.type !== 'profiles-notice') return;
        queryClient.setQueryData(profileKeys.notices, (data: { notices: unknown[]; unread: number } | undefined) =>
          data ? { ...data, unread: event.unread } : data,
        );
        // The list itself is read again when it is next opened.
        void queryClient.invalidateQueries({ queryKey: profileKeys.notices, refetchType: 'none' });
      }),
    [queryClient],
  );
  return notices.data?.unread ?? 0;
}

export function useReadNotices() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => call(profilesApi.readNotices),
    onSuccess: ({ unread }) =>
      queryClient.setQueryData(profileKeys.notices, (data: { notices: { read: boolean }[]; unread: number } | undefined) =>
        data ? { notices: data.notices.map((n) => ({ ...n, read: true })), unread } : data,
      ),
  });
}

/** Downloads the owner's whole space as a zip archive, through an object URL (the file needs the session). */
export async function downloadSpace(save: (url: string, name: string) => void): Promise<void> {
  const blob = await callBlob(profilesApi.export);
  const url = URL.createObjectURL(blob);
  try {
    save(url, 'maum-space.zip');
  } finally {
    // The download has started by the time the link's click returns; the URL is let go a little later.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}

/**
 * A picture of a photo strip as an object URL: it needs the session token, which an `<img src>` cannot send.
 * `null` while loading, `false` if it could not be fetched.
 */
export function usePhotoUrl(userId: string, photoId: string): string | false | null {
  return useBlobUrl(`${userId}/${photoId}`, (signal) => callBlob(profilesApi.photo, { params: { userId, photoId } }, { signal }));
}
