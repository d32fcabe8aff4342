import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { commerceApi, type ChannelCategory, type Product, type OrderStatus, type ProductPatch, type SellerKind } from '@maum/protocol';
import { call, upload } from '../../../api/client';
import { newIdempotencyKey } from '../../../api/idempotency';
import { commerceKeys } from '../api';

const root = ['seller'] as const;
export const sellerKeys = {
  root,
  me: [...root, 'me'] as const,
  staff: [...root, 'staff'] as const,
  products: [...root, 'products'] as const,
  orders: (status: OrderStatus | null) => [...root, 'orders', status] as const,
  inbox: (status: 'open' | 'resolved' | null) => [...root, 'inbox', status] as const,
  conversation: (roomId: string) => [...root, 'conversation', roomId] as const,
  coupons: [...root, 'coupons'] as const,
  ledger: [...root, 'ledger'] as const,
};

export function useMySeller() {
  return useQuery({
    queryKey: sellerKeys.me,
    queryFn: ({ signal }) => call(commerceApi.mySeller, {}, { signal }),
    select: (data) => data.seller,
    // An application under review is asked about now and then, so the decision shows without a reload.
    refetchInterval: (query) => (query.state.data?.seller?.status === 'pending' ? 15_000 : false),
  });
}

export interface ApplicationInput {
  kind: SellerKind;
  businessName: string;
  registrationNumber: string;
  contactEmail: string;
  contactPhone: string;
}

export function useApply() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ApplicationInput) => call(commerceApi.apply, { body }),
    onSuccess: (seller) => queryClient.setQueryData(sellerKeys.me, { seller }),
  });
}

export function useStaff() {
  return useQuery({
    queryKey: sellerKeys.staff,
    queryFn: ({ signal }) => call(commerceApi.staff, {}, { signal }),
    select: (data) => data.staff,
  });
}

export function useAddStaff() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (handle: string) => call(commerceApi.addStaff, { body: { handle } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: sellerKeys.staff }),
  });
}

export function useSaveChannel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; description: string; category: ChannelCategory }) => call(commerceApi.saveChannel, { body }),
    onSuccess: (channel) => {
      void queryClient.invalidateQueries({ queryKey: sellerKeys.me });
      void queryClient.invalidateQueries({ queryKey: commerceKeys.channel(channel.id) });
    },
  });
}

export function useChannelPicture() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ picture, file }: { picture: 'profile' | 'cover'; file: File }) => upload(commerceApi.channelPicture, file, { params: { picture } }),
    onSuccess: (channel) => void queryClient.invalidateQueries({ queryKey: commerceKeys.channel(channel.id) }),
  });
}

export function useUploadImage() {
  return useMutation({
    mutationFn: (file: File) => upload(commerceApi.uploadImage, file),
  });
}

export interface PostInput {
  text: string;
  imageIds: string[];
  deal?: { productIds: string[]; startsAt: string; endsAt: string };
}

export function usePublish(channelId: string | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PostInput) => call(commerceApi.publish, { body }),
    onSuccess: () => {
      if (channelId) void queryClient.invalidateQueries({ queryKey: commerceKeys.channel(channelId) });
    },
  });
}

export function useSellerProducts() {
  return useQuery({
    queryKey: sellerKeys.products,
    queryFn: ({ signal }) => call(commerceApi.sellerProducts, {}, { signal }),
    select: (data) => data.products,
    staleTime: 0,
  });
}

export interface ProductInput {
  name: string;
  description: string;
  imageIds: string[];
  variants: { name: string; price: number; stock: number }[];
  giftListing: Product['giftListing'];
}

export function useCreateProduct() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ProductInput) => call(commerceApi.createProduct, { body }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: sellerKeys.products }),
  });
}

export function useUpdateProduct() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ productId, patch }: { productId: string; patch: z.input<typeof ProductPatch> }) =>
      call(commerceApi.updateProduct, { params: { productId }, body: patch }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: sellerKeys.products }),
  });
}

export function useSetStock() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ variantId, onHand }: { variantId: string; onHand: number }) => call(commerceApi.setStock, { params: { variantId }, body: { onHand } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: sellerKeys.products }),
  });
}

export function useSellerOrders(status: OrderStatus | null) {
  return useQuery({
    queryKey: sellerKeys.orders(status),
    queryFn: ({ signal }) => call(commerceApi.sellerOrders, { query: status ? { status } : {} }, { signal }),
    select: (data) => data.orders,
    staleTime: 0,
    refetchInterval: 15_000,
  });
}

export function useOrderStep() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (
      input: { step: 'prepare' | 'deliver'; orderId: string } | { step: 'ship'; orderId: string; carrier: string; trackingNumber: string },
    ) =>
      input.step === 'ship'
        ? call(commerceApi.ship, { params: { orderId: input.orderId }, body: { carrier: input.carrier, trackingNumber: input.trackingNumber } })
        : call(input.step === 'prepare' ? commerceApi.prepare : commerceApi.deliver, { params: { orderId: input.orderId } }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: [...root, 'orders'] });
      void queryClient.invalidateQueries({ queryKey: sellerKeys.ledger });
    },
  });
}

// Customer chats are answered from here rather than over the socket, so they are asked for often.
const INBOX_POLL_MS = 3000;

export function useInbox(status: 'open' | 'resolved' | null) {
  return useQuery({
    queryKey: sellerKeys.inbox(status),
    queryFn: ({ signal }) => call(commerceApi.inbox, { query: status ? { status } : {} }, { signal }),
    select: (data) => data.conversations,
    refetchInterval: INBOX_POLL_MS,
    staleTime: 0,
  });
}

export function useConversation(roomId: string) {
  return useQuery({
    queryKey: sellerKeys.conversation(roomId),
    queryFn: ({ signal }) => call(commerceApi.conversation, { params: { roomId } }, { signal }),
    refetchInterval: INBOX_POLL_MS,
    staleTime: 0,
  });
}

export function useAnswer(roomId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (text: string) => call(commerceApi.answer, { params: { roomId }, body: { clientMsgId: newIdempotencyKey(), text } }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: sellerKeys.conversation(roomId) });
      void queryClient.invalidateQueries({ queryKey: [...root, 'inbox'] });
    },
  });
}

export function useUpdateConversation(roomId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { status?: 'open' | 'resolved'; assigneeId?: string | null }) => call(commerceApi.updateConversation, { params: { roomId }, body }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: sellerKeys.conversation(roomId) });
      void queryClient.invalidateQueries({ queryKey: [...root, 'inbox'] });
    },
  });
}

export function useCoupons() {
  return useQuery({
    queryKey: sellerKeys.coupons,
    queryFn: ({ signal }) => call(commerceApi.coupons, {}, { signal }),
    select: (data) => data.coupons,
    staleTime: 0,
  });
}

export interface CouponInput {
  code: string;
  kind: 'percent' | 'fixed';
  value: number;
  minOrder: number;
  startsAt: string;
  endsAt: string;
  totalLimit: number | null;
  perUserLimit: number | null;
}

export function useCreateCoupon() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CouponInput) => call(commerceApi.createCoupon, { body }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: sellerKeys.coupons }),
  });
}

export function useLedger() {
  return useQuery({
    queryKey: sellerKeys.ledger,
    queryFn: ({ signal }) => call(commerceApi.ledger, {}, { signal }),
    staleTime: 0,
  });
}

export function useSettle() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => call(commerceApi.settle),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: sellerKeys.ledger }),
  });
}
