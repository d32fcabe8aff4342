import { z } from 'zod';
import { AppError } from '../errors';
import { detectLanguage } from './language-detector';
import {
  translatorUnavailable,
  type DetectedLanguage,
  type DetectInput,
  type LanguageCode,
  type TranslateInput,
  type Translator,
} from './translator';

export interface LibreTranslateOptions {
  /** The service's base URL; a path prefix (`https://host/lt`) is kept. */
  url: string;
  apiKey?: string | undefined;
  timeoutMs: number;
}

// The service's answers, as LibreTranslate sends them. Anything else is treated as an outage.
const TranslateReply = z.object({
  translatedText: z.string(),
  detectedLanguage: z.object({ confidence: z.number(), language: z.string() }).optional(),
});
const DetectReply = z.array(z.object({ confidence: z.number(), language: z.string() }));
const LanguagesReply = z.array(z.object({ code: z.string(), name: z.string(), targets: z.array(z.string()).optional() }));
const ErrorReply = z.object({ error: z.string() });

/** One language LibreTranslate's `/detect` proposed; confidence 0–100 as it sends it. */
export interface RemoteDetection {
  language: LanguageCode;
  confidence: number;
}

/** A LibreTranslate-compatible HTTP service (`TRANSLATE_URL`). */
export class LibreTranslateTranslator implements Translator {
  readonly name = 'libretranslate';
  readonly translates = true;
  private readonly base: URL;

  constructor(private readonly options: LibreTranslateOptions) {
    this.base = new URL(options.url.endsWith('/') ? options.url : `${options.url}/`);
  }

  /**
   * Detected here, not by the service: a room's lines are short and its languages known, and detection restricted
   * to them is more accurate on short chat lines than the service's unrestricted guess, and costs no round trip.
   */
  async detect(input: DetectInput): Promise<DetectedLanguage> {
    return detectLanguage(input.text, input.candidates, input.fallback);
  }

  /** The service's own `/detect`, best first. */
  async detectRemote(text: string): Promise<RemoteDetection[]> {
    const reply = DetectReply.safeParse(await this.call('POST', 'detect', { q: text }));
    if (!reply.success) throw translatorUnavailable('The translation service answered detection with something unexpected.');
    return [...reply.data].sort((a, b) => b.confidence - a.confidence);
  }

  async translate(input: TranslateInput): Promise<string> {
    if (input.source === input.target) return input.text;
    const reply = TranslateReply.safeParse(
      await this.call('POST', 'translate', { q: input.text, source: input.source, target: input.target, format: 'text' }),
    );
    if (!reply.success) throw translatorUnavailable('The translation service answered a translation with something unexpected.');
    return reply.data.translatedText;
  }

  async languages(): Promise<LanguageCode[]> {
    const reply = LanguagesReply.safeParse(await this.call('GET', 'languages'));
    if (!reply.success) throw translatorUnavailable('The translation service listed its languages in an unexpected form.');
    return reply.data.map((l) => l.code);
  }

  private async call(method: 'GET' | 'POST', endpoint: string, body?: Record<string, string>): Promise<unknown> {
    const url = new URL(endpoint, this.base);
    const init: RequestInit = { method, headers: { accept: 'application/json' }, signal: AbortSignal.timeout(this.options.timeoutMs) };
    if (body) {
      init.headers = { ...init.headers, 'content-type': 'application/json' };
      init.body = JSON.stringify(this.options.apiKey ? { ...body, api_key: this.options.apiKey } : body);
    }
    let res: Response;
    let text: string;
    try {
      res = await fetch(url, init);
      text = await res.text();
    } catch (cause) {
      if (cause instanceof DOMException && cause.name === 'TimeoutError') {
        throw translatorUnavailable(`The translation service did not answer within ${this.options.timeoutMs / 1000} s.`, cause);
      }
      throw translatorUnavailable('The translation service is not reachable.', cause);
    }
    const payload = parseJson(text);
    if (res.ok) {
      if (payload === undefined) throw translatorUnavailable('The translation service answered with something that is not JSON.');
      return payload;
    }
    // A proxy in front of the service may answer an error with HTML: the status alone still says what happened.
    throw errorFor(res, ErrorReply.safeParse(payload).data?.error);
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * The service's refusals in our terms. A bad request (a language pair it lacks, text over its limit) is the
 * request's fault. Everything else is the service's or the operator's problem, not the reader's, so it is reported
 * as the translator being unavailable: being told to slow down (with how long to wait), a refused API key, a failure.
 */
function errorFor(res: Response, serviceMessage: string | undefined): AppError {
  const said = serviceMessage ? `: ${serviceMessage}` : '';
  if (res.status === 400) return new AppError('validation_failed', `The translation service refused the request${said}`);
  if (res.status === 429) {
    const retryAfter = Number(res.headers.get('retry-after'));
    return new AppError('translator_unavailable', `The translation service is busy; try again shortly${said}`, {
      retryAfter: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
    });
  }
  if (res.status === 403) return translatorUnavailable(`The translation service refused Maum's API key${said}`);
  return translatorUnavailable(`The translation service failed (HTTP ${res.status})${said}`);
}
