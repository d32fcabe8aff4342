import { useTranslation } from 'react-i18next';
import { EmptyState } from '../ui/EmptyState';
import { IconAlert } from '../ui/Icons';

/** What a screen that failed to draw shows instead of going blank: what happened, and a way to try again. */
export function RouteError() {
  const { t } = useTranslation();
  return (
    <div className="page">
      <div className="page-body fullscreen-center" role="alert">
        <EmptyState
          icon={<IconAlert size={32} />}
          title={t('errors.unknown')}
          action={
            <button type="button" className="btn btn-primary" onClick={() => window.location.reload()}>
              {t('common.retry')}
            </button>
          }
        />
      </div>
    </div>
  );
}
