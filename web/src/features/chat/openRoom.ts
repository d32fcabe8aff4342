import { createContext, type ComponentType, type ReactNode } from 'react';
import type { Message, Room } from '@maum/protocol';

/**
 * What an open room (kind `open`) shows beyond a group: OpenLink builds on chat, so chat cannot import it; it hands
 * these over once, at start (`app/openRoom.ts`), as chat cards are registered.
 */
export interface OpenRoomParts {
  /**
   * Above the conversation: the pinned notice and what translation does here; it also has the loaded messages
   * translated. `accessEnded`: the caller's subscription to this subscribers-only room ended (`Room.accessEndedAt`).
   */
  Banner: ComponentType<{ roomId: string; messages: readonly Message[]; accessEnded: boolean }>;
  /** The words of a message (its text or its caption) in the reader's language, with the language they were written in. */
  Text: ComponentType<{ message: Message; field: 'text' | 'caption'; render: (text: string) => ReactNode }>;
  /** What the room adds to a message's menu: hiding it for everyone, reporting it. */
  MessageActions: ComponentType<{ roomId: string; message: Message; mine: boolean; onDone: () => void }>;
  /** Beside a sender's name: what the room shows of them (a subscriber's badge), drawn for one room and sender. */
  senderBadge: (roomId: string, senderId: string) => ReactNode;
  /** The room's drawer, in place of a group's. */
  InfoSheet: ComponentType<{ room: Room; onSearch: () => void; onClose: () => void }>;
  /**
   * Whether the caller may write here (an announcements-only room takes its hosts' messages only; a member whose
   * subscription ended takes no part), and a note to show.
   */
  useComposerNote: (roomId: string, open: boolean, accessEnded: boolean) => { disabled: boolean; note: string | null };
}

let parts: OpenRoomParts | null = null;

export function registerOpenRoomParts(next: OpenRoomParts): void {
  parts = next;
}

export function openRoomParts(): OpenRoomParts | null {
  return parts;
}

/** How a bubble draws its words: the open room's `Text` inside an open room, plain text elsewhere. */
export const MessageTextContext = createContext<OpenRoomParts['Text'] | null>(null);

/** What a bubble shows beside its sender's name: the open room's `senderBadge` inside an open room, nothing elsewhere. */
export const SenderBadgeContext = createContext<OpenRoomParts['senderBadge'] | null>(null);
