import { Navigate, Outlet, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useToken } from '../api/token';
import { LanguageSelect } from '../features/more';
import { safeNext } from './next';
import './auth.css';

/** Login and sign-up: the brand on yellow, and a way out once a session exists. */
export function AuthLayout() {
  const { t } = useTranslation();
  const token = useToken();
  const [params] = useSearchParams();
  if (token) return <Navigate to={safeNext(params.get('next'))} replace />;
  return (
    <div className="auth-screen">
      <div className="auth-top">
        <LanguageSelect className="select-compact" />
      </div>
      <div className="auth-brand">
        <Logo />
        <p className="auth-wordmark">{t('common.appName')}</p>
        <p className="auth-tagline">{t('auth.tagline')}</p>
      </div>
      <Outlet />
    </div>
  );
}

function Logo() {
  return (
    <svg className="auth-logo" viewBox="0 0 64 64" aria-hidden="true">
      <path
        d="M32 10c-13.3 0-24 8.5-24 19 0 6.8 4.5 12.7 11.2 16l-2.3 8.4c-.2.8.7 1.4 1.4.9l9.9-6.6c1.2.2 2.5.3 3.8.3 13.3 0 24-8.5 24-19S45.3 10 32 10z"
        fill="#3C1E1E"
      />
      <path
        d="M24 27.5c0-2.6 2-4.5 4.3-4.5 1.6 0 2.9.8 3.7 2.1.8-1.3 2.1-2.1 3.7-2.1 2.4 0 4.3 1.9 4.3 4.5 0 4.6-6.2 8.4-8 9.5-1.8-1.1-8-4.9-8-9.5z"
        fill="#FEE500"
      />
    </svg>
  );
}
