import type { ComponentType } from 'react';
import type { UseMutationResult } from '@tanstack/react-query';
import type { PublicProfile } from '@maum/protocol';

/**
 * What a person's profile sheet shows from the features built on friends. Chat and gifts need the friend list, so
 * friends cannot import them; they hand these over once, at start (`app/profile.ts`), as chat cards are registered.
 */
export interface ProfileParts {
  /** Opens the one-to-one chat with a person, for the sheet's Chat button; resolves to the room. */
  useOpenChat: () => UseMutationResult<{ id: string }, Error, string>;
  /** What a friend wishes for, under the sheet's actions. */
  Wishlist: ComponentType<{ person: PublicProfile }>;
}

let parts: ProfileParts | null = null;

export function registerProfileParts(next: ProfileParts): void {
  parts = next;
}

export function profileParts(): ProfileParts {
  if (!parts) throw new Error('The profile sheet parts are registered at start, in app/profile.ts');
  return parts;
}
