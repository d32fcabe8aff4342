// The gift shop, sending gifts and the gift box, as the app and other features see it: they import gifts only from
// here (see eslint.config.js); every other file in the folder is the feature's own.
export { CardStep } from './CardStep';
export { localDateTimeValue, pinGroups, type CardTemplate } from './format';
export { GiftBoxPage } from './GiftBoxPage';
export { giftCard, giftPreview } from './GiftBubble';
export { GiftBubbleFrame, sharedGiftHeadline } from './GiftBubbleFrame';
export { GiftCardArt } from './GiftCardArt';
export { GiftSentSheet } from './GiftSentSheet';
export { useWishlist } from './api';
export { useRecipients } from './hooks';
export { OccasionGiftSheet } from './OccasionGiftSheet';
export { ProductImage, productPath } from './ProductCard';
export { ProductPage } from './ProductPage';
export { RecipientBanner } from './RecipientBanner';
export { RecipientsStep } from './RecipientsStep';
export { ShopPage } from './ShopPage';
export { ShopResultsPage } from './ShopResultsPage';
export { WishlistStrip } from './WishlistStrip';
