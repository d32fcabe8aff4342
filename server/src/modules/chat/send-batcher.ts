import type { Database } from '../../platform/db/database';
import { AppError } from '../../platform/errors';
import { newId } from '../../platform/ids';
import type { AccountsDirectory } from '../accounts';
import type { ChatRepository, MessageRow } from './chat.repository';

export interface PendingSend {
  senderId: string;
  clientMsgId: string;
  kind: MessageRow['kind'];
  body: Record<string, unknown>;
  now: Date;
}

export interface SendResult {
  row: MessageRow;
  /** False when this clientMsgId had been sent before: the stored message is answered again. */
  created: boolean;
  /** Members who had blocked the sender and get a placeholder. */
  hiddenFrom: string[];
}

interface Waiting extends PendingSend {
  resolve(result: SendResult): void;
  reject(error: unknown): void;
}

const MAX_BATCH = 200;

/**
 * Group commit for sends. Sends to one room that arrive while that room's previous batch is being written wait
 * and are then written together: one transaction takes a run of consecutive seqs (the room row lock keeps other
 * nodes out meanwhile), inserts every message, and moves the senders' read pointers. Each sender still gets its
 * answer only after the commit. Seqs stay gapless: if a batch meets a clientMsgId that was stored before (a retry,
 * possibly through another node), the whole batch rolls back and is written again one by one.
 */
export class SendBatcher {
  private readonly queues = new Map<string, Waiting[]>();

  constructor(
    private readonly database: Database,
    private readonly repo: ChatRepository,
    private readonly people: AccountsDirectory,
  ) {}

  send(roomId: string, pending: PendingSend): Promise<SendResult> {
    return new Promise((resolve, reject) => {
      const queue = this.queues.get(roomId);
      if (queue) {
        queue.push({ ...pending, resolve, reject });
        return;
      }
      this.queues.set(roomId, [{ ...pending, resolve, reject }]);
      void this.drain(roomId);
    });
  }

  private async drain(roomId: string): Promise<void> {
    const queue = this.queues.get(roomId)!;
    while (queue.length > 0) {
      const batch = queue.splice(0, MAX_BATCH);
      try {
        const results = await this.commit(roomId, batch);
        batch.forEach((waiting, i) => {
          const result = results[i]!;
          if (result instanceof AppError) waiting.reject(result);
          else waiting.resolve(result);
        });
      } catch (err) {
        for (const waiting of batch) waiting.reject(err);
      }
    }
    this.queues.delete(roomId);
  }

  private async commit(roomId: string, all: Waiting[]): Promise<Array<SendResult | AppError>> {
    // Only members send: one query for the whole batch.
    const members = new Set(await this.repo.membersAmong(roomId, [...new Set(all.map((w) => w.senderId))]));
    const batch = all.filter((w) => members.has(w.senderId));

    // One message per (sender, clientMsgId) in the batch; repeats get the same answer.
    const key = (senderId: string, clientMsgId: string) => `${senderId}\u0000${clientMsgId}`;
    const fresh = new Map<string, Waiting>();
    for (const waiting of batch) {
      const k = key(waiting.senderId, waiting.clientMsgId);
      if (!fresh.has(k)) fresh.set(k, waiting);
    }

    const blockers = await this.people.blockersOf([...new Set(batch.map((w) => w.senderId))]);
    const blockingMembers = blockers.size > 0 ? new Set(await this.repo.membersAmong(roomId, [...new Set([...blockers.values()].flat())])) : new Set<string>();
    const hiddenFor = (senderId: string) => (blockers.get(senderId) ?? []).filter((id) => blockingMembers.has(id));

    const { created, earlier } = await this.writeAll(roomId, fresh, hiddenFor);

    const answered = new Set<string>();
    return all.map((waiting) => {
      if (!members.has(waiting.senderId)) return new AppError('forbidden', 'You are not a member of this room.');
      const k = key(waiting.senderId, waiting.clientMsgId);
      const row = created.get(k);
      if (row && !answered.has(k)) {
        answered.add(k);
        return { row, created: true, hiddenFrom: hiddenFor(waiting.senderId) };
      }
      return { row: (row ?? earlier.get(k))!, created: false, hiddenFrom: [] };
    });
  }

  /** Writes the batch in one transaction; if a clientMsgId was stored before, answers it and writes the rest one by one. */
  private async writeAll(
    roomId: string,
    fresh: Map<string, Waiting>,
    hiddenFor: (senderId: string) => string[],
  ): Promise<{ created: Map<string, MessageRow>; earlier: Map<string, MessageRow> }> {
    const earlier = new Map<string, MessageRow>();
    if (fresh.size === 0) return { created: new Map(), earlier };
    try {
      // Optimistic: retries of stored messages are rare, so the batch is written without looking first.
      return { created: await this.write(roomId, [...fresh.entries()], hiddenFor), earlier };
    } catch (err) {
      if (!(err instanceof AlreadyStored)) throw err;
    }
    const created = new Map<string, MessageRow>();
    for (const [k, waiting] of fresh) {
      const stored = (await this.repo.findByClientMsgIds(roomId, [waiting]))[0];
      if (stored) earlier.set(k, stored);
      else for (const [written, row] of await this.write(roomId, [[k, waiting]], hiddenFor)) created.set(written, row);
    }
    return { created, earlier };
  }

  private async write(
    roomId: string,
    entries: Array<[string, Waiting]>,
    hiddenFor: (senderId: string) => string[],
  ): Promise<Map<string, MessageRow>> {
    return this.database.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      const first = await repo.nextSeqs(roomId, entries.length, entries.at(-1)![1].now);
      const rows: MessageRow[] = entries.map(([, w], i) => ({
        id: newId('msg'),
        roomId,
        seq: first + i,
        senderId: w.senderId,
        clientMsgId: w.clientMsgId,
        kind: w.kind,
        body: w.body,
        createdAt: w.now,
        deletedAt: null,
      }));
      if ((await repo.insertMessages(rows)) !== rows.length) throw new AlreadyStored();
      const lastBySender = new Map<string, number>();
      for (const row of rows) lastBySender.set(row.senderId, row.seq);
      await repo.readUpTo(roomId, lastBySender);
      for (const row of rows) await repo.hideFrom(roomId, row.seq, hiddenFor(row.senderId));
      return new Map(entries.map(([k], i) => [k, rows[i]!]));
    });
  }
}

class AlreadyStored extends Error {}
