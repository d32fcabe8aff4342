import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';

export function NeedsChannel() {
  const { t } = useTranslation();
  return (
    <section className="store-card">
      <p>{t('commerce.seller.needsChannel')}</p>
      <Link to="/seller" className="btn btn-primary">
        {t('commerce.seller.createChannel')}
      </Link>
    </section>
  );
}
