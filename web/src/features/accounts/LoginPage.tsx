import { useState, type FormEvent } from 'react';
import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { PasswordInput } from './PasswordInput';
import { useLogin } from './api';
import './accounts.css';

export function LoginPage() {
  const { t } = useTranslation();
  const location = useLocation();
  const login = useLogin();
  const [handle, setHandle] = useState('');
  const [password, setPassword] = useState('');
  const filled = handle.trim() !== '' && password !== '';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!filled || login.isPending) return;
    login.mutate({ handle: handle.trim().toLowerCase(), password });
  };

  return (
    <form className="auth-form" onSubmit={submit} noValidate>
      <h1 className="auth-title">{t('auth.loginTitle')}</h1>
      <label className="field">
        <span className="sr-only">{t('auth.handle')}</span>
        <input
          className="input"
          data-testid="login-handle"
          value={handle}
          onChange={(e) => setHandle(e.target.value)}
          placeholder={t('auth.handlePlaceholder')}
          autoComplete="username"
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
          maxLength={40}
          autoFocus
        />
      </label>
      <label className="field">
        <span className="sr-only">{t('auth.password')}</span>
        <PasswordInput
          testId="login-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          placeholder={t('auth.passwordPlaceholder')}
          autoComplete="current-password"
          maxLength={200}
        />
      </label>
      <ErrorMessage error={login.error} />
      <button
        type="submit"
        className="btn btn-dark btn-block btn-large"
        data-testid="login-submit"
        disabled={!filled || login.isPending}
        aria-busy={login.isPending}
      >
        {login.isPending ? t('auth.loggingIn') : t('auth.login')}
      </button>
      <p className="auth-switch">
        {t('auth.noAccount')}{' '}
        <Link to={{ pathname: '/signup', search: location.search }} data-testid="goto-signup">
          {t('auth.gotoSignup')}
        </Link>
      </p>
    </form>
  );
}
