import type { CatalogueService, StoresService } from '../modules/gifts';
import type { GiftShopListing } from '../modules/commerce';

const system = { kind: 'system' as const };

/**
 * A seller's product in the gift shop: an exchange coupon under a brand that carries the seller's id, so that its
 * redemptions credit the seller's own payable, redeemed at a store of the seller's whose staff are the seller's.
 */
export function giftShopListing(catalogue: CatalogueService, stores: StoresService): GiftShopListing {
  return {
    async list(input) {
      const giftProductId = await catalogue.listSellerProduct(system, {
        brandId: input.sellerId,
        brandName: input.brandName,
        sellerProductId: input.productId,
        giftProductId: input.giftProductId,
        name: input.name,
        price: input.price,
        options: input.options,
        imageKey: input.imageKey,
      });
      await stores.sellerStore(system, { brandId: input.sellerId, name: input.brandName, staffIds: input.staffIds });
      return giftProductId;
    },
    unlist: (giftProductId) => catalogue.unlistSellerProduct(system, giftProductId),
  };
}
