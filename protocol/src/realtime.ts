import { z } from 'zod';
import { acceptingText } from './text';
import { type Ack, ClientMsgId, type Message, OutgoingBody, RoomId, Seq } from './chat';

/**
 * The realtime protocol at `GET /ws` (WebSocket). Frames are JSON objects with a `t` field.
 *
 * 1. The client sends `hello` with its session token and, for each room it has, the highest seq it holds with
 *    nothing missing below it (its cursor).
 * 2. The server answers `welcome`, then for each cursor either the missed messages in order or `reset` (when
 *    more than RESET_AFTER were missed: reload that room's latest page over HTTP), then `caught_up`.
 * 3. Live frames follow. Messages of one room may arrive out of seq order when sent at the same moment by
 *    different people: place them by seq, and keep the cursor at the highest seq below which nothing is missing.
 */
export const RESET_AFTER = 1000;
/** A frame larger than this closes the socket with 1009. */
export const MAX_FRAME_BYTES = 64 * 1024;
export const CLOSE_BAD_JSON = 1007;
export const CLOSE_TOO_BIG = 1009;
/** The server failed; reconnect with backoff (the session is still good). */
export const CLOSE_INTERNAL = 1011;
export const CLOSE_UNAUTHORIZED = 4001;
/** No `hello` came in time after the socket opened (reason `hello_timeout`): reconnect and say hello at once. */
export const CLOSE_HELLO_TIMEOUT = 4002;
export const CLOSE_SLOW_CONSUMER = 4008;
/**
 * The account already has as many sockets open on this server as it may (reason `too_many_sockets`): close one
 * (an old tab, say) before opening another.
 */
export const CLOSE_TOO_MANY_SOCKETS = 4029;

export const HelloFrame = z.object({
  t: z.literal('hello'),
  token: z.string().min(1).max(200),
  cursors: z.record(RoomId, z.number().int().min(0)).default({}),
  /** The language the client reads: the socket is sent the translations of open rooms' new messages into it. */
  lang: z.string().regex(/^[a-z]{2}$/, 'a two-letter language code').optional(),
});
export const SendFrame = z.intersection(
  z.object({ t: z.literal('send'), roomId: RoomId, clientMsgId: ClientMsgId }),
  OutgoingBody,
);
export const ReadFrame = z.object({ t: z.literal('read'), roomId: RoomId, seq: Seq });
export const TypingFrame = z.object({ t: z.literal('typing'), roomId: RoomId });

/** Every frame a client may send; its strings follow Maum's text rule (`protocol/src/text.ts`). */
export const ClientFrame = acceptingText(z.union([HelloFrame, SendFrame, ReadFrame, TypingFrame]));
export type ClientFrame = z.infer<typeof ClientFrame>;
export type HelloFrame = z.infer<typeof HelloFrame>;
export type SendFrame = z.infer<typeof SendFrame>;
export type ReadFrame = z.infer<typeof ReadFrame>;
export type TypingFrame = z.infer<typeof TypingFrame>;

/** Events forwarded as `event{name, data}`. */
export interface RealtimeEvents {
  'chat.message.deleted': { roomId: string; seq: number };
  'chat.reactions.changed': { roomId: string; seq: number; reactions: Record<string, string[]> };
  /** Members, title or kind changed: refetch the room. */
  'chat.room.changed': { roomId: string };
  /** A new message of an open room translated, as it was sent, into one of the room's languages: sent to the sockets that read it (`hello.lang`). */
  'openlink.translated': { roomId: string; seq: number; lang: string; text: string };
  /** Someone celebrated, signed or gave a gift on your profile space: how many notices are unread now. */
  'profiles.notice': { unread: number };
}

export type ServerFrame =
  | { t: 'welcome'; userId: string }
  | ({ t: 'msg' } & Message)
  | ({ t: 'ack' } & z.infer<typeof Ack>)
  | { t: 'read'; roomId: string; userId: string; seq: number }
  | { t: 'typing'; roomId: string; userId: string }
  | { t: 'reset'; roomId: string; lastSeq: number }
  | { t: 'caught_up' }
  | { [K in keyof RealtimeEvents]: { t: 'event'; name: K; data: RealtimeEvents[K] } }[keyof RealtimeEvents]
  | { t: 'error'; code: string; message: string; ref?: string };
