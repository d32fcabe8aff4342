import { useOpenDirect } from '../features/chat/api';
import { registerProfileParts } from '../features/friends/profile';
import { WishlistStrip } from '../features/gifts/WishlistStrip';

/** What a person's profile sheet shows from chat and gifts; friends itself imports neither. */
export function registerProfile(): void {
  registerProfileParts({ useOpenChat: useOpenDirect, Wishlist: WishlistStrip });
}
