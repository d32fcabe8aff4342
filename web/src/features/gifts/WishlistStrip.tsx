import { useTranslation } from 'react-i18next';
import type { PublicProfile } from '@maum/protocol';
import { useWishlist } from './api';
import { ProductStrip } from './ProductCard';
import './gifts.css';

/** A friend's wish list on their profile; each wish opens in the shop with the friend chosen. */
export function WishlistStrip({ person }: { person: PublicProfile }) {
  const { t } = useTranslation();
  const wishlist = useWishlist(person.id);
  // A wish list is shown only to friends the person added back; to anyone else there is simply nothing here.
  if (!wishlist.data) return null;
  return (
    <section className="wishlist-strip" data-testid="friend-wishlist">
      <h3 className="section-title">{t('gifts.wishlistOf', { name: person.displayName })}</h3>
      {wishlist.data.length === 0 ? (
        <p className="wishlist-empty">{t('gifts.wishlistEmpty')}</p>
      ) : (
        <ProductStrip products={wishlist.data} recipientIds={[person.id]} />
      )}
    </section>
  );
}
