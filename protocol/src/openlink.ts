import { z } from 'zod';
import { RoomId, Seq } from './chat';
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

/** What the host may let a co-host do. */
/** `earnings`: manage the room's subscription tiers and posts, and see its earnings. */
export const cohostRights = ['hide', 'kick', 'ban', 'settings', 'earnings'] as const;
export const CohostRight = z.enum(cohostRights);
export type CohostRight = z.infer<typeof CohostRight>;
export const OPEN_ROOM_MAX_COHOSTS = 100;
/** Slow mode's steps, in seconds (0: off), as Telegram offers them. */
export const slowModeSteps = [0, 10, 30, 60, 300, 900, 3600] as const;
export const MAX_BANNED_WORDS = 1000;

/** How people join: anyone at once, with the entry code the host shares, or by a request the host or a co-host approves. */
export const joinModes = ['open', 'code', 'request'] as const;
export const JoinMode = z.enum(joinModes);

/** An ISO 639-1 language code, such as `ko`, `ja`, `id` or `en`. */
export const LanguageCode = z.string().regex(/^[a-z]{2}$/, 'a two-letter language code');
/** A tag is one word or phrase without spaces, kept as typed but compared without case: `#` is not part of it. */
export const Tag = z
  .string()
  .trim()
  .regex(/^[^\s#,]{1,30}$/u, 'up to 30 characters, without spaces, commas or #');
export const EntryCode = z.string().regex(/^[0-9A-Za-z]{4,12}$/, '4 to 12 letters or digits');
/**
 * `group`: one room everyone who joins talks in. `one_to_one`: an open profile someone can be reached at without being
 * a friend: each person who joins gets a 1:1 room of their own with the host, in which each is known only by the
 * profile they chose.
 */
export const openRoomFormats = ['group', 'one_to_one'] as const;
export const OpenRoomFormat = z.enum(openRoomFormats);

/** Who someone is inside one open room: never their account id, which nobody in the room is shown. */
export const OpenMemberId = z.string().regex(/^opm_[0-9a-z]{26}$/, 'an open member id');
export const JoinRequestId = z.string().regex(/^opq_[0-9a-z]{26}$/, 'a join request id');
export const OPEN_NICKNAME_MAX = 20;

/**
 * Who you are in a room you join: your main profile (your name and picture), or an open profile, a nickname (and
 * picture) used only in that room. Either way the room knows you by a member id of its own, never by your account.
 */
export const OpenProfileChoice = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('main') }).strict(),
  z.object({ kind: z.literal('open'), nickname: z.string().trim().min(1).max(OPEN_NICKNAME_MAX) }).strict(),
]);
export type OpenProfileChoice = z.infer<typeof OpenProfileChoice>;

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
    /** The room's cover picture (null: none; clients draw one from the name). */
    coverUrl: z.string().nullable(),
    memberCount: z.number().int(),
    memberCap: z.number().int(),
    joinMode: JoinMode,
    format: OpenRoomFormat,
    /** The room's link code: the web app's `/open/<code>` opens it, and its QR code carries that address. */
    linkCode: z.string(),
    createdAt: z.string(),
    /** Seconds a member waits between messages (0: no slow mode); hosts and co-hosts are not slowed. */
    slowModeSeconds: z.number().int(),
    /** Announcements only: just hosts and co-hosts post. */
    readOnly: z.boolean(),
    /** The host closed the room: it can still be read, but nobody joins or posts. */
    closed: z.boolean(),
    pinnedNotice: z.string().nullable(),
    /** For rooms that join by request: the question the host asks (null: none). */
    question: z.string().nullable(),
    /** The caller's place in the room, or null when they are not in it. */
    role: z.enum(['host', 'cohost', 'member']).nullable(),
    /** The caller's member id in the room (their `senderId` there), or null when they are not in it. */
    memberId: z.string().nullable(),
    /** The caller asked to join and waits for the host's answer. */
    pending: z.boolean(),
    /** In a `one_to_one` room: the caller's own 1:1 chat room with the host, once they have joined (null otherwise). */
    conversationId: z.string().nullable(),
    /** What the caller may do as a co-host (the host may do everything). */
    rights: z.array(CohostRight),
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
    format: OpenRoomFormat.default('group'),
    entryCode: EntryCode.optional(),
    /** Asked of people who request to join (joinMode "request"). */
    question: z.string().trim().min(1).max(200).optional(),
    /** The host's own face in the room (default: their main profile). */
    profile: OpenProfileChoice.default({ kind: 'main' }),
  })
  .refine((b) => (b.joinMode === 'code') === (b.entryCode !== undefined), { message: 'an entry code goes with joinMode "code", and only with it', path: ['entryCode'] })
  .refine((b) => b.question === undefined || b.joinMode === 'request', { message: 'a question goes with joinMode "request"', path: ['question'] })
  .refine((b) => b.format === 'group' || b.joinMode !== 'request', { message: 'a one-to-one room is joined openly or by code', path: ['joinMode'] });

export const JoinOpenRoomBody = z.object({
  entryCode: z.string().max(40).optional(),
  /** The answer to the host's question, for rooms that join by request. */
  answer: z.string().trim().max(500).optional(),
  profile: OpenProfileChoice.default({ kind: 'main' }),
  /** The language the member reads (their app's language): what the room's messages are translated into for them. */
  lang: LanguageCode.optional(),
});

/** A member as the room sees them: a member id, the name and picture they chose for the room, and their place in it. */
export const OpenMember = z
  .object({
    id: z.string(),
    displayName: z.string(),
    avatarUrl: z.string().nullable(),
    role: z.enum(['host', 'cohost', 'member']),
    /** What the host lets them do, if they are a co-host. */
    rights: z.array(CohostRight),
    /** Whether they came as their main profile or an open profile (a nickname only this room knows). */
    profile: z.enum(['main', 'open']),
    /** The language they read, so hosts know who they are writing for. */
    lang: z.string(),
  })
  .meta({ id: 'OpenMember' });
export type OpenMember = z.infer<typeof OpenMember>;

export const JoinRequest = z
  .object({ id: z.string(), displayName: z.string(), answer: z.string(), at: z.string() })
  .meta({ id: 'JoinRequest' });
export type JoinRequest = z.infer<typeof JoinRequest>;

export const reportReasons = ['spam', 'abuse', 'sexual', 'scam', 'other'] as const;
export const MemberReport = z
  .object({
    id: z.string(),
    seq: z.number().int().nullable(),
    /** The reported member (member id and name in the room). */
    member: z.object({ id: z.string(), displayName: z.string() }),
    reason: z.enum(reportReasons),
    detail: z.string(),
    /** The reported message's words as they were when reported. */
    text: z.string(),
    at: z.string(),
  })
  .meta({ id: 'MemberReport' });
export type MemberReport = z.infer<typeof MemberReport>;

/** Words the room keeps as they are (do not translate), and words it translates its own way, per language. */
export const Glossary = z
  .object({
    keep: z.array(z.string().trim().min(1).max(50)).max(200),
    terms: z.array(z.object({ term: z.string().trim().min(1).max(50), lang: LanguageCode, text: z.string().trim().min(1).max(50) })).max(500),
  })
  .meta({ id: 'Glossary' });
export type Glossary = z.infer<typeof Glossary>;

/**
 * A message in the reader's language. `translated`: `text` is the translation; `original`: the message is already in
 * that language (or has no words); `unavailable`: no translator is set up, or it is down: show the original and offer
 * to try again.
 */
export const Translation = z
  .object({
    seq: z.number().int(),
    /** The language the message was written in, as detected when it was sent (null: no words). */
    source: z.string().nullable(),
    state: z.enum(['translated', 'original', 'unavailable']),
    text: z.string().nullable(),
  })
  .meta({ id: 'Translation' });
export type Translation = z.infer<typeof Translation>;

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

export const BannedWords = z.object({
  words: z.array(z.string().trim().toLowerCase().min(1).max(50)).max(MAX_BANNED_WORDS),
  /** `exact`: a word of the message is one of them; `contains`: the message contains one anywhere. */
  match: z.enum(['exact', 'contains']),
});
export type BannedWords = z.infer<typeof BannedWords>;

export const OpenRoomSettingsBody = z
  .object({
    slowModeSeconds: z.literal([...slowModeSteps]).optional(),
    readOnly: z.boolean().optional(),
    pinnedNotice: z.string().trim().min(1).max(500).nullable().optional(),
    bannedWords: BannedWords.optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), 'nothing to change');

export const moderationActions = ['settings', 'glossary', 'cohost', 'uncohost', 'hide', 'kick', 'ban', 'unban', 'approve', 'decline'] as const;

export const ModerationEntry = z
  .object({
    id: z.string(),
    action: z.enum(moderationActions),
    /** Member ids and names in the room. */
    actor: z.object({ id: z.string(), displayName: z.string() }),
    target: z.object({ id: z.string(), displayName: z.string() }).nullable(),
    /** What changed, in words (the settings changed, the rights granted, the reason given). */
    detail: z.string(),
    at: z.string(),
  })
  .meta({ id: 'ModerationEntry' });
export type ModerationEntry = z.infer<typeof ModerationEntry>;

/** A message as a room's preview shows it to someone not yet in the room: its words and who said them, nothing more. */
export const PreviewMessage = z
  .object({
    seq: z.number().int(),
    senderName: z.string(),
    text: z.string(),
    /** The text in the language asked for, when it was written in another and the translator could. */
    translated: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'PreviewMessage' });
export type PreviewMessage = z.infer<typeof PreviewMessage>;

const roomParams = z.object({ roomId: RoomId });
const memberParams = z.object({ roomId: RoomId, memberId: OpenMemberId });
const requestParams = z.object({ roomId: RoomId, requestId: JoinRequestId });
const Reason = z.object({ reason: z.string().trim().max(200).optional() });
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
    summary: 'Join an open room as your main profile or an open profile (with its entry code, or as a request); joining again changes nothing',
    params: roomParams, body: JoinOpenRoomBody, response: OpenRoom,
  }),
  leave: endpoint({
    method: 'POST', path: '/api/open/rooms/:roomId/leave', auth: 'user', tags, status: 204,
    summary: 'Leave an open room; a leaving host hands the room to its most active member', params: roomParams,
  }),
  settings: endpoint({
    method: 'PATCH', path: '/api/open/rooms/:roomId/settings', auth: 'user', tags,
    summary: 'Slow mode, announcements only, the pinned notice and banned words (the host, or a co-host with "settings")',
    params: roomParams, body: OpenRoomSettingsBody, response: OpenRoom,
  }),
  bannedWords: endpoint({
    method: 'GET', path: '/api/open/rooms/:roomId/banned-words', auth: 'user', tags,
    summary: 'The room\'s banned words, for its host and co-hosts', params: roomParams, response: BannedWords,
  }),
  makeCohost: endpoint({
    method: 'PUT', path: '/api/open/rooms/:roomId/cohosts/:memberId', auth: 'user', tags, status: 204,
    summary: 'Make a member a co-host with the rights you grant, or change their rights (the host only)',
    params: memberParams, body: z.object({ rights: z.array(CohostRight).max(cohostRights.length) }),
  }),
  removeCohost: endpoint({
    method: 'DELETE', path: '/api/open/rooms/:roomId/cohosts/:memberId', auth: 'user', tags, status: 204,
    summary: 'Make a co-host a member again (the host only)', params: memberParams,
  }),
  kick: endpoint({
    method: 'POST', path: '/api/open/rooms/:roomId/members/:memberId/kick', auth: 'user', tags, status: 204,
    summary: 'Take a member out of the room; they cannot come back unless unbanned', params: memberParams, body: Reason,
  }),
  ban: endpoint({
    method: 'POST', path: '/api/open/rooms/:roomId/bans/:memberId', auth: 'user', tags, status: 204,
    summary: 'Keep a member\'s account out of the room, under any profile (and take it out if it is in)', params: memberParams, body: Reason,
  }),
  unban: endpoint({
    method: 'DELETE', path: '/api/open/rooms/:roomId/bans/:memberId', auth: 'user', tags, status: 204,
    summary: 'Let a kicked or banned member\'s account join again', params: memberParams,
  }),
  setCover: endpoint({
    method: 'PUT', path: '/api/open/rooms/:roomId/cover', auth: 'user', tags,
    summary: 'Set the room\'s cover picture (the host, or a co-host with "settings"); it is squared and its metadata removed',
    params: roomParams, multipart: { field: 'file' }, response: OpenRoom,
  }),
  members: endpoint({
    method: 'GET', path: '/api/open/rooms/:roomId/members', auth: 'user', tags,
    summary: 'The room\'s members as the room knows them (member ids, names and pictures chosen for it); members only',
    params: roomParams, response: z.object({ members: z.array(OpenMember) }),
  }),
  setProfile: endpoint({
    method: 'PUT', path: '/api/open/rooms/:roomId/profile', auth: 'user', tags,
    summary: 'Change the nickname you use in this room (an open profile), or the language you read it in',
    params: roomParams, body: z.object({ nickname: z.string().trim().min(1).max(OPEN_NICKNAME_MAX).optional(), lang: LanguageCode.optional() }),
    response: OpenMember,
  }),
  setAvatar: endpoint({
    method: 'PUT', path: '/api/open/rooms/:roomId/profile/avatar', auth: 'user', tags,
    summary: 'Set the picture of your open profile in this room', params: roomParams,
    multipart: { field: 'file' }, response: OpenMember,
  }),
  requests: endpoint({
    method: 'GET', path: '/api/open/rooms/:roomId/requests', auth: 'user', tags,
    summary: 'Requests to join waiting for an answer (the host, or a co-host with "kick")',
    params: roomParams, response: z.object({ requests: z.array(JoinRequest) }),
  }),
  approve: endpoint({
    method: 'POST', path: '/api/open/rooms/:roomId/requests/:requestId/approve', auth: 'user', tags, status: 204,
    summary: 'Let a request in (the host, or a co-host with "kick")', params: requestParams,
  }),
  decline: endpoint({
    method: 'POST', path: '/api/open/rooms/:roomId/requests/:requestId/decline', auth: 'user', tags, status: 204,
    summary: 'Turn a request down (the host, or a co-host with "kick")', params: requestParams,
  }),
  report: endpoint({
    method: 'POST', path: '/api/open/rooms/:roomId/reports', auth: 'user', tags, status: 204,
    summary: 'Report a member, or one of their messages, to the room\'s hosts',
    params: roomParams,
    body: z.object({ memberId: OpenMemberId, seq: Seq.optional(), reason: z.enum(reportReasons), detail: z.string().trim().max(500).default('') }),
  }),
  reports: endpoint({
    method: 'GET', path: '/api/open/rooms/:roomId/reports', auth: 'user', tags,
    summary: 'Reports from members, newest first (the host and co-hosts)', params: roomParams,
    response: z.object({ reports: z.array(MemberReport) }),
  }),
  glossary: endpoint({
    method: 'GET', path: '/api/open/rooms/:roomId/glossary', auth: 'user', tags,
    summary: 'The words the room keeps as they are and translates its own way; members only', params: roomParams, response: Glossary,
  }),
  setGlossary: endpoint({
    method: 'PUT', path: '/api/open/rooms/:roomId/glossary', auth: 'user', tags,
    summary: 'Replace the room\'s glossary (the host, or a co-host with "settings")', params: roomParams, body: Glossary, response: Glossary,
  }),
  translator: endpoint({
    method: 'GET', path: '/api/open/translator', auth: 'optional', tags,
    summary: 'Whether this server translates (and between which languages), or only detects languages',
    response: z.object({ translates: z.boolean(), languages: z.array(z.string()) }),
  }),
  translate: endpoint({
    method: 'POST', path: '/api/open/rooms/:roomId/translations', auth: 'user', tags,
    summary: 'Messages of the room in one language: each is translated once per language and kept; members only',
    params: roomParams,
    body: z.object({ seqs: z.array(Seq).min(1).max(50), lang: LanguageCode }),
    response: z.object({ translations: z.array(Translation) }),
  }),
  preview: endpoint({
    method: 'GET', path: '/api/open/rooms/:roomId/preview', auth: 'optional', tags,
    summary: 'The latest messages of a room anyone may join, to read before joining or subscribing (members see it in any room), translated into `lang` where the translator can',
    params: roomParams, query: z.object({ lang: LanguageCode.optional() }), response: z.object({ messages: z.array(PreviewMessage) }),
  }),
  close: endpoint({
    method: 'POST', path: '/api/open/rooms/:roomId/close', auth: 'user', tags, status: 204,
    summary: 'Close the room for good (the host only): nobody joins or posts any more, and subscribers get the unused part of their period back',
    params: roomParams,
  }),
  hide: endpoint({
    method: 'POST', path: '/api/open/rooms/:roomId/messages/:seq/hide', auth: 'user', tags, status: 204,
    summary: 'Hide a message for everyone (the host, or a co-host with "hide")',
    params: z.object({ roomId: RoomId, seq: Seq }), body: Reason,
  }),
  dryRunBannedWords: endpoint({
    method: 'POST', path: '/api/open/rooms/:roomId/banned-words/dry-run', auth: 'user', tags,
    summary: 'Which of the room\'s latest messages a list of banned words would have refused, before it is switched on',
    params: roomParams, body: BannedWords,
    response: z.object({ checked: z.number().int(), matched: z.array(z.object({ seq: z.number().int(), text: z.string() })) }),
  }),
  moderationLog: endpoint({
    method: 'GET', path: '/api/open/rooms/:roomId/moderation', auth: 'user', tags,
    summary: 'Every moderation action in the room, newest first; any member may read it',
    params: roomParams, response: z.object({ entries: z.array(ModerationEntry) }),
  }),
} as const;
