import { useTranslation } from 'react-i18next';
import { GiftCategory } from '@maum/protocol';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorState } from '../../ui/ErrorMessage';
import { IconSearch } from '../../ui/Icons';
import { PageHeader } from '../../ui/PageHeader';
import { SearchBar } from '../../ui/SearchBar';
import { Spinner } from '../../ui/Spinner';
import { useSearchInAddress } from '../../ui/useSearchInAddress';
import { useProducts, type ProductFilter } from './api';
import { priceRangeById } from './format';
import { useRecipients } from './hooks';
import { ProductGrid } from './ProductCard';
import { RecipientBanner } from './RecipientBanner';
import { PriceChips } from './ShopFilters';
import './gifts.css';

const sorts = ['popular', 'price_asc', 'price_desc'] as const;
type Sort = (typeof sorts)[number];

/** A category, a search or a price range of the shop, with the filters to narrow it. */
export function ShopResultsPage() {
  const { t } = useTranslation();
  const { params, change, search, setSearch, q } = useSearchInAddress();
  const recipients = useRecipients();
  const category = GiftCategory.safeParse(params.get('category')).data;
  const range = priceRangeById(params.get('price'));
  const sort: Sort = sorts.find((s) => s === params.get('sort')) ?? 'popular';

  const filter: ProductFilter = { category, q: q || undefined, minPrice: range?.minPrice, maxPrice: range?.maxPrice, sort };
  const products = useProducts(filter);
  const linkWithPrice = (id: string | null) => {
    const next = new URLSearchParams(params);
    if (id) next.set('price', id);
    else next.delete('price');
    return `/shop/browse?${next.toString()}`;
  };
  const title = category ? t(`shop.category.${category}`) : t('shop.results');
  const list = products.data ?? [];

  return (
    <div className="page page-wide">
      <PageHeader title={title} back="/shop" />
      <SearchBar value={search} onChange={setSearch} placeholder={t('shop.searchPlaceholder')} maxLength={40} testId="shop-search" clearLabel={t('shop.clearSearch')} />
      <div className="page-body shop-body">
        {recipients.people.length > 0 ? <RecipientBanner people={recipients.people} onClear={() => recipients.setIds([])} /> : null}
        <div className="filter-bar">
          <PriceChips current={range?.id ?? null} linkTo={linkWithPrice} replace />
          <label className="sort-select">
            <span className="sr-only">{t('shop.sortLabel')}</span>
            <select className="select select-compact" value={sort} onChange={(e) => change('sort', e.target.value === 'popular' ? null : e.target.value)} data-testid="shop-sort">
              {sorts.map((s) => (
                <option key={s} value={s}>
                  {t(`shop.sort.${s}`)}
                </option>
              ))}
            </select>
          </label>
        </div>
        {products.isPending ? (
          <div className="room-loading">
            <Spinner size={28} label={t('common.loading')} />
          </div>
        ) : products.isError && !products.data ? (
          <ErrorState error={products.error} onRetry={() => void products.refetch()} />
        ) : list.length === 0 ? (
          <EmptyState icon={<IconSearch size={32} />} title={q ? t('shop.noResultsFor', { query: q }) : t('shop.noResults')} />
        ) : (
          <ProductGrid products={list} recipientIds={recipients.ids} testId="product-results" />
        )}
      </div>
    </div>
  );
}
