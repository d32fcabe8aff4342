// Subscriptions, as the app and other features see it: they import subscriptions only from here (see
// eslint.config.js); every other file in the folder is the feature's own.
export { AccessBanner } from './AccessBanner';
export { useBadges, useRoomSubscriptions } from './api';
export { HostConsoleSheet } from './HostConsoleSheet';
export { holds, RoomSubscriptionsSection } from './RoomSubscriptionsSection';
export { SubscribeSheet } from './SubscribeSheet';
export { SubscriberBadge, TierBadge } from './SubscriberBadge';
export { SubscriberPosts, SubscriberPostsSheet } from './SubscriberPosts';
export { subscriptionCard } from './SubscriptionCard';
export { SubscriptionPage, SubscriptionsPage } from './SubscriptionsPage';
