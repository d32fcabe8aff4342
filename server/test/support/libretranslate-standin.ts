import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// A stand-in for a LibreTranslate server that speaks its HTTP API as LibreTranslate does: POST /translate,
// POST /detect, GET /languages, and {error} bodies with 400, 403, 429 and 500. It "translates" by prefixing the
// target language (`[ja] hello`), so tests can see what was asked for, and counts the translations asked for.

export type StandInFailure = 400 | 403 | 429 | 500;

export interface StandInLanguage {
  code: string;
  name: string;
  targets: string[];
}

const defaultLanguages: StandInLanguage[] = [
  { code: 'en', name: 'English', targets: ['en', 'id', 'ja', 'ko'] },
  { code: 'id', name: 'Indonesian', targets: ['en', 'id', 'ja', 'ko'] },
  { code: 'ja', name: 'Japanese', targets: ['en', 'id', 'ja', 'ko'] },
  { code: 'ko', name: 'Korean', targets: ['en', 'id', 'ja', 'ko'] },
];

const failureMessages: Record<StandInFailure, string> = {
  400: 'Invalid request: missing q parameter',
  403: 'Invalid API key',
  429: 'Too many request limits violations',
  500: 'Cannot translate text: internal error',
};

export interface LibreTranslateStandIn {
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** How many times `text` was asked for in `target`. */
  translations(text: string, target: string): number;
  /** Every request body received, in order, as parsed JSON (`undefined` for GET). */
  readonly bodies: { path: string; body: Record<string, unknown> | undefined }[];
  /** Answers every request after this many milliseconds. */
  latencyMs: number;
  /** Answers every request with this status and an `{error}` body, until set back to `undefined`. */
  failWith: StandInFailure | undefined;
  /** Sent with a 429, when set. */
  retryAfterSeconds: number | undefined;
  /** Accepts requests without answering them, until set back to false. */
  hang: boolean;
  /** Answers with an HTML body, as a proxy in front of the service might: 200, or the `failWith` status. */
  garbage: boolean;
  /** When set, a request without this `api_key` is refused with 403, as a LibreTranslate that requires keys does. */
  apiKey: string | undefined;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  if (chunks.length === 0) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The stand-in's own, deliberately plain detection: by script, Latin read as English. */
function detectByScript(text: string): { confidence: number; language: string }[] {
  if (/\p{Script=Hangul}/u.test(text)) return [{ confidence: 95, language: 'ko' }];
  if (/[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(text)) return [{ confidence: 95, language: 'ja' }];
  return [
    { confidence: 60, language: 'en' },
    { confidence: 30, language: 'id' },
  ];
}

export async function startLibreTranslateStandIn(languages: StandInLanguage[] = defaultLanguages): Promise<LibreTranslateStandIn> {
  const counts = new Map<string, number>();
  const codes = new Set(languages.map((l) => l.code));
  const key = (text: string, target: string) => `${target}\u0000${text}`;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = new URL(req.url ?? '/', 'http://standin').pathname;
    const body = req.method === 'POST' ? await readJson(req) : undefined;
    standIn.bodies.push({ path, body });
    if (standIn.hang) return;
    if (standIn.latencyMs > 0) await new Promise((r) => setTimeout(r, standIn.latencyMs));
    if (standIn.garbage) {
      res.writeHead(standIn.failWith ?? 200, { 'content-type': 'text/html' });
      res.end('<html>not the API</html>');
      return;
    }
    if (standIn.failWith) {
      const headers: Record<string, string> =
        standIn.failWith === 429 && standIn.retryAfterSeconds ? { 'retry-after': String(standIn.retryAfterSeconds) } : {};
      send(res, standIn.failWith, { error: failureMessages[standIn.failWith] }, headers);
      return;
    }
    if (req.method === 'GET' && path === '/languages') return send(res, 200, languages);
    if (req.method !== 'POST' || (path !== '/translate' && path !== '/detect')) return send(res, 404, { error: 'Not Found' });
    if (!body) return send(res, 400, { error: 'Invalid request: unable to parse body' });
    if (standIn.apiKey !== undefined && body.api_key !== standIn.apiKey) {
      return send(res, 403, { error: 'Invalid API key' });
    }
    const q = body.q;
    if (typeof q !== 'string' || q === '') return send(res, 400, { error: 'Invalid request: missing q parameter' });
    if (path === '/detect') return send(res, 200, detectByScript(q));

    const { source, target } = body;
    if (typeof source !== 'string' || source === '') return send(res, 400, { error: 'Invalid request: missing source parameter' });
    if (typeof target !== 'string' || target === '') return send(res, 400, { error: 'Invalid request: missing target parameter' });
    if (source !== 'auto' && !codes.has(source)) return send(res, 400, { error: `${source} is not supported` });
    if (!codes.has(target)) return send(res, 400, { error: `${target} is not supported` });
    counts.set(key(q, target), (counts.get(key(q, target)) ?? 0) + 1);
    const translatedText = `[${target}] ${q}`;
    if (source === 'auto') return send(res, 200, { detectedLanguage: detectByScript(q)[0], translatedText });
    return send(res, 200, { translatedText });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, { error: 'stand-in failed' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const standIn: LibreTranslateStandIn = {
    url: `http://127.0.0.1:${port}`,
    translations: (text, target) => counts.get(key(text, target)) ?? 0,
    bodies: [],
    latencyMs: 0,
    failWith: undefined,
    retryAfterSeconds: undefined,
    hang: false,
    garbage: false,
    apiKey: undefined,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // Hanging requests keep their sockets open; close would wait for them forever.
        server.closeAllConnections();
      }),
  };
  return standIn;
}
