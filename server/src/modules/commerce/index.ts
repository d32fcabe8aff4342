/**
 * commerce: sellers (brands and small businesses, with the same options and no fees), their channels (posts,
 * deals, customer chat from a shared inbox), products with stock that is never oversold, coupon codes, orders with
 * delivery (and delivery gifts), and zero-fee settlement. Other code imports only this file.
 */
export { ChannelsRepository } from './channels.repository';
export { SellersRepository } from './sellers.repository';
export { ShopRepository } from './shop.repository';
export { SellerGate, SellersService } from './sellers.service';
export { ChannelsService } from './channels.service';
export { ProductsService } from './products.service';
export { OrdersService, type OrderTimes } from './orders.service';
export { SettlementsService } from './settlements.service';
export type { ChannelChat, DeliveryGiftEvent, DeliveryGiftMessage, GiftShopListing, ItemCertificates, SoldItems } from './commerce.ports';
export { registerCommerceRoutes } from './commerce.routes';
export { imageUrl } from './commerce.mappers';
