import type { CouponCode, Product, SellerProduct } from '@maum/protocol';
import { requireSystem, requireUser, type Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import type { Database } from '../../platform/db/database';
import { AppError } from '../../platform/errors';
import { newId, randomToken } from '../../platform/ids';
import { photoVariants, type ImageLimits } from '../../platform/media/images';
import type { MediaStore } from '../../platform/media/media-store';
import type { ChannelsRepository } from './channels.repository';
import { imageUrl, toProduct, toStock, won } from './commerce.mappers';
import type { GiftShopListing } from './commerce.ports';
import type { SellersRepository } from './sellers.repository';
import type { SellerGate } from './sellers.service';
import type { CouponCodeRow, ProductRow, ShopRepository } from './shop.repository';

const imageKey = (id: string) => `commerce/${id}.webp`;
const thumbKey = (id: string) => `commerce/${id}-thumb.webp`;

/** Products with variants and stock, pictures, and coupon codes: what a seller sells and how. */
/**
 * An exchange coupon is one price and one picture: a product listed that way needs a picture, and all its variants
 * at the same price (the coupon's), since the buyer picks the variant at the store.
 */
function assertExchangeable(product: { giftListing?: ProductRow['giftListing']; imageIds?: string[] }, variants: Array<{ price: number }>): void {
  if (product.giftListing !== 'exchange') return;
  if (!product.imageIds?.length) throw new AppError('validation_failed', 'Add a picture before listing the product in the gift shop.');
  if (new Set(variants.map((v) => v.price)).size > 1) throw new AppError('validation_failed', 'A product in the gift shop has one price: give all its variants the same price.');
}

export class ProductsService {
  constructor(
    private readonly deps: {
      database: Database;
      shop: ShopRepository;
      channels: ChannelsRepository;
      sellers: SellersRepository;
      gate: SellerGate;
      media: MediaStore;
      imageLimits: ImageLimits;
      giftShop: GiftShopListing;
      clock: Clock;
    },
  ) {}

  /**
   * Keeps the product's gift-shop listing in step with it: an active `exchange` product of a seller that may sell now
   * is listed (its first picture is the shop's), anything else is taken out. Coupons already bought stay good.
   */
  private async syncGiftShop(product: ProductRow): Promise<ProductRow> {
    const seller = product.giftListing === 'exchange' && product.active ? await this.deps.sellers.findSeller(product.sellerId) : undefined;
    const [picture] = product.imageIds;
    if (seller?.status !== 'approved' || !picture) {
      if (product.giftProductId) await this.deps.giftShop.unlist(product.giftProductId);
      return product;
    }
    const variants = await this.deps.shop.variantsOf([product.id]);
    const giftProductId = await this.deps.giftShop.list({
      sellerId: seller.id,
      brandName: seller.businessName,
      productId: product.id,
      giftProductId: product.giftProductId,
      name: product.name,
      price: variants[0]!.price,
      options: variants.map((v) => v.name),
      imageKey: imageKey(picture),
      staffIds: await this.deps.sellers.staffOf(seller.id),
    });
    if (giftProductId !== product.giftProductId) await this.deps.shop.updateProduct(product.id, { giftProductId });
    return { ...product, giftProductId };
  }

  /** A seller approved again or suspended: its exchange products go back into the gift shop, or out of it. */
  async syncSellerGiftShop(sellerId: string): Promise<void> {
    for (const product of await this.deps.shop.productsOf(sellerId, false, 1000)) {
      if (product.giftListing === 'exchange') await this.syncGiftShop(product);
    }
  }

  /** Products as buyers see them, with their channel and available stock. */
  async present(rows: ProductRow[]): Promise<Product[]> {
    const [variants, channels] = await Promise.all([
      this.deps.shop.variantsOf(rows.map((r) => r.id)),
      this.deps.channels.channelsOfSellers([...new Set(rows.map((r) => r.sellerId))]),
    ]);
    return rows.map((row) => toProduct(row, variants, channels.find((c) => c.sellerId === row.sellerId)));
  }

  private async presentForSeller(row: ProductRow): Promise<SellerProduct> {
    const variants = await this.deps.shop.variantsOf([row.id]);
    const [product] = await this.present([row]);
    return { product: product!, stock: variants.map(toStock) };
  }

  /** Stores a picture for a channel, post or product: sniffed, resized and without metadata. */
  async uploadImage(actor: Actor, upload: Buffer): Promise<{ id: string; url: string }> {
    const { seller } = await this.deps.gate.approvedStaff(actor);
    const { display, thumb } = await photoVariants(upload, this.deps.imageLimits);
    const id = randomToken(24);
    await this.deps.media.put(imageKey(id), display);
    await this.deps.media.put(thumbKey(id), thumb);
    await this.deps.sellers.insertImage({ id, sellerId: seller.id, createdAt: this.deps.clock.now() });
    return { id, url: imageUrl(id) };
  }

  /** Pictures are public, like a shop window; their ids are unguessable and never reused. */
  async image(_actor: Actor, id: string): Promise<Buffer | null> {
    return this.deps.media.get(id.endsWith('-thumb') ? thumbKey(id.slice(0, -6)) : imageKey(id));
  }

  async requireOwnImages(sellerId: string, ids: string[]): Promise<void> {
    const mine = await this.deps.sellers.imagesOf(sellerId, ids);
    if (ids.some((id) => !mine.has(id))) throw new AppError('validation_failed', 'Use pictures uploaded for this seller.');
  }

  async create(
    actor: Actor,
    input: { name: string; description: string; imageIds: string[]; giftListing: ProductRow['giftListing']; variants: Array<{ name: string; price: number; stock: number }> },
  ): Promise<SellerProduct> {
    const { seller } = await this.deps.gate.approvedStaff(actor);
    await this.requireOwnImages(seller.id, input.imageIds);
    assertExchangeable(input, input.variants);
    const now = this.deps.clock.now();
    const product: ProductRow = {
      id: newId('itm'),
      sellerId: seller.id,
      name: input.name,
      description: input.description,
      imageIds: input.imageIds,
      giftListing: input.giftListing,
      giftProductId: null,
      active: true,
      createdAt: now,
      updatedAt: now,
    };
    const variants = input.variants.map((v, position) => ({
      id: newId('var'),
      productId: product.id,
      name: v.name,
      price: v.price,
      position,
      onHand: v.stock,
      reserved: 0,
      sold: 0,
    }));
    await this.deps.database.transaction((tx) => this.deps.shop.with(tx).insertProduct(product, variants));
    return this.presentForSeller(await this.syncGiftShop(product));
  }

  private async ownProduct(actor: Actor, productId: string): Promise<{ sellerId: string; product: ProductRow }> {
    const { seller } = await this.deps.gate.staff(actor);
    const product = await this.deps.shop.findProduct(productId);
    if (!product || product.sellerId !== seller.id) throw new AppError('not_found', 'No such product in your store.');
    return { sellerId: seller.id, product };
  }

  async update(
    actor: Actor,
    productId: string,
    change: { name?: string; description?: string; imageIds?: string[]; giftListing?: ProductRow['giftListing']; active?: boolean },
  ): Promise<SellerProduct> {
    const { sellerId, product } = await this.ownProduct(actor, productId);
    if (change.imageIds) await this.requireOwnImages(sellerId, change.imageIds);
    // Checked on the product as it would be, before anything is saved.
    assertExchangeable({ ...product, ...change }, await this.deps.shop.variantsOf([product.id]));
    await this.deps.shop.updateProduct(product.id, { ...change, updatedAt: this.deps.clock.now() });
    const updated = (await this.deps.shop.findProduct(product.id))!;
    // Only what the gift shop shows, or whether it shows it, calls for a new listing.
    const listingChanged = change.giftListing !== undefined || change.active !== undefined || change.name !== undefined || change.imageIds !== undefined;
    return this.presentForSeller(listingChanged ? await this.syncGiftShop(updated) : updated);
  }

  async setStock(actor: Actor, variantId: string, onHand: number): Promise<SellerProduct> {
    const { seller } = await this.deps.gate.staff(actor);
    const [found] = await this.deps.shop.variantsByIds([variantId]);
    if (!found || found.product.sellerId !== seller.id) throw new AppError('not_found', 'No such variant in your store.');
    if (!(await this.deps.shop.setOnHand(variantId, onHand))) {
      const [now] = await this.deps.shop.variantsByIds([variantId]);
      throw new AppError('validation_failed', `Checkouts in progress hold ${now?.variant.reserved ?? 0} of this variant; stock can’t go below that.`);
    }
    return this.presentForSeller(found.product);
  }

  async mine(actor: Actor): Promise<SellerProduct[]> {
    const { seller } = await this.deps.gate.staff(actor);
    const rows = await this.deps.shop.productsOf(seller.id, false, 500);
    const [variants, presented] = await Promise.all([this.deps.shop.variantsOf(rows.map((r) => r.id)), this.present(rows)]);
    return presented.map((product) => ({ product, stock: variants.filter((v) => v.productId === product.id).map(toStock) }));
  }

  /** A product's facts for its certificates: whose it is, and its photo. */
  async describe(actor: Actor, productId: string): Promise<{ id: string; name: string; sellerId: string; imageId: string | null } | undefined> {
    requireSystem(actor, 'Only server flows read products this way.');
    const row = await this.deps.shop.findProduct(productId);
    return row && { id: row.id, name: row.name, sellerId: row.sellerId, imageId: row.imageIds[0] ?? null };
  }

  /** A product as a buyer sees it: only while its seller is approved and it is on sale. */
  async product(actor: Actor, productId: string): Promise<Product> {
    requireUser(actor);
    const row = await this.deps.shop.findProduct(productId);
    const seller = row && (await this.deps.sellers.findSeller(row.sellerId));
    if (!row || !row.active || seller?.status !== 'approved') throw new AppError('not_found', 'No such product.');
    return (await this.present([row]))[0]!;
  }

  async giftable(actor: Actor): Promise<Product[]> {
    requireUser(actor);
    const sellers = await this.deps.sellers.listSellers('approved', 1000);
    return this.present(await this.deps.shop.giftableProducts(sellers.map((s) => s.id), 100));
  }

  async createCoupon(
    actor: Actor,
    input: { code: string; kind: 'percent' | 'fixed'; value: number; minOrder: number; startsAt: string; endsAt: string; totalLimit: number | null; perUserLimit: number | null },
  ): Promise<CouponCode> {
    const { seller } = await this.deps.gate.approvedStaff(actor);
    const row = await this.deps.shop.insertCoupon({
      id: newId('ccp'),
      sellerId: seller.id,
      code: input.code,
      kind: input.kind,
      value: input.value,
      minOrder: input.minOrder,
      startsAt: new Date(input.startsAt),
      endsAt: new Date(input.endsAt),
      totalLimit: input.totalLimit,
      perUserLimit: input.perUserLimit,
      uses: 0,
      createdAt: this.deps.clock.now(),
    });
    if (!row) throw new AppError('handle_taken', `You already have a coupon code ${input.code}.`);
    return toCouponCode(row);
  }

  async coupons(actor: Actor): Promise<CouponCode[]> {
    const { seller } = await this.deps.gate.staff(actor);
    return (await this.deps.shop.couponsOf(seller.id)).map(toCouponCode);
  }
}

function toCouponCode(row: CouponCodeRow): CouponCode {
  return {
    id: row.id,
    code: row.code,
    kind: row.kind,
    value: row.value,
    minOrder: won(row.minOrder),
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    totalLimit: row.totalLimit,
    perUserLimit: row.perUserLimit,
    uses: row.uses,
  };
}
