import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { chatApi, type Room, type RoomSummary } from '@maum/protocol';
import { call } from '../../api/client';
import { chat } from '../../realtime';

const root = ['chat'] as const;
export const chatKeys = {
  root,
  rooms: [...root, 'rooms'] as const,
  room: (roomId: string) => [...root, 'room', roomId] as const,
  search: (roomId: string, q: string) => [...root, 'search', roomId, q] as const,
};

export function useRooms() {
  return useQuery({
    queryKey: chatKeys.rooms,
    queryFn: async ({ signal }) => {
      const { rooms } = await call(chatApi.rooms, {}, { signal });
      chat.learnRooms(rooms);
      return rooms;
    },
  });
}

export function useRoom(roomId: string) {
  return useQuery({
    queryKey: chatKeys.room(roomId),
    queryFn: ({ signal }) => call(chatApi.room, { params: { roomId } }, { signal }),
  });
}

export function useSearchMessages(roomId: string, q: string) {
  return useQuery({
    queryKey: chatKeys.search(roomId, q),
    queryFn: ({ signal }) => call(chatApi.search, { params: { roomId }, query: { q } }, { signal }),
    enabled: q.length > 0,
    select: (data) => data.messages,
    staleTime: 0,
  });
}

function useRoomMutation<V>(fn: (variables: V) => Promise<Room>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (room) => {
      queryClient.setQueryData(chatKeys.room(room.id), room);
      void queryClient.invalidateQueries({ queryKey: chatKeys.rooms });
    },
  });
}

export function useOpenDirect() {
  return useRoomMutation((userId: string) => call(chatApi.openDirect, { body: { userId } }));
}

export function useCreateGroup() {
  return useRoomMutation((body: { title?: string; memberIds: string[] }) => call(chatApi.createGroup, { body }));
}

export function useInvite(roomId: string) {
  return useRoomMutation((userIds: string[]) => call(chatApi.invite, { params: { roomId }, body: { userIds } }));
}

export function useRename(roomId: string) {
  return useRoomMutation((title: string) => call(chatApi.rename, { params: { roomId }, body: { title } }));
}

export function useLeave(roomId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => call(chatApi.leave, { params: { roomId } }),
    onSuccess: () => {
      chat.forgetRoom(roomId);
      queryClient.setQueryData<RoomSummary[]>(chatKeys.rooms, (rooms) => rooms?.filter((r) => r.id !== roomId));
      queryClient.removeQueries({ queryKey: chatKeys.room(roomId) });
    },
  });
}

export function useDeleteMessage(roomId: string) {
  return useMutation({
    mutationFn: (seq: number) => call(chatApi.deleteMessage, { params: { roomId, seq: String(seq) } }),
    onSuccess: (_, seq) => chat.applyDeleted(roomId, seq),
  });
}

export function useToggleReaction(roomId: string) {
  return useMutation({
    mutationFn: ({ seq, emoji, on }: { seq: number; emoji: string; on: boolean }) =>
      call(on ? chatApi.react : chatApi.unreact, { params: { roomId, seq: String(seq), emoji } }),
    onSuccess: ({ reactions }, { seq }) => chat.applyReactions(roomId, seq, reactions),
  });
}
