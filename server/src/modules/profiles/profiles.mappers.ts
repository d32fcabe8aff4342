import {
  FEELING_HOURS,
  type Celebrations,
  type CelebrationReaction,
  type Feeling,
  type GuestbookEntry,
  type ProfileEvent,
  type ProfileEventKind,
  type PublicProfile,
} from '@maum/protocol';
import { daysBetween, occurrenceOf } from './calendar';
import type { EntryRow, EventRow, ProfilesRepository, SpaceRow } from './profiles.repository';

/** The feeling of the moment, or null once it has faded (24 hours after it was set, unless pinned). */
export function toFeeling(space: SpaceRow, now: Date): Feeling | null {
  if (!space.feelingEmoji || !space.feelingSetAt) return null;
  const fadesAt = space.feelingPinned ? null : new Date(space.feelingSetAt.getTime() + FEELING_HOURS * 3_600_000);
  if (fadesAt && fadesAt <= now) return null;
  return {
    emoji: space.feelingEmoji,
    text: space.feelingText ?? '',
    pinned: space.feelingPinned,
    setAt: space.feelingSetAt.toISOString(),
    fadesAt: fadesAt?.toISOString() ?? null,
  };
}

/**
 * Events as a viewer sees them, each with the celebrations of its current occurrence counted in one query, and the
 * viewer's own reaction. The audience is told to the owner only.
 */
export async function presentEvents(repo: ProfilesRepository, rows: EventRow[], viewerId: string, today: string): Promise<ProfileEvent[]> {
  const occurrences = rows.map((row) => ({ eventId: row.id, occursOn: occurrenceOf(row, today) }));
  const [counts, mine] = await Promise.all([
    repo.celebrationCounts(occurrences),
    repo.celebrationsBy(viewerId, rows.map((row) => row.id)),
  ]);
  return rows.map((row, i) => {
    const occursOn = occurrences[i]!.occursOn;
    const celebrations: Celebrations = { counts: {}, total: 0, mine: null };
    for (const c of counts) {
      if (c.eventId !== row.id || c.occursOn !== occursOn) continue;
      celebrations.counts[c.reaction as CelebrationReaction] = c.n;
      celebrations.total += c.n;
    }
    celebrations.mine = (mine.find((m) => m.eventId === row.id && m.occursOn === occursOn)?.reaction as CelebrationReaction | undefined) ?? null;
    return {
      id: row.id,
      ownerId: row.ownerId,
      kind: row.kind as ProfileEventKind,
      title: row.title,
      date: row.date,
      yearly: row.yearly,
      occursOn,
      daysUntil: daysBetween(today, occursOn),
      giftsAllowed: row.giftsAllowed,
      celebrations,
      audience: row.ownerId === viewerId ? row.audience : null,
    };
  });
}

/** Guestbook entries with their writers; `viewerId` may delete their own, and the owner any. */
export function toEntries(rows: EntryRow[], writers: Map<string, PublicProfile>, viewerId: string): GuestbookEntry[] {
  return rows.flatMap((row) => {
    const writer = writers.get(row.writerId);
    if (!writer) return [];
    return [
      {
        id: row.id,
        writer,
        text: row.text,
        secret: row.secret,
        eventId: row.eventId,
        createdAt: row.createdAt.toISOString(),
        reply: row.replyText && row.replyAt ? { text: row.replyText, at: row.replyAt.toISOString() } : null,
        canDelete: row.writerId === viewerId || row.ownerId === viewerId,
      },
    ];
  });
}
