import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Session } from '@maum/protocol';
import { ErrorMessage, ErrorState } from '../../ui/ErrorMessage';
import { IconDevice, IconLaptop } from '../../ui/Icons';
import { PageHeader } from '../../ui/PageHeader';
import { ConfirmDialog } from '../../ui/Sheet';
import { SkeletonRows } from '../../ui/Spinner';
import { relativeTime, shortDate } from '../../ui/time';
import { useToast } from '../../ui/Toast';
import { looksLikePhone } from './device';
import { useRevokeOtherSessions, useRevokeSession, useSessions } from './api';

export function SessionsPage() {
  const { t, i18n } = useTranslation();
  const toast = useToast();
  const sessions = useSessions();
  const revoke = useRevokeSession();
  const revokeOthers = useRevokeOtherSessions();
  const [confirmOne, setConfirmOne] = useState<Session | null>(null);
  const [confirmOthers, setConfirmOthers] = useState(false);
  const lang = i18n.resolvedLanguage ?? 'en';

  const list = [...(sessions.data ?? [])].sort((a, b) =>
    a.current !== b.current ? (a.current ? -1 : 1) : b.lastSeenAt.localeCompare(a.lastSeenAt),
  );
  const others = list.filter((s) => !s.current);

  return (
    <div className="page">
      <PageHeader title={t('sessions.title')} back="/more" />
      <div className="page-body">
        <p className="page-intro">{t('sessions.intro')}</p>
        {sessions.isPending ? (
          <SkeletonRows count={3} />
        ) : sessions.isError ? (
          <ErrorState error={sessions.error} onRetry={() => void sessions.refetch()} />
        ) : (
          <ul className="list" data-testid="session-list">
            {list.map((session) => (
              <li className="row" key={session.id} data-testid="session-row" data-current={session.current}>
                <span className="row-icon">
                  {looksLikePhone(session.deviceName) ? <IconDevice /> : <IconLaptop />}
                </span>
                <span className="row-text">
                  <span className="row-title">
                    {session.deviceName || t('sessions.unknownDevice')}
                    {session.current ? <span className="badge badge-yellow">{t('sessions.current')}</span> : null}
                  </span>
                  <span className="row-subtitle">
                    {t('sessions.lastActive', { time: relativeTime(session.lastSeenAt, lang) })}
                    {' · '}
                    {t('sessions.signedIn', { date: shortDate(session.createdAt, lang) })}
                  </span>
                </span>
                {session.current ? null : (
                  <button
                    type="button"
                    className="btn btn-secondary btn-small"
                    onClick={() => {
                      revoke.reset();
                      setConfirmOne(session);
                    }}
                  >
                    {t('sessions.logOutDevice')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
        {sessions.isSuccess ? (
          <div className="page-section">
            {others.length === 0 ? <p className="muted center">{t('sessions.noOthers')}</p> : null}
            <button
              type="button"
              className="btn btn-secondary btn-block"
              disabled={others.length === 0 || revokeOthers.isPending}
              onClick={() => {
                revokeOthers.reset();
                setConfirmOthers(true);
              }}
              data-testid="revoke-other-sessions"
            >
              {t('sessions.logOutOthers')}
            </button>
          </div>
        ) : null}
      </div>
      {confirmOne ? (
        <ConfirmDialog
          message={t('sessions.logOutDeviceConfirm', { device: confirmOne.deviceName || t('sessions.unknownDevice') })}
          confirmLabel={t('sessions.logOutDevice')}
          danger
          pending={revoke.isPending}
          error={<ErrorMessage error={revoke.error} />}
          onCancel={() => setConfirmOne(null)}
          onConfirm={() =>
            revoke.mutate(confirmOne.id, {
              onSuccess: () => {
                setConfirmOne(null);
                toast(t('sessions.loggedOutDevice'));
              },
            })
          }
        />
      ) : null}
      {confirmOthers ? (
        <ConfirmDialog
          message={t('sessions.logOutOthersConfirm')}
          detail={t('sessions.logOutOthersDetail')}
          confirmLabel={t('sessions.logOutOthers')}
          danger
          pending={revokeOthers.isPending}
          error={<ErrorMessage error={revokeOthers.error} />}
          onCancel={() => setConfirmOthers(false)}
          onConfirm={() =>
            revokeOthers.mutate(undefined, {
              onSuccess: ({ revoked }) => {
                setConfirmOthers(false);
                toast(t('sessions.loggedOutOthers', { count: revoked }));
              },
            })
          }
        />
      ) : null}
    </div>
  );
}
