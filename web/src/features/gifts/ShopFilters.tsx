import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../i18n';
import { formatMoney } from '../../ui/money';
import { priceRanges, type PriceRange } from './format';

function PriceRangeLabel({ range }: { range: PriceRange }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  if (range.minPrice === undefined) return <>{t('shop.priceUnder', { price: formatMoney((range.maxPrice ?? 0) + 1, lang) })}</>;
  if (range.maxPrice === undefined) return <>{t('shop.priceOver', { price: formatMoney(range.minPrice, lang) })}</>;
  return <>{t('shop.priceBetween', { from: formatMoney(range.minPrice, lang), to: formatMoney(range.maxPrice + 1, lang) })}</>;
}

/** The price ranges as chips; the current one is pressed, and pressing it again links to `linkTo(null)`. */
export function PriceChips({ current, linkTo, replace }: { current: PriceRange['id'] | null; linkTo: (id: PriceRange['id'] | null) => string; replace?: boolean }) {
  return (
    <ul className="chip-row">
      {priceRanges.map((range) => {
        const on = range.id === current;
        return (
          <li key={range.id}>
            <Link to={linkTo(on ? null : range.id)} replace={replace} className={`chip ${on ? 'is-on' : ''}`} aria-current={on ? 'true' : undefined} data-testid="price-range">
              <PriceRangeLabel range={range} />
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
