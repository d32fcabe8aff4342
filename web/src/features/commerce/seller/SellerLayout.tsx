import { useState } from 'react';
import { Link, NavLink, Outlet, useOutletContext } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Seller } from '@maum/protocol';
import { ErrorState } from '../../../ui/ErrorMessage';
import { FullScreenSpinner } from '../../../ui/Spinner';
import { ApplyForm } from './ApplyForm';
import { useMySeller } from './api';
import '../commerce.css';

const tabs = [
  { to: '/seller', key: 'channel', end: true },
  { to: '/seller/posts', key: 'posts' },
  { to: '/seller/products', key: 'products' },
  { to: '/seller/orders', key: 'orders' },
  { to: '/seller/inbox', key: 'inbox' },
  { to: '/seller/coupons', key: 'coupons' },
  { to: '/seller/settlements', key: 'settlements' },
  { to: '/seller/certificates', key: 'certificates' },
] as const;

/** The seller's own screens, wide like the store console: an application until approved, then the tabs that run a shop. */
export function SellerLayout() {
  const { t } = useTranslation();
  const seller = useMySeller();
  if (seller.isPending) return <FullScreenSpinner label={t('common.loading')} />;
  return (
    <div className="store-screen seller-screen">
      <header className="store-header">
        <div className="store-heading">
          <span className="store-brand">{t('commerce.seller.console')}</span>
          <h1 className="store-name" data-testid="seller-name">
            {seller.data?.businessName ?? t('commerce.seller.sellOnMaum')}
          </h1>
        </div>
        <nav className="store-nav">
          {seller.data?.status === 'approved'
            ? tabs.map((tab) => (
                <NavLink key={tab.key} to={tab.to} end={'end' in tab} className="store-nav-link" data-testid={`seller-nav-${tab.key}`}>
                  {t(`commerce.seller.tabs.${tab.key}`)}
                </NavLink>
              ))
            : null}
          <Link to="/more" className="store-nav-link">
            {t('store.backToApp')}
          </Link>
        </nav>
      </header>
      <main className="store-main">
        {seller.isError ? (
          <ErrorState error={seller.error} onRetry={() => void seller.refetch()} />
        ) : seller.data?.status === 'approved' ? (
          <Outlet context={seller.data satisfies Seller} />
        ) : (
          <NotYet seller={seller.data ?? null} />
        )}
      </main>
    </div>
  );
}

/** The approved seller, for the console's tabs. */
export function useSeller(): Seller {
  return useOutletContext<Seller>();
}

function NotYet({ seller }: { seller: Seller | null }) {
  const { t } = useTranslation();
  const [again, setAgain] = useState(false);
  if (!seller || again) return <ApplyForm />;
  return (
    <section className="store-card" data-testid="seller-status" data-status={seller.status}>
      <h2 className="store-card-title">{t(`commerce.seller.status.${seller.status}`)}</h2>
      <p>{t(`commerce.seller.statusBody.${seller.status}`)}</p>
      {seller.reason ? (
        <p className="status-line" data-testid="seller-reason">
          {t('commerce.seller.reason', { reason: seller.reason })}
        </p>
      ) : null}
      <dl className="store-facts">
        <Fact label={t('commerce.seller.businessName')} value={seller.businessName} />
        <Fact label={t('commerce.seller.kind')} value={t(`commerce.seller.kinds.${seller.kind}`)} />
        <Fact label={t('commerce.seller.registrationNumber')} value={seller.registrationNumber} />
      </dl>
      {seller.status === 'rejected' ? (
        <button type="button" className="btn btn-primary" onClick={() => setAgain(true)} data-testid="seller-apply-again">
          {t('commerce.seller.applyAgain')}
        </button>
      ) : null}
    </section>
  );
}

/** One `label: value` pair of a `store-facts` list; `title` shows the whole value on hover when it is shortened. */
export function Fact({ label, value, title, testId }: { label: string; value: string; title?: string; testId?: string }) {
  return (
    <div className="store-fact">
      <dt>{label}</dt>
      <dd data-testid={testId} title={title}>
        {value}
      </dd>
    </div>
  );
}
