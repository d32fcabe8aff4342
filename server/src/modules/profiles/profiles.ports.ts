import type { ProfileCertificate, ProfileEventChatCard } from '@maum/protocol';
import type { Executor } from '../../platform/db/database';

/** What a space shows of the owner's things kept by other modules (wired in `flows/profile-spaces.ts`). */
export interface ProfileShelf {
  /** Certificates of authenticity the person holds. */
  certificatesOf(ownerId: string): Promise<ProfileCertificate[]>;
}

/** How a friend's event reaches a follower in chat: a card from Maum, owed in the caller's transaction. */
export interface EventCards {
  /** The account the cards come from (made on first use), asked before the transaction that owes them. */
  sender(): Promise<string>;
  post(tx: Executor, input: { fromUserId: string; toUserId: string; card: ProfileEventChatCard; clientMsgId: string }): Promise<void>;
}
