import type { Ack, Media, Message } from '@maum/protocol';
import type { MediaRow, MessageRow } from './chat.repository';

export function toMessage(row: MessageRow, hidden = false, reactions: Record<string, string[]> = {}): Message {
  return {
    id: row.id,
    roomId: row.roomId,
    seq: row.seq,
    senderId: row.senderId,
    kind: row.kind,
    body: hidden ? {} : row.body,
    createdAt: row.createdAt.toISOString(),
    deletedAt: row.deletedAt?.toISOString() ?? null,
    hidden,
    reactions: hidden ? {} : reactions,
  };
}

export function toAck(row: MessageRow): Ack {
  return { clientMsgId: row.clientMsgId ?? '', roomId: row.roomId, seq: row.seq, id: row.id, createdAt: row.createdAt.toISOString() };
}

export function toMedia(row: MediaRow): Media {
  return {
    id: row.id,
    kind: row.kind,
    mime: row.mime,
    name: row.name,
    size: row.size,
    width: row.width,
    height: row.height,
    durationMs: row.durationMs,
    waveform: row.waveform ?? null,
    panorama: row.panorama,
    // jsonb keeps no key order, so the list is sorted to be stable.
    variants: Object.keys(row.variants).sort() as Media['variants'],
  };
}
