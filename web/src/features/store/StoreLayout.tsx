import type { CSSProperties } from 'react';
import { Link, NavLink, Outlet } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorState } from '../../ui/ErrorMessage';
import { FullScreenSpinner } from '../../ui/Spinner';
import { useLogout } from '../accounts';
import { useStoreMe } from './api';
import './store.css';

/** The store's own screens, for staff at the counter: large type, the store's colour, no tabs. */
export function StoreLayout() {
  const { t } = useTranslation();
  const store = useStoreMe();
  const logout = useLogout();
  const logoutButton = (
    <button type="button" className="btn btn-secondary" onClick={() => logout.mutate()} disabled={logout.isPending} data-testid="store-logout">
      {t('more.logout')}
    </button>
  );

  if (store.isPending) return <FullScreenSpinner label={t('common.loading')} />;
  if (store.isError) {
    const notStaff = isApiError(store.error) && store.error.code === 'forbidden';
    return (
      <div className="store-screen fullscreen-center">
        {notStaff ? (
          <EmptyState
            title={t('store.notStaff')}
            body={t('store.notStaffBody')}
            action={
              <div className="empty-actions">
                <Link to="/" className="btn btn-primary">
                  {t('store.backToApp')}
                </Link>
                {logoutButton}
              </div>
            }
          />
        ) : (
          <ErrorState error={store.error} onRetry={() => void store.refetch()} />
        )}
      </div>
    );
  }
  return (
    <div className="store-screen" style={{ '--brand': store.data.brand.color } as CSSProperties}>
      <header className="store-header">
        <div className="store-heading">
          <span className="store-brand">{store.data.brand.name}</span>
          <h1 className="store-name" data-testid="store-name">
            {store.data.name}
          </h1>
        </div>
        <nav className="store-nav">
          <NavLink to="/store" end className="store-nav-link" data-testid="store-nav-console">
            {t('store.console')}
          </NavLink>
          <NavLink to="/store/statement" className="store-nav-link" data-testid="store-nav-statement">
            {t('store.statement')}
          </NavLink>
          {logoutButton}
        </nav>
      </header>
      <main className="store-main">
        <Outlet />
      </main>
    </div>
  );
}
