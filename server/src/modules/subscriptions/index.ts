/**
 * subscriptions: monthly tiers that open-room hosts sell, with renewals, grace, cancelling, refunds, subscriber posts
 * and badges, and the host's earnings. Money moves only through the ledger (wallet → host payable, fee 0). Other
 * code imports only this file.
 */
export { SubscriptionsRepository } from './subscriptions.repository';
export { SubscriptionsService, type SubscriptionsConfig } from './subscriptions.service';
export { registerSubscriptionsRoutes } from './subscriptions.routes';
export type { ReceiptCards, RoomSeats, SubscribedRoom, SubscribedRooms } from './subscriptions.ports';
