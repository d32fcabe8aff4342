import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { commerceApi, type Address, type Channel, type ChannelCategory, type ShopOrder } from '@maum/protocol';
import { call } from '../../api/client';
import { usePayingMutation } from '../../api/idempotency';
import { chatKeys } from '../chat';
import { walletKeys } from '../wallet';
import type { CardTemplate } from '../gifts';

const root = ['commerce'] as const;
export const commerceKeys = {
  root,
  channels: (filter: ChannelFilter) => [...root, 'channels', filter] as const,
  channel: (channelId: string) => [...root, 'channel', channelId] as const,
  product: (productId: string) => [...root, 'product', productId] as const,
  giftable: [...root, 'giftable'] as const,
  quote: (body: QuoteInput) => [...root, 'quote', body] as const,
  orders: [...root, 'orders'] as const,
  order: (orderId: string) => [...root, 'order', orderId] as const,
};

export interface ChannelFilter {
  q?: string;
  category?: ChannelCategory;
  following?: boolean;
}

export function useChannels(filter: ChannelFilter, enabled = true) {
  return useQuery({
    queryKey: commerceKeys.channels(filter),
    queryFn: ({ signal }) =>
      call(commerceApi.channels, { query: { q: filter.q, category: filter.category, following: filter.following ? 'true' : undefined } }, { signal }),
    select: (data) => data.channels,
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useChannelHome(channelId: string) {
  return useQuery({
    queryKey: commerceKeys.channel(channelId),
    queryFn: ({ signal }) => call(commerceApi.channel, { params: { channelId } }, { signal }),
  });
}

function channelChanged(queryClient: QueryClient, channel: Channel): void {
  queryClient.setQueryData(commerceKeys.channel(channel.id), (home: { channel: Channel } | undefined) => (home ? { ...home, channel } : home));
  void queryClient.invalidateQueries({ queryKey: [...root, 'channels'] });
  // Adding a channel opens its chat room, where its posts arrive.
  void queryClient.invalidateQueries({ queryKey: chatKeys.rooms });
}

export function useFollow(channelId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (notify: boolean) => call(commerceApi.follow, { params: { channelId }, body: { notify } }),
    onSuccess: (channel) => channelChanged(queryClient, channel),
  });
}

export function useUnfollow(channelId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => call(commerceApi.unfollow, { params: { channelId } }),
    onSuccess: () => {
      queryClient.setQueryData(commerceKeys.channel(channelId), (home: { channel: Channel } | undefined) =>
        home ? { ...home, channel: { ...home.channel, following: false, notify: false, followers: Math.max(0, home.channel.followers - 1) } } : home,
      );
      void queryClient.invalidateQueries({ queryKey: [...root, 'channels'] });
    },
  });
}

export function useChatWithChannel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (channelId: string) => call(commerceApi.chatWithChannel, { params: { channelId } }),
    onSuccess: (room) => {
      queryClient.setQueryData(chatKeys.room(room.id), room);
      void queryClient.invalidateQueries({ queryKey: chatKeys.rooms });
    },
  });
}

export function useShopProduct(productId: string) {
  return useQuery({
    queryKey: commerceKeys.product(productId),
    queryFn: ({ signal }) => call(commerceApi.product, { params: { productId } }, { signal }),
    staleTime: 0,
  });
}

export function useGiftableProducts() {
  return useQuery({
    queryKey: commerceKeys.giftable,
    queryFn: ({ signal }) => call(commerceApi.giftableProducts, { query: { giftable: 'true' } }, { signal }),
    select: (data) => data.products,
  });
}

export interface QuoteInput {
  lines: { variantId: string; quantity: number }[];
  couponCode?: string;
}

export function useQuote(body: QuoteInput, enabled = true) {
  return useQuery({
    queryKey: commerceKeys.quote(body),
    queryFn: ({ signal }) => call(commerceApi.quote, { body }, { signal }),
    enabled: enabled && body.lines.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}

export function orderChanged(queryClient: QueryClient, order: ShopOrder): void {
  queryClient.setQueryData(commerceKeys.order(order.id), order);
  void queryClient.invalidateQueries({ queryKey: commerceKeys.orders });
  void queryClient.invalidateQueries({ queryKey: walletKeys.root });
  // Stock shown on product pages moved.
  for (const line of order.lines) void queryClient.invalidateQueries({ queryKey: commerceKeys.product(line.productId) });
}

export interface CheckoutInput {
  lines: { variantId: string; quantity: number }[];
  address?: Address;
  couponCode?: string;
  giftTo?: { recipientId: string; card: { template: CardTemplate; text: string } };
}

/** Starts a checkout, which holds the stock until it is paid or the hold ends. */
export function useCheckout() {
  return useMutation({
    mutationFn: (body: CheckoutInput) => call(commerceApi.checkout, { body }),
  });
}

/** Pays a held order from the wallet, once whatever the retries. */
export function usePayOrder() {
  const queryClient = useQueryClient();
  return usePayingMutation(
    (orderId: string, idempotencyKey: string) => call(commerceApi.pay, { params: { orderId } }, { idempotencyKey }),
    (order) => orderChanged(queryClient, order),
  );
}

function useOrderAction(endpoint: typeof commerceApi.cancel | typeof commerceApi.confirm | typeof commerceApi.refuseGift) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (orderId: string) => call(endpoint, { params: { orderId } }),
    onSuccess: (order) => orderChanged(queryClient, order),
  });
}

export const useCancelOrder = () => useOrderAction(commerceApi.cancel);
export const useConfirmOrder = () => useOrderAction(commerceApi.confirm);
export const useRefuseShopGift = () => useOrderAction(commerceApi.refuseGift);

export function useAcceptShopGift() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ orderId, address }: { orderId: string; address: Address }) => call(commerceApi.acceptGift, { params: { orderId }, body: { address } }),
    onSuccess: (order) => orderChanged(queryClient, order),
  });
}

export function useMyOrders() {
  return useQuery({
    queryKey: commerceKeys.orders,
    queryFn: ({ signal }) => call(commerceApi.myOrders, {}, { signal }),
    select: (data) => data.orders,
    staleTime: 0,
  });
}

export function useOrder(orderId: string) {
  return useQuery({
    queryKey: commerceKeys.order(orderId),
    queryFn: ({ signal }) => call(commerceApi.order, { params: { orderId } }, { signal }),
    staleTime: 0,
  });
}
