import type { Audience, BlockKind, BlockSetting, PublicProfile } from '@maum/protocol';
import { AppError } from '../../platform/errors';
import type { AccountsDirectory } from '../accounts';
import type { EventRow, ListRow, ProfilesRepository, SpaceRow } from './profiles.repository';

/** How a viewer stands toward a space's owner. */
export interface Standing {
  viewerId: string;
  relation: 'owner' | 'friend' | 'stranger';
  favourite: boolean;
}

/** The space everyone has before changing anything: every block shown to friends only. */
export const DEFAULT_BLOCKS: readonly BlockSetting[] = [
  { kind: 'feeling', audience: { kind: 'friends' } },
  { kind: 'events', audience: { kind: 'friends' } },
  { kind: 'guestbook', audience: { kind: 'friends' } },
  { kind: 'wishlist', audience: { kind: 'friends' } },
];

export function defaultSpace(userId: string, now: Date): SpaceRow {
  return {
    userId,
    theme: 'plain',
    coverKey: null,
    background: { colour: '#ffffff', pattern: 'none' },
    stickers: [],
    blocks: DEFAULT_BLOCKS.map((block) => ({ ...block })),
    music: null,
    showVisitors: true,
    feelingEmoji: null,
    feelingText: null,
    feelingPinned: false,
    feelingSetAt: null,
    updatedAt: now,
  };
}

/** Whether an audience takes in the viewer. The owner is in every audience. */
export function admits(audience: Audience, standing: Standing, lists: ReadonlyMap<string, ReadonlySet<string>>): boolean {
  if (standing.relation === 'owner') return true;
  switch (audience.kind) {
    case 'everyone':
      return true;
    case 'friends':
      return standing.relation === 'friend';
    case 'favourites':
      return standing.relation === 'friend' && standing.favourite;
    case 'list':
      return lists.get(audience.listId)?.has(standing.viewerId) ?? false;
    case 'only_me':
      return false;
  }
}

/** One viewer's view of one owner's space: which blocks and events they may see. */
export class SpaceView {
  private readonly lists: ReadonlyMap<string, ReadonlySet<string>>;

  constructor(
    readonly owner: PublicProfile,
    readonly space: SpaceRow,
    readonly standing: Standing,
    lists: ListRow[],
  ) {
    this.lists = new Map(lists.map((list) => [list.id, new Set(list.memberIds)]));
  }

  get isOwner(): boolean {
    return this.standing.relation === 'owner';
  }

  get viewerId(): string {
    return this.standing.viewerId;
  }

  sees(audience: Audience): boolean {
    return admits(audience, this.standing, this.lists);
  }

  /** The block's setting, if the owner placed it and it takes in the viewer. */
  block(kind: BlockKind): BlockSetting | undefined {
    const block = this.space.blocks.find((b) => b.kind === kind);
    return block && this.sees(block.audience) ? block : undefined;
  }

  seesBlock(kind: BlockKind): boolean {
    return this.block(kind) !== undefined;
  }

  /** An event shows where the events block does, to its own audience. */
  seesEvent(event: EventRow): boolean {
    return event.ownerId === this.owner.id && this.seesBlock('events') && this.sees(event.audience);
  }

  /** Refuses, as if it did not exist, what the viewer may not see. */
  requireBlock(kind: BlockKind, what: string): void {
    if (!this.seesBlock(kind)) throw new AppError('not_found', `No such ${what}.`);
  }

  requireEvent(event: EventRow | undefined): EventRow {
    if (!event || !this.seesEvent(event)) throw new AppError('not_found', 'No such event.');
    return event;
  }
}

/**
 * Opens spaces for viewers. A person who blocked the viewer has no space as far as the viewer can tell: every route
 * answers as if there were no such person.
 */
export class SpaceAccess {
  constructor(private readonly deps: { repo: ProfilesRepository; people: AccountsDirectory; now: () => Date }) {}

  async open(ownerId: string, viewerId: string): Promise<SpaceView> {
    const [view] = await this.openMany([ownerId], viewerId);
    if (!view) throw new AppError('not_found', 'No such person.');
    return view;
  }

  /** The spaces of `ownerIds` the viewer may open, in no particular order (blocked and unknown owners left out). */
  async openMany(ownerIds: string[], viewerId: string): Promise<SpaceView[]> {
    const ids = [...new Set(ownerIds)];
    if (ids.length === 0) return [];
    const [profiles, standings, spaces, lists] = await Promise.all([
      this.deps.people.profiles(ids),
      this.deps.people.standingsToward(ids, viewerId),
      this.deps.repo.spacesOf(ids),
      this.deps.repo.listsOf(ids),
    ]);
    const spaceOf = new Map(spaces.map((space) => [space.userId, space]));
    return ids.flatMap((ownerId) => {
      const owner = profiles.get(ownerId);
      const standing = standings.get(ownerId);
      if (!owner || standing?.blocked) return [];
      const relation = ownerId === viewerId ? 'owner' : standing?.added ? 'friend' : 'stranger';
      return [
        new SpaceView(
          owner,
          spaceOf.get(ownerId) ?? defaultSpace(ownerId, this.deps.now()),
          { viewerId, relation, favourite: standing?.favourite ?? false },
          lists.filter((list) => list.ownerId === ownerId),
        ),
      ];
    });
  }
}
