import { createBrowserRouter, Navigate, Outlet } from 'react-router';
import { LoginPage } from '../features/accounts/LoginPage';
import { SessionsPage } from '../features/accounts/SessionsPage';
import { SignUpPage } from '../features/accounts/SignUpPage';
import { AddByCodePage } from '../features/friends/AddByCodePage';
import { BlockedPage } from '../features/friends/BlockedPage';
import { FriendsPage } from '../features/friends/FriendsPage';
import { HiddenFriendsPage } from '../features/friends/HiddenFriendsPage';
import { ChannelHomePage } from '../features/commerce/channels/ChannelHomePage';
import { ChannelsPage } from '../features/commerce/channels/ChannelsPage';
import { OperatorPage } from '../features/commerce/operator/OperatorPage';
import { CartPage } from '../features/commerce/orders/CartPage';
import { CheckoutPage } from '../features/commerce/orders/CheckoutPage';
import { OrderPage } from '../features/commerce/orders/OrderPage';
import { OrdersPage } from '../features/commerce/orders/OrdersPage';
import { DeliveryGiftStrip } from '../features/commerce/products/DeliveryGiftStrip';
import { ShopProductPage } from '../features/commerce/products/ProductPage';
import { ChannelTab } from '../features/commerce/seller/ChannelTab';
import { CouponsTab } from '../features/commerce/seller/CouponsTab';
import { InboxTab } from '../features/commerce/seller/InboxTab';
import { OrdersTab } from '../features/commerce/seller/OrdersTab';
import { PostsTab } from '../features/commerce/seller/PostsTab';
import { ProductsTab } from '../features/commerce/seller/ProductsTab';
import { SellerLayout } from '../features/commerce/seller/SellerLayout';
import { SettlementsTab } from '../features/commerce/seller/SettlementsTab';
import { CertificatesTab } from '../features/certificates/CertificatesTab';
import { ProductCertificates } from '../features/certificates/ProductCertificates';
import { MyCertificatesPage } from '../features/certificates/MyCertificatesPage';
import { OperatorCertificatesPage } from '../features/certificates/OperatorCertificatesPage';
import { VerifyPage } from '../features/certificates/VerifyPage';
import { MorePage } from '../features/more/MorePage';
import { ChatsPage } from '../features/chat/ChatsPage';
import { RoomPage } from '../features/chat/RoomPage';
import { GiftBoxPage } from '../features/gifts/GiftBoxPage';
import { ProductPage } from '../features/gifts/ProductPage';
import { ShopPage } from '../features/gifts/ShopPage';
import { ShopResultsPage } from '../features/gifts/ShopResultsPage';
import { StatementPage } from '../features/store/StatementPage';
import { StoreConsolePage } from '../features/store/StoreConsolePage';
import { StoreLayout } from '../features/store/StoreLayout';
import { WalletPage } from '../features/wallet/WalletPage';
import { AuthLayout } from './AuthLayout';
import { ComingSoon } from './ComingSoon';
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
          { path: '/', element: <Navigate to="/friends" replace /> },
          {
            element: <TabShell />,
            children: [
              { path: '/friends', element: <FriendsPage /> },
              { path: '/chats', element: <ChatsPage /> },
              { path: '/openlink', element: <ComingSoon area="openlink" /> },
              { path: '/shop', element: <ShopPage DeliveryGifts={DeliveryGiftStrip} /> },
              { path: '/more', element: <MorePage /> },
            ],
          },
          { path: '/chats/:roomId', element: <RoomPage /> },
          { path: '/friends/hidden', element: <HiddenFriendsPage /> },
          { path: '/friends/blocked', element: <BlockedPage /> },
          { path: '/more/sessions', element: <SessionsPage /> },
          { path: '/more/wallet', element: <WalletPage /> },
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
