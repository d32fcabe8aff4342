import { createBrowserRouter, Navigate, Outlet } from 'react-router';
import { LoginPage, SessionsPage, SignUpPage } from '../features/accounts';
import { AddByCodePage, BlockedPage, FriendsPage, HiddenFriendsPage } from '../features/friends';
import {
  CartPage,
  ChannelHomePage,
  ChannelsPage,
  ChannelTab,
  CheckoutPage,
  CouponsTab,
  DeliveryGiftStrip,
  InboxTab,
  OperatorPage,
  OrderPage,
  OrdersPage,
  OrdersTab,
  PostsTab,
  ProductsTab,
  SellerLayout,
  SettlementsTab,
  ShopProductPage,
} from '../features/commerce';
import { CertificatesTab, MyCertificatesPage, OperatorCertificatesPage, ProductCertificates, VerifyPage } from '../features/certificates';
import { MorePage } from '../features/more';
import { DiscoverPage, OpenLinkPage, OpenRoomPage, TagPage } from '../features/openlink';
import { ChatsLayout, NoRoomOpen, RoomPage } from '../features/chat';
import { GiftBoxPage, ProductPage, ShopPage, ShopResultsPage } from '../features/gifts';
import { NoticesPage, ProfileSpacePage, WallPage } from '../features/profiles';
import { StatementPage, StoreConsolePage, StoreLayout } from '../features/store';
import { SubscriptionPage, SubscriptionsPage } from '../features/subscriptions';
import { WalletPage } from '../features/wallet';
import { AuthLayout } from './AuthLayout';
import { NotFound } from './NotFound';
import { RequireAuth } from './RequireAuth';
import { RouteError } from './RouteError';
import { TabShell } from './TabShell';

function Frame() {
  return (
    <div className="app-frame">
      <Outlet />
    </div>
  );
}

export const router = createBrowserRouter([
  {
    element: <Frame />,
    errorElement: <RouteError />,
    children: [
      {
        element: <AuthLayout />,
        children: [
          { path: '/login', element: <LoginPage /> },
          { path: '/signup', element: <SignUpPage /> },
        ],
      },
      // A certificate's page is for anyone holding the item or its QR code, signed in or not.
      { path: '/verify/:certId', element: <VerifyPage /> },
      {
        element: <RequireAuth />,
        children: [
          {
            // Every signed-in page sits in the tab shell: the tab bar or, on a wide screen, the side rail.
            element: <TabShell />,
            children: [
              { path: '/', element: <Navigate to="/friends" replace /> },
              { path: '/friends', element: <FriendsPage /> },
              {
                // A room opens beside the list on a wide screen, and over it on a phone; its address names it either way.
                path: '/chats',
                element: <ChatsLayout />,
                children: [
                  { index: true, element: <NoRoomOpen /> },
                  { path: ':roomId', element: <RoomPage /> },
                ],
              },
              { path: '/openlink', element: <DiscoverPage /> },
              { path: '/shop', element: <ShopPage DeliveryGifts={DeliveryGiftStrip} /> },
              { path: '/more', element: <MorePage /> },
              { path: '/openlink/tags/:tag', element: <TagPage /> },
              { path: '/openlink/rooms/:roomId', element: <OpenRoomPage /> },
              { path: '/open/:code', element: <OpenLinkPage /> },
              { path: '/friends/hidden', element: <HiddenFriendsPage /> },
              { path: '/friends/blocked', element: <BlockedPage /> },
              { path: '/more/sessions', element: <SessionsPage /> },
              { path: '/more/wallet', element: <WalletPage /> },
              { path: '/more/subscriptions', element: <SubscriptionsPage /> },
              { path: '/more/subscriptions/:subscriptionId', element: <SubscriptionPage /> },
              { path: '/shop/browse', element: <ShopResultsPage /> },
              { path: '/shop/products/:productId', element: <ProductPage /> },
              { path: '/gifts', element: <GiftBoxPage /> },
              { path: '/channels', element: <ChannelsPage /> },
              { path: '/channels/:channelId', element: <ChannelHomePage /> },
              { path: '/products/:productId', element: <ShopProductPage Certification={ProductCertificates} /> },
              { path: '/cart', element: <CartPage /> },
              { path: '/checkout/:channelId', element: <CheckoutPage /> },
              { path: '/orders', element: <OrdersPage /> },
              { path: '/orders/:orderId', element: <OrderPage /> },
              { path: '/operator', element: <OperatorPage /> },
              { path: '/operator/certificates', element: <OperatorCertificatesPage /> },
              { path: '/certificates', element: <MyCertificatesPage /> },
              { path: '/add/:code', element: <AddByCodePage /> },
              { path: '/profiles/:userId', element: <ProfileSpacePage /> },
              { path: '/profiles/:userId/events/:eventId', element: <WallPage /> },
              { path: '/profile/notices', element: <NoticesPage /> },
            ],
          },
        ],
      },
      { path: '*', element: <NotFound /> },
    ],
  },
  // The store's and the seller's screens run on a counter's tablet or a desk: they take the whole width, not the phone column.
  {
    element: <RequireAuth />,
    errorElement: <RouteError />,
    children: [
      {
        element: <StoreLayout />,
        children: [
          { path: '/store', element: <StoreConsolePage /> },
          { path: '/store/statement', element: <StatementPage /> },
        ],
      },
      {
        element: <SellerLayout />,
        children: [
          { path: '/seller', element: <ChannelTab /> },
          { path: '/seller/posts', element: <PostsTab /> },
          { path: '/seller/products', element: <ProductsTab /> },
          { path: '/seller/orders', element: <OrdersTab /> },
          { path: '/seller/inbox', element: <InboxTab /> },
          { path: '/seller/inbox/:roomId', element: <InboxTab /> },
          { path: '/seller/coupons', element: <CouponsTab /> },
          { path: '/seller/settlements', element: <SettlementsTab /> },
          { path: '/seller/certificates', element: <CertificatesTab /> },
        ],
      },
    ],
  },
]);
