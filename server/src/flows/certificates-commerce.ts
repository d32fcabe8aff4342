import type { CertificatesService, CertsCommerce } from '../modules/certs';
import { imageUrl, type ItemCertificates, type ProductsService, type SellerGate } from '../modules/commerce';

const system = { kind: 'system' as const };

/** Certificates read sellers, products and pictures through commerce, never its tables. */
export function certsCommerce(gate: SellerGate, products: ProductsService): CertsCommerce {
  return {
    async sellerOf(actor, purpose) {
      const { seller } = purpose === 'sell' ? await gate.approvedStaff(actor) : await gate.staff(actor);
      return { id: seller.id, name: seller.businessName };
    },
    product: (productId) => products.describe(system, productId),
    requireOwnImages: (sellerId, imageIds) => products.requireOwnImages(sellerId, imageIds),
    image: (imageId) => products.image(system, imageId),
    imageUrl,
  };
}

/** An order or accepted gift hands over the certificates of the certified items in it. */
export function itemCertificates(certificates: CertificatesService): ItemCertificates {
  return {
    heldAmong: (productIds) => certificates.heldAmong(system, productIds),
    handOver: (tx, sales, held) => certificates.handOverSold(system, tx, sales, held),
  };
}
