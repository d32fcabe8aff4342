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
  /** The owed card (chat_card_outbox) this message posts: cleared in the message's own transaction. */
  owedCardId?: string;
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
 * possibly through another node), or one of its messages cannot be written, the whole batch rolls back and is
 * written again one by one, so only the message that failed gets an error and everyone else's is stored and acked.
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
          if ('failed' in result) waiting.reject(result.failed);
          else waiting.resolve(result);
        });
      } catch (err) {
        for (const waiting of batch) waiting.reject(err);
      }
    }
    this.queues.delete(roomId);
  }

  private async commit(roomId: string, all: Waiting[]): Promise<Array<SendResult | { failed: unknown }>> {
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

    const { created, earlier, failed } = await this.writeAll(roomId, fresh, hiddenFor);
    const outsiders = [...new Set(all.filter((w) => !members.has(w.senderId)).map((w) => w.senderId))];
    const suspended = new Set(outsiders.length > 0 ? await this.repo.suspendedAmong(roomId, outsiders) : []);

    const answered = new Set<string>();
    return all.map((waiting) => {
      if (suspended.has(waiting.senderId)) return { failed: new AppError('subscription_required', 'Your subscription to this room ended: subscribe again to take part.') };
      if (!members.has(waiting.senderId)) return { failed: new AppError('forbidden', 'You are not a member of this room.') };
      const k = key(waiting.senderId, waiting.clientMsgId);
      if (failed.has(k)) return { failed: failed.get(k) };
      const row = created.get(k);
      if (row && !answered.has(k)) {
        answered.add(k);
        return { row, created: true, hiddenFrom: hiddenFor(waiting.senderId) };
      }
      return { row: (row ?? earlier.get(k))!, created: false, hiddenFrom: [] };
    });
  }

  /**
   * Writes the batch in one transaction. If that fails (a clientMsgId stored before, or a message the database
   * refuses), writes the messages one by one instead: stored ones are answered, and a failure is that message's alone.
   */
  private async writeAll(
    roomId: string,
    fresh: Map<string, Waiting>,
    hiddenFor: (senderId: string) => string[],
  ): Promise<{ created: Map<string, MessageRow>; earlier: Map<string, MessageRow>; failed: Map<string, unknown> }> {
    const earlier = new Map<string, MessageRow>();
    const failed = new Map<string, unknown>();
    if (fresh.size === 0) return { created: new Map(), earlier, failed };
    try {
      // Optimistic: retries of stored messages and refused messages are rare, so the batch is written without looking first.
      return { created: await this.write(roomId, [...fresh.entries()], hiddenFor), earlier, failed };
    } catch (err) {
      if (!(err instanceof AlreadyStored) && fresh.size === 1) throw err;
    }
    const created = new Map<string, MessageRow>();
    for (const [k, waiting] of fresh) {
      try {
        const stored = (await this.repo.findByClientMsgIds(roomId, [waiting]))[0];
        if (stored) earlier.set(k, stored);
        else for (const [written, row] of await this.write(roomId, [[k, waiting]], hiddenFor)) created.set(written, row);
      } catch (err) {
        failed.set(k, err);
      }
    }
    return { created, earlier, failed };
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
      await repo.clearOwedCards(entries.flatMap(([, w]) => (w.owedCardId ? [w.owedCardId] : [])));
      return new Map(entries.map(([k], i) => [k, rows[i]!]));
    });
  }
}

class AlreadyStored extends Error {}
