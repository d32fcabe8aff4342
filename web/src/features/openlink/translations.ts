import { useCallback, useSyncExternalStore } from 'react';
import type { Message } from '@maum/protocol';
import { chat } from '../../realtime';
import { fetchTranslations } from './api';
import { translateOnDevice } from './deviceTranslator';
import { entriesFor, languageOf, needsTranslation, translationBatches, wordsOf, type TranslationEntry } from './translation';

// What this tab knows of open rooms' translations, per room, language and seq, and which messages the reader turned
// back to their original. Kept for the session: coming back to a room shows its translations at once.

const entries = new Map<string, Map<number, TranslationEntry>>();
const originals = new Set<string>();
const listeners = new Set<() => void>();
let onDevice = false;

const roomKey = (roomId: string, lang: string) => `${roomId}|${lang}`;

function notify(): void {
  for (const listener of [...listeners]) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function entry(roomId: string, lang: string, seq: number): TranslationEntry | undefined {
  return entries.get(roomKey(roomId, lang))?.get(seq);
}

function put(roomId: string, lang: string, answers: Map<number, TranslationEntry>): void {
  const key = roomKey(roomId, lang);
  const room = new Map(entries.get(key));
  for (const [seq, value] of answers) room.set(seq, value);
  entries.set(key, room);
  notify();
}

const loading: TranslationEntry = { state: 'loading' };
const unavailable: TranslationEntry = { state: 'unavailable' };

/**
 * How long a reader waits for the server to push a new message's translation (it translates each message into the
 * room's languages as it is sent) before asking for it itself.
 */
const PUSH_WAIT_MS = 8000;

// Translations the server pushes as messages are sent.
chat.on((event) => {
  if (event.type === 'translated') put(event.roomId, event.lang, new Map([[event.seq, { state: 'translated', text: event.text, by: 'server' }]]));
});

/**
 * A live message in one of the room's languages: its translation is on its way over the socket, so the reader waits
 * for it instead of asking (a thousand readers then cost the server nothing more), and asks only if it does not come.
 */
export function expectPushedTranslation(roomId: string, lang: string, message: Message): void {
  if (!needsTranslation(message, lang) || entry(roomId, lang, message.seq) !== undefined) return;
  put(roomId, lang, new Map([[message.seq, loading]]));
  setTimeout(() => {
    if (entry(roomId, lang, message.seq) !== loading) return;
    entries.get(roomKey(roomId, lang))?.delete(message.seq);
    void translateOnServer(roomId, lang, [message]);
  }, PUSH_WAIT_MS);
}

/** Asks the server for the translations of the messages that need one and are not yet known, 50 at a time. */
export async function translateOnServer(roomId: string, lang: string, messages: readonly Message[]): Promise<void> {
  const batches = translationBatches(messages, lang, (seq) => entry(roomId, lang, seq) !== undefined);
  await Promise.all(
    batches.map(async (seqs) => {
      put(roomId, lang, new Map(seqs.map((seq) => [seq, loading])));
      try {
        put(roomId, lang, entriesFor(seqs, await fetchTranslations(roomId, seqs, lang)));
      } catch {
        put(roomId, lang, new Map(seqs.map((seq) => [seq, unavailable])));
      }
    }),
  );
}

/** Translates the messages that need it with the browser's own translator, one by one, newest first. */
export async function translateHere(roomId: string, lang: string, messages: readonly Message[]): Promise<void> {
  const wanted = [...messages].reverse().filter((m) => needsTranslation(m, lang) && entry(roomId, lang, m.seq) === undefined);
  if (wanted.length === 0) return;
  put(roomId, lang, new Map(wanted.map((m) => [m.seq, loading])));
  for (const message of wanted) {
    const words = wordsOf(message, 'text') || wordsOf(message, 'caption');
    const text = await translateOnDevice(words, languageOf(message), lang);
    put(roomId, lang, new Map([[message.seq, text === null ? unavailable : { state: 'translated', text, by: 'device' }]]));
  }
}

/** Forgets a message's failed translation and asks again, the way the room translates. */
export function retryTranslation(roomId: string, lang: string, message: Message): void {
  entries.get(roomKey(roomId, lang))?.delete(message.seq);
  notify();
  void (onDevice ? translateHere(roomId, lang, [message]) : translateOnServer(roomId, lang, [message]));
}

export function useTranslationEntry(roomId: string, lang: string, seq: number): TranslationEntry | undefined {
  const get = useCallback(() => entry(roomId, lang, seq), [roomId, lang, seq]);
  return useSyncExternalStore(subscribe, get, get);
}

export function useShowsOriginal(roomId: string, seq: number): boolean {
  const get = useCallback(() => originals.has(`${roomId}|${seq}`), [roomId, seq]);
  return useSyncExternalStore(subscribe, get, get);
}

/** Switches one message between its translation and its original. */
export function toggleOriginal(roomId: string, seq: number): void {
  const key = `${roomId}|${seq}`;
  if (originals.has(key)) originals.delete(key);
  else originals.add(key);
  notify();
}

/** Whether the reader chose to translate on this device (the server does not translate). */
export function useDeviceTranslation(): boolean {
  return useSyncExternalStore(subscribe, () => onDevice, () => onDevice);
}

export function setDeviceTranslation(on: boolean): void {
  onDevice = on;
  // Turned on, what could not be translated before is asked again; turned off, the device's translations go.
  for (const [key, room] of entries) {
    const next = new Map([...room].filter(([, value]) => (on ? value.state !== 'unavailable' : !(value.state === 'translated' && value.by === 'device'))));
    entries.set(key, next);
  }
  notify();
}
