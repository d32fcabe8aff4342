import { z } from 'zod';
import { RoomId } from './chat';
import { endpoint } from './http';

/**
 * OpenLink: interest rooms anyone can find and join, whatever language they write. The room itself (members,
 * messages, seqs) is a chat room of kind `open`; these endpoints are its public face: what it is about, who may join
 * and how, and where it shows up in discovery.
 */

/** The most people an open room can hold (LINE OpenChat's figure); each room sets its own cap up to this. */
export const OPEN_ROOM_MAX_MEMBERS = 5000;
export const OPEN_ROOM_MAX_TAGS = 10;
export const OPEN_ROOM_MAX_LANGUAGES = 5;

export const openRoomCategories = ['webcomics', 'anime', 'games', 'sports', 'music', 'travel', 'study', 'languages', 'fandom', 'local', 'hobbies', 'other'] as const;
export const OpenRoomCategory = z.enum(openRoomCategories);
export type OpenRoomCategory = z.infer<typeof OpenRoomCategory>;

/** How people join: anyone at once, or with the entry code the host shares. */
export const joinModes = ['open', 'code'] as const;
export const JoinMode = z.enum(joinModes);

/** An ISO 639-1 language code, such as `ko`, `ja`, `id` or `en`. */
export const LanguageCode = z.string().regex(/^[a-z]{2}$/, 'a two-letter language code');
/** A tag is one word or phrase without spaces, kept as typed but compared without case: `#` is not part of it. */
export const Tag = z
  .string()
  .trim()
  .regex(/^[^\s#,]{1,30}$/u, 'up to 30 characters, without spaces, commas or #');
export const EntryCode = z.string().regex(/^[0-9A-Za-z]{4,12}$/, '4 to 12 letters or digits');
/** The code in a room's shareable link (`/open/<code>`). */
export const OpenLinkCode = z.string().regex(/^[0-9a-z]{10}$/, 'an open link code');

export const OpenRoom = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    category: OpenRoomCategory,
    tags: z.array(z.string()),
    languages: z.array(z.string()),
    memberCount: z.number().int(),
    memberCap: z.number().int(),
    joinMode: JoinMode,
    /** The room's link code: the web app's `/open/<code>` opens it, and its QR code carries that address. */
    linkCode: z.string(),
    createdAt: z.string(),
    /** The caller's place in the room, or null when they are not in it. */
    role: z.enum(['host', 'member']).nullable(),
  })
  .meta({ id: 'OpenRoom' });
export type OpenRoom = z.infer<typeof OpenRoom>;

const uniqueBy = (key: (value: string) => string) => (values: string[]) => new Set(values.map(key)).size === values.length;

export const CreateOpenRoomBody = z
  .object({
    name: z.string().trim().min(1).max(50),
    description: z.string().trim().max(500).default(''),
    category: OpenRoomCategory,
    tags: z.array(Tag).max(OPEN_ROOM_MAX_TAGS).refine(uniqueBy((t) => t.toLowerCase()), 'tags must differ').default([]),
    languages: z.array(LanguageCode).min(1).max(OPEN_ROOM_MAX_LANGUAGES).refine(uniqueBy((l) => l), 'languages must differ'),
    memberCap: z.number().int().min(2).max(OPEN_ROOM_MAX_MEMBERS).default(1500),
    joinMode: JoinMode.default('open'),
    entryCode: EntryCode.optional(),
  })
  .refine((b) => (b.joinMode === 'code') === (b.entryCode !== undefined), { message: 'an entry code goes with joinMode "code", and only with it', path: ['entryCode'] });

export const openRoomSorts = ['trending', 'new', 'members'] as const;

export const OpenRoomSearch = z.object({
  q: z.string().trim().max(100).optional(),
  tag: Tag.optional(),
  category: OpenRoomCategory.optional(),
  /** Comma-separated language codes: rooms that declare any of them. */
  langs: z
    .string()
    .regex(/^[a-z]{2}(,[a-z]{2}){0,9}$/, 'comma-separated two-letter language codes')
    .transform((s) => s.split(','))
    .optional(),
  sort: z.enum(openRoomSorts).default('trending'),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});

const roomParams = z.object({ roomId: RoomId });
const tags = ['openlink'];

export const openlinkApi = {
  create: endpoint({
    method: 'POST', path: '/api/open/rooms', auth: 'user', tags, status: 201,
    summary: 'Open an interest room; you are its host', body: CreateOpenRoomBody, response: OpenRoom,
  }),
  search: endpoint({
    method: 'GET', path: '/api/open/rooms', auth: 'optional', tags,
    summary: 'Find open rooms by words (any language), tag, category and language; trending first by default',
    query: OpenRoomSearch, response: z.object({ rooms: z.array(OpenRoom) }),
  }),
  room: endpoint({
    method: 'GET', path: '/api/open/rooms/:roomId', auth: 'optional', tags,
    summary: 'An open room as anyone may see it before joining', params: roomParams, response: OpenRoom,
  }),
  byLink: endpoint({
    method: 'GET', path: '/api/open/links/:code', auth: 'optional', tags,
    summary: 'The open room a shared link or QR code names', params: z.object({ code: OpenLinkCode }), response: OpenRoom,
  }),
  join: endpoint({
    method: 'POST', path: '/api/open/rooms/:roomId/join', auth: 'user', tags,
    summary: 'Join an open room (with its entry code when it has one); joining again changes nothing',
    params: roomParams, body: z.object({ entryCode: z.string().max(40).optional() }), response: OpenRoom,
  }),
  leave: endpoint({
    method: 'POST', path: '/api/open/rooms/:roomId/leave', auth: 'user', tags, status: 204,
    summary: 'Leave an open room; a leaving host hands the room to its most active member', params: roomParams,
  }),
} as const;
