// Channels, their products, the cart, orders and the seller's and the operator's consoles, as the app and other
// features see it: they import commerce only from here (see eslint.config.js); every other file in the folder is the
// feature's own.
export { ChannelHomePage } from './channels/ChannelHomePage';
export { ChannelsPage } from './channels/ChannelsPage';
export { postCard } from './channels/PostCard';
export { OperatorPage } from './operator/OperatorPage';
export { ReasonSheet, ReviewQueue, useOperatorGate } from './operator/review';
export { CartPage } from './orders/CartPage';
export { CheckoutPage } from './orders/CheckoutPage';
export { deliveryGiftCard } from './orders/DeliveryGiftBubble';
export { OrderPage } from './orders/OrderPage';
export { OrdersPage } from './orders/OrdersPage';
export { dateTime, Picture } from './parts';
export { DeliveryGiftStrip } from './products/DeliveryGiftStrip';
export { ShopProductPage } from './products/ProductPage';
export { useSellerProducts } from './seller/api';
export { ChannelTab } from './seller/ChannelTab';
export { CouponsTab } from './seller/CouponsTab';
export { TextArea, TextField } from './seller/fields';
export { ImagePicker, type UploadedImage } from './seller/ImagePicker';
export { InboxTab } from './seller/InboxTab';
export { OrdersTab } from './seller/OrdersTab';
export { PostsTab } from './seller/PostsTab';
export { ProductsTab } from './seller/ProductsTab';
export { Fact, SellerLayout } from './seller/SellerLayout';
export { SettlementsTab } from './seller/SettlementsTab';
