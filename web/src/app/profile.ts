import { useOpenDirect } from '../features/chat';
import { registerProfileParts } from '../features/friends';
import { WishlistStrip } from '../features/gifts';

/** What a person's profile sheet shows from chat and gifts; friends itself imports neither. */
export function registerProfile(): void {
  registerProfileParts({ useOpenChat: useOpenDirect, Wishlist: WishlistStrip });
}
