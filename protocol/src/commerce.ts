import { z } from 'zod';
import { PublicProfile, UserId } from './accounts';
import { Ack, ClientMsgId, Message, RoomId, Room, Text } from './chat';
import { Card } from './gifts';
import { endpoint } from './http';
import { Money, PayoutStatus } from './wallet';

export const SellerId = z.string().regex(/^slr_[0-9a-z]{26}$/, 'a seller id');
export const ChannelId = z.string().regex(/^chn_[0-9a-z]{26}$/, 'a channel id');
export const ItemId = z.string().regex(/^itm_[0-9a-z]{26}$/, 'a product id');
export const VariantId = z.string().regex(/^var_[0-9a-z]{26}$/, 'a variant id');
export const ShopOrderId = z.string().regex(/^sor_[0-9a-z]{26}$/, 'an order id');
export const SettlementId = z.string().regex(/^stl_[0-9a-z]{26}$/, 'a settlement id');
export const ImageId = z.string().regex(/^[0-9a-z]{24}$/, 'an image id');
export const CouponCodeId = z.string().regex(/^ccp_[0-9a-z]{26}$/, 'a coupon code id');

/** Brands and small businesses are two names for the same seller: the options, limits and fee (0) are identical. */
export const sellerKinds = ['brand', 'small_business'] as const;
export const SellerKind = z.enum(sellerKinds);
export type SellerKind = z.infer<typeof SellerKind>;

export const sellerStatuses = ['pending', 'approved', 'rejected', 'suspended'] as const;
export const SellerStatus = z.enum(sellerStatuses);
export type SellerStatus = z.infer<typeof SellerStatus>;

export const channelCategories = ['fashion', 'beauty', 'food', 'living', 'digital', 'kids', 'hobby', 'other'] as const;
export const ChannelCategory = z.enum(channelCategories);
export type ChannelCategory = z.infer<typeof ChannelCategory>;

/** A Korean business registration number: 10 digits, written 123-45-67890. */
export const RegistrationNumber = z
  .string()
  .trim()
  .regex(/^\d{3}-?\d{2}-?\d{5}$/, 'a business registration number (123-45-67890)')
  .transform((s) => s.replace(/-/g, ''));
export const Phone = z
  .string()
  .trim()
  .regex(/^0\d{1,2}-?\d{3,4}-?\d{4}$/, 'a phone number (010-1234-5678)')
  .transform((s) => s.replace(/-/g, ''));

export const SellerApplication = z.object({
  kind: SellerKind,
  businessName: z.string().trim().min(1).max(60),
  registrationNumber: RegistrationNumber,
  contactEmail: z.email().max(120),
  contactPhone: Phone,
});

export const Seller = z
  .object({
    id: z.string(),
    kind: SellerKind,
    businessName: z.string(),
    registrationNumber: z.string(),
    contactEmail: z.string(),
    contactPhone: z.string(),
    status: SellerStatus,
    /** Why an application was rejected or a seller suspended. */
    reason: z.string().nullable(),
    owner: PublicProfile,
    channelId: z.string().nullable(),
    createdAt: z.string(),
    reviewedAt: z.string().nullable(),
  })
  .meta({ id: 'Seller' });
export type Seller = z.infer<typeof Seller>;

export const ChannelBody = z.object({
  name: z.string().trim().min(1).max(40),
  description: z.string().trim().max(500).default(''),
  category: ChannelCategory,
});

export const Channel = z
  .object({
    id: z.string(),
    sellerId: z.string(),
    sellerKind: SellerKind,
    name: z.string(),
    description: z.string(),
    category: ChannelCategory,
    profileUrl: z.string().nullable(),
    coverUrl: z.string().nullable(),
    followers: z.number().int(),
    /** The caller follows it (always false for its own staff's view of followers). */
    following: z.boolean(),
    /** The caller gets its posts as messages. */
    notify: z.boolean(),
    /** The account that speaks for the channel in chat. */
    accountId: z.string(),
  })
  .meta({ id: 'Channel' });
export type Channel = z.infer<typeof Channel>;

export const PostBody = z
  .object({
    text: z.string().trim().min(1).max(2000),
    imageIds: z.array(ImageId).max(10).default([]),
    /** A deal: products on offer during a time window. */
    deal: z
      .object({
        productIds: z.array(ItemId).min(1).max(10),
        startsAt: z.iso.datetime({ offset: true }),
        endsAt: z.iso.datetime({ offset: true }),
      })
      .refine((d) => d.endsAt > d.startsAt, { message: 'A deal ends after it starts.' })
      .optional(),
  });

export const Variant = z
  .object({
    id: z.string(),
    name: z.string(),
    price: Money,
    /** In stock and not held by an unpaid checkout. */
    available: z.number().int(),
  })
  .meta({ id: 'Variant' });
export type Variant = z.infer<typeof Variant>;

export const giftListings = ['none', 'delivery', 'exchange'] as const;
export const GiftListing = z.enum(giftListings);

export const Product = z
  .object({
    id: z.string(),
    channelId: z.string(),
    channelName: z.string(),
    sellerId: z.string(),
    name: z.string(),
    description: z.string(),
    imageUrls: z.array(z.string()),
    variants: z.array(Variant),
    /** The lowest variant price. */
    price: Money,
    /**
     * `delivery`: it can be sent as a gift in chat, and the recipient gives the address. `exchange`: it is also in the
     * gift shop as an exchange coupon, redeemed at the seller's store.
     */
    giftListing: GiftListing,
    /** The gift-shop product for an `exchange` listing. */
    giftProductId: z.string().nullable(),
    active: z.boolean(),
  })
  .meta({ id: 'Product' });
export type Product = z.infer<typeof Product>;

export const Post = z
  .object({
    id: z.string(),
    channelId: z.string(),
    channelName: z.string(),
    text: z.string(),
    imageUrls: z.array(z.string()),
    deal: z.object({ products: z.array(Product), startsAt: z.string(), endsAt: z.string(), live: z.boolean() }).nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Post' });
export type Post = z.infer<typeof Post>;

export const ChannelHome = z
  .object({ channel: Channel, posts: z.array(Post), products: z.array(Product) })
  .meta({ id: 'ChannelHome' });
export type ChannelHome = z.infer<typeof ChannelHome>;

export const VariantBody = z.object({
  name: z.string().trim().min(1).max(60),
  price: z.number().int().min(100).max(100_000_000),
  stock: z.number().int().min(0).max(1_000_000),
});

export const ProductBody = z.object({
  name: z.string().trim().min(1).max(80),
  description: z.string().trim().max(4000).default(''),
  imageIds: z.array(ImageId).max(10).default([]),
  variants: z.array(VariantBody).min(1).max(50),
  giftListing: GiftListing.default('none'),
});

export const ProductPatch = z.object({
  name: z.string().trim().min(1).max(80).optional(),
  description: z.string().trim().max(4000).optional(),
  imageIds: z.array(ImageId).max(10).optional(),
  giftListing: GiftListing.optional(),
  active: z.boolean().optional(),
});

/** The seller's view of a variant's stock: available = on hand − reserved. */
export const StockLevel = z
  .object({ variantId: z.string(), name: z.string(), price: Money, onHand: z.number().int(), reserved: z.number().int(), sold: z.number().int(), available: z.number().int() })
  .meta({ id: 'StockLevel' });

export const SellerProduct = z
  .object({ product: Product, stock: z.array(StockLevel) })
  .meta({ id: 'SellerProduct' });
export type SellerProduct = z.infer<typeof SellerProduct>;

export const discountKinds = ['percent', 'fixed'] as const;
export const CouponCodeBody = z
  .object({
    code: z.string().trim().toUpperCase().regex(/^[A-Z0-9_-]{3,20}$/, '3–20 letters, digits, "_" or "-"'),
    kind: z.enum(discountKinds),
    /** Percent (1–100) or won off. */
    value: z.number().int().min(1).max(10_000_000),
    minOrder: z.number().int().min(0).max(100_000_000).default(0),
    startsAt: z.iso.datetime({ offset: true }),
    endsAt: z.iso.datetime({ offset: true }),
    totalLimit: z.number().int().min(1).max(1_000_000).nullable().default(null),
    perUserLimit: z.number().int().min(1).max(1000).nullable().default(null),
  })
  .refine((c) => c.kind !== 'percent' || c.value <= 100, { message: 'A percentage is at most 100.', path: ['value'] })
  .refine((c) => c.endsAt > c.startsAt, { message: 'A coupon ends after it starts.', path: ['endsAt'] });

export const CouponCode = z
  .object({
    id: z.string(),
    code: z.string(),
    kind: z.enum(discountKinds),
    value: z.number().int(),
    minOrder: Money,
    startsAt: z.string(),
    endsAt: z.string(),
    totalLimit: z.number().int().nullable(),
    perUserLimit: z.number().int().nullable(),
    uses: z.number().int(),
  })
  .meta({ id: 'CouponCode' });
export type CouponCode = z.infer<typeof CouponCode>;

export const Address = z
  .object({
    name: z.string().trim().min(1).max(40),
    phone: Phone,
    postalCode: z.string().trim().regex(/^\d{5}$/, 'a 5-digit postal code'),
    line1: z.string().trim().min(3).max(120),
    line2: z.string().trim().max(120).default(''),
  })
  .meta({ id: 'Address' });
export type Address = z.infer<typeof Address>;

export const OrderLineBody = z.object({ variantId: VariantId, quantity: z.number().int().min(1).max(99) });

export const CheckoutBody = z
  .object({
    lines: z.array(OrderLineBody).min(1).max(50),
    /** Where to deliver; omitted for a delivery gift, whose recipient gives it. */
    address: Address.optional(),
    couponCode: z.string().trim().toUpperCase().max(20).optional(),
    /** Send it as a gift: the recipient gets it in your direct chat and enters their own address. */
    giftTo: z.object({ recipientId: UserId, card: Card }).optional(),
  })
  .refine((b) => !!b.address !== !!b.giftTo, { message: 'Give a delivery address, or a friend to send it to as a gift.', path: ['address'] });

export const QuoteBody = z.object({ lines: z.array(OrderLineBody).min(1).max(50), couponCode: z.string().trim().toUpperCase().max(20).optional() });

export const Quote = z
  .object({ subtotal: Money, discount: Money, total: Money, couponCode: z.string().nullable() })
  .meta({ id: 'Quote' });
export type Quote = z.infer<typeof Quote>;

export const orderStatuses = [
  'pending_payment',
  'awaiting_address',
  'paid',
  'preparing',
  'shipped',
  'delivered',
  'completed',
  'cancelled',
  'expired',
  'refused',
] as const;
export const OrderStatus = z.enum(orderStatuses);
export type OrderStatus = z.infer<typeof OrderStatus>;

export const OrderLine = z
  .object({ variantId: z.string(), productId: z.string(), productName: z.string(), variantName: z.string(), unitPrice: Money, quantity: z.number().int(), imageUrl: z.string().nullable() })
  .meta({ id: 'OrderLine' });

export const ShopOrder = z
  .object({
    id: z.string(),
    channel: z.object({ id: z.string(), name: z.string() }),
    buyer: PublicProfile,
    status: OrderStatus,
    lines: z.array(OrderLine),
    subtotal: Money,
    discount: Money,
    total: Money,
    couponCode: z.string().nullable(),
    /** Shown to the buyer (for their own delivery), the recipient and the seller's staff; never to a gift's sender. */
    address: Address.nullable(),
    gift: z.object({ recipient: PublicProfile, card: Card }).nullable(),
    trackingNumber: z.string().nullable(),
    carrier: z.string().nullable(),
    /** Until when an unpaid order holds its stock. */
    reservedUntil: z.string().nullable(),
    createdAt: z.string(),
    paidAt: z.string().nullable(),
    shippedAt: z.string().nullable(),
    deliveredAt: z.string().nullable(),
    completedAt: z.string().nullable(),
    cancelledAt: z.string().nullable(),
  })
  .meta({ id: 'ShopOrder' });
export type ShopOrder = z.infer<typeof ShopOrder>;

export const conversationStatuses = ['open', 'resolved'] as const;
export const ConversationStatus = z.enum(conversationStatuses);

export const Conversation = z
  .object({
    roomId: z.string(),
    customer: PublicProfile,
    status: ConversationStatus,
    assignee: PublicProfile.nullable(),
    lastMessage: Message.nullable(),
    /** Messages the channel's staff have not opened yet. */
    unread: z.number().int(),
    lastActivityAt: z.string(),
  })
  .meta({ id: 'Conversation' });
export type Conversation = z.infer<typeof Conversation>;

export const Settlement = z
  .object({
    id: z.string(),
    amount: Money,
    /** The fee on this run, summed from the ledger's fee account: 0. */
    fee: Money,
    status: PayoutStatus,
    /** The provider's reference, once it has taken the payout. */
    payoutReference: z.string().nullable(),
    provider: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'Settlement' });
export type Settlement = z.infer<typeof Settlement>;

export const SellerLedger = z
  .object({
    /** What buyers paid for this seller's orders. */
    sales: Money,
    refunds: Money,
    netSales: Money,
    /** Owed to the seller and not yet paid out. */
    payable: Money,
    paidOut: Money,
    /** Read from the ledger's fee account for this seller's orders and settlements. */
    feesPaid: Money,
    settlements: z.array(Settlement),
  })
  .meta({ id: 'SellerLedger' });
export type SellerLedger = z.infer<typeof SellerLedger>;

const tags = ['commerce'];
const sellerParams = z.object({ sellerId: SellerId });
const channelParams = z.object({ channelId: ChannelId });
const productParams = z.object({ productId: ItemId });
const orderParams = z.object({ orderId: ShopOrderId });
const roomParams = z.object({ roomId: RoomId });

export const commerceApi = {
  apply: endpoint({
    method: 'POST', path: '/api/sellers', auth: 'user', tags, status: 201,
    summary: 'Apply to sell, as a brand or a small business (the same options, no fees)', body: SellerApplication, response: Seller,
  }),
  mySeller: endpoint({
    method: 'GET', path: '/api/sellers/me', auth: 'user', tags,
    summary: 'Your seller application or seller account, if any', response: z.object({ seller: Seller.nullable() }),
  }),
  addStaff: endpoint({
    method: 'POST', path: '/api/seller/staff', auth: 'user', tags, status: 204,
    summary: 'Add a member of staff, who can answer the channel’s chats and handle orders', body: z.object({ handle: z.string().trim().min(1).max(40) }),
  }),
  staff: endpoint({
    method: 'GET', path: '/api/seller/staff', auth: 'user', tags,
    summary: 'Who works for your seller: its owner and staff', response: z.object({ staff: z.array(PublicProfile) }),
  }),
  reviewQueue: endpoint({
    method: 'GET', path: '/api/operator/sellers', auth: 'user', tags,
    summary: 'Operator: seller applications and sellers, by status', query: z.object({ status: SellerStatus.optional() }),
    response: z.object({ sellers: z.array(Seller) }),
  }),
  approve: endpoint({
    method: 'POST', path: '/api/operator/sellers/:sellerId/approve', auth: 'user', tags,
    summary: 'Operator: approve an application (or reinstate a suspended seller)', params: sellerParams, response: Seller,
  }),
  reject: endpoint({
    method: 'POST', path: '/api/operator/sellers/:sellerId/reject', auth: 'user', tags,
    summary: 'Operator: reject an application, with a reason', params: sellerParams,
    body: z.object({ reason: z.string().trim().min(1).max(300) }), response: Seller,
  }),
  suspend: endpoint({
    method: 'POST', path: '/api/operator/sellers/:sellerId/suspend', auth: 'user', tags,
    summary: 'Operator: suspend a seller; its store stops taking orders', params: sellerParams,
    body: z.object({ reason: z.string().trim().min(1).max(300) }), response: Seller,
  }),

  saveChannel: endpoint({
    method: 'PUT', path: '/api/seller/channel', auth: 'user', tags,
    summary: 'Create or edit your channel', body: ChannelBody, response: Channel,
  }),
  channelPicture: endpoint({
    method: 'PUT', path: '/api/seller/channel/:picture', auth: 'user', tags, multipart: { field: 'file' },
    summary: 'Upload the channel’s profile picture or cover', params: z.object({ picture: z.enum(['profile', 'cover']) }), response: Channel,
  }),
  uploadImage: endpoint({
    method: 'POST', path: '/api/seller/images', auth: 'user', tags, status: 201, multipart: { field: 'file' },
    summary: 'Upload a picture for a post or product (metadata stripped)', response: z.object({ id: z.string(), url: z.string() }),
  }),
  image: endpoint({
    method: 'GET', path: '/api/commerce/images/:imageId', auth: 'none', tags,
    summary: 'A channel, post or product picture (WebP)', params: z.object({ imageId: z.string().regex(/^[0-9a-z]{24}(-thumb)?$/) }),
  }),
  channels: endpoint({
    method: 'GET', path: '/api/channels', auth: 'user', tags,
    summary: 'Find channels, or list the ones you follow',
    query: z.object({ q: z.string().trim().max(40).optional(), category: ChannelCategory.optional(), following: z.stringbool().optional() }),
    response: z.object({ channels: z.array(Channel) }),
  }),
  channel: endpoint({
    method: 'GET', path: '/api/channels/:channelId', auth: 'user', tags,
    summary: 'A channel’s home: profile, posts and deals, and its store', params: channelParams, response: ChannelHome,
  }),
  follow: endpoint({
    method: 'PUT', path: '/api/channels/:channelId/follow', auth: 'user', tags,
    summary: 'Add a channel like a friend; `notify: false` stops its posts arriving as messages',
    params: channelParams, body: z.object({ notify: z.boolean().default(true) }), response: Channel,
  }),
  unfollow: endpoint({
    method: 'DELETE', path: '/api/channels/:channelId/follow', auth: 'user', tags, status: 204,
    summary: 'Remove a channel', params: channelParams,
  }),
  chatWithChannel: endpoint({
    method: 'POST', path: '/api/channels/:channelId/chat', auth: 'user', tags,
    summary: 'Your 1:1 customer chat with a channel (made on first use)', params: channelParams, response: Room,
  }),
  publish: endpoint({
    method: 'POST', path: '/api/seller/posts', auth: 'user', tags, status: 201,
    summary: 'Publish a post or a deal; followers who allow it get it in their channel chat', body: PostBody, response: Post,
  }),

  createProduct: endpoint({
    method: 'POST', path: '/api/seller/products', auth: 'user', tags, status: 201,
    summary: 'Add a product with its variants, prices and stock', body: ProductBody, response: SellerProduct,
  }),
  updateProduct: endpoint({
    method: 'PATCH', path: '/api/seller/products/:productId', auth: 'user', tags,
    summary: 'Edit a product', params: productParams, body: ProductPatch, response: SellerProduct,
  }),
  setStock: endpoint({
    method: 'PUT', path: '/api/seller/variants/:variantId/stock', auth: 'user', tags,
    summary: 'Set a variant’s stock on hand (it may not drop below what unpaid checkouts hold)',
    params: z.object({ variantId: VariantId }), body: z.object({ onHand: z.number().int().min(0).max(1_000_000) }), response: SellerProduct,
  }),
  sellerProducts: endpoint({
    method: 'GET', path: '/api/seller/products', auth: 'user', tags,
    summary: 'Your products with stock: on hand, reserved, sold', response: z.object({ products: z.array(SellerProduct) }),
  }),
  product: endpoint({
    method: 'GET', path: '/api/products/:productId', auth: 'user', tags,
    summary: 'One product', params: productParams, response: Product,
  }),
  giftableProducts: endpoint({
    method: 'GET', path: '/api/products', auth: 'user', tags,
    summary: 'Products that can be sent as delivery gifts', query: z.object({ giftable: z.stringbool().default(true) }),
    response: z.object({ products: z.array(Product) }),
  }),

  createCoupon: endpoint({
    method: 'POST', path: '/api/seller/coupons', auth: 'user', tags, status: 201,
    summary: 'Create a coupon code for your store', body: CouponCodeBody, response: CouponCode,
  }),
  coupons: endpoint({
    method: 'GET', path: '/api/seller/coupons', auth: 'user', tags,
    summary: 'Your coupon codes and their uses', response: z.object({ coupons: z.array(CouponCode) }),
  }),

  quote: endpoint({
    method: 'POST', path: '/api/orders/quote', auth: 'user', tags,
    summary: 'Prices a cart, with a coupon code if given (it is checked, not used)', body: QuoteBody, response: Quote,
  }),
  checkout: endpoint({
    method: 'POST', path: '/api/orders', auth: 'user', tags, status: 201,
    summary: 'Start checkout: the stock is held for you until the order is paid or the hold ends', body: CheckoutBody, response: ShopOrder,
  }),
  pay: endpoint({
    method: 'POST', path: '/api/orders/:orderId/pay', auth: 'user', tags, idempotent: true,
    summary: 'Pay an order from your wallet; the seller’s payable gets all of it', params: orderParams, response: ShopOrder,
  }),
  cancel: endpoint({
    method: 'POST', path: '/api/orders/:orderId/cancel', auth: 'user', tags,
    summary: 'Cancel your order before it ships; a paid order is refunded to your wallet', params: orderParams, response: ShopOrder,
  }),
  confirm: endpoint({
    method: 'POST', path: '/api/orders/:orderId/complete', auth: 'user', tags,
    summary: 'Confirm a delivered order is received', params: orderParams, response: ShopOrder,
  }),
  acceptGift: endpoint({
    method: 'POST', path: '/api/orders/:orderId/accept', auth: 'user', tags,
    summary: 'Accept a delivery gift sent to you, with your own address (the sender never sees it)',
    params: orderParams, body: z.object({ address: Address }), response: ShopOrder,
  }),
  refuseGift: endpoint({
    method: 'POST', path: '/api/orders/:orderId/refuse', auth: 'user', tags,
    summary: 'Refuse a delivery gift; the sender gets all of it back', params: orderParams, response: ShopOrder,
  }),
  myOrders: endpoint({
    method: 'GET', path: '/api/orders', auth: 'user', tags,
    summary: 'Your orders, newest first', response: z.object({ orders: z.array(ShopOrder) }),
  }),
  order: endpoint({
    method: 'GET', path: '/api/orders/:orderId', auth: 'user', tags,
    summary: 'One order: its buyer, a gift’s recipient, or the seller’s staff', params: orderParams, response: ShopOrder,
  }),

  sellerOrders: endpoint({
    method: 'GET', path: '/api/seller/orders', auth: 'user', tags,
    summary: 'Your store’s orders', query: z.object({ status: OrderStatus.optional() }), response: z.object({ orders: z.array(ShopOrder) }),
  }),
  prepare: endpoint({
    method: 'POST', path: '/api/seller/orders/:orderId/prepare', auth: 'user', tags,
    summary: 'Mark a paid order as being prepared', params: orderParams, response: ShopOrder,
  }),
  ship: endpoint({
    method: 'POST', path: '/api/seller/orders/:orderId/ship', auth: 'user', tags,
    summary: 'Ship an order, with its tracking number', params: orderParams,
    body: z.object({ carrier: z.string().trim().min(1).max(40), trackingNumber: z.string().trim().regex(/^[A-Za-z0-9-]{6,30}$/, '6–30 letters, digits or "-"') }),
    response: ShopOrder,
  }),
  deliver: endpoint({
    method: 'POST', path: '/api/seller/orders/:orderId/deliver', auth: 'user', tags,
    summary: 'Mark a shipped order as delivered', params: orderParams, response: ShopOrder,
  }),

  inbox: endpoint({
    method: 'GET', path: '/api/seller/inbox', auth: 'user', tags,
    summary: 'The channel’s customer chats, shared by its staff', query: z.object({ status: ConversationStatus.optional() }),
    response: z.object({ conversations: z.array(Conversation) }),
  }),
  conversation: endpoint({
    method: 'GET', path: '/api/seller/inbox/:roomId', auth: 'user', tags,
    summary: 'One customer chat with its messages', params: roomParams,
    response: z.object({ conversation: Conversation, messages: z.array(Message) }),
  }),
  answer: endpoint({
    method: 'POST', path: '/api/seller/inbox/:roomId/messages', auth: 'user', tags, status: 201,
    summary: 'Answer a customer as the channel', params: roomParams, body: z.object({ clientMsgId: ClientMsgId, text: Text }), response: Ack,
  }),
  updateConversation: endpoint({
    method: 'PATCH', path: '/api/seller/inbox/:roomId', auth: 'user', tags,
    summary: 'Assign a customer chat to a member of staff, or mark it resolved or open', params: roomParams,
    body: z.object({ status: ConversationStatus.optional(), assigneeId: UserId.nullable().optional() }), response: Conversation,
  }),

  ledger: endpoint({
    method: 'GET', path: '/api/seller/settlements', auth: 'user', tags,
    summary: 'Sales, refunds, payable, payouts and fees paid (₩0), all read from the ledger', response: SellerLedger,
  }),
  settle: endpoint({
    method: 'POST', path: '/api/seller/settlements', auth: 'user', tags, status: 201,
    summary: 'Pay out everything owed to you now', response: z.object({ settlement: Settlement.nullable() }),
  }),
} as const;
