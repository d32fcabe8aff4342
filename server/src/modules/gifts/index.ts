/**
 * gifts: the gift shop (brands, products, search, wish lists), gift orders paid from the wallet, gifts delivered
 * into chat, and their coupons (accept, refuse, cancel, exchange, extend, refund under the voucher policy), and
 * stores that redeem them. Other code imports only this file.
 */
export { GiftsRepository } from './gifts.repository';
export { CatalogueService, type Wishlists } from './catalogue.service';
export { GiftsService, type GiftMessenger, type GiftOccasions } from './gifts.service';
export { CouponPins } from './coupon-pins';
export { VoucherPolicy, defaultVoucherTerms, type VoucherTerms } from './voucher-policy';
export { StoresRepository } from './stores.repository';
export { StoresService } from './stores.service';
export { registerGiftsRoutes, registerStoreRoutes } from './gifts.routes';
