import { useOpenDirect } from '../features/chat';
import { registerProfileParts } from '../features/friends';
import { WishlistStrip } from '../features/gifts';
import { NoticesBell, UpcomingEvents } from '../features/profiles';

/** What a person's profile sheet and the Friends tab show from chat, gifts and profiles; friends itself imports none. */
export function registerProfile(): void {
  registerProfileParts({ useOpenChat: useOpenDirect, Wishlist: WishlistStrip, UpcomingEvents, NoticesBell });
}
