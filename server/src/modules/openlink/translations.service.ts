import type { PreviewMessage, Translation } from '@maum/protocol';
import { requireSystem, requireUser, type Actor } from '../../platform/actor';
import type { EventBus } from '../../platform/bus/event-bus';
import type { Clock } from '../../platform/clock';
import { AppError } from '../../platform/errors';
import type { Logger } from '../../platform/log';
import type { Translator } from '../../platform/translate/translator';
import { protectTerms } from './glossary';
import type { OpenlinkRepository, OpenRoomRow } from './openlink.repository';
import type { OpenRoomChat } from './openlink.ports';

/** Answers that mean "the translator cannot help now": the message is shown as written, with a retry. */
const outageCodes = new Set(['translator_unavailable', 'rate_limited', 'validation_failed']);

/**
 * Messages of an open room in each reader's language. A message is translated once per language and kept, so a
 * thousand readers of one language cost one call to the translator: a new message is translated into the room's
 * other languages as soon as it is sent and pushed to the room (`openlink.translated`), so its readers need not ask;
 * readers asking at the same moment wait on the same call, and later readers read what was kept. The room's glossary is applied around every call. When the
 * translator is missing or down, readers get `unavailable` and the original; sending and reading never wait on it.
 */
export class TranslationsService {
  private readonly inFlight = new Map<string, Promise<string>>();

  constructor(
    private readonly deps: { repo: OpenlinkRepository; chat: OpenRoomChat; translator: Translator; clock: Clock; log: Logger; bus: EventBus },
  ) {}

  async translator(_actor: Actor): Promise<{ translates: boolean; languages: string[] }> {
    const { translator } = this.deps;
    if (!translator.translates) return { translates: false, languages: [] };
    const languages = await translator.languages().catch(() => []);
    return { translates: true, languages };
  }

  async translate(actor: Actor, roomId: string, input: { seqs: number[]; lang: string }): Promise<Translation[]> {
    const me = requireUser(actor);
    const room = await this.deps.repo.findRoom(roomId);
    if (!room) throw new AppError('not_found', 'No such open room.');
    if (!(await this.deps.repo.findMember(roomId, me.userId))) throw new AppError('forbidden', 'You are not in this room.');
    const seqs = [...new Set(input.seqs)];
    const words = new Map((await this.deps.chat.words({ roomId, userId: me.userId, seqs })).map((w) => [w.seq, w]));
    const wanted = seqs.filter((seq) => {
      const w = words.get(seq);
      return w && w.text !== '' && (w.lang ?? room.languages[0]) !== input.lang;
    });
    const kept = await this.deps.repo.findTranslations(roomId, wanted, input.lang);
    return Promise.all(
      seqs.map(async (seq): Promise<Translation> => {
        const w = words.get(seq);
        if (!w || w.text === '') return { seq, source: w?.lang ?? null, state: 'original', text: null };
        const source = w.lang ?? room.languages[0]!;
        if (source === input.lang) return { seq, source, state: 'original', text: null };
        const found = kept.get(seq);
        if (found !== undefined) return { seq, source, state: 'translated', text: found };
        if (!this.deps.translator.translates) return { seq, source, state: 'unavailable', text: null };
        try {
          return { seq, source, state: 'translated', text: await this.once(room, seq, w.text, source, input.lang) };
        } catch (err) {
          if (!(err instanceof AppError) || !outageCodes.has(err.code)) throw err;
          return { seq, source, state: 'unavailable', text: null };
        }
      }),
    );
  }

  /**
   * A room's preview (see `OpenlinkService.preview`) with each message in `lang` where it was written in another: what
   * was kept, or a call to the translator. Without a translator, or when it is down, a message shows as written.
   */
  async previewIn(
    _actor: Actor,
    roomId: string,
    messages: Array<Omit<PreviewMessage, 'translated'> & { lang: string }>,
    lang: string | undefined,
  ): Promise<PreviewMessage[]> {
    const plain = ({ lang: _lang, ...m }: (typeof messages)[number]): PreviewMessage => ({ ...m, translated: null });
    const room = lang ? await this.deps.repo.findRoom(roomId) : undefined;
    if (!lang || !room) return messages.map(plain);
    const foreign = messages.filter((m) => m.lang !== lang);
    const kept = await this.deps.repo.findTranslations(roomId, foreign.map((m) => m.seq), lang);
    return Promise.all(
      messages.map(async (m): Promise<PreviewMessage> => {
        if (m.lang === lang) return plain(m);
        const found = kept.get(m.seq);
        if (found !== undefined) return { ...plain(m), translated: found };
        if (!this.deps.translator.translates) return plain(m);
        const translated = await this.once(room, m.seq, m.text, m.lang, lang).catch(() => null);
        return { ...plain(m), translated };
      }),
    );
  }

  /**
   * Translates a message just sent into each of the room's other languages, and pushes each translation to the room.
   * Runs after the send has answered and never fails it: when the translator is down, readers ask for themselves
   * later (and see the original, with a retry, meanwhile).
   */
  translateNew(actor: Actor, input: { roomId: string; seq: number; text: string; lang: string; hiddenFrom: string[] }): void {
    requireSystem(actor, 'Only chat reports new messages.');
    if (!this.deps.translator.translates) return;
    const push = async () => {
      const room = await this.deps.repo.findRoom(input.roomId);
      if (!room) return;
      await Promise.all(
        room.languages
          .filter((target) => target !== input.lang)
          .map(async (target) => {
            const text = await this.once(room, input.seq, input.text, input.lang, target);
            await this.deps.bus.publish('openlink.translated', { roomId: room.roomId, seq: input.seq, lang: target, text, hiddenFrom: input.hiddenFrom });
          }),
      );
    };
    // A failed call is logged where it is made (`once`); readers then ask for themselves.
    push().catch(() => undefined);
  }

  /** One call to the translator per (message, language) at a time; what it answers is kept for every later reader. */
  private once(room: OpenRoomRow, seq: number, text: string, source: string, target: string): Promise<string> {
    const key = `${room.roomId}:${seq}:${target}`;
    let call = this.inFlight.get(key);
    if (!call) {
      call = (async () => {
        // Another process may have kept it since this reader looked.
        const kept = (await this.deps.repo.findTranslations(room.roomId, [seq], target)).get(seq);
        if (kept !== undefined) return kept;
        const terms = protectTerms(text, room.glossary, target);
        const translated = terms.restore(await this.deps.translator.translate({ text: terms.text, source, target }));
        await this.deps.repo.keepTranslation({ roomId: room.roomId, seq, lang: target, text: translated, createdAt: this.deps.clock.now() });
        return translated;
      })()
        .catch((err: unknown) => {
          // Logged once per call, however many readers were waiting on it.
          this.deps.log.warn({ err, roomId: room.roomId, seq, target }, 'a message could not be translated now; readers see the original');
          throw err;
        })
        .finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, call);
    }
    return call;
  }
}
