import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  openlinkApi,
  type BannedWords,
  type CohostRight,
  type Glossary,
  type OpenProfileChoice,
  type OpenRoom,
  type OpenRoomCategory,
  type RoomSummary,
  type slowModeSteps,
} from '@maum/protocol';
import { call, upload } from '../../api/client';
import { chat } from '../../realtime';
import { chatKeys } from '../chat';

const root = ['openlink'] as const;
export const openKeys = {
  root,
  search: (filter: RoomFilter) => [...root, 'search', filter] as const,
  room: (roomId: string) => [...root, 'room', roomId] as const,
  link: (code: string) => [...root, 'link', code] as const,
  preview: (roomId: string, lang: string) => [...root, 'preview', roomId, lang] as const,
  members: (roomId: string) => [...root, 'members', roomId] as const,
  bannedWords: (roomId: string) => [...root, 'banned-words', roomId] as const,
  requests: (roomId: string) => [...root, 'requests', roomId] as const,
  reports: (roomId: string) => [...root, 'reports', roomId] as const,
  glossary: (roomId: string) => [...root, 'glossary', roomId] as const,
  moderation: (roomId: string) => [...root, 'moderation', roomId] as const,
  translator: [...root, 'translator'] as const,
};

export type RoomSort = 'trending' | 'new' | 'members';

export interface RoomFilter {
  q?: string;
  tag?: string;
  category?: OpenRoomCategory;
  /** Language codes, any of which a room declares. */
  langs?: string[];
  sort?: RoomSort;
  limit?: number;
}

export function useSearchRooms(filter: RoomFilter, enabled = true) {
  return useQuery({
    queryKey: openKeys.search(filter),
    queryFn: ({ signal }) =>
      call(
        openlinkApi.search,
        {
          query: {
            q: filter.q || undefined,
            tag: filter.tag,
            category: filter.category,
            langs: filter.langs?.length ? filter.langs.join(',') : undefined,
            sort: filter.sort,
            limit: filter.limit,
          },
        },
        { signal },
      ),
    select: (data) => data.rooms,
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** `fresh`: asked again whenever a screen opens, for what depends on the caller's role, which a host may change any time. */
export function useOpenRoom(roomId: string, { enabled = true, fresh = false }: { enabled?: boolean; fresh?: boolean } = {}) {
  return useQuery({
    queryKey: openKeys.room(roomId),
    queryFn: ({ signal }) => call(openlinkApi.room, { params: { roomId } }, { signal }),
    enabled,
    ...(fresh && { staleTime: 0 }),
  });
}

export function useRoomByLink(code: string) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: openKeys.link(code),
    queryFn: async ({ signal }) => {
      const room = await call(openlinkApi.byLink, { params: { code } }, { signal });
      queryClient.setQueryData(openKeys.room(room.id), room);
      return room;
    },
    retry: false,
  });
}

/** A room's latest messages, each with its translation into `lang` where the server has one. */
export function usePreview(roomId: string, lang: string) {
  return useQuery({
    queryKey: openKeys.preview(roomId, lang),
    queryFn: ({ signal }) => call(openlinkApi.preview, { params: { roomId }, query: { lang } }, { signal }),
    select: (data) => data.messages,
    retry: false,
  });
}

/** Whether this server translates, or only detects languages; it does not change while the app runs. */
export function useTranslator() {
  return useQuery({
    queryKey: openKeys.translator,
    queryFn: ({ signal }) => call(openlinkApi.translator, {}, { signal }),
    staleTime: Infinity,
  });
}

/** Asked afresh each time the list opens: a big room does not tell every member of each join. */
export function useMembers(roomId: string) {
  return useQuery({
    queryKey: openKeys.members(roomId),
    queryFn: ({ signal }) => call(openlinkApi.members, { params: { roomId } }, { signal }),
    select: (data) => data.members,
    staleTime: 0,
  });
}

export function useBannedWords(roomId: string) {
  return useQuery({
    queryKey: openKeys.bannedWords(roomId),
    queryFn: ({ signal }) => call(openlinkApi.bannedWords, { params: { roomId } }, { signal }),
  });
}

export function useJoinRequests(roomId: string) {
  return useQuery({
    queryKey: openKeys.requests(roomId),
    queryFn: ({ signal }) => call(openlinkApi.requests, { params: { roomId } }, { signal }),
    select: (data) => data.requests,
  });
}

export function useReports(roomId: string) {
  return useQuery({
    queryKey: openKeys.reports(roomId),
    queryFn: ({ signal }) => call(openlinkApi.reports, { params: { roomId } }, { signal }),
    select: (data) => data.reports,
  });
}

export function useGlossary(roomId: string) {
  return useQuery({
    queryKey: openKeys.glossary(roomId),
    queryFn: ({ signal }) => call(openlinkApi.glossary, { params: { roomId } }, { signal }),
  });
}

export function useModerationLog(roomId: string) {
  return useQuery({
    queryKey: openKeys.moderation(roomId),
    queryFn: ({ signal }) => call(openlinkApi.moderationLog, { params: { roomId } }, { signal }),
    select: (data) => data.entries,
  });
}

/** Puts an answered room in the cache, and has the chat list pick up a room the caller came into or left. */
function useRoomAnswer() {
  const queryClient = useQueryClient();
  return (room: OpenRoom) => {
    queryClient.setQueryData(openKeys.room(room.id), room);
    void queryClient.invalidateQueries({ queryKey: [...root, 'search'] });
    void queryClient.invalidateQueries({ queryKey: chatKeys.rooms });
  };
}

export interface CreateRoomInput {
  name: string;
  description: string;
  category: OpenRoomCategory;
  tags: string[];
  languages: string[];
  memberCap: number;
  joinMode: OpenRoom['joinMode'];
  format: OpenRoom['format'];
  entryCode?: string;
  question?: string;
  profile: OpenProfileChoice;
}

export function useCreateRoom() {
  const answered = useRoomAnswer();
  return useMutation({
    mutationFn: (body: CreateRoomInput) => call(openlinkApi.create, { body }),
    onSuccess: answered,
  });
}

export interface JoinInput {
  profile: OpenProfileChoice;
  entryCode?: string;
  answer?: string;
  lang: string;
}

export function useJoin(roomId: string) {
  const answered = useRoomAnswer();
  return useMutation({
    mutationFn: (body: JoinInput) => call(openlinkApi.join, { params: { roomId }, body }),
    onSuccess: answered,
  });
}

export function useLeaveOpenRoom(roomId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => call(openlinkApi.leave, { params: { roomId } }),
    onSuccess: () => {
      chat.forgetRoom(roomId);
      queryClient.setQueryData<RoomSummary[]>(chatKeys.rooms, (rooms) => rooms?.filter((r) => r.id !== roomId));
      queryClient.removeQueries({ queryKey: chatKeys.room(roomId) });
      void queryClient.invalidateQueries({ queryKey: openKeys.room(roomId) });
    },
  });
}

export interface SettingsInput {
  slowModeSeconds?: (typeof slowModeSteps)[number];
  readOnly?: boolean;
  pinnedNotice?: string | null;
  bannedWords?: BannedWords;
}

export function useSaveSettings(roomId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SettingsInput) => call(openlinkApi.settings, { params: { roomId }, body }),
    onSuccess: (room) => {
      queryClient.setQueryData(openKeys.room(roomId), room);
      void queryClient.invalidateQueries({ queryKey: openKeys.bannedWords(roomId) });
      void queryClient.invalidateQueries({ queryKey: openKeys.moderation(roomId) });
    },
  });
}

export function useDryRunBannedWords(roomId: string) {
  return useMutation({
    mutationFn: (body: BannedWords) => call(openlinkApi.dryRunBannedWords, { params: { roomId }, body }),
  });
}

/** Moderation that changes who is in the room or what they may do: the member list and the log follow. */
function useModeration<V>(roomId: string, fn: (variables: V) => Promise<void>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: openKeys.members(roomId) });
      void queryClient.invalidateQueries({ queryKey: openKeys.moderation(roomId) });
      void queryClient.invalidateQueries({ queryKey: openKeys.requests(roomId) });
      void queryClient.invalidateQueries({ queryKey: chatKeys.room(roomId) });
      void queryClient.invalidateQueries({ queryKey: openKeys.room(roomId) });
    },
  });
}

export function useKick(roomId: string) {
  return useModeration(roomId, ({ memberId, reason }: { memberId: string; reason?: string }) =>
    call(openlinkApi.kick, { params: { roomId, memberId }, body: { reason } }),
  );
}

export function useBan(roomId: string) {
  return useModeration(roomId, ({ memberId, reason }: { memberId: string; reason?: string }) =>
    call(openlinkApi.ban, { params: { roomId, memberId }, body: { reason } }),
  );
}

export function useMakeCohost(roomId: string) {
  return useModeration(roomId, ({ memberId, rights }: { memberId: string; rights: CohostRight[] }) =>
    call(openlinkApi.makeCohost, { params: { roomId, memberId }, body: { rights } }),
  );
}

export function useRemoveCohost(roomId: string) {
  return useModeration(roomId, (memberId: string) => call(openlinkApi.removeCohost, { params: { roomId, memberId } }));
}

export function useApprove(roomId: string) {
  return useModeration(roomId, (requestId: string) => call(openlinkApi.approve, { params: { roomId, requestId } }));
}

export function useDecline(roomId: string) {
  return useModeration(roomId, (requestId: string) => call(openlinkApi.decline, { params: { roomId, requestId } }));
}

export function useHide(roomId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (seq: number) => call(openlinkApi.hide, { params: { roomId, seq: String(seq) }, body: {} }),
    onSuccess: (_, seq) => {
      chat.applyDeleted(roomId, seq);
      void queryClient.invalidateQueries({ queryKey: openKeys.moderation(roomId) });
    },
  });
}

export function useReport(roomId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { memberId: string; seq?: number; reason: 'spam' | 'abuse' | 'sexual' | 'scam' | 'other'; detail: string }) =>
      call(openlinkApi.report, { params: { roomId }, body }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: openKeys.reports(roomId) }),
  });
}

export function useSetGlossary(roomId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Glossary) => call(openlinkApi.setGlossary, { params: { roomId }, body }),
    onSuccess: (glossary) => {
      queryClient.setQueryData(openKeys.glossary(roomId), glossary);
      void queryClient.invalidateQueries({ queryKey: openKeys.moderation(roomId) });
    },
  });
}

export function useSetNickname(roomId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (nickname: string) => call(openlinkApi.setProfile, { params: { roomId }, body: { nickname } }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: openKeys.members(roomId) });
      void queryClient.invalidateQueries({ queryKey: chatKeys.room(roomId) });
    },
  });
}

/** Sets the room's cover picture. */
export function useSetCover(roomId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => upload(openlinkApi.setCover, file, { params: { roomId } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: openKeys.room(roomId) }),
  });
}

/** Sets the picture of the caller's open profile in this room. */
export function useSetOpenAvatar(roomId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => upload(openlinkApi.setAvatar, file, { params: { roomId } }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: openKeys.members(roomId) });
      void queryClient.invalidateQueries({ queryKey: chatKeys.room(roomId) });
    },
  });
}

/** The translations of some of a room's messages into one language (at most 50 a call). */
export function fetchTranslations(roomId: string, seqs: number[], lang: string) {
  return call(openlinkApi.translate, { params: { roomId }, body: { seqs, lang } }).then((r) => r.translations);
}
