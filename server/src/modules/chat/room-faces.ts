import type { Message, PublicProfile } from '@maum/protocol';
import type { Face } from './chat.repository';

/** Stands for someone an open room has no face for (never expected; an account id is never shown instead). */
const NOBODY = 'opm_00000000000000000000000000';

/**
 * How a room shows the people in it. Direct, group and channel rooms show accounts as they are. An open room shows
 * each member by the member id and face they chose there, so nothing it sends to anyone in the room (a message, a
 * reaction, a read pointer, the member list) holds an account id, a handle or a main profile they did not bring.
 */
export class RoomFaces {
  static readonly plain = new RoomFaces(null);

  constructor(private readonly faces: Map<string, Face> | null) {}

  /** The id that stands for `userId` in this room. */
  id(userId: string): string {
    if (!this.faces) return userId;
    return this.faces.get(userId)?.id ?? NOBODY;
  }

  /** `userId` as the room shows them, given their main profile (which an open profile replaces entirely). */
  profile(userId: string, main: PublicProfile | undefined): PublicProfile | undefined {
    if (!this.faces) return main;
    const face = this.faces.get(userId);
    if (!face) return undefined;
    if (face.name !== null) return { id: face.id, handle: '', displayName: face.name, statusMessage: '', avatarUrl: face.avatarUrl };
    return main && { id: face.id, handle: '', displayName: main.displayName, statusMessage: '', avatarUrl: main.avatarUrl };
  }

  reactions(reactions: Record<string, string[]>): Record<string, string[]> {
    if (!this.faces) return reactions;
    return Object.fromEntries(Object.entries(reactions).map(([emoji, ids]) => [emoji, ids.map((id) => this.id(id))]));
  }

  /** A message with every person in it (sender, reactors, a notice's people, a reply's quoted sender) shown this room's way. */
  message(message: Message): Message {
    if (!this.faces) return message;
    const body = { ...message.body };
    if (typeof body.actorId === 'string') body.actorId = this.id(body.actorId);
    if (Array.isArray(body.userIds)) body.userIds = body.userIds.map((id) => this.id(String(id)));
    const preview = body.replyPreview as { senderId?: unknown } | undefined;
    if (preview && typeof preview.senderId === 'string') body.replyPreview = { ...preview, senderId: this.id(preview.senderId) };
    return { ...message, senderId: this.id(message.senderId), body, reactions: this.reactions(message.reactions) };
  }

  /** Every account a message names, whose faces presenting it needs. */
  static peopleIn(message: Pick<Message, 'senderId' | 'body' | 'reactions'>): string[] {
    const ids = [message.senderId, ...Object.values(message.reactions).flat()];
    if (typeof message.body.actorId === 'string') ids.push(message.body.actorId);
    if (Array.isArray(message.body.userIds)) ids.push(...message.body.userIds.map(String));
    const preview = message.body.replyPreview as { senderId?: unknown } | undefined;
    if (preview && typeof preview.senderId === 'string') ids.push(preview.senderId);
    return ids;
  }
}
