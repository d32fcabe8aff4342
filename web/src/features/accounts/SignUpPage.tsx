import { useState, type FormEvent } from 'react';
import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { DisplayName, Handle, isStrongPassword } from '@maum/protocol';
import { ErrorMessage, LocalError } from '../../ui/ErrorMessage';
import { IconCheck } from '../../ui/Icons';
import { PasswordInput } from './PasswordInput';
import { useSignUp } from './api';
import './accounts.css';

type Problem = 'invalidHandle' | 'weakPassword' | 'fillAll';

export function SignUpPage() {
  const { t } = useTranslation();
  const location = useLocation();
  const signUp = useSignUp();
  const [handle, setHandle] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);

  const handleOk = Handle.safeParse(handle).success;
  const rules = {
    length: password.length >= 8,
    letter: /\p{L}/u.test(password),
    digit: /\p{N}/u.test(password),
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (signUp.isPending) return;
    const name = DisplayName.safeParse(displayName);
    if (!handle.trim() || !name.success || !password) return setProblem('fillAll');
    if (!handleOk) return setProblem('invalidHandle');
    if (!isStrongPassword(password)) return setProblem('weakPassword');
    setProblem(null);
    signUp.mutate({ handle: handle.trim().toLowerCase(), displayName: name.data, password });
  };

  const problemText =
    problem === 'invalidHandle' ? t('auth.invalidHandle')
    : problem === 'weakPassword' ? t('errors.weak_password')
    : problem === 'fillAll' ? t('auth.fillAll')
    : null;

  return (
    <form className="auth-form" onSubmit={submit} noValidate>
      <h1 className="auth-title">{t('auth.signupTitle')}</h1>
      <label className="field">
        <span className="field-label">{t('auth.handle')}</span>
        <input
          className="input"
          data-testid="signup-handle"
          value={handle}
          onChange={(e) => setHandle(e.target.value)}
          placeholder={t('auth.handlePlaceholder')}
          autoComplete="username"
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
          maxLength={20}
          aria-invalid={handle !== '' && !handleOk}
          aria-describedby="signup-handle-rule"
          autoFocus
        />
        <span id="signup-handle-rule" className={`field-hint ${handle !== '' && !handleOk ? 'is-bad' : ''}`}>
          {t('auth.handleRule')}
        </span>
      </label>
      <label className="field">
        <span className="field-label">{t('auth.displayName')}</span>
        <input
          className="input"
          data-testid="signup-display-name"
          value={displayName}
          onChange={(e) => setDisplayName(e.target.value)}
          placeholder={t('auth.displayNamePlaceholder')}
          autoComplete="nickname"
          maxLength={40}
        />
      </label>
      <label className="field">
        <span className="field-label">{t('auth.password')}</span>
        <PasswordInput
          testId="signup-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          placeholder={t('auth.passwordPlaceholder')}
          autoComplete="new-password"
          maxLength={200}
          aria-describedby="signup-password-rule"
        />
        <span id="signup-password-rule" className="field-hint">
          {t('auth.passwordRule')}
        </span>
        <span className="rule-checks" aria-hidden="true">
          <RuleCheck ok={rules.length} label="8+" />
          <RuleCheck ok={rules.letter} label="Aa" />
          <RuleCheck ok={rules.digit} label="123" />
        </span>
      </label>
      {problemText ? <LocalError text={problemText} /> : <ErrorMessage error={signUp.error} />}
      <button
        type="submit"
        className="btn btn-dark btn-block btn-large"
        data-testid="signup-submit"
        disabled={signUp.isPending}
        aria-busy={signUp.isPending}
      >
        {signUp.isPending ? t('auth.signingUp') : t('auth.signup')}
      </button>
      <p className="auth-switch">
        {t('auth.haveAccount')}{' '}
        <Link to={{ pathname: '/login', search: location.search }} data-testid="goto-login">
          {t('auth.gotoLogin')}
        </Link>
      </p>
    </form>
  );
}

function RuleCheck({ ok, label }: { ok: boolean; label: string }) {
  return (
    <span className={`rule-check ${ok ? 'is-ok' : ''}`}>
      <IconCheck size={14} />
      {label}
    </span>
  );
}
