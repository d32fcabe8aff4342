import { Navigate, Outlet, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { getSignOutReason, useToken } from '../api/token';
import { useMe } from '../features/accounts';
import { ChatSession } from '../features/chat';
import { ErrorState } from '../ui/ErrorMessage';
import { FullScreenSpinner } from '../ui/Spinner';

/** Screens behind this need a session; without one the person logs in and comes back here. */
export function RequireAuth() {
  const token = useToken();
  const location = useLocation();
  if (!token) {
    const here = location.pathname + location.search;
    const comeBack = getSignOutReason() !== 'logged-out' && here !== '/' && here !== '/friends';
    const search = comeBack ? `?next=${encodeURIComponent(here)}` : '';
    return <Navigate to={`/login${search}`} replace />;
  }
  return <SignedIn />;
}

function SignedIn() {
  const { t } = useTranslation();
  const me = useMe();
  if (me.isPending) return <FullScreenSpinner label={t('common.loading')} />;
  if (me.isError && !me.data) {
    return (
      <div className="fullscreen-center">
        <ErrorState error={me.error} onRetry={() => void me.refetch()} />
      </div>
    );
  }
  return (
    <>
      {me.data ? <ChatSession userId={me.data.id} /> : null}
      <Outlet />
    </>
  );
}
