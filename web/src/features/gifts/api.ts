import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { giftsApi, type Gift, type GiftCategory, type RefundTarget } from '@maum/protocol';
import { call, callBlob } from '../../api/client';
import { useBlobUrl } from '../../api/useBlobUrl';
import { usePayingMutation } from '../../api/idempotency';
import { walletKeys } from '../wallet';
import { GIFT_PAGE_SIZE, type CardTemplate } from './format';

const root = ['gifts'] as const;
export const giftKeys = {
  root,
  home: [...root, 'home'] as const,
  products: (query: ProductFilter) => [...root, 'products', query] as const,
  product: (productId: string) => [...root, 'product', productId] as const,
  wishlist: (userId: string) => [...root, 'wishlist', userId] as const,
  sent: [...root, 'sent'] as const,
  box: [...root, 'box'] as const,
  gift: (giftId: string) => [...root, 'gift', giftId] as const,
  refundQuote: (giftId: string) => [...root, 'refund-quote', giftId] as const,
};

export interface ProductFilter {
  category?: GiftCategory;
  q?: string;
  brandId?: string;
  minPrice?: number;
  maxPrice?: number;
  sort?: 'popular' | 'price_asc' | 'price_desc';
}

export function useShopHome() {
  return useQuery({
    queryKey: giftKeys.home,
    queryFn: ({ signal }) => call(giftsApi.home, {}, { signal }),
  });
}

export function useProducts(filter: ProductFilter, enabled = true) {
  return useQuery({
    queryKey: giftKeys.products(filter),
    queryFn: ({ signal }) => call(giftsApi.products, { query: filter }, { signal }),
    select: (data) => data.products,
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useProduct(productId: string) {
  return useQuery({
    queryKey: giftKeys.product(productId),
    queryFn: ({ signal }) => call(giftsApi.product, { params: { productId } }, { signal }),
  });
}

export function useWishlist(userId: string | undefined) {
  return useQuery({
    queryKey: giftKeys.wishlist(userId ?? ''),
    queryFn: ({ signal }) => call(giftsApi.wishlist, { params: { userId: userId! } }, { signal }),
    select: (data) => data.products,
    enabled: !!userId,
  });
}

export function useToggleWish(myId: string | undefined) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ productId, on }: { productId: string; on: boolean }) =>
      call(on ? giftsApi.wish : giftsApi.unwish, { params: { productId } }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: giftKeys.wishlist(myId ?? '') }),
  });
}

/** A list of gifts read a page at a time, newest first; `fetchNextPage` reads the older ones. */
function useGiftPages(queryKey: readonly string[], endpoint: typeof giftsApi.sent | typeof giftsApi.box) {
  return useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam, signal }) => call(endpoint, { query: { limit: GIFT_PAGE_SIZE, ...(pageParam ? { before: pageParam } : {}) } }, { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => (page.hasMore ? page.gifts.at(-1)?.id : undefined),
    select: (data) => data.pages.flatMap((page) => page.gifts),
  });
}

export const useSentGifts = () => useGiftPages(giftKeys.sent, giftsApi.sent);
export const useGiftBox = () => useGiftPages(giftKeys.box, giftsApi.box);

export function useGift(giftId: string) {
  return useQuery({
    queryKey: giftKeys.gift(giftId),
    queryFn: ({ signal }) => call(giftsApi.gift, { params: { giftId } }, { signal }),
    staleTime: 0,
  });
}

/** A gift changed: its own view takes the new state, and the lists and wallet that show it are asked again. */
function giftChanged(queryClient: QueryClient, gift: Gift): void {
  queryClient.setQueryData(giftKeys.gift(gift.id), gift);
  void queryClient.invalidateQueries({ queryKey: giftKeys.box });
  void queryClient.invalidateQueries({ queryKey: giftKeys.sent });
  void queryClient.invalidateQueries({ queryKey: walletKeys.root });
}

function useGiftAction(endpoint: typeof giftsApi.accept | typeof giftsApi.refuse | typeof giftsApi.cancel | typeof giftsApi.extend) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (giftId: string) => call(endpoint, { params: { giftId } }),
    onSuccess: (gift) => giftChanged(queryClient, gift),
  });
}

export const useAcceptGift = () => useGiftAction(giftsApi.accept);
export const useRefuseGift = () => useGiftAction(giftsApi.refuse);
export const useCancelGift = () => useGiftAction(giftsApi.cancel);
export const useExtendGift = () => useGiftAction(giftsApi.extend);

export interface GiftOrderInput {
  productId: string;
  option?: string;
  recipientIds: string[];
  card: { template: CardTemplate; text: string };
  deliverAt?: string;
  /** A gift for a friend's event, sent from its celebration wall to that friend alone. */
  occasion?: { profileEventId: string };
  /** The shortfall, topped up from the (sandbox) provider in the same payment. */
  topUp?: { amount: number };
}

export function useOrderGift() {
  const queryClient = useQueryClient();
  return usePayingMutation(
    (body: GiftOrderInput, idempotencyKey: string) =>
      call(giftsApi.order, { body }, { idempotencyKey }),
    () => {
      void queryClient.invalidateQueries({ queryKey: giftKeys.sent });
      void queryClient.invalidateQueries({ queryKey: giftKeys.home });
      void queryClient.invalidateQueries({ queryKey: walletKeys.root });
    },
  );
}

export function useExchangeGift(giftId: string) {
  const queryClient = useQueryClient();
  return usePayingMutation(
    (body: { productId: string; option?: string }, idempotencyKey: string) =>
      call(giftsApi.exchange, { params: { giftId }, body }, { idempotencyKey }),
    (gift) => giftChanged(queryClient, gift),
  );
}

export function useRefundQuote(giftId: string) {
  return useQuery({
    queryKey: giftKeys.refundQuote(giftId),
    queryFn: ({ signal }) => call(giftsApi.refundQuote, { params: { giftId } }, { signal }),
    staleTime: 0,
  });
}

export function useRefundGift(giftId: string) {
  const queryClient = useQueryClient();
  return usePayingMutation(
    (to: RefundTarget, idempotencyKey: string) => call(giftsApi.refund, { params: { giftId }, body: { to } }, { idempotencyKey }),
    ({ gift }) => giftChanged(queryClient, gift),
  );
}

/**
 * The coupon's barcode as an object URL: the picture needs the session token, which an `<img src>` cannot send.
 * `null` while loading, `false` if it could not be fetched.
 */
export function useBarcodeUrl(giftId: string, format: 'code128' | 'qr'): string | false | null {
  return useBlobUrl(`${giftId}/${format}`, (signal) => callBlob(giftsApi.barcode, { params: { giftId }, query: { format } }, { signal }));
}
