import type { Media, OutgoingBody } from '@maum/protocol';
import { readJson, writeJson } from './storage';

export type OutgoingKind = OutgoingBody['kind'];

/** A message that has no seq yet. It leaves the outbox only when its `ack` arrives, never on a mere send. */
export interface OutboxEntry {
  clientMsgId: string;
  roomId: string;
  kind: OutgoingKind;
  body: Record<string, unknown>;
  createdAt: string;
  /** The code of the error the server answered; the entry then waits for the person to retry or discard it. */
  failed?: string;
  /** The uploaded media of an image, video, voice or file message, so its bubble can show it before delivery. */
  media?: Media;
}

function isEntry(value: unknown): value is OutboxEntry {
  if (!value || typeof value !== 'object') return false;
  const v = value as Partial<OutboxEntry>;
  return typeof v.clientMsgId === 'string' && typeof v.roomId === 'string' && typeof v.kind === 'string'
    && typeof v.createdAt === 'string' && typeof v.body === 'object' && v.body !== null;
}

/**
 * The outbox lives in localStorage and every change is a read-modify-write of what is stored, so tabs of the same
 * account add to one list instead of overwriting each other; a `storage` event brings the other tabs' changes in.
 */
export class Outbox {
  private entries: OutboxEntry[];
  private readonly onStorage = (event: StorageEvent) => {
    if (event.key !== this.key) return;
    const before = this.entries;
    this.entries = this.read();
    this.onChange(rooms(before, this.entries));
  };

  constructor(
    private readonly key: string,
    private readonly onChange: (roomIds: Set<string>) => void,
  ) {
    this.entries = this.read();
    window.addEventListener('storage', this.onStorage);
  }

  list(): readonly OutboxEntry[] {
    return this.entries;
  }

  get(clientMsgId: string): OutboxEntry | undefined {
    return this.entries.find((e) => e.clientMsgId === clientMsgId);
  }

  add(entry: OutboxEntry): void {
    this.mutate((list) => (list.some((e) => e.clientMsgId === entry.clientMsgId) ? list : [...list, entry]));
  }

  remove(clientMsgId: string): OutboxEntry | undefined {
    const found = this.get(clientMsgId);
    this.mutate((list) => list.filter((e) => e.clientMsgId !== clientMsgId));
    return found;
  }

  update(clientMsgId: string, patch: Partial<Pick<OutboxEntry, 'failed'>>): void {
    this.mutate((list) =>
      list.map((e) => {
        if (e.clientMsgId !== clientMsgId) return e;
        const next = { ...e, ...patch };
        if (patch.failed === undefined) delete next.failed;
        return next;
      }),
    );
  }

  dispose(): void {
    window.removeEventListener('storage', this.onStorage);
  }

  private read(): OutboxEntry[] {
    const stored = readJson<unknown>(this.key);
    return Array.isArray(stored) ? stored.filter(isEntry) : [];
  }

  private mutate(change: (list: OutboxEntry[]) => OutboxEntry[]): void {
    const before = this.entries;
    // Entries that only this tab knows (storage refused them) are kept alongside what is stored.
    const stored = this.read();
    const merged = [...stored, ...before.filter((e) => !stored.some((s) => s.clientMsgId === e.clientMsgId))];
    this.entries = change(merged);
    writeJson(this.key, this.entries);
    this.onChange(rooms(before, this.entries));
  }
}

function rooms(a: readonly OutboxEntry[], b: readonly OutboxEntry[]): Set<string> {
  return new Set([...a, ...b].map((e) => e.roomId));
}
