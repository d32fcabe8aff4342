import sharp from 'sharp';
import type { GiftProduct, PublicProfile } from '@maum/protocol';
import { requireSystem, requireUser, type Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import type { Database } from '../../platform/db/database';
import { AppError } from '../../platform/errors';
import { newId } from '../../platform/ids';
import type { MediaStore } from '../../platform/media/media-store';
import type { AccountsDirectory } from '../accounts';
import { demoCatalogue, productArtwork } from './catalogue.seed';
import type { GiftsRepository, ProductFilter, ProductRow } from './gifts.repository';
import { toProduct } from './gifts.mappers';

// The standard terms for mobile vouchers (신유형 상품권 표준약관, as revised in 2020) ask for at least a year of validity.
const VALIDITY_DAYS = 366;
const BIRTHDAY_WINDOW_DAYS = 14;

/** Who may read whose wish list: decided where its owner says who sees it (wired in `flows/`). */
export interface Wishlists {
  mayRead(viewerId: string, ownerId: string): Promise<boolean>;
}

/** The gift shop: brands, products, search, the home page and wish lists. */
export class CatalogueService {
  constructor(
    private readonly deps: { database: Database; repo: GiftsRepository; media: MediaStore; people: AccountsDirectory; wishlists: Wishlists; clock: Clock },
  ) {}

  async home(actor: Actor) {
    const me = requireUser(actor);
    const [popular, birthday, categories, birthdays] = await Promise.all([
      this.deps.repo.searchProducts({ sort: 'popular', limit: 10 }),
      this.deps.repo.searchProducts({ sort: 'popular', tag: 'birthday', limit: 10 }),
      this.deps.repo.categoryCounts(),
      this.deps.people.friendBirthdays(me.userId),
    ]);
    return {
      popular: popular.map(toProduct),
      birthday: birthday.map(toProduct),
      categories,
      birthdaysSoon: this.soon(birthdays),
    };
  }

  private soon(birthdays: Array<{ friend: PublicProfile; birthday: string }>) {
    const today = this.deps.clock.now();
    const start = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
    return birthdays
      .map(({ friend, birthday }) => {
        const [month, day] = birthday.split('-').map(Number) as [number, number];
        let next = Date.UTC(today.getUTCFullYear(), month - 1, day);
        if (next < start) next = Date.UTC(today.getUTCFullYear() + 1, month - 1, day);
        return { friend, birthday, inDays: Math.round((next - start) / 86_400_000) };
      })
      .filter((b) => b.inDays <= BIRTHDAY_WINDOW_DAYS)
      .sort((a, b) => a.inDays - b.inDays);
  }

  async products(actor: Actor, filter: ProductFilter): Promise<GiftProduct[]> {
    requireUser(actor);
    return (await this.deps.repo.searchProducts(filter)).map(toProduct);
  }

  async product(actor: Actor, productId: string): Promise<GiftProduct> {
    requireUser(actor);
    const found = await this.deps.repo.findListedProduct(productId);
    if (!found) throw new AppError('not_found', 'No such product.');
    return toProduct(found);
  }

  /** Product pictures are public: they are shown on shared links and in notifications. */
  async image(_actor: Actor, productId: string): Promise<Buffer> {
    const found = await this.deps.repo.findProduct(productId);
    const data = found && (await this.deps.media.get(found.product.imageKey));
    if (!data) throw new AppError('not_found', 'No such picture.');
    return data;
  }

  async wishlist(actor: Actor, userId: string): Promise<GiftProduct[]> {
    const me = requireUser(actor);
    if (userId !== me.userId && !(await this.deps.wishlists.mayRead(me.userId, userId))) {
      throw new AppError('not_found', 'No such wish list.');
    }
    return (await this.deps.repo.wishlist(userId)).map(toProduct);
  }

  async wish(actor: Actor, productId: string, on: boolean): Promise<void> {
    const me = requireUser(actor);
    // A product taken out of the shop can still be taken off a wish list, but not put on one.
    const found = on ? await this.deps.repo.findListedProduct(productId) : await this.deps.repo.findProduct(productId);
    if (!found) throw new AppError('not_found', 'No such product.');
    if (on) await this.deps.repo.wish(me.userId, productId, this.deps.clock.now());
    else await this.deps.repo.unwish(me.userId, productId);
  }

  /**
   * Lists a seller's product in the gift shop as an exchange coupon, under a brand with the seller's id and name,
   * or updates the listing. Answers the gift-shop product's id. Coupons are redeemed at the seller's own store.
   */
  async listSellerProduct(
    actor: Actor,
    input: { brandId: string; brandName: string; sellerProductId: string; giftProductId: string | null; name: string; price: number; options: string[]; imageKey: string },
  ): Promise<string> {
    requireSystem(actor, 'Only the commerce flow lists sellers’ products.');
    const now = this.deps.clock.now();
    // One gift product per seller's product, named after it: two listings of it at once upsert the same row.
    const id = input.giftProductId ?? `prd_${input.sellerProductId.replace(/^[a-z]+_/, '')}`;
    // Brand names are unique in the shop; a seller sharing a name with another brand is told apart by its id.
    const namesake = await this.deps.repo.findBrand(input.brandName);
    const brandName = namesake && namesake.id !== input.brandId ? `${input.brandName} · ${input.brandId.slice(-4)}` : input.brandName;
    await this.deps.database.transaction(async (tx) => {
      const repo = this.deps.repo.with(tx);
      await repo.upsertBrand({ id: input.brandId, name: brandName, category: 'shop', color: '#6d4c41', createdAt: now });
      await repo.upsertProduct({
        id,
        brandId: input.brandId,
        name: input.name,
        kind: 'exchange',
        price: input.price,
        faceValue: input.price,
        options: input.options.length > 1 ? [{ name: 'Option', values: input.options }] : [],
        validityDays: VALIDITY_DAYS,
        imageKey: input.imageKey,
        tags: [],
        popularity: 0,
        createdAt: now,
      });
    });
    return id;
  }

  async unlistSellerProduct(actor: Actor, giftProductId: string): Promise<void> {
    requireSystem(actor, 'Only the commerce flow lists sellers’ products.');
    await this.deps.repo.setListed(giftProductId, false);
  }

  /** Fills an empty shop with the demo brands and products, with generated pictures. */
  async seedDemo(): Promise<number> {
    if ((await this.deps.repo.countBrands()) > 0) return 0;
    const now = this.deps.clock.now();
    let count = 0;
    for (const brand of demoCatalogue) {
      const brandId = newId('brd');
      const rows: ProductRow[] = [];
      for (const p of brand.products) {
        const id = newId('prd');
        const imageKey = `shop/${id.slice(4)}.webp`;
        await this.deps.media.put(imageKey, await sharp(Buffer.from(productArtwork(brand.name, p.name, brand.color))).webp({ quality: 85 }).toBuffer());
        rows.push({
          id,
          brandId,
          name: p.name,
          kind: p.cash ? ('cash' as const) : ('exchange' as const),
          price: p.price,
          faceValue: p.price,
          options: p.options ?? [],
          validityDays: VALIDITY_DAYS,
          imageKey,
          tags: p.tags ?? [],
          popularity: p.popularity,
          listed: true,
          createdAt: now,
        });
      }
      await this.deps.database.transaction(async (tx) => {
        const repo = this.deps.repo.with(tx);
        await repo.insertBrand({ id: brandId, name: brand.name, category: brand.category, color: brand.color, createdAt: now });
        await repo.insertProducts(rows);
      });
      count += rows.length;
    }
    return count;
  }
}
