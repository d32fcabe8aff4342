import { readJson, writeJson } from './storage';

type Stored = Record<string, number>;

/** `hello` must stay under the frame size limit; rooms beyond these are simply fetched when opened. */
const MAX_IN_HELLO = 1000;

/**
 * Per room, the highest seq below which nothing is missing: what `hello` resumes from. Messages may arrive out of
 * order, so seqs above the cursor wait in `ahead` until the gap below them closes.
 */
export class Cursors {
  private readonly cursors = new Map<string, number>();
  private readonly ahead = new Map<string, Set<number>>();
  private readonly forgotten = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly key: string) {
    const stored = readJson<Stored>(key);
    if (stored && typeof stored === 'object') {
      for (const [roomId, seq] of Object.entries(stored)) {
        if (Number.isInteger(seq) && seq >= 0) this.cursors.set(roomId, seq);
      }
    }
  }

  /** What to send in `hello`: the rooms that moved most recently. */
  all(): Record<string, number> {
    return Object.fromEntries([...this.cursors].slice(-MAX_IN_HELLO));
  }

  get(roomId: string): number | undefined {
    return this.cursors.get(roomId);
  }

  /** A message arrived. In a room not seen before, the first message starts the count. */
  note(roomId: string, seq: number): void {
    const current = this.cursors.get(roomId) ?? seq - 1;
    if (seq <= current) {
      this.set(roomId, current);
      return;
    }
    let ahead = this.ahead.get(roomId);
    if (!ahead) {
      ahead = new Set();
      this.ahead.set(roomId, ahead);
    }
    ahead.add(seq);
    this.set(roomId, this.absorb(roomId, current));
  }

  /** Everything up to `seq` is accounted for: a latest page was loaded, or the server reset the room. */
  advanceTo(roomId: string, seq: number): void {
    const current = this.cursors.get(roomId);
    if (current !== undefined && current >= seq) return;
    this.set(roomId, this.absorb(roomId, seq));
  }

  /** A room learnt from the room list: resume from its last message unless more is already known. */
  learn(roomId: string, lastSeq: number): void {
    if (!this.cursors.has(roomId)) this.advanceTo(roomId, lastSeq);
  }

  forget(roomId: string): void {
    this.cursors.delete(roomId);
    this.ahead.delete(roomId);
    this.forgotten.add(roomId);
    this.schedule();
  }

  /** Writes now rather than after the usual pause, for when the page is going away. */
  flush(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    // Another tab of the same account may have moved further; cursors only go forward, so the larger wins.
    const stored = readJson<Stored>(this.key) ?? {};
    for (const roomId of this.forgotten) delete stored[roomId];
    this.forgotten.clear();
    // Written oldest first, as held here, so the order keeps telling which rooms moved last.
    const merged: Stored = {};
    for (const [roomId, seq] of Object.entries(stored)) if (!this.cursors.has(roomId)) merged[roomId] = seq;
    for (const [roomId, seq] of this.cursors) {
      const other = stored[roomId];
      merged[roomId] = typeof other === 'number' && other > seq ? other : seq;
    }
    writeJson(this.key, merged);
  }

  dispose(): void {
    if (this.timer !== null) this.flush();
  }

  private absorb(roomId: string, from: number): number {
    let cursor = from;
    const ahead = this.ahead.get(roomId);
    if (!ahead) return cursor;
    for (const seq of ahead) if (seq <= cursor) ahead.delete(seq);
    while (ahead.delete(cursor + 1)) cursor++;
    if (ahead.size === 0) this.ahead.delete(roomId);
    return cursor;
  }

  private set(roomId: string, seq: number): void {
    if (this.cursors.get(roomId) === seq) return;
    this.cursors.delete(roomId);
    this.cursors.set(roomId, seq);
    this.forgotten.delete(roomId);
    this.schedule();
  }

  private schedule(): void {
    if (this.timer !== null) return;
    this.timer = setTimeout(() => this.flush(), 400);
  }
}
