import type { AccountsService } from '../modules/accounts';
import type { CertificatesService } from '../modules/certs';
import type { ChatService } from '../modules/chat';
import type { GiftOccasions, Wishlists } from '../modules/gifts';
import type { CelebrationsService, EventCards, GiftOccasion, ProfileShelf, ProfilesService } from '../modules/profiles';

const system = { kind: 'system' as const };

/** A space's certificates block: the certificates of authenticity its owner holds, each opening its public page. */
export function certificateShelf(certificates: () => CertificatesService): ProfileShelf {
  return {
    async certificatesOf(ownerId) {
      return (await certificates().heldBy(system, ownerId)).map((cert) => ({
        certId: cert.id,
        productName: cert.product.name,
        serial: cert.serial,
        imageUrl: cert.product.imageUrl,
      }));
    },
  };
}

/** A friend's event on its day: a card from the Maum account, in the follower's direct room with it. */
export function chatEventCards(chat: ChatService, accounts: AccountsService): EventCards {
  return {
    sender: () => accounts.serviceAccount(system, 'maum_events'),
    async post(tx, { fromUserId, toUserId, card, clientMsgId }) {
      await chat.postCard(system, { fromUserId, toUserId, clientMsgId, card }, tx);
    },
  };
}

/** Gifts sent from an event's celebration wall: profiles checks the event first and keeps the gift on the wall. */
export function profileGiftOccasions(celebrations: CelebrationsService): GiftOccasions {
  return {
    admit: (senderId, recipientIds, occasion) => celebrations.admitGift(system, senderId, recipientIds, occasion.profileEventId),
    record: (tx, admitted, gifts) => celebrations.recordGifts(system, tx, admitted as GiftOccasion, gifts),
  };
}

/** A wish list is read by whoever the owner's profile space shows its wish list block to (by default, their friends). */
export function profileWishlists(profiles: ProfilesService): Wishlists {
  return { mayRead: (viewerId, ownerId) => profiles.showsBlock(system, ownerId, viewerId, 'wishlist') };
}
