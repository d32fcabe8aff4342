import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../ui/EmptyState';

export function NotFound() {
  const { t } = useTranslation();
  return (
    <div className="page">
      <div className="page-body fullscreen-center">
        <EmptyState
          title={t('notFound.title')}
          body={t('notFound.body')}
          action={
            <Link to="/" className="btn btn-primary">
              {t('notFound.home')}
            </Link>
          }
        />
      </div>
    </div>
  );
}
