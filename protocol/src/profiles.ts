import { z } from 'zod';
import { PublicProfile, UserId } from './accounts';
import { endpoint } from './http';

/**
 * Profile spaces: a profile people decorate (a cover, a background, stickers, and blocks in the owner's order), where
 * the owner shares a feeling and life events, and visitors celebrate, sign the guestbook and send gifts. Every block
 * and every event has an audience, as KakaoTalk's multi-profile does; a person the owner blocked sees nothing.
 *
 * Dates are calendar days in UTC (`YYYY-MM-DD`), as the rest of Maum counts days.
 */

export const ProfileEventId = z.string().regex(/^pev_[0-9a-z]{26}$/, 'a profile event id');
export const GuestbookEntryId = z.string().regex(/^pgb_[0-9a-z]{26}$/, 'a guestbook entry id');
export const AudienceListId = z.string().regex(/^pal_[0-9a-z]{26}$/, 'an audience list id');
export const ProfilePhotoId = z.string().regex(/^pph_[0-9a-z]{26}$/, 'a profile photo id');
export const ProfileNoticeId = z.string().regex(/^pnt_[0-9a-z]{26}$/, 'a profile notice id');

/** A calendar day, `YYYY-MM-DD`, that exists. */
export const CalendarDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD')
  .refine((day) => {
    const [y, m, d] = day.split('-').map(Number) as [number, number, number];
    const date = new Date(Date.UTC(y, m - 1, d));
    return y >= 1900 && y <= 2200 && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  }, 'a day that exists, between 1900 and 2200');

// ─── Audience ────────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * Who may see a block or an event. `friends`: people the owner has added (hidden friends too); `favourites`: the
 * owner's favourite friends; `list`: one of the owner's own lists; `only_me`: the owner alone.
 */
export const Audience = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('everyone') }).strict(),
  z.object({ kind: z.literal('friends') }).strict(),
  z.object({ kind: z.literal('favourites') }).strict(),
  z.object({ kind: z.literal('list'), listId: AudienceListId }).strict(),
  z.object({ kind: z.literal('only_me') }).strict(),
]);
export type Audience = z.infer<typeof Audience>;

export const MAX_AUDIENCE_LISTS = 20;
export const MAX_AUDIENCE_LIST_MEMBERS = 500;

export const AudienceList = z
  .object({ id: z.string(), name: z.string(), memberIds: z.array(z.string()), members: z.array(PublicProfile) })
  .meta({ id: 'AudienceList' });
export type AudienceList = z.infer<typeof AudienceList>;

export const AudienceListBody = z
  .object({
    name: z.string().trim().min(1).max(30),
    /** People the owner has added; anyone else is refused. */
    memberIds: z.array(UserId).max(MAX_AUDIENCE_LIST_MEMBERS),
  })
  .strict();

// ─── Decoration ──────────────────────────────────────────────────────────────────────────────────────────────────

export const profileThemes = ['plain', 'spring', 'sea', 'autumn', 'snow', 'night', 'confetti', 'hanok', 'paper', 'neon'] as const;
export const ProfileTheme = z.enum(profileThemes);
export type ProfileTheme = z.infer<typeof ProfileTheme>;

export const backgroundPatterns = ['none', 'dots', 'stripes', 'grid', 'hearts', 'stars', 'waves', 'checks'] as const;
export const BackgroundPattern = z.enum(backgroundPatterns);

export const Colour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour as #rrggbb');
export const ProfileBackground = z.object({ colour: Colour, pattern: BackgroundPattern }).strict();
export type ProfileBackground = z.infer<typeof ProfileBackground>;

export const stickerKinds = [
  'heart', 'star', 'sparkle', 'cake', 'balloon', 'gift', 'flower', 'music',
  'camera', 'plane', 'sun', 'moon', 'cat', 'dog', 'coffee', 'party',
] as const;
export const StickerKind = z.enum(stickerKinds);
export type StickerKind = z.infer<typeof StickerKind>;
export const MAX_STICKERS = 20;

/** A sticker on the cover: where its centre sits as fractions of the cover's width and height, its size and its turn. */
export const Sticker = z
  .object({
    kind: StickerKind,
    x: z.number().min(0).max(1),
    y: z.number().min(0).max(1),
    scale: z.number().min(0.5).max(2),
    rotation: z.number().int().min(-180).max(180),
  })
  .strict();
export type Sticker = z.infer<typeof Sticker>;

/** The cover: one of the designed themes, or the owner's picture (set by uploading it). */
export const ProfileCover = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('theme'), theme: ProfileTheme }).strict(),
  z.object({ kind: z.literal('picture'), url: z.string() }).strict(),
]);
export type ProfileCover = z.infer<typeof ProfileCover>;

/** The blocks a space is made of; the owner chooses which to show, in what order, and to whom. */
export const blockKinds = ['feeling', 'events', 'guestbook', 'wishlist', 'music', 'photos', 'certificates'] as const;
export const BlockKind = z.enum(blockKinds);
export type BlockKind = z.infer<typeof BlockKind>;

export const BlockSetting = z.object({ kind: BlockKind, audience: Audience }).strict();
export type BlockSetting = z.infer<typeof BlockSetting>;

export const MusicLink = z
  .object({
    url: z.url({ protocol: /^https$/ }).max(300),
    title: z.string().trim().min(1).max(80),
  })
  .strict();
export type MusicLink = z.infer<typeof MusicLink>;

export const MAX_PROFILE_PHOTOS = 12;

/** What the owner changes of the space's look; fields left out stay as they are. */
export const DecorateBody = z
  .object({
    /** Choosing a theme replaces a cover picture. A picture is set with `PUT /api/profile/cover`. */
    theme: ProfileTheme.optional(),
    background: ProfileBackground.optional(),
    stickers: z.array(Sticker).max(MAX_STICKERS).optional(),
    /** The blocks shown, in order; each kind at most once. A kind left out is not shown to anyone. */
    blocks: z
      .array(BlockSetting)
      .max(blockKinds.length)
      .refine((blocks) => new Set(blocks.map((b) => b.kind)).size === blocks.length, 'each block at most once')
      .optional(),
    music: MusicLink.nullable().optional(),
    /** Whether visitors see the visitor counter (the owner always does). */
    showVisitors: z.boolean().optional(),
  })
  .strict();
export type DecorateBody = z.infer<typeof DecorateBody>;

// ─── Feelings and events ─────────────────────────────────────────────────────────────────────────────────────────

export const FEELING_MAX = 60;
export const FEELING_HOURS = 24;
const EMOJI = /^(?:\p{Extended_Pictographic}|\p{Emoji_Component}|\p{Emoji_Modifier}|\u200d|\ufe0f|\u20e3)+$/u;

export const FeelingBody = z
  .object({
    emoji: z.string().min(1).max(32).regex(EMOJI, 'an emoji'),
    text: z.string().trim().max(240).refine((text) => [...text].length <= FEELING_MAX, `up to ${FEELING_MAX} characters`),
    /** A pinned feeling stays until changed; otherwise it fades 24 hours after it was set. */
    pinned: z.boolean().default(false),
  })
  .strict();

export const Feeling = z
  .object({
    emoji: z.string(),
    text: z.string(),
    pinned: z.boolean(),
    setAt: z.string(),
    /** When it fades (null: pinned). */
    fadesAt: z.string().nullable(),
  })
  .meta({ id: 'Feeling' });
export type Feeling = z.infer<typeof Feeling>;

export const profileEventKinds = ['birthday', 'anniversary', 'new_job', 'graduation', 'trip', 'wedding', 'new_baby', 'other'] as const;
export const ProfileEventKind = z.enum(profileEventKinds);
export type ProfileEventKind = z.infer<typeof ProfileEventKind>;

export const celebrationReactions = ['party', 'heart', 'clap', 'cake', 'hug'] as const;
export const CelebrationReaction = z.enum(celebrationReactions);
export type CelebrationReaction = z.infer<typeof CelebrationReaction>;

export const EventBody = z
  .object({
    kind: ProfileEventKind,
    title: z.string().trim().min(1).max(60),
    date: CalendarDay,
    /** Comes back every year on the same day (birthdays, anniversaries); otherwise it happens once. */
    yearly: z.boolean(),
    audience: Audience,
    /** "No gifts, just wishes": visitors can celebrate and write, and no gift can be sent for it. */
    giftsAllowed: z.boolean().default(true),
  })
  .strict();
export const EventPatchBody = EventBody.partial().strict();

export const Celebrations = z.object({
  counts: z.partialRecord(CelebrationReaction, z.number().int()),
  total: z.number().int(),
  /** The viewer's own reaction, if they celebrated. */
  mine: CelebrationReaction.nullable(),
});
export type Celebrations = z.infer<typeof Celebrations>;

export const ProfileEvent = z
  .object({
    id: z.string(),
    ownerId: z.string(),
    kind: ProfileEventKind,
    title: z.string(),
    date: z.string(),
    yearly: z.boolean(),
    /**
     * The occurrence celebrations, wishes and gifts now gather around: the next one, or the last one while it is at
     * most 7 days past. A one-off event keeps its own day.
     */
    occursOn: z.string(),
    /** Days from today to `occursOn` (0: today; negative: past). */
    daysUntil: z.number().int(),
    giftsAllowed: z.boolean(),
    celebrations: Celebrations,
    /** Only the owner is told who an event is shown to. */
    audience: Audience.nullable(),
  })
  .meta({ id: 'ProfileEvent' });
export type ProfileEvent = z.infer<typeof ProfileEvent>;

// ─── The space ───────────────────────────────────────────────────────────────────────────────────────────────────

export const ProfilePhoto = z.object({ id: z.string(), url: z.string(), width: z.number().int(), height: z.number().int() }).meta({ id: 'ProfilePhoto' });
export type ProfilePhoto = z.infer<typeof ProfilePhoto>;

export const ProfileCertificate = z.object({
  certId: z.string(),
  productName: z.string(),
  serial: z.string(),
  imageUrl: z.string().nullable(),
});
export type ProfileCertificate = z.infer<typeof ProfileCertificate>;

const blockBase = { audience: Audience.nullable() };
export const ProfileBlock = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('feeling'), ...blockBase, feeling: Feeling.nullable() }),
  z.object({ kind: z.literal('events'), ...blockBase, events: z.array(ProfileEvent) }),
  /** Entries are read with `GET /api/profiles/:userId/guestbook`; `count` is what the viewer can read. */
  z.object({ kind: z.literal('guestbook'), ...blockBase, count: z.number().int() }),
  /** The owner's gift wish list, read with the gift shop's wish list endpoint. */
  z.object({ kind: z.literal('wishlist'), ...blockBase }),
  z.object({ kind: z.literal('music'), ...blockBase, music: MusicLink.nullable() }),
  z.object({ kind: z.literal('photos'), ...blockBase, photos: z.array(ProfilePhoto) }),
  z.object({ kind: z.literal('certificates'), ...blockBase, certificates: z.array(ProfileCertificate) }),
]);
export type ProfileBlock = z.infer<typeof ProfileBlock>;

export const ProfileSpace = z
  .object({
    owner: PublicProfile,
    /** How the viewer stands: the owner, someone the owner added, or anyone else. */
    relation: z.enum(['owner', 'friend', 'stranger']),
    cover: ProfileCover,
    background: ProfileBackground,
    stickers: z.array(Sticker),
    /** The blocks the viewer may see, in the owner's order. The owner sees every block they placed. */
    blocks: z.array(ProfileBlock),
    /** Visits today and in all (null: the owner hides the counter from visitors). */
    visitors: z.object({ today: z.number().int(), total: z.number().int() }).nullable(),
    showVisitors: z.boolean(),
    /** Whether the viewer gets a card in chat on the day of each of this person's events. */
    followingEvents: z.boolean(),
  })
  .meta({ id: 'ProfileSpace' });
export type ProfileSpace = z.infer<typeof ProfileSpace>;

// ─── Guestbook and celebrations ──────────────────────────────────────────────────────────────────────────────────

export const GUESTBOOK_MAX = 500;

const GuestbookText = z
  .string()
  .trim()
  .min(1)
  .max(2000)
  .refine((text) => [...text].length <= GUESTBOOK_MAX, `up to ${GUESTBOOK_MAX} characters`);

export const GuestbookBody = z
  .object({
    text: GuestbookText,
    /** A secret entry is read only by its writer and the owner. */
    secret: z.boolean().default(false),
    /** An entry written for an event shows on its celebration wall. */
    eventId: ProfileEventId.optional(),
  })
  .strict();

export const GuestbookReplyBody = z.object({ text: GuestbookText }).strict();

export const GuestbookEntry = z
  .object({
    id: z.string(),
    writer: PublicProfile,
    text: z.string(),
    secret: z.boolean(),
    eventId: z.string().nullable(),
    createdAt: z.string(),
    reply: z.object({ text: z.string(), at: z.string() }).nullable(),
    /** The writer and the owner may delete an entry. */
    canDelete: z.boolean(),
  })
  .meta({ id: 'GuestbookEntry' });
export type GuestbookEntry = z.infer<typeof GuestbookEntry>;

export const CelebrateBody = z.object({ reaction: CelebrationReaction }).strict();

export const EventGift = z.object({ giftId: z.string(), from: PublicProfile, productName: z.string(), sentAt: z.string() });

/** Everything gathered around one occurrence of an event. The owner sees who; others see counts and their own part. */
export const CelebrationWall = z
  .object({
    owner: PublicProfile,
    event: ProfileEvent,
    /** Who celebrated and how (owner only; null for others). */
    celebrators: z.array(z.object({ user: PublicProfile, reaction: CelebrationReaction, at: z.string() })).nullable(),
    entries: z.array(GuestbookEntry),
    gifts: z.object({
      count: z.number().int(),
      /** Each gift and its sender: every gift for the owner, a visitor's own gifts for them. */
      items: z.array(EventGift),
    }),
  })
  .meta({ id: 'CelebrationWall' });
export type CelebrationWall = z.infer<typeof CelebrationWall>;

// ─── Friends' events and notices ─────────────────────────────────────────────────────────────────────────────────

export const UPCOMING_EVENT_DAYS = 30;

export const UpcomingEvent = z.object({ owner: PublicProfile, event: ProfileEvent });
export type UpcomingEvent = z.infer<typeof UpcomingEvent>;

export const profileNoticeKinds = ['celebration', 'guestbook', 'gift'] as const;
export const ProfileNoticeKind = z.enum(profileNoticeKinds);

/** Something a visitor did on the owner's space, for the owner's notifications list. */
export const ProfileNotice = z
  .object({
    id: z.string(),
    kind: ProfileNoticeKind,
    from: PublicProfile,
    event: z.object({ id: z.string(), kind: ProfileEventKind, title: z.string() }).nullable(),
    reaction: CelebrationReaction.nullable(),
    entryId: z.string().nullable(),
    secret: z.boolean(),
    productName: z.string().nullable(),
    createdAt: z.string(),
    read: z.boolean(),
  })
  .meta({ id: 'ProfileNotice' });
export type ProfileNotice = z.infer<typeof ProfileNotice>;

export const FollowBody = z.object({ events: z.boolean() }).strict();

// ─── Endpoints ───────────────────────────────────────────────────────────────────────────────────────────────────

const tags = ['profiles'];
const ownerParams = z.object({ userId: UserId });
const eventParams = z.object({ eventId: ProfileEventId });
const ownerEventParams = ownerParams.extend({ eventId: ProfileEventId });
const entryParams = ownerParams.extend({ entryId: GuestbookEntryId });
const listParams = z.object({ listId: AudienceListId });

export const profilesApi = {
  // The owner's own space.
  decorate: endpoint({
    method: 'PATCH', path: '/api/profile/space', auth: 'user', tags,
    summary: 'Decorate your space: theme, background, stickers, blocks and their audiences, music link, visitor counter',
    body: DecorateBody, response: ProfileSpace,
  }),
  setCover: endpoint({
    method: 'PUT', path: '/api/profile/cover', auth: 'user', tags,
    summary: 'Make a picture your cover (sniffed, resized, without metadata)', multipart: { field: 'file' }, response: ProfileSpace,
  }),
  addPhoto: endpoint({
    method: 'POST', path: '/api/profile/photos', auth: 'user', tags, status: 201,
    summary: 'Add a picture to your photo strip (up to 12)', multipart: { field: 'file' }, response: ProfilePhoto,
  }),
  removePhoto: endpoint({
    method: 'DELETE', path: '/api/profile/photos/:photoId', auth: 'user', tags, status: 204,
    summary: 'Take a picture off your photo strip', params: z.object({ photoId: ProfilePhotoId }),
  }),
  setFeeling: endpoint({
    method: 'PUT', path: '/api/profile/feeling', auth: 'user', tags,
    summary: 'Share how you feel: an emoji and up to 60 characters, fading after 24 hours unless pinned',
    body: FeelingBody, response: Feeling,
  }),
  clearFeeling: endpoint({
    method: 'DELETE', path: '/api/profile/feeling', auth: 'user', tags, status: 204, summary: 'Clear your feeling',
  }),
  addEvent: endpoint({
    method: 'POST', path: '/api/profile/events', auth: 'user', tags, status: 201,
    summary: 'Add a life event (a birthday, an anniversary, a new job…) with its day and audience',
    body: EventBody, response: ProfileEvent,
  }),
  updateEvent: endpoint({
    method: 'PATCH', path: '/api/profile/events/:eventId', auth: 'user', tags,
    summary: 'Change one of your events', params: eventParams, body: EventPatchBody, response: ProfileEvent,
  }),
  removeEvent: endpoint({
    method: 'DELETE', path: '/api/profile/events/:eventId', auth: 'user', tags, status: 204,
    summary: 'Remove one of your events', params: eventParams,
  }),
  lists: endpoint({
    method: 'GET', path: '/api/profile/lists', auth: 'user', tags,
    summary: 'Your audience lists', response: z.object({ lists: z.array(AudienceList) }),
  }),
  addList: endpoint({
    method: 'POST', path: '/api/profile/lists', auth: 'user', tags, status: 201,
    summary: 'Make an audience list of people you added', body: AudienceListBody, response: AudienceList,
  }),
  updateList: endpoint({
    method: 'PUT', path: '/api/profile/lists/:listId', auth: 'user', tags,
    summary: 'Rename an audience list or change who is on it', params: listParams, body: AudienceListBody, response: AudienceList,
  }),
  removeList: endpoint({
    method: 'DELETE', path: '/api/profile/lists/:listId', auth: 'user', tags, status: 204,
    summary: 'Delete an audience list; what was shown to it is then shown to you only', params: listParams,
  }),
  notices: endpoint({
    method: 'GET', path: '/api/profile/notices', auth: 'user', tags,
    summary: 'Celebrations, guestbook entries and gifts on your space, newest first, with the unread count',
    response: z.object({ notices: z.array(ProfileNotice), unread: z.number().int() }),
  }),
  readNotices: endpoint({
    method: 'POST', path: '/api/profile/notices/read', auth: 'user', tags,
    summary: 'Mark every notice read', response: z.object({ unread: z.number().int() }),
  }),
  export: endpoint({
    method: 'GET', path: '/api/profile/export', auth: 'user', tags,
    summary: 'Download your whole space (profile.json with entries, events and guestbook, and the pictures) as a zip archive',
  }),
  upcoming: endpoint({
    method: 'GET', path: '/api/profiles/upcoming-events', auth: 'user', tags,
    summary: 'Events of the people you added in the next 30 days that they show you, soonest first',
    response: z.object({ events: z.array(UpcomingEvent) }),
  }),

  // Anyone's space, as the viewer may see it.
  space: endpoint({
    method: 'GET', path: '/api/profiles/:userId', auth: 'user', tags,
    summary: 'A profile space as you may see it; a visit is counted once a day per visitor',
    params: ownerParams, response: ProfileSpace,
  }),
  photo: endpoint({
    method: 'GET', path: '/api/profiles/:userId/photos/:photoId', auth: 'user', tags,
    summary: 'A picture of a photo strip (WebP), to those who may see the strip',
    params: ownerParams.extend({ photoId: ProfilePhotoId }),
  }),
  follow: endpoint({
    method: 'PUT', path: '/api/profiles/:userId/follow', auth: 'user', tags,
    summary: 'Get (or stop getting) a card in chat on the day of this person’s events',
    params: ownerParams, body: FollowBody, response: z.object({ followingEvents: z.boolean() }),
  }),
  guestbook: endpoint({
    method: 'GET', path: '/api/profiles/:userId/guestbook', auth: 'user', tags,
    summary: 'Guestbook entries you may read, newest first; secret ones only for their writer and the owner',
    params: ownerParams,
    query: z.object({ before: GuestbookEntryId.optional(), eventId: ProfileEventId.optional() }),
    response: z.object({ entries: z.array(GuestbookEntry) }),
  }),
  sign: endpoint({
    method: 'POST', path: '/api/profiles/:userId/guestbook', auth: 'user', tags, status: 201,
    summary: 'Write in a guestbook (rate-limited per writer)', params: ownerParams, body: GuestbookBody, response: GuestbookEntry,
  }),
  reply: endpoint({
    method: 'PUT', path: '/api/profiles/:userId/guestbook/:entryId/reply', auth: 'user', tags,
    summary: 'Answer an entry in your own guestbook', params: entryParams, body: GuestbookReplyBody, response: GuestbookEntry,
  }),
  unsign: endpoint({
    method: 'DELETE', path: '/api/profiles/:userId/guestbook/:entryId', auth: 'user', tags, status: 204,
    summary: 'Delete a guestbook entry (its writer or the owner)', params: entryParams,
  }),
  celebrate: endpoint({
    method: 'PUT', path: '/api/profiles/:userId/events/:eventId/celebration', auth: 'user', tags,
    summary: 'Celebrate an event (one celebration per visitor and occurrence; tapping again changes the reaction)',
    params: ownerEventParams, body: CelebrateBody, response: Celebrations,
  }),
  uncelebrate: endpoint({
    method: 'DELETE', path: '/api/profiles/:userId/events/:eventId/celebration', auth: 'user', tags,
    summary: 'Take back your celebration', params: ownerEventParams, response: Celebrations,
  }),
  wall: endpoint({
    method: 'GET', path: '/api/profiles/:userId/events/:eventId/wall', auth: 'user', tags,
    summary: 'The celebration wall of an event: celebrations, wishes and gifts for its occurrence',
    params: ownerEventParams, response: CelebrationWall,
  }),
} as const;
