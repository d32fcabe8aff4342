import { createBrowserRouter, Navigate, Outlet } from 'react-router';
import { LoginPage } from '../features/accounts/LoginPage';
import { SessionsPage } from '../features/accounts/SessionsPage';
import { SignUpPage } from '../features/accounts/SignUpPage';
import { AddByCodePage } from '../features/friends/AddByCodePage';
import { BlockedPage } from '../features/friends/BlockedPage';
import { FriendsPage } from '../features/friends/FriendsPage';
import { HiddenFriendsPage } from '../features/friends/HiddenFriendsPage';
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
              { path: '/shop', element: <ShopPage /> },
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
          { path: '/add/:code', element: <AddByCodePage /> },
        ],
      },
      { path: '*', element: <NotFound /> },
    ],
  },
  // The store's screens stand at a counter, often on a tablet: they take the whole width, not the phone column.
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
    ],
  },
]);
