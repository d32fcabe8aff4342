import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { subscriptionsApi, type RoomSubscriptions, type Subscription, type SubscriptionTier } from '@maum/protocol';
import { call } from '../../api/client';
import { usePayingMutation } from '../../api/idempotency';
import { walletKeys } from '../wallet';

const root = ['subscriptions'] as const;
export const subscriptionKeys = {
  root,
  room: (roomId: string) => [...root, 'room', roomId] as const,
  posts: (roomId: string) => [...root, 'posts', roomId] as const,
  badges: (roomId: string) => [...root, 'badges', roomId] as const,
  earnings: (roomId: string) => [...root, 'earnings', roomId] as const,
  mine: [...root, 'mine'] as const,
  one: (subscriptionId: string) => [...root, 'one', subscriptionId] as const,
  payouts: [...root, 'payouts'] as const,
};

/**
 * A room's tiers and the caller's own subscription to it. Asked afresh whenever a screen opens: the scheduler moves a
 * subscription on (renewed, in grace, ended) without the screen doing anything.
 */
export function useRoomSubscriptions(roomId: string, enabled = true) {
  return useQuery({
    queryKey: subscriptionKeys.room(roomId),
    queryFn: ({ signal }) => call(subscriptionsApi.room, { params: { roomId } }, { signal }),
    enabled,
    staleTime: 0,
  });
}

export function useMySubscriptions() {
  return useQuery({
    queryKey: subscriptionKeys.mine,
    queryFn: ({ signal }) => call(subscriptionsApi.mine, {}, { signal }),
    select: (data) => data.subscriptions,
    staleTime: 0,
  });
}

export function useSubscription(subscriptionId: string, enabled = true) {
  return useQuery({
    queryKey: subscriptionKeys.one(subscriptionId),
    queryFn: ({ signal }) => call(subscriptionsApi.one, { params: { subscriptionId } }, { signal }),
    enabled,
    staleTime: 0,
    retry: false,
  });
}

/** Posts are locked or not by the caller's access, which a payment, a cancellation's end or a refund changes. */
export function usePosts(roomId: string, enabled = true) {
  return useQuery({
    queryKey: subscriptionKeys.posts(roomId),
    queryFn: ({ signal }) => call(subscriptionsApi.posts, { params: { roomId } }, { signal }),
    select: (data) => data.posts,
    enabled,
    staleTime: 0,
  });
}

/** Member id → the tier name of their badge. Members only: pass `enabled` false outside the room. */
export function useBadges(roomId: string, enabled = true) {
  return useQuery({
    queryKey: subscriptionKeys.badges(roomId),
    queryFn: ({ signal }) => call(subscriptionsApi.badges, { params: { roomId } }, { signal }),
    select: (data) => new Map(data.badges.map((b) => [b.memberId, b.tier])),
    enabled,
    staleTime: 10_000,
    retry: false,
  });
}

export function useEarnings(roomId: string) {
  return useQuery({
    queryKey: subscriptionKeys.earnings(roomId),
    queryFn: ({ signal }) => call(subscriptionsApi.earnings, { params: { roomId } }, { signal }),
    staleTime: 0,
  });
}

export function usePayouts() {
  return useQuery({
    queryKey: subscriptionKeys.payouts,
    queryFn: ({ signal }) => call(subscriptionsApi.payouts, {}, { signal }),
    staleTime: 0,
  });
}

/** A subscription the server answered with: the room's view of it, the lists, the posts it unlocks and the wallet follow. */
export function subscriptionChanged(queryClient: QueryClient, subscription: Subscription): void {
  queryClient.setQueryData(subscriptionKeys.one(subscription.id), subscription);
  queryClient.setQueryData<RoomSubscriptions>(subscriptionKeys.room(subscription.roomId), (room) => (room ? { ...room, mine: subscription } : room));
  void queryClient.invalidateQueries({ queryKey: subscriptionKeys.room(subscription.roomId) });
  void queryClient.invalidateQueries({ queryKey: subscriptionKeys.mine });
  void queryClient.invalidateQueries({ queryKey: subscriptionKeys.posts(subscription.roomId) });
  void queryClient.invalidateQueries({ queryKey: subscriptionKeys.badges(subscription.roomId) });
  void queryClient.invalidateQueries({ queryKey: walletKeys.root });
}

/** Pays a tier's month from the wallet (or restores a lapsed subscription, or pays one in grace): one key per intent. */
export function useSubscribe(roomId: string) {
  const queryClient = useQueryClient();
  return usePayingMutation(
    (tierId: string, idempotencyKey: string) => call(subscriptionsApi.subscribe, { params: { roomId }, body: { tierId } }, { idempotencyKey }),
    (subscription) => subscriptionChanged(queryClient, subscription),
  );
}

export function useCancel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (subscriptionId: string) => call(subscriptionsApi.cancel, { params: { subscriptionId } }),
    onSuccess: (subscription) => subscriptionChanged(queryClient, subscription),
  });
}

/** A refund moves money back into the wallet, so it is sent with a key like a payment. */
export function useRefund() {
  const queryClient = useQueryClient();
  return usePayingMutation(
    (subscriptionId: string, idempotencyKey: string) => call(subscriptionsApi.refund, { params: { subscriptionId } }, { idempotencyKey }),
    (subscription) => subscriptionChanged(queryClient, subscription),
  );
}

export function useCreatePost(roomId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (text: string) => call(subscriptionsApi.createPost, { params: { roomId }, body: { text } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: subscriptionKeys.posts(roomId) }),
  });
}

/** A host's change to the room's tiers: the room's view and its earnings are asked again. */
function useHostMutation<V, R>(roomId: string, fn: (variables: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: subscriptionKeys.room(roomId) });
      void queryClient.invalidateQueries({ queryKey: subscriptionKeys.earnings(roomId) });
    },
  });
}

export interface TierInput {
  name: string;
  price: number;
  perks: string;
}

export function useCreateTier(roomId: string) {
  return useHostMutation(roomId, (body: TierInput) => call(subscriptionsApi.createTier, { params: { roomId }, body }));
}

export type TierChange = Partial<TierInput & { closed: boolean }>;

export function useChangeTier(roomId: string) {
  return useHostMutation(roomId, ({ tier, change }: { tier: SubscriptionTier; change: TierChange }) =>
    call(subscriptionsApi.changeTier, { params: { roomId, tierId: tier.id }, body: change }),
  );
}

export function useSetSubscribersOnly(roomId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (subscribersOnly: boolean) => call(subscriptionsApi.settings, { params: { roomId }, body: { subscribersOnly } }),
    onSuccess: (room) => queryClient.setQueryData(subscriptionKeys.room(roomId), room),
  });
}

export function usePayOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => call(subscriptionsApi.payOut),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: subscriptionKeys.payouts }),
  });
}
