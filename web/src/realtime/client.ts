import {
  chatApi,
  OutgoingBody,
  type Ack,
  type HelloFrame,
  type Message,
  type RoomMember,
  type RoomSummary,
  type ServerFrame,
} from '@maum/protocol';
import { call, isApiError, upload } from '../api/client';
import { getToken } from '../api/token';
import { RealtimeConnection, socketUrl } from './connection';
import { Cursors } from './cursors';
import { mediaCache } from './mediaCache';
import { Outbox, type OutboxEntry } from './outbox';
import { chatKey, readJson, removeKey, writeJson } from './storage';
import { ChatStore, type UploadState } from './store';

/** What the rest of the app may want to follow, such as the room list and its unread counts. */
export type ChatEvent =
  | { type: 'message'; message: Message; mine: boolean; viewing: boolean }
  | { type: 'read'; roomId: string; seq: number }
  | { type: 'deleted'; roomId: string; seq: number }
  | { type: 'room-changed'; roomId: string }
  | { type: 'translated'; roomId: string; seq: number; lang: string; text: string }
  | { type: 'profiles-notice'; unread: number }
  | { type: 'reset'; roomId: string }
  | { type: 'caught-up' }
  | { type: 'unauthorized' };

/** The largest file of each kind the server accepts; checked here too, so nobody waits for a refused upload. */
export const MEDIA_LIMITS = { image: 20 * 1024 * 1024, video: 200 * 1024 * 1024, file: 100 * 1024 * 1024, voice: 10 * 1024 * 1024 } as const;
/** The sound formats the server takes as voice messages; other sound is shared as a file. */
const VOICE_TYPES = /^audio\/(webm|ogg|opus|mp4|x-m4a|m4a|aac|mpeg|mp3)\b/;
/** Typing is announced at most this often while someone keeps typing. */
export const TYPING_EVERY_MS = 3000;
const PAGE = 50;
const SENT_LOG_SIZE = 300;

/** An id for a message that is unique without asking anyone; also works on plain-http self-hosted servers. */
export function newClientMsgId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function mediaKindOf(file: File): 'image' | 'video' | 'file' | 'voice' {
  if (file.type.startsWith('image/')) return 'image';
  if (file.type.startsWith('video/')) return 'video';
  if (VOICE_TYPES.test(file.type)) return 'voice';
  return 'file';
}

/** What the sender's bubble shows of a recording until the server has measured it. */
export interface RecordedVoice {
  durationMs: number;
  waveform: number[];
}

type SentLog = [roomId: string, seq: number, clientMsgId: string][];

/**
 * The chat client of one signed-in tab: one socket, cursors that let a reload resume where it left off, and an
 * outbox that keeps every message until the server acknowledges it. Sends are retried with the same client id,
 * which the server uses to answer with the first ack instead of storing a second message.
 */
export class ChatClient {
  readonly store = new ChatStore();
  private userId: string | null = null;
  private connection: RealtimeConnection | null = null;
  private cursors: Cursors | null = null;
  private outbox: Outbox | null = null;
  private sentLog: SentLog = [];
  private readonly listeners = new Set<(event: ChatEvent) => void>();
  private activeRoom: string | null = null;
  private readonly readSent = new Map<string, number>();
  private readonly typingSentAt = new Map<string, number>();
  private readonly loads = new Map<string, Promise<void>>();
  /** Who the caller is in rooms where that is not their account id (open rooms know members by a member id). */
  private readonly selves = new Map<string, string>();
  /** Bumped on every start and stop, so answers for a previous account are thrown away. */
  private generation = 0;

  me(): string | null {
    return this.userId;
  }

  /** Who the caller is in a room's messages, reactions and reads: their member id in an open room, else their user id. */
  selfIn(roomId: string): string | null {
    return this.selves.get(roomId) ?? this.userId;
  }

  /** Remembers the caller's id in a room (`Room.selfId`), from the room or the room list. */
  learnSelf(roomId: string, selfId: string): void {
    if (selfId === this.userId) this.selves.delete(roomId);
    else this.selves.set(roomId, selfId);
  }

  start(userId: string): void {
    if (this.userId === userId && this.connection) return;
    if (this.userId) this.stop();
    this.generation++;
    this.userId = userId;
    const cursors = new Cursors(chatKey(userId, 'cursors'));
    this.cursors = cursors;
    const outbox = new Outbox(chatKey(userId, 'outbox'), (roomIds) => this.store.setOutbox(outbox.list(), roomIds));
    this.outbox = outbox;
    this.sentLog = (readJson<SentLog>(chatKey(userId, 'sent')) ?? []).filter(
      (e) => Array.isArray(e) && typeof e[0] === 'string' && typeof e[1] === 'number' && typeof e[2] === 'string',
    );
    this.store.batch(() => {
      this.store.setOutbox(outbox.list(), outbox.list().map((e) => e.roomId));
      for (const [roomId, seq, clientMsgId] of this.sentLog) this.store.setOwnId(roomId, seq, clientMsgId);
    });
    this.connection = new RealtimeConnection({
      url: socketUrl,
      hello: () => this.hello(),
      onFrame: (frame) => this.onFrame(frame),
      onState: (state) => this.store.setStatus(state),
      onUnauthorized: () => this.emit({ type: 'unauthorized' }),
    });
    document.addEventListener('visibilitychange', this.onVisibility);
    window.addEventListener('pagehide', this.onPageHide);
    this.connection.start();
  }

  /** Closes the socket. `forget` also wipes what this device keeps for the account, unsent messages included. */
  stop({ forget = false }: { forget?: boolean } = {}): void {
    const userId = this.userId;
    this.generation++;
    this.connection?.stop();
    this.cursors?.dispose();
    this.outbox?.dispose();
    document.removeEventListener('visibilitychange', this.onVisibility);
    window.removeEventListener('pagehide', this.onPageHide);
    if (forget && userId) {
      removeKey(chatKey(userId, 'cursors'));
      removeKey(chatKey(userId, 'outbox'));
      removeKey(chatKey(userId, 'sent'));
    }
    this.connection = null;
    this.cursors = null;
    this.outbox = null;
    this.userId = null;
    this.activeRoom = null;
    this.sentLog = [];
    this.readSent.clear();
    this.typingSentAt.clear();
    this.loads.clear();
    this.selves.clear();
    this.store.clear();
    mediaCache.clear();
  }

  /** Connects again after the server ended the session but the session turned out to be fine. */
  resume(): void {
    this.connection?.start();
  }

  on(listener: (event: ChatEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The room on screen; its messages are marked read while the tab is visible. */
  openRoom(roomId: string): () => void {
    this.activeRoom = roomId;
    const info = this.store.info(roomId);
    if (!info?.loaded && !info?.loading) void this.loadLatest(roomId);
    this.markRead(roomId);
    return () => {
      if (this.activeRoom === roomId) this.activeRoom = null;
    };
  }

  isViewing(roomId: string): boolean {
    return this.activeRoom === roomId && document.visibilityState === 'visible';
  }

  loadLatest(roomId: string): Promise<void> {
    const running = this.loads.get(roomId);
    if (running) return running;
    return this.loadPage(roomId, 'latest');
  }

  loadOlder(roomId: string): Promise<void> {
    const running = this.loads.get(roomId);
    if (running) return running;
    const info = this.store.info(roomId);
    const oldest = this.store.oldestSeq(roomId);
    if (!info?.loaded || oldest === undefined) return this.loadLatest(roomId);
    if (!info.hasMore) return Promise.resolve();
    if (oldest <= 1) {
      this.store.putPage(roomId, [], false, false);
      return Promise.resolve();
    }
    return this.loadPage(roomId, 'older', oldest);
  }

  /** Callers first check `loads`, so that a room has one history request in flight at a time. */
  private loadPage(roomId: string, which: 'latest' | 'older', before?: number): Promise<void> {
    const generation = this.generation;
    this.store.setLoading(roomId, which);
    const load = call(chatApi.history, { params: { roomId }, query: { before, limit: PAGE } })
      .then(({ messages, hasMore }) => {
        if (generation !== this.generation) return;
        this.store.batch(() => {
          this.store.putPage(roomId, messages, hasMore, which === 'latest');
          this.store.setLoading(roomId, null);
        });
        if (which === 'latest') {
          const last = messages[messages.length - 1];
          if (last) this.cursors?.advanceTo(roomId, last.seq);
          this.markRead(roomId);
        }
      })
      .catch((error: unknown) => {
        if (generation === this.generation) this.store.setLoading(roomId, null, error);
      })
      .finally(() => {
        if (this.loads.get(roomId) === load) this.loads.delete(roomId);
      });
    this.loads.set(roomId, load);
    return load;
  }

  /** Loads older pages until `seq` is held (for jumping to a search result); says whether it got there. */
  async reach(roomId: string, seq: number): Promise<boolean> {
    for (let pages = 0; pages < 40; pages++) {
      if (this.store.message(roomId, seq)) return true;
      const info = this.store.info(roomId);
      const oldest = this.store.oldestSeq(roomId);
      if (info?.loaded && (!info.hasMore || (oldest !== undefined && oldest <= seq))) break;
      await this.loadOlder(roomId);
      if (this.store.info(roomId)?.loadError) break;
    }
    return this.store.message(roomId, seq) !== undefined;
  }

  /** Queues a text message (a reply when `replyToSeq` is given); it shows at once and goes out when it can. */
  sendText(roomId: string, text: string, replyToSeq?: number): boolean {
    const body = replyToSeq ? { text: text.trim(), replyToSeq } : { text: text.trim() };
    const parsed = OutgoingBody.safeParse({ kind: replyToSeq ? 'reply' : 'text', body });
    if (!parsed.success || !this.outbox) return false;
    const entry: OutboxEntry = {
      clientMsgId: newClientMsgId(),
      roomId,
      kind: parsed.data.kind,
      body: parsed.data.body,
      createdAt: new Date().toISOString(),
    };
    this.outbox.add(entry);
    this.transmit(entry);
    return true;
  }

  /**
   * Uploads a file and then sends it; answers an error code when the file is refused before uploading. A voice
   * recording made here comes with what was heard, for its bubble while it goes up.
   */
  sendFile(roomId: string, file: File, recorded?: RecordedVoice): string | null {
    if (!this.userId) return 'unknown';
    const kind = mediaKindOf(file);
    if (file.size > MEDIA_LIMITS[kind]) return 'payload_too_large';
    if (file.size === 0) return 'validation_failed';
    const upload: UploadState = {
      clientMsgId: newClientMsgId(),
      roomId,
      file,
      kind,
      createdAt: new Date().toISOString(),
      progress: 0,
      localUrl: kind === 'file' ? null : URL.createObjectURL(file),
      controller: null,
      ...(recorded ? { recorded } : {}),
    };
    this.store.setUpload(upload);
    this.startUpload(upload.clientMsgId);
    return null;
  }

  retry(clientMsgId: string): void {
    if (this.store.getUpload(clientMsgId)) {
      this.startUpload(clientMsgId);
      return;
    }
    const entry = this.outbox?.get(clientMsgId);
    if (!entry) return;
    this.outbox?.update(clientMsgId, { failed: undefined });
    this.transmit(entry);
  }

  /** Gives up on a message that has not been delivered. */
  discard(clientMsgId: string): void {
    const upload = this.store.removeUpload(clientMsgId);
    if (upload) {
      upload.controller?.abort();
      if (upload.localUrl) URL.revokeObjectURL(upload.localUrl);
      return;
    }
    this.outbox?.remove(clientMsgId);
  }

  typing(roomId: string): void {
    const now = Date.now();
    if (now - (this.typingSentAt.get(roomId) ?? 0) < TYPING_EVERY_MS) return;
    if (this.connection?.send({ t: 'typing', roomId })) this.typingSentAt.set(roomId, now);
  }

  /** Forgets that typing was announced, so the next keystroke (after sending) announces it again. */
  stoppedTyping(roomId: string): void {
    this.typingSentAt.delete(roomId);
  }

  setMembers(roomId: string, members: readonly RoomMember[]): void {
    this.store.setMembers(roomId, members.map((m) => ({ userId: m.user.id, readSeq: m.readSeq })));
    this.markRead(roomId);
  }

  /** Rooms from the room list: the socket resumes from their last message on the next connect. */
  learnRooms(rooms: readonly RoomSummary[]): void {
    for (const room of rooms) {
      this.cursors?.learn(room.id, room.lastSeq);
      this.learnSelf(room.id, room.selfId);
    }
  }

  /** After leaving a room: nothing of it is kept or resumed. */
  forgetRoom(roomId: string): void {
    this.cursors?.forget(roomId);
    this.selves.delete(roomId);
    for (const entry of this.outbox?.list() ?? []) if (entry.roomId === roomId) this.outbox?.remove(entry.clientMsgId);
    this.store.drop(roomId);
  }

  applyDeleted(roomId: string, seq: number): void {
    this.store.markDeleted(roomId, seq, new Date().toISOString());
    this.emit({ type: 'deleted', roomId, seq });
  }

  applyReactions(roomId: string, seq: number, reactions: Record<string, string[]>): void {
    this.store.setReactions(roomId, seq, reactions);
  }

  private hello(): HelloFrame | null {
    const token = getToken();
    if (!token || !this.cursors) return null;
    // The app's language, as the page declares it: the socket then hears open rooms' translations into it.
    const lang = document.documentElement.lang.slice(0, 2);
    return { t: 'hello', token, cursors: this.cursors.all(), ...(/^[a-z]{2}$/.test(lang) ? { lang } : {}) };
  }

  private onFrame(frame: ServerFrame): void {
    switch (frame.t) {
      case 'welcome':
        this.flushOutbox();
        if (this.activeRoom) this.markRead(this.activeRoom);
        break;
      case 'msg': {
        const { t: _t, ...message } = frame;
        this.receive(message);
        break;
      }
      case 'ack':
        this.acked(frame);
        break;
      case 'read':
        this.store.setRead(frame.roomId, frame.userId, frame.seq);
        if (frame.userId === this.selfIn(frame.roomId)) this.emit({ type: 'read', roomId: frame.roomId, seq: frame.seq });
        break;
      case 'typing':
        if (frame.userId !== this.selfIn(frame.roomId)) this.store.setTyping(frame.roomId, frame.userId);
        break;
      case 'reset':
        this.cursors?.advanceTo(frame.roomId, frame.lastSeq);
        this.store.reset(frame.roomId);
        this.emit({ type: 'reset', roomId: frame.roomId });
        if (this.activeRoom === frame.roomId) void this.loadLatest(frame.roomId);
        break;
      case 'caught_up':
        this.emit({ type: 'caught-up' });
        break;
      case 'event':
        if (frame.name === 'chat.message.deleted') {
          this.store.markDeleted(frame.data.roomId, frame.data.seq, new Date().toISOString());
          this.emit({ type: 'deleted', roomId: frame.data.roomId, seq: frame.data.seq });
        } else if (frame.name === 'chat.reactions.changed') {
          this.store.setReactions(frame.data.roomId, frame.data.seq, frame.data.reactions);
        } else if (frame.name === 'chat.room.changed') {
          this.emit({ type: 'room-changed', roomId: frame.data.roomId });
        } else if (frame.name === 'openlink.translated') {
          this.emit({ type: 'translated', ...frame.data });
        } else if (frame.name === 'profiles.notice') {
          this.emit({ type: 'profiles-notice', unread: frame.data.unread });
        }
        break;
      case 'error':
        if (frame.ref && this.outbox?.get(frame.ref)) this.outbox.update(frame.ref, { failed: frame.code || 'unknown' });
        break;
    }
  }

  private receive(message: Message): void {
    this.store.batch(() => {
      this.store.put(message.roomId, [message]);
      // Sending moves the sender's own read pointer to the message, without a `read` frame for it.
      this.store.setRead(message.roomId, message.senderId, message.seq);
      if (message.senderId === this.selfIn(message.roomId)) this.claim(message);
    });
    this.cursors?.note(message.roomId, message.seq);
    const viewing = this.isViewing(message.roomId);
    this.emit({ type: 'message', message, mine: message.senderId === this.selfIn(message.roomId), viewing });
    if (viewing) this.markRead(message.roomId);
  }

  /**
   * The server delivers a message to its sender's socket before the ack, so a `msg` of ours that matches the oldest
   * outbox entry of the same content takes that entry's place at once; the ack confirms or corrects it.
   */
  private claim(message: Message): void {
    if (this.store.ownIdOf(message.roomId, message.seq)) return;
    const entry = this.outbox
      ?.list()
      .find((e) => e.roomId === message.roomId && !e.failed && !this.store.isDelivered(e.clientMsgId) && sameContent(e, message));
    if (entry) this.store.markDelivered(message.roomId, message.seq, entry.clientMsgId);
  }

  private acked(ack: Ack): void {
    let delivered: Message | null = null;
    this.store.batch(() => {
      for (const message of this.store.getRoom(ack.roomId).messages) {
        if (message.seq !== ack.seq && this.store.ownIdOf(ack.roomId, message.seq) === ack.clientMsgId) {
          this.store.removeOwnId(ack.roomId, message.seq);
        }
      }
      const entry = this.outbox?.remove(ack.clientMsgId);
      this.store.setOwnId(ack.roomId, ack.seq, ack.clientMsgId);
      const self = this.selfIn(ack.roomId);
      if (self) this.store.setRead(ack.roomId, self, ack.seq);
      this.logSent(ack.roomId, ack.seq, ack.clientMsgId);
      // The message itself comes as a `msg` too, but maybe later: until then the bubble stays where it was.
      if (entry && !this.store.message(ack.roomId, ack.seq)) delivered = this.delivered(entry, ack);
      if (delivered) this.store.put(ack.roomId, [delivered]);
    });
    if (delivered) this.emit({ type: 'message', message: delivered, mine: true, viewing: this.isViewing(ack.roomId) });
    if (this.isViewing(ack.roomId)) this.markRead(ack.roomId);
  }

  private delivered(entry: OutboxEntry, ack: Ack): Message {
    const body: Record<string, unknown> = { ...entry.body };
    if (entry.media) body.media = entry.media;
    if (entry.kind === 'reply' && typeof entry.body.replyToSeq === 'number') {
      const quoted = this.store.message(entry.roomId, entry.body.replyToSeq);
      if (quoted) {
        const text = typeof quoted.body.text === 'string' ? quoted.body.text : typeof quoted.body.caption === 'string' ? quoted.body.caption : '';
        body.replyPreview = { senderId: quoted.senderId, kind: quoted.kind, text };
      }
    }
    return {
      id: ack.id,
      roomId: ack.roomId,
      seq: ack.seq,
      senderId: this.selfIn(ack.roomId) ?? '',
      kind: entry.kind,
      body,
      createdAt: ack.createdAt,
      deletedAt: null,
      hidden: false,
      reactions: {},
    };
  }

  private logSent(roomId: string, seq: number, clientMsgId: string): void {
    if (!this.userId) return;
    this.sentLog = [...this.sentLog.filter((e) => e[2] !== clientMsgId), [roomId, seq, clientMsgId] as SentLog[number]].slice(
      -SENT_LOG_SIZE,
    );
    writeJson(chatKey(this.userId, 'sent'), this.sentLog);
  }

  private transmit(entry: OutboxEntry): void {
    this.connection?.send({
      t: 'send',
      roomId: entry.roomId,
      clientMsgId: entry.clientMsgId,
      ...({ kind: entry.kind, body: entry.body } as OutgoingBody),
    });
  }

  /** Everything not yet acknowledged goes (again) on every new connection; the server drops what it already has. */
  private flushOutbox(): void {
    for (const entry of this.outbox?.list() ?? []) if (!entry.failed) this.transmit(entry);
  }

  private startUpload(clientMsgId: string): void {
    const current = this.store.getUpload(clientMsgId);
    if (!current) return;
    const controller = new AbortController();
    const generation = this.generation;
    const { failed: _failed, ...rest } = current;
    this.store.setUpload({ ...rest, progress: 0, controller });
    upload(chatApi.upload, current.file, {
      params: { roomId: current.roomId },
      signal: controller.signal,
      onProgress: (progress) => {
        const now = this.store.getUpload(clientMsgId);
        if (now && now.controller === controller) this.store.setUpload({ ...now, progress });
      },
    })
      .then((media) => {
        if (generation !== this.generation) return;
        const done = this.store.getUpload(clientMsgId);
        if (!done || done.controller !== controller || !this.outbox) return;
        if (done.localUrl) {
          if (media.kind === 'image') mediaCache.seed(media.id, 'thumb', done.localUrl);
          else if (media.kind === 'video' || media.kind === 'voice') mediaCache.seed(media.id, 'original', done.localUrl);
          else URL.revokeObjectURL(done.localUrl);
        }
        const entry: OutboxEntry = {
          clientMsgId,
          roomId: done.roomId,
          kind: media.kind,
          body: { mediaId: media.id },
          createdAt: done.createdAt,
          media,
        };
        const outbox = this.outbox;
        this.store.batch(() => {
          this.store.removeUpload(clientMsgId);
          outbox.add(entry);
        });
        this.transmit(entry);
      })
      .catch((error: unknown) => {
        if (generation !== this.generation) return;
        const now = this.store.getUpload(clientMsgId);
        if (!now || now.controller !== controller) return;
        if (isApiError(error) && error.code === 'aborted') return;
        this.store.setUpload({ ...now, controller: null, failed: isApiError(error) ? error.code : 'unknown' });
      });
  }

  private markRead(roomId: string): void {
    const self = this.selfIn(roomId);
    if (!self || !this.isViewing(roomId)) return;
    const newest = this.store.newestSeq(roomId);
    if (newest < 1) return;
    const known = Math.max(this.readSent.get(roomId) ?? 0, this.store.readSeqOf(roomId, self) ?? 0);
    if (newest <= known) return;
    if (!this.connection?.send({ t: 'read', roomId, seq: newest })) return;
    this.readSent.set(roomId, newest);
    this.store.setRead(roomId, self, newest);
    this.emit({ type: 'read', roomId, seq: newest });
  }

  private emit(event: ChatEvent): void {
    for (const listener of [...this.listeners]) listener(event);
  }

  private readonly onVisibility = () => {
    if (this.activeRoom && document.visibilityState === 'visible') this.markRead(this.activeRoom);
  };

  private readonly onPageHide = () => {
    this.cursors?.flush();
  };
}

function sameContent(entry: OutboxEntry, message: Message): boolean {
  if (entry.kind !== message.kind) return false;
  const a = entry.body;
  const b = message.body;
  if (entry.kind === 'text') return a.text === b.text;
  if (entry.kind === 'reply') return a.text === b.text && a.replyToSeq === b.replyToSeq;
  return a.mediaId === b.mediaId;
}

/** The one chat client of this tab. */
export const chat = new ChatClient();
