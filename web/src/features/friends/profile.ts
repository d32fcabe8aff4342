import type { ComponentType } from 'react';
import type { UseMutationResult } from '@tanstack/react-query';
import type { PublicProfile } from '@maum/protocol';

/**
 * What a person's profile sheet and the Friends tab show from the features built on friends. Chat, gifts and profiles
 * need the friend list, so friends cannot import them; they hand these over once, at start (`app/profile.ts`), as chat
 * cards are registered.
 */
export interface ProfileParts {
  /** Opens the one-to-one chat with a person, for the sheet's Chat button; resolves to the room. */
  useOpenChat: () => UseMutationResult<{ id: string }, Error, string>;
  /** What a friend wishes for, under the sheet's actions. */
  Wishlist: ComponentType<{ person: PublicProfile }>;
  /** Friends' events coming up, on the Friends tab (profiles). */
  UpcomingEvents: ComponentType;
  /** The bell of one's own space notices, with its unread count, in the Friends tab's header (profiles). */
  NoticesBell: ComponentType;
}

let parts: ProfileParts | null = null;

export function registerProfileParts(next: ProfileParts): void {
  parts = next;
}

export function profileParts(): ProfileParts {
  if (!parts) throw new Error('The profile sheet parts are registered at start, in app/profile.ts');
  return parts;
}
