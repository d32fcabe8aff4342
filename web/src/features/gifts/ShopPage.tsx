import { useState, type ComponentType, type FormEvent, type ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { giftCategories } from '@maum/protocol';
import { Avatar } from '../../ui/Avatar';
import { ErrorState } from '../../ui/ErrorMessage';
import { IconShop, IconStar, IconTicket, IconWallet } from '../../ui/Icons';
import { IconButton, PageHeader } from '../../ui/PageHeader';
import { withRecipients } from '../../ui/recipients';
import { SearchBar } from '../../ui/SearchBar';
import { Spinner } from '../../ui/Spinner';
import { useShopHome, useWishlist } from './api';
import { useRecipients } from './hooks';
import { ProductRankRow, ProductStrip } from './ProductCard';
import { RecipientBanner } from './RecipientBanner';
import { CategoryArt } from './art';
import { PriceChips } from './ShopFilters';
import './gifts.css';

interface Props {
  /**
   * Channel products that can be sent to a friend's door, shown among the coupons. Commerce draws them; it builds on
   * gifts, so the router hands them in.
   */
  DeliveryGifts?: ComponentType<{ recipientIds: readonly string[] }>;
}

/** The Shop tab: search, categories, price ranges, birthday picks, friends with a birthday soon and the ranking. */
export function ShopPage({ DeliveryGifts }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const home = useShopHome();
  const recipients = useRecipients();
  const [search, setSearch] = useState('');
  const browse = (query: string) => withRecipients(`/shop/browse?${query}`, recipients.ids);
  const birthdayOf = (userId: string) => home.data?.birthdaysSoon.find((b) => b.friend.id === userId);
  const sole = recipients.people.length === 1 ? recipients.people[0] : undefined;
  const soleBirthday = sole ? birthdayOf(sole.id) : undefined;
  // Choosing for one friend, their wishes come first.
  const wishes = useWishlist(sole?.id);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const q = search.trim();
    if (q) void navigate(browse(`q=${encodeURIComponent(q)}`));
  };

  return (
    <div className="page page-wide shop-page">
      <PageHeader
        title={t('shop.title')}
        large
        actions={
          <>
            <IconButton label={t('commerce.channels.title')} onClick={() => void navigate('/channels')} testId="goto-channels">
              <IconStar />
            </IconButton>
            <IconButton label={t('commerce.cart.title')} onClick={() => void navigate('/cart')} testId="goto-cart">
              <IconShop />
            </IconButton>
            <IconButton label={t('gifts.boxTitle')} onClick={() => void navigate('/gifts')} testId="goto-gift-box">
              <IconTicket />
            </IconButton>
            <IconButton label={t('wallet.title')} onClick={() => void navigate('/more/wallet')} testId="goto-wallet">
              <IconWallet />
            </IconButton>
          </>
        }
      />
      <form role="search" onSubmit={submit}>
        <SearchBar value={search} onChange={setSearch} placeholder={t('shop.searchPlaceholder')} maxLength={40} testId="shop-search" clearLabel={t('shop.clearSearch')} />
      </form>
      <div className="page-body shop-body">
        {recipients.people.length > 0 ? (
          <RecipientBanner
            people={recipients.people}
            note={soleBirthday ? t('shop.birthdayIn', { count: soleBirthday.inDays }) : undefined}
            onClear={() => recipients.setIds([])}
          />
        ) : null}

        {sole && wishes.data && wishes.data.length > 0 ? (
          <Section title={t('gifts.wishlistOf', { name: sole.displayName })} testId="recipient-wishlist">
            <ProductStrip products={wishes.data} recipientIds={recipients.ids} />
          </Section>
        ) : null}

        {home.isPending ? (
          <div className="room-loading">
            <Spinner size={28} label={t('common.loading')} />
          </div>
        ) : home.isError ? (
          <ErrorState error={home.error} onRetry={() => void home.refetch()} />
        ) : (
          <>
            {home.data.birthdaysSoon.length > 0 ? (
              <Section title={t('shop.birthdaysSoon')} testId="birthdays-soon">
                <ul className="birthday-strip">
                  {home.data.birthdaysSoon.map(({ friend, inDays }) => {
                    const chosen = recipients.ids.includes(friend.id);
                    return (
                      <li key={friend.id}>
                        <button
                          type="button"
                          className={`birthday-friend ${chosen ? 'is-chosen' : ''}`}
                          aria-pressed={chosen}
                          onClick={() => recipients.setIds(chosen ? [] : [friend.id])}
                          data-testid="birthday-friend"
                        >
                          <Avatar name={friend.displayName} url={friend.avatarUrl} seed={friend.id} size={52} />
                          <span className="birthday-name">{friend.displayName}</span>
                          <span className="badge badge-yellow">{inDays === 0 ? t('shop.birthdayToday') : t('shop.dDay', { count: inDays })}</span>
                        </button>
                      </li>
                    );
                  })}
                </ul>
              </Section>
            ) : null}

            <Link to="/channels" className="btn btn-secondary btn-block shop-channels-link" data-testid="shop-channels">
              <IconStar size={18} />
              {t('commerce.channels.browse')}
            </Link>

            <Section title={t('shop.categories')}>
              <ul className="category-grid">
                {giftCategories.map((category) => (
                  <li key={category}>
                    <Link to={browse(`category=${category}`)} className="category-link" data-testid="shop-category">
                      <span className="category-art" aria-hidden="true">
                        <CategoryArt category={category} />
                      </span>
                      <span className="category-name">{t(`shop.category.${category}`)}</span>
                    </Link>
                  </li>
                ))}
              </ul>
            </Section>

            {DeliveryGifts ? <DeliveryGifts recipientIds={recipients.ids} /> : null}

            <Section title={t('shop.byPrice')}>
              <PriceChips current={null} linkTo={(id) => browse(`price=${id}`)} />
            </Section>

            {home.data.birthday.length > 0 ? (
              <Section title={t('shop.forBirthday')} testId="birthday-picks">
                <ProductStrip products={home.data.birthday} recipientIds={recipients.ids} />
              </Section>
            ) : null}

            <Section title={t('shop.popular')} testId="popular">
              <ol className="rank-list">
                {home.data.popular.map((product, i) => (
                  <ProductRankRow key={product.id} product={product} rank={i + 1} recipientIds={recipients.ids} />
                ))}
              </ol>
            </Section>
          </>
        )}
      </div>
    </div>
  );
}

function Section({ title, testId, children }: { title: string; testId?: string; children: ReactNode }) {
  return (
    <section className="shop-section" data-testid={testId}>
      <h2 className="section-title">{title}</h2>
      {children}
    </section>
  );
}
