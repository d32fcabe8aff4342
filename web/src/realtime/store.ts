import type { Media, Message, messageKinds } from '@maum/protocol';
import type { OutboxEntry } from './outbox';

/**
 * `connecting`: opening a socket or saying hello; `syncing`: welcomed, missed messages still coming; `live`: caught
 * up; `waiting`: closed, trying again soon; `offline`: the device has no network; `stopped`: signed out.
 */
export type ConnectionState = 'connecting' | 'syncing' | 'live' | 'waiting' | 'offline' | 'stopped';

export interface ConnectionStatus {
  state: ConnectionState;
  /** Whether this tab has been caught up at least once since it started. */
  wasLive: boolean;
}

/** A message on screen without a seq: in the outbox, or a file still going up. */
export interface PendingMessage {
  clientMsgId: string;
  roomId: string;
  kind: Exclude<(typeof messageKinds)[number], 'system' | 'card'>;
  body: Record<string, unknown>;
  createdAt: string;
  failed?: string;
  media?: Media;
  upload?: {
    progress: number;
    name: string;
    size: number;
    mime: string;
    localUrl: string | null;
    /** A voice recording's length and waveform as heard while recording. */
    recorded?: { durationMs: number; waveform: number[] };
  };
}

export interface RoomTimeline {
  /** Ordered by seq, without duplicates; hidden placeholders included (they are not drawn). */
  messages: readonly Message[];
  /** Older messages exist on the server beyond the first one here. */
  hasMore: boolean;
  /** The latest page has been fetched in this session. */
  loaded: boolean;
  loading: 'latest' | 'older' | null;
  loadError: unknown;
  /** Member → the highest seq they have read; null until the room's members are known. */
  readSeqs: Readonly<Record<string, number>> | null;
  pending: readonly PendingMessage[];
  /** seq → the client id this device sent it with. */
  ownIds: Readonly<Record<number, string>>;
}

export interface UploadState {
  clientMsgId: string;
  roomId: string;
  file: File;
  kind: 'image' | 'video' | 'file' | 'voice';
  createdAt: string;
  progress: number;
  failed?: string;
  localUrl: string | null;
  controller: AbortController | null;
  recorded?: { durationMs: number; waveform: number[] };
}

interface RoomData {
  messages: Map<number, Message>;
  hasMore: boolean;
  loaded: boolean;
  loading: 'latest' | 'older' | null;
  loadError: unknown;
  members: Map<string, number> | null;
  typing: Map<string, ReturnType<typeof setTimeout>>;
  /** Kept apart from the timeline, so that someone typing does not redraw every bubble. */
  typingSnapshot: readonly string[] | null;
  ownIds: Map<number, string>;
  snapshot: RoomTimeline | null;
}

const nobody: readonly string[] = [];

export const TYPING_SHOWN_MS = 4000;

const emptyTimeline: RoomTimeline = {
  messages: [],
  hasMore: true,
  loaded: false,
  loading: null,
  loadError: null,
  readSeqs: null,
  pending: [],
  ownIds: {},
};

/**
 * Everything the chat screens draw, kept outside React and read through `useSyncExternalStore`: each room's
 * snapshot is a new object only when that room changed, so a message in one room does not redraw another.
 */
export class ChatStore {
  private readonly rooms = new Map<string, RoomData>();
  private readonly uploads = new Map<string, UploadState>();
  private outbox: readonly OutboxEntry[] = [];
  /** Outbox entries whose message has been delivered though their ack has not come yet: drawn as delivered. */
  private readonly delivered = new Set<string>();
  private status: ConnectionStatus = { state: 'stopped', wasLive: false };
  private readonly listeners = new Set<() => void>();
  private batchDepth = 0;
  private dirty = false;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getStatus = (): ConnectionStatus => this.status;

  /** Other people typing in the room right now. */
  getTyping(roomId: string): readonly string[] {
    const room = this.rooms.get(roomId);
    if (!room) return nobody;
    room.typingSnapshot ??= room.typing.size > 0 ? [...room.typing.keys()] : nobody;
    return room.typingSnapshot;
  }

  getRoom(roomId: string): RoomTimeline {
    const room = this.rooms.get(roomId);
    if (!room) return this.pendingOnly(roomId);
    room.snapshot ??= this.build(roomId, room);
    return room.snapshot;
  }

  /** Runs several changes and tells the screens once. */
  batch(fn: () => void): void {
    this.batchDepth++;
    try {
      fn();
    } finally {
      this.batchDepth--;
      if (this.batchDepth === 0 && this.dirty) this.emit();
    }
  }

  setStatus(state: ConnectionState): void {
    if (this.status.state === state) return;
    this.status = { state, wasLive: this.status.wasLive || state === 'live' };
    this.changed();
  }

  message(roomId: string, seq: number): Message | undefined {
    return this.rooms.get(roomId)?.messages.get(seq);
  }

  newestSeq(roomId: string): number {
    const messages = this.getRoom(roomId).messages;
    return messages.length > 0 ? messages[messages.length - 1]!.seq : 0;
  }

  oldestSeq(roomId: string): number | undefined {
    return this.getRoom(roomId).messages[0]?.seq;
  }

  info(roomId: string): Pick<RoomData, 'hasMore' | 'loaded' | 'loading' | 'loadError'> | undefined {
    return this.rooms.get(roomId);
  }

  /** Adds messages, replacing any held with the same seq (a later copy carries edits like deletion). */
  put(roomId: string, messages: readonly Message[]): void {
    if (messages.length === 0) return;
    const room = this.room(roomId);
    for (const message of messages) {
      room.messages.set(message.seq, message);
      const timer = room.typing.get(message.senderId);
      if (timer !== undefined) {
        clearTimeout(timer);
        room.typing.delete(message.senderId);
        room.typingSnapshot = null;
      }
    }
    this.touch(room);
  }

  /**
   * Places a page from the server. A latest page that does not join what is held replaces it, so the timeline
   * never has a hole in the middle; older pages extend it backwards.
   */
  putPage(roomId: string, messages: readonly Message[], hasMore: boolean, latest: boolean): void {
    const room = this.room(roomId);
    const first = messages[0];
    if (latest) {
      if (first) {
        const below = [...room.messages.keys()].filter((seq) => seq < first.seq);
        if (below.length > 0 && !room.messages.has(first.seq - 1)) {
          for (const seq of below) room.messages.delete(seq);
        }
        if (below.length === 0 || !room.messages.has(first.seq - 1)) room.hasMore = hasMore;
      } else {
        room.hasMore = false;
      }
      room.loaded = true;
    } else {
      room.hasMore = hasMore;
    }
    for (const message of messages) room.messages.set(message.seq, message);
    room.loadError = null;
    this.touch(room);
  }

  setLoading(roomId: string, loading: RoomData['loading'], error: unknown = null): void {
    const room = this.room(roomId);
    room.loading = loading;
    room.loadError = error;
    this.touch(room);
  }

  /** The server skipped this room's missed messages: start over from its latest page. */
  reset(roomId: string): void {
    const room = this.room(roomId);
    room.messages.clear();
    room.hasMore = true;
    room.loaded = false;
    this.touch(room);
  }

  drop(roomId: string): void {
    const room = this.rooms.get(roomId);
    if (!room) return;
    for (const timer of room.typing.values()) clearTimeout(timer);
    this.rooms.delete(roomId);
    this.pendingSnapshots.delete(roomId);
    this.changed();
  }

  markDeleted(roomId: string, seq: number, at: string): void {
    const room = this.rooms.get(roomId);
    const message = room?.messages.get(seq);
    if (!room || !message || message.deletedAt) return;
    room.messages.set(seq, { ...message, deletedAt: at, body: {}, reactions: {} });
    this.touch(room);
  }

  setReactions(roomId: string, seq: number, reactions: Record<string, string[]>): void {
    const room = this.rooms.get(roomId);
    const message = room?.messages.get(seq);
    if (!room || !message) return;
    room.messages.set(seq, { ...message, reactions });
    this.touch(room);
  }

  /** Members as the server listed them; read pointers only ever move forward. */
  setMembers(roomId: string, members: readonly { userId: string; readSeq: number }[]): void {
    const room = this.room(roomId);
    const next = new Map<string, number>();
    for (const { userId, readSeq } of members) next.set(userId, Math.max(readSeq, room.members?.get(userId) ?? 0));
    room.members = next;
    this.touch(room);
  }

  setRead(roomId: string, userId: string, seq: number): void {
    const room = this.rooms.get(roomId);
    if (!room?.members) return;
    const current = room.members.get(userId);
    if (current === undefined || current >= seq) return;
    room.members.set(userId, seq);
    this.touch(room);
  }

  readSeqOf(roomId: string, userId: string): number | undefined {
    return this.rooms.get(roomId)?.members?.get(userId);
  }

  setTyping(roomId: string, userId: string): void {
    const room = this.room(roomId);
    const previous = room.typing.get(userId);
    if (previous !== undefined) clearTimeout(previous);
    room.typing.set(
      userId,
      setTimeout(() => {
        room.typing.delete(userId);
        room.typingSnapshot = null;
        this.changed();
      }, TYPING_SHOWN_MS),
    );
    if (previous === undefined) {
      room.typingSnapshot = null;
      this.changed();
    }
  }

  setOwnId(roomId: string, seq: number, clientMsgId: string): void {
    const room = this.room(roomId);
    if (room.ownIds.get(seq) === clientMsgId) return;
    room.ownIds.set(seq, clientMsgId);
    this.touch(room);
  }

  setOutbox(entries: readonly OutboxEntry[], roomIds: Iterable<string>): void {
    this.outbox = entries;
    for (const id of this.delivered) if (!entries.some((e) => e.clientMsgId === id)) this.delivered.delete(id);
    this.invalidate(roomIds);
  }

  /** The `msg` of an outbox entry came before its ack: the bubble moves to its seq right away. */
  markDelivered(roomId: string, seq: number, clientMsgId: string): void {
    this.delivered.add(clientMsgId);
    this.setOwnId(roomId, seq, clientMsgId);
    this.invalidate([roomId]);
  }

  isDelivered(clientMsgId: string): boolean {
    return this.delivered.has(clientMsgId);
  }

  /** An ack put a client id on another seq than guessed: the guess is dropped. */
  removeOwnId(roomId: string, seq: number): void {
    const room = this.rooms.get(roomId);
    if (!room?.ownIds.delete(seq)) return;
    this.touch(room);
  }

  ownIdOf(roomId: string, seq: number): string | undefined {
    return this.rooms.get(roomId)?.ownIds.get(seq);
  }

  getUpload(clientMsgId: string): UploadState | undefined {
    return this.uploads.get(clientMsgId);
  }

  setUpload(upload: UploadState): void {
    this.uploads.set(upload.clientMsgId, upload);
    this.invalidate([upload.roomId]);
  }

  removeUpload(clientMsgId: string): UploadState | undefined {
    const upload = this.uploads.get(clientMsgId);
    if (!upload) return undefined;
    this.uploads.delete(clientMsgId);
    this.invalidate([upload.roomId]);
    return upload;
  }

  clear(): void {
    for (const room of this.rooms.values()) for (const timer of room.typing.values()) clearTimeout(timer);
    for (const upload of this.uploads.values()) {
      upload.controller?.abort();
      if (upload.localUrl) URL.revokeObjectURL(upload.localUrl);
    }
    this.rooms.clear();
    this.pendingSnapshots.clear();
    this.uploads.clear();
    this.outbox = [];
    this.delivered.clear();
    this.status = { state: 'stopped', wasLive: false };
    this.changed();
  }

  private room(roomId: string): RoomData {
    let room = this.rooms.get(roomId);
    if (!room) {
      room = {
        messages: new Map(),
        hasMore: true,
        loaded: false,
        loading: null,
        loadError: null,
        members: null,
        typing: new Map(),
        typingSnapshot: null,
        ownIds: new Map(),
        snapshot: null,
      };
      this.rooms.set(roomId, room);
    }
    return room;
  }

  private pending(roomId: string): PendingMessage[] {
    const list: PendingMessage[] = [];
    for (const entry of this.outbox) {
      if (entry.roomId !== roomId || this.delivered.has(entry.clientMsgId)) continue;
      list.push({
        clientMsgId: entry.clientMsgId,
        roomId,
        kind: entry.kind,
        body: entry.body,
        createdAt: entry.createdAt,
        ...(entry.failed ? { failed: entry.failed } : {}),
        ...(entry.media ? { media: entry.media } : {}),
      });
    }
    for (const upload of this.uploads.values()) {
      if (upload.roomId !== roomId) continue;
      list.push({
        clientMsgId: upload.clientMsgId,
        roomId,
        kind: upload.kind,
        body: {},
        createdAt: upload.createdAt,
        ...(upload.failed ? { failed: upload.failed } : {}),
        upload: {
          progress: upload.progress,
          name: upload.file.name,
          size: upload.file.size,
          mime: upload.file.type,
          localUrl: upload.localUrl,
          ...(upload.recorded ? { recorded: upload.recorded } : {}),
        },
      });
    }
    return list.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  private readonly pendingSnapshots = new Map<string, RoomTimeline>();

  private pendingOnly(roomId: string): RoomTimeline {
    let snapshot = this.pendingSnapshots.get(roomId);
    if (!snapshot) {
      const pending = this.pending(roomId);
      snapshot = pending.length > 0 ? { ...emptyTimeline, pending } : emptyTimeline;
      this.pendingSnapshots.set(roomId, snapshot);
    }
    return snapshot;
  }

  private build(roomId: string, room: RoomData): RoomTimeline {
    return {
      messages: [...room.messages.values()].sort((a, b) => a.seq - b.seq),
      hasMore: room.hasMore,
      loaded: room.loaded,
      loading: room.loading,
      loadError: room.loadError,
      readSeqs: room.members ? Object.fromEntries(room.members) : null,
      pending: this.pending(roomId),
      ownIds: Object.fromEntries(room.ownIds),
    };
  }

  private invalidate(roomIds: Iterable<string>): void {
    for (const roomId of roomIds) {
      this.pendingSnapshots.delete(roomId);
      const room = this.rooms.get(roomId);
      if (room) room.snapshot = null;
    }
    this.changed();
  }

  private touch(room: RoomData): void {
    room.snapshot = null;
    this.changed();
  }

  private changed(): void {
    this.dirty = true;
    if (this.batchDepth === 0) this.emit();
  }

  private emit(): void {
    this.dirty = false;
    for (const listener of [...this.listeners]) listener();
  }
}
