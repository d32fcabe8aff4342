import { errorStatus, MAX_FRAME_BYTES, MAX_TEXT, type Message, type Room } from '@maum/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupRoom, people, type Person } from './support/chat';
import { recordingLogger, replyProblem, send } from './support/fuzz';
import { startTestServer, type TestServer } from './support/test-server';
import { TestSocket } from './support/ws-client';

// One member of a group floods it with messages no one should be able to store (NUL, lone surrogates, oversized
// text, frames near the cap) while the others chat normally in the same room at the same moment. Whatever the
// flooder gets, every valid message is acked once and stored, and the room's seqs stay gapless.

let server: TestServer;
const recorder = recordingLogger();
const sockets: TestSocket[] = [];

beforeAll(async () => {
  // Per-socket frame limits lifted, so no valid sender is rate limited and every bad frame reaches the handler.
  server = await startTestServer({ WS_FRAMES_PER_SECOND: '100000', WS_FRAME_BURST: '100000' }, { log: recorder.log });
});
afterAll(async () => {
  for (const socket of sockets) socket.close();
  await server.close();
});

async function open(token: string, cursors: Record<string, number> = {}): Promise<TestSocket> {
  const socket = await TestSocket.open(server.url, token, cursors);
  sockets.push(socket);
  return socket;
}

interface Bad {
  clientMsgId: string;
  what: string;
  text: string;
  /** Extra fields, to make a frame as large as wanted. */
  pad?: string;
}

/** Texts no message may be stored with, or that the schema refuses: `count` of them, the kinds taking turns. */
function badTexts(prefix: string, count: number, forFrames: boolean): Bad[] {
  const kinds: Array<Omit<Bad, 'clientMsgId'>> = [
    { what: 'NUL in the text', text: 'before\u0000after' },
    { what: 'only NUL', text: '\u0000' },
    { what: 'a lone high surrogate', text: 'broken \ud800 pair' },
    { what: 'a lone low surrogate', text: '\udc00' },
    { what: `a text over MAX_TEXT (${MAX_TEXT + 1})`, text: 'x'.repeat(MAX_TEXT + 1) },
    { what: 'NUL and a lone surrogate near MAX_TEXT', text: `${'y'.repeat(MAX_TEXT - 3)}\u0000\ud800` },
  ];
  if (forFrames) {
    // Under the frame cap by a little: valid JSON, a text far over MAX_TEXT.
    kinds.push({ what: 'a frame near the frame cap (text over MAX_TEXT)', text: 'z'.repeat(MAX_FRAME_BYTES - 300) });
    // A legal text in a frame padded to near the cap with a field the schema does not know.
    kinds.push({ what: 'a frame near the frame cap (NUL text, padded)', text: 'pad\u0000', pad: 'p'.repeat(MAX_FRAME_BYTES - 400) });
  }
  return Array.from({ length: count }, (_, i) => ({ clientMsgId: `${prefix}-${i}`, ...kinds[i % kinds.length]! }));
}

/** Every message of the room, oldest first, read over HTTP page by page. */
async function history(roomId: string, token: string): Promise<Message[]> {
  const all: Message[] = [];
  let before: number | undefined;
  for (;;) {
    const page = await server.request('GET', `/api/rooms/${roomId}/messages?limit=200${before ? `&before=${before}` : ''}`, { token });
    expect(page.status).toBe(200);
    all.unshift(...(page.body.messages as Message[]));
    if (!page.body.hasMore) return all;
    before = page.body.messages[0].seq;
  }
}

/** Reads the room from a fresh socket that says it holds seq 1: the replay before `caught_up`. */
async function synced(roomId: string, token: string): Promise<Message[]> {
  const socket = await open(token, { [roomId]: 1 });
  const welcome = socket.frames.findIndex((f) => f.t === 'welcome');
  const caughtUp = socket.frames.findIndex((f) => f.t === 'caught_up');
  socket.close();
  return socket.frames.slice(welcome + 1, caughtUp) as unknown as Message[];
}

/** What the room must show after the storm: gapless seqs, each valid message once, the same over HTTP and sync. */
async function checkRoom(room: Room, reader: Person, good: Map<string, { senderId: string; text: string; seq: number }>, problems: string[]) {
  const stored = await history(room.id, reader.token);
  const seqs = stored.map((m) => m.seq);
  const expected = Array.from({ length: seqs.length }, (_, i) => i + 1);
  if (JSON.stringify(seqs) !== JSON.stringify(expected)) problems.push(`history seqs are not 1..${seqs.length} without gaps: ${JSON.stringify(seqs).slice(0, 300)}`);
  const bySeq = new Map(stored.map((m) => [m.seq, m]));
  for (const [clientMsgId, sent] of good) {
    const message = bySeq.get(sent.seq);
    if (!message || message.senderId !== sent.senderId || (message.body as { text?: string }).text !== sent.text) {
      problems.push(`${clientMsgId}: acked as seq ${sent.seq}, but history has ${JSON.stringify(message)?.slice(0, 200)}`);
    }
  }
  const texts = stored.filter((m) => m.kind === 'text').map((m) => (m.body as { text: string }).text);
  for (const sent of good.values()) {
    const copies = texts.filter((t) => t === sent.text).length;
    if (copies !== 1) problems.push(`"${sent.text}" is stored ${copies} times`);
  }
  const replay = await synced(room.id, reader.token);
  const replaySeqs = replay.map((m) => m.seq);
  if (JSON.stringify(replaySeqs) !== JSON.stringify(seqs.slice(1))) {
    problems.push(`sync from seq 1 replays ${JSON.stringify(replaySeqs).slice(0, 200)}, history has ${JSON.stringify(seqs.slice(1)).slice(0, 200)}`);
  }
  for (const m of replay) {
    const same = bySeq.get(m.seq);
    if (!same || same.id !== m.id || JSON.stringify(same.body) !== JSON.stringify(m.body)) problems.push(`sync and history differ at seq ${m.seq}`);
  }
}

/** Problems counted by what was sent and what came back, so a storm of one failure reads as one line. */
class Problems {
  private readonly counts = new Map<string, number>();
  add(what: string, answer: string): void {
    const key = `${what} → ${answer}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }
  lines(prefix: string): string[] {
    return [...this.counts].map(([key, n]) => `${prefix} ${n} × ${key}`);
  }
}

function serverLog(): string {
  const causes = [...new Set(recorder.errors.map((e) => `${e.message} at ${e.at}`))];
  return causes.length > 0 ? `\nthe server logged:\n  ${causes.join('\n  ')}` : '';
}

describe('a flood of bad messages in a busy group room', () => {
  it('over WebSocket: the flooder gets 4xx-coded errors, every valid message is acked and stored, seqs stay gapless', { timeout: 120_000 }, async () => {
    const [flooder, ...chatters] = await people(server, 5);
    const room = await groupRoom(server, flooder!, chatters, 'Flood');
    const flooderSocket = await open(flooder!.token);
    const chatterSockets = await Promise.all(chatters.map((c) => open(c.token)));

    const bad = badTexts('bad', 160, true);
    const good = new Map<string, { senderId: string; text: string; seq: number; socket: TestSocket }>();
    /** A valid message from chatter `c`, or from the flooder itself for c = -1. */
    const sendGood = (c: number, clientMsgId: string) => {
      const text = `${c < 0 ? 'the flooder' : `chatter ${c}`} says ${clientMsgId}`;
      const socket = c < 0 ? flooderSocket : chatterSockets[c]!;
      good.set(clientMsgId, { senderId: (c < 0 ? flooder! : chatters[c]!).user.id, text, seq: 0, socket });
      socket.send({ t: 'send', roomId: room.id, clientMsgId, kind: 'text', body: { text } });
    };
    const sendBad = (b: Bad) =>
      flooderSocket.send({ t: 'send', roomId: room.id, clientMsgId: b.clientMsgId, kind: 'text', body: { text: b.text }, ...(b.pad ? { pad: b.pad } : {}) });
    // Every frame gets one answer: an ack, or an error naming it.
    const answerOf = (socket: TestSocket, clientMsgId: string) =>
      socket.frames.find((f) => (f.t === 'ack' && f.clientMsgId === clientMsgId) || (f.t === 'error' && f.ref === clientMsgId));
    const answered = (ids: string[]) => ids.every((id) => answerOf(id.startsWith('bad') ? flooderSocket : good.get(id)!.socket, id));

    // In rounds: one chatter's message starts a write to the room, and while it runs a bad message, a valid one of the
    // flooder's own and the others' valid ones arrive, so they wait and are written together.
    const ROUNDS = 40;
    for (let r = 0; r < ROUNDS; r++) {
      const ids = [`good-0-lead-${r}`, bad[r]!.clientMsgId, `good-flooder-round-${r}`, ...chatters.map((_, c) => `good-${c}-round-${r}`)];
      sendGood(0, ids[0]!);
      sendBad(bad[r]!);
      sendGood(-1, `good-flooder-round-${r}`);
      chatters.forEach((_, c) => sendGood(c, `good-${c}-round-${r}`));
      await flooderSocket.until(() => answered(ids) || flooderSocket.closed !== null, 30_000, `the answers of round ${r}`);
    }
    // Then all at once: the rest of the bad frames, interleaved with more valid messages from everyone.
    for (let i = ROUNDS; i < bad.length; i++) {
      sendBad(bad[i]!);
      if (i % 3 === 0) {
        sendGood(-1, `good-flooder-blast-${i}`);
        chatters.forEach((_, c) => sendGood(c, `good-${c}-blast-${i}`));
      }
    }
    await flooderSocket.until(() => answered([...bad.map((b) => b.clientMsgId), ...good.keys()]) || flooderSocket.closed !== null, 60_000, 'an answer to every frame');

    const problems: string[] = [];
    if (flooderSocket.closed) problems.push(`the flooder's socket was closed: ${JSON.stringify(flooderSocket.closed)}`);
    const flooderProblems = new Problems();
    for (const b of bad) {
      const answer = answerOf(flooderSocket, b.clientMsgId);
      if (!answer) flooderProblems.add(b.what, 'no answer');
      else if (answer.t === 'error' && (typeof answer.code !== 'string' || !(answer.code in errorStatus) || errorStatus[answer.code as keyof typeof errorStatus] >= 500)) {
        flooderProblems.add(b.what, `error ${answer.code} "${answer.message}"`);
      }
    }
    problems.push(...flooderProblems.lines('the flooder got'));
    const validProblems = new Problems();
    for (const [clientMsgId, sent] of good) {
      const answer = answerOf(sent.socket, clientMsgId);
      if (answer?.t === 'ack') sent.seq = answer.seq as number;
      else {
        const what = clientMsgId.replace(/^good-(\w+)-(\w+)-\d+$/, (_, who: string, when: string) => `${who === 'flooder' ? 'the flooder’s own' : 'a chatter’s'} valid message sent in a ${when}`);
        validProblems.add(what, answer ? `error ${answer.code} "${answer.message}"` : 'no answer');
      }
      if (sent.socket.of('ack').filter((a) => a.clientMsgId === clientMsgId).length > 1) problems.push(`${clientMsgId} was acked more than once`);
    }
    problems.unshift(...validProblems.lines('got'));
    const acked = [...good.values()].filter((g) => g.seq > 0);
    if (new Set(acked.map((g) => g.seq)).size !== acked.length) problems.push('two valid messages were acked with the same seq');
    await checkRoom(room, chatters[0]!, new Map([...good].filter(([, g]) => g.seq > 0)), problems);

    // Each chatter also heard every valid message live.
    const last = Math.max(0, ...acked.map((g) => g.seq));
    for (const [c, socket] of chatterSockets.entries()) {
      await socket.until(() => socket.of('msg').some((m) => m.seq === last), 15_000, `chatter ${c} to hear seq ${last}`).catch(() => problems.push(`chatter ${c} never heard seq ${last}`));
      const heard = new Set(socket.of('msg').map((m) => m.seq));
      const missed = acked.filter((g) => !heard.has(g.seq)).length;
      if (missed > 0) problems.push(`chatter ${c} missed ${missed} valid messages live`);
    }

    if (problems.length > 0) expect.fail(`${problems.length} problems:\n  ${problems.slice(0, 80).join('\n  ')}${serverLog()}`);
  });

  it('over HTTP: bad texts are 4xx {code, message} while every valid message sent beside them gets its ack', { timeout: 120_000 }, async () => {
    const [flooder, ...chatters] = await people(server, 5);
    const room = await groupRoom(server, flooder!, chatters, 'Flood over HTTP');
    const bad = badTexts('http-bad', 60, false);
    // A body of nearly 1 MiB, and one over it.
    bad.push({ clientMsgId: 'http-bad-big', what: 'a text of almost 1 MiB', text: 'b'.repeat(1024 * 1024 - 200) });
    bad.push({ clientMsgId: 'http-bad-huge', what: 'a body over 1 MiB', text: 'b'.repeat(1024 * 1024 + 10) });
    const PER_CHATTER = 20;
    const post = (who: Person, clientMsgId: string, text: string) =>
      send(server.url, {
        method: 'POST',
        target: `/api/rooms/${room.id}/messages`,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${who.token}` },
        body: JSON.stringify({ clientMsgId, kind: 'text', body: { text } }),
      });

    const goodSent: Array<{ clientMsgId: string; senderId: string; text: string; reply: Promise<Awaited<ReturnType<typeof post>>> }> = [];
    const badSent: Array<{ b: Bad; reply: Promise<Awaited<ReturnType<typeof post>>> }> = [];
    /** A valid message from chatter `n`, or from the flooder itself for n = -1. */
    const sendGood = (n: number, clientMsgId: string) => {
      const who = n < 0 ? flooder! : chatters[n]!;
      const text = `over HTTP, ${n < 0 ? 'the flooder' : `chatter ${n}`} says ${clientMsgId}`;
      goodSent.push({ clientMsgId, senderId: who.user.id, text, reply: post(who, clientMsgId, text) });
    };
    // In rounds of one bad message among valid ones (one of them the flooder's own), all in flight at once; then the
    // rest of the bad ones at once.
    for (let r = 0; r < PER_CHATTER; r++) {
      sendGood(0, `http-good-0-lead-${r}`);
      badSent.push({ b: bad[r]!, reply: post(flooder!, bad[r]!.clientMsgId, bad[r]!.text) });
      sendGood(-1, `http-good-flooder-round-${r}`);
      chatters.forEach((_, n) => sendGood(n, `http-good-${n}-round-${r}`));
      await Promise.all([...goodSent.slice(-chatters.length - 2).map((g) => g.reply), badSent.at(-1)!.reply]);
    }
    for (const b of bad.slice(PER_CHATTER)) badSent.push({ b, reply: post(flooder!, b.clientMsgId, b.text) });

    const problems: string[] = [];
    const flooderProblems = new Problems();
    for (const { b, reply } of badSent) {
      const answer = await reply;
      const problem = answer.status < 300 ? null : replyProblem(answer);
      if (problem) flooderProblems.add(b.what, `${problem}: ${answer.status} ${answer.text.slice(0, 160)}`);
    }
    const good = new Map<string, { senderId: string; text: string; seq: number }>();
    const validProblems = new Problems();
    for (const g of goodSent) {
      const answer = await g.reply;
      if (answer.status !== 200) {
        const what = g.clientMsgId.replace(/^http-good-(\w+)-(\w+)-\d+$/, (_, who: string, when: string) => `${who === 'flooder' ? 'the flooder’s own' : 'a chatter’s'} valid message sent in a ${when}`);
        validProblems.add(what, `${answer.status} ${answer.text.slice(0, 160)}`);
        continue;
      }
      const ack = JSON.parse(answer.text) as { clientMsgId: string; seq: number };
      if (ack.clientMsgId !== g.clientMsgId) problems.push(`${g.clientMsgId} got the ack of ${ack.clientMsgId}`);
      good.set(g.clientMsgId, { senderId: g.senderId, text: g.text, seq: ack.seq });
    }
    problems.push(...validProblems.lines('got'), ...flooderProblems.lines('the flooder got'));
    if (new Set([...good.values()].map((g) => g.seq)).size !== good.size) problems.push('two valid messages were acked with the same seq');
    await checkRoom(room, chatters[0]!, good, problems);

    if (problems.length > 0) expect.fail(`${problems.length} problems:\n  ${problems.slice(0, 80).join('\n  ')}${serverLog()}`);
  });
});
