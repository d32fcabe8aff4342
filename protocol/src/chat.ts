import { z } from 'zod';
import { PublicProfile, UserId } from './accounts';
import { endpoint } from './http';

export const RoomId = z.string().regex(/^room_[0-9a-z]{26}$/, 'a room id');
export const MediaId = z.string().regex(/^med_[0-9a-z]{26}$/, 'a media id');
export const Seq = z.coerce.number().int().min(1).max(2 ** 31 - 1);

export const roomKinds = ['direct', 'group', 'channel', 'open'] as const;
export const RoomKind = z.enum(roomKinds);
export const MemberRole = z.enum(['member', 'host', 'cohost']);
export const MAX_GROUP_MEMBERS = 3000;
/** How long after sending a message its sender may still delete it for everyone. */
export const DELETE_WINDOW_MS = 5 * 60 * 1000;

export const MAX_TEXT = 4000;
export const Text = z.string().trim().min(1).max(MAX_TEXT);
const Caption = z.string().trim().max(1000).optional();

/** What a client may send. `media` kinds refer to an upload made with `POST /api/rooms/:roomId/media`. */
export const OutgoingBody = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text'), body: z.object({ text: Text }).strict() }),
  z.object({ kind: z.literal('reply'), body: z.object({ text: Text, replyToSeq: Seq }).strict() }),
  z.object({ kind: z.literal('image'), body: z.object({ mediaId: MediaId, caption: Caption }).strict() }),
  z.object({ kind: z.literal('video'), body: z.object({ mediaId: MediaId, caption: Caption }).strict() }),
  z.object({ kind: z.literal('file'), body: z.object({ mediaId: MediaId }).strict() }),
  z.object({ kind: z.literal('voice'), body: z.object({ mediaId: MediaId }).strict() }),
]);
export type OutgoingBody = z.infer<typeof OutgoingBody>;

/** A client's own id for a message; a retry with the same id never makes a second message. */
export const ClientMsgId = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, "_" or "-"');

/** `voice`: sound (WebM or Ogg Opus, MP4 AAC, MP3), kept as AAC in MP4 with its duration and waveform. */
export const mediaKinds = ['image', 'video', 'file', 'voice'] as const;
export const MediaKind = z.enum(mediaKinds);
/** The longest voice message a client should record; the server refuses longer ones (its cap can be set lower). */
export const VOICE_MAX_MS = 5 * 60 * 1000;
/** How many bars a voice message's waveform has. */
export const WAVEFORM_BARS = 56;
export const Media = z
  .object({
    id: z.string(),
    kind: MediaKind,
    mime: z.string(),
    name: z.string(),
    size: z.number().int(),
    width: z.number().int().nullable(),
    height: z.number().int().nullable(),
    durationMs: z.number().int().nullable(),
    /**
     * A voice message's loudness over its length: `WAVEFORM_BARS` peaks from 0 (silence) to 100 (its loudest).
     * This and `panorama` are missing from the `media` of messages sent before they were added.
     */
    waveform: z.array(z.number().int().min(0).max(100)).nullable(),
    /**
     * A 360° photo (equirectangular: 2:1, or marked so in its GPano XMP). Its `display` variant is then the whole
     * sphere at 2:1, up to 4096 px wide, for a panorama viewer; `thumb` is the picture as it was taken.
     */
    panorama: z.boolean(),
    /** Variants that can be fetched from `GET /api/media/:mediaId/:variant`. */
    variants: z.array(z.enum(['original', 'display', 'thumb', 'poster'])),
  })
  .meta({ id: 'Media' });
export type Media = z.infer<typeof Media>;

/** `card`: a chat card (`protocol/src/cards.ts`), posted by the server for a gift, a post, a certificate and so on. */
export const messageKinds = ['text', 'reply', 'image', 'video', 'file', 'voice', 'system', 'card'] as const;
export const MessageKind = z.enum(messageKinds);

export const SystemEvent = z.object({
  event: z.enum(['created', 'joined', 'left', 'renamed']),
  actorId: z.string(),
  userIds: z.array(z.string()).optional(),
  title: z.string().optional(),
});

export const Message = z
  .object({
    id: z.string(),
    roomId: z.string(),
    seq: z.number().int(),
    senderId: z.string(),
    kind: MessageKind,
    /**
     * Depends on `kind`: text `{text}`; reply `{text, replyToSeq, replyPreview}`; image/video/file/voice
     * `{mediaId, caption?, media}`; system `{event, actorId, userIds?, title?}`; card `{text, card}` (CardMessageBody).
     * In an open room, messages with words also carry `lang`, the language detected when it was sent. Empty once
     * deleted or when hidden.
     */
    body: z.record(z.string(), z.unknown()),
    createdAt: z.string(),
    deletedAt: z.string().nullable(),
    /** The reader blocked the sender when this was sent: it is a placeholder that keeps seqs gapless. */
    hidden: z.boolean(),
    /** emoji → user ids who reacted with it. */
    reactions: z.record(z.string(), z.array(z.string())),
  })
  .meta({ id: 'Message' });
export type Message = z.infer<typeof Message>;

export const RoomMember = z
  .object({ user: PublicProfile, role: MemberRole, readSeq: z.number().int() })
  .meta({ id: 'RoomMember' });
export type RoomMember = z.infer<typeof RoomMember>;

export const Room = z
  .object({
    id: z.string(),
    kind: RoomKind,
    /** The group's title, or null for a direct room (show the other person's name). */
    title: z.string().nullable(),
    lastSeq: z.number().int(),
    /** Messages up to this seq were sent before you joined and are not visible to you. */
    joinedSeq: z.number().int(),
    /**
     * Who you are in this room's messages, reactions, reads and members: your user id, or in an open room the member
     * id the room knows you by (nobody in an open room is shown an account id).
     */
    selfId: z.string(),
    members: z.array(RoomMember),
    /**
     * Set in an open room for subscribers whose subscription ended: you read what was sent up to this seq, and cannot
     * post, react or mark read until you subscribe again.
     */
    accessEndedAt: z.number().int().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Room' });
export type Room = z.infer<typeof Room>;

export const RoomSummary = z
  .object({
    id: z.string(),
    kind: RoomKind,
    title: z.string().nullable(),
    /** Up to four other members, for the avatar and the name of a direct room. */
    others: z.array(PublicProfile),
    memberCount: z.number().int(),
    lastSeq: z.number().int(),
    readSeq: z.number().int(),
    unread: z.number().int(),
    lastMessage: Message.nullable(),
    lastActivityAt: z.string(),
    /** As `Room.selfId`. */
    selfId: z.string(),
  })
  .meta({ id: 'RoomSummary' });
export type RoomSummary = z.infer<typeof RoomSummary>;

export const Ack = z
  .object({ clientMsgId: z.string(), roomId: z.string(), seq: z.number().int(), id: z.string(), createdAt: z.string() })
  .meta({ id: 'Ack' });
export type Ack = z.infer<typeof Ack>;

const roomParams = z.object({ roomId: RoomId });
const messageParams = z.object({ roomId: RoomId, seq: Seq });
const tags = ['chat'];

export const SendMessageBody = z.intersection(z.object({ clientMsgId: ClientMsgId }), OutgoingBody);

export const chatApi = {
  rooms: endpoint({
    method: 'GET', path: '/api/rooms', auth: 'user', tags,
    summary: 'Your rooms, the most recently active first, with unread counts',
    response: z.object({ rooms: z.array(RoomSummary) }),
  }),
  openDirect: endpoint({
    method: 'POST', path: '/api/rooms/direct', auth: 'user', tags,
    summary: 'The one direct room between you and another person (made on first use)',
    body: z.object({ userId: UserId }), response: Room,
  }),
  createGroup: endpoint({
    method: 'POST', path: '/api/rooms', auth: 'user', tags, status: 201,
    summary: 'Create a group room with friends',
    body: z.object({
      title: z.string().trim().min(1).max(50).optional(),
      memberIds: z.array(UserId).min(1).max(MAX_GROUP_MEMBERS - 1),
    }),
    response: Room,
  }),
  room: endpoint({
    method: 'GET', path: '/api/rooms/:roomId', auth: 'user', tags,
    summary: 'A room with its members and their read positions', params: roomParams, response: Room,
  }),
  rename: endpoint({
    method: 'PATCH', path: '/api/rooms/:roomId', auth: 'user', tags,
    summary: 'Rename a group room', params: roomParams,
    body: z.object({ title: z.string().trim().min(1).max(50) }), response: Room,
  }),
  invite: endpoint({
    method: 'POST', path: '/api/rooms/:roomId/members', auth: 'user', tags,
    summary: 'Invite friends into a group room', params: roomParams,
    body: z.object({ userIds: z.array(UserId).min(1).max(MAX_GROUP_MEMBERS - 1) }), response: Room,
  }),
  leave: endpoint({
    method: 'POST', path: '/api/rooms/:roomId/leave', auth: 'user', tags, status: 204,
    summary: 'Leave a group room', params: roomParams,
  }),
  history: endpoint({
    method: 'GET', path: '/api/rooms/:roomId/messages', auth: 'user', tags,
    summary: 'Messages before `before` (newest first pages backwards), oldest first in the answer',
    params: roomParams,
    query: z.object({ before: Seq.optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }),
    response: z.object({ messages: z.array(Message), hasMore: z.boolean() }),
  }),
  send: endpoint({
    method: 'POST', path: '/api/rooms/:roomId/messages', auth: 'user', tags,
    summary: 'Send a message (the same as the WebSocket `send` frame); answers the ack after commit',
    params: roomParams, body: SendMessageBody, response: Ack,
  }),
  search: endpoint({
    method: 'GET', path: '/api/rooms/:roomId/search', auth: 'user', tags,
    summary: 'Search the text of the messages in a room, newest first', params: roomParams,
    query: z.object({ q: z.string().trim().min(1).max(100) }),
    response: z.object({ messages: z.array(Message) }),
  }),
  deleteMessage: endpoint({
    method: 'DELETE', path: '/api/rooms/:roomId/messages/:seq', auth: 'user', tags, status: 204,
    summary: 'Delete your message for everyone, within 5 minutes of sending', params: messageParams,
  }),
  react: endpoint({
    method: 'PUT', path: '/api/rooms/:roomId/messages/:seq/reactions/:emoji', auth: 'user', tags,
    summary: 'React to a message',
    params: messageParams.extend({ emoji: z.string().min(1).max(16) }),
    response: z.object({ reactions: z.record(z.string(), z.array(z.string())) }),
  }),
  unreact: endpoint({
    method: 'DELETE', path: '/api/rooms/:roomId/messages/:seq/reactions/:emoji', auth: 'user', tags,
    summary: 'Take back a reaction',
    params: messageParams.extend({ emoji: z.string().min(1).max(16) }),
    response: z.object({ reactions: z.record(z.string(), z.array(z.string())) }),
  }),
  upload: endpoint({
    method: 'POST', path: '/api/rooms/:roomId/media', auth: 'user', tags, status: 201,
    summary: 'Upload an image, video, voice recording or file for this room; send it with a message of the same kind',
    params: roomParams, multipart: { field: 'file' }, response: Media,
  }),
} as const;

/** `GET /api/media/:mediaId/:variant` answers bytes to members of the media's room only. */
export const MEDIA_PATH = '/api/media/:mediaId/:variant';
