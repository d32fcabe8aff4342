import { Writable } from 'node:stream';
import { errorStatus } from '@maum/protocol';
import { pino } from 'pino';
import type { Logger } from '../../src/platform/log';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON Schema from the OpenAPI document is untyped
export type Schema = Record<string, any>;

/** The parts of an OpenAPI 3 document that the fuzz reads. */
export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, Schema> };
}

export interface OpenApiOperation {
  security?: Array<Record<string, string[]>>;
  parameters?: Array<{ in: 'path' | 'query' | 'header'; name: string; required?: boolean; schema: Schema }>;
  requestBody?: { content: Record<string, { schema: Schema }> };
}

/** One raw HTTP request, sent exactly as written (the body's bytes and the headers are not touched). */
export interface RawRequest {
  method: string;
  /** Path and query, already percent-encoded as they go on the wire. */
  target: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
}

export interface RawReply {
  status: number;
  contentType: string;
  text: string;
}

/** Sends a request; a connection that breaks or hangs answers status 0 with the reason as its text. */
export async function send(baseUrl: string, request: RawRequest, timeoutMs = 20_000): Promise<RawReply> {
  try {
    const res = await fetch(baseUrl + request.target, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    return { status: res.status, contentType: res.headers.get('content-type') ?? '', text: await res.text() };
  } catch (err) {
    const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
    return { status: 0, contentType: '', text: `no answer (${err instanceof Error ? err.message : String(err)}${cause})` };
  }
}

/**
 * What is wrong with an answer to bad input, or null when nothing is: it must not be a 5xx (nor no answer at all),
 * and an error must be `{code, message}` (both strings) whose code maps to the very status it came with.
 */
export function replyProblem(reply: RawReply): string | null {
  if (reply.status === 0) return 'no answer';
  if (reply.status >= 500) return 'server error';
  if (reply.status < 400) return null;
  let body: unknown;
  try {
    body = JSON.parse(reply.text);
  } catch {
    return 'error body is not JSON';
  }
  if (!body || typeof body !== 'object') return 'error body is not an object';
  const { code, message } = body as { code?: unknown; message?: unknown };
  if (typeof code !== 'string' || typeof message !== 'string') return 'error body is not {code, message}';
  if (!Object.hasOwn(errorStatus, code)) return `unknown error code ${code}`;
  const expected = errorStatus[code as keyof typeof errorStatus];
  if (expected !== reply.status) return `code ${code} maps to ${expected}, answered ${reply.status}`;
  return null;
}

export interface ServerError {
  method: string;
  url: string;
  /** The error in one line: its name and message (a failed query shortened to its statement), and what caused it. */
  message: string;
  /** Where it was thrown (the first stack frame), and the first frame in the server's own code when that is another. */
  at: string;
  time: number;
}

const frameOf = (line: string | undefined) => (line ?? '').trim().replace(/^at /, '').replace(/\(?(file:\/\/)?\/\S*?\/(server\/src|node_modules)\//, '($2/');

/** One line for a logged error: a failed query becomes its statement's first words, and the cause is named. */
function summarize(err: { type?: string; name?: string; message?: string; stack?: string }): { message: string; at: string } {
  const stack = err.stack ?? '';
  const [own, ...causes] = stack.split('\ncaused by: ');
  const frames = (own ?? '').split('\n').filter((l) => l.trim().startsWith('at '));
  const serverFrame = frames.find((l) => l.includes('/server/src/'));
  let message = (err.message ?? '').split('\n')[0] ?? '';
  const query = /^Failed query: ((?:\S+\s+){0,3}\S+)/.exec(message);
  if (query) message = `Failed query: ${query[1]} …`;
  const cause = causes.map((c) => c.split('\n')[0]).join(' / caused by: ');
  return {
    message: `${err.name ?? err.type ?? 'Error'}: ${message.slice(0, 200)}${cause ? ` / caused by: ${cause.slice(0, 200)}` : ''}`,
    at: [frameOf(frames[0]), serverFrame && serverFrame !== frames[0] ? `from ${frameOf(serverFrame)}` : ''].filter(Boolean).join(' '),
  };
}

/**
 * A logger for a test server that keeps every request the server failed (`request failed`, logged with the error)
 * and drops the rest, so a test can name the server's own error beside each 5xx it saw. At `level` 'warn' it keeps
 * the warnings that come with an error too, such as a batch of money that failed and was written item by item.
 */
export function recordingLogger(level: 'error' | 'warn' = 'error'): { log: Logger; errors: ServerError[] } {
  const errors: ServerError[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n')) {
        if (!line) continue;
        try {
          const entry = JSON.parse(line) as { method?: string; url?: string; err?: { type?: string; name?: string; message?: string; stack?: string } };
          if (entry.err) errors.push({ method: entry.method ?? '', url: entry.url ?? '', ...summarize(entry.err), time: Date.now() });
        } catch {
          // not a log line of ours
        }
      }
      done();
    },
  });
  return { log: pino({ level, base: { service: 'maum' } }, sink), errors };
}

/** Runs `tasks` with at most `concurrency` at a time; answers their results in order. */
export async function pool<T>(tasks: Array<() => Promise<T>>, concurrency: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, tasks.length) }, async () => {
      while (next < tasks.length) {
        const index = next++;
        results[index] = await tasks[index]!();
      }
    }),
  );
  return results;
}

/** A deterministic shuffle, so a run is repeatable and the cases of one route do not all run side by side. */
export function shuffled<T>(items: T[], seed = 42): T[] {
  const out = [...items];
  let state = seed;
  const rand = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Strings that satisfy the usual patterns of the API (ids are handled by the caller); the first that matches wins. */
const PATTERN_CANDIDATES = [
  'abc123',
  'sample_1',
  'abcdefghijklmnopqrstuvwx',
  '2026-01-15T09:00:00.000Z',
  '000000000000',
  '01-15',
  'someone@example.com',
  '010-1234-5678',
  '123-45-67890',
  '04524',
  'SAVE10',
  'abcdefghjk',
  '0',
  '1,2',
];

/** A value that a schema accepts, or as near as simple rules get; `idFor` supplies real ids by prefix (`usr`, `room`…). */
export function sampleOf(schema: Schema, doc: OpenApiDocument, idFor: (prefix: string) => string | undefined, name = ''): unknown {
  const s = resolveRef(schema, doc);
  if (s.allOf) return Object.assign({}, ...s.allOf.map((part: Schema) => sampleOf(part, doc, idFor, name)));
  if (s.oneOf || s.anyOf) return sampleOf((s.oneOf ?? s.anyOf)[0], doc, idFor, name);
  if ('const' in s) return s.const;
  if (s.enum) return s.enum[0];
  switch (s.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, prop] of Object.entries((s.properties ?? {}) as Record<string, Schema>)) out[key] = sampleOf(prop, doc, idFor, key);
      return out;
    }
    case 'array': {
      const count = Math.max(1, s.minItems ?? 1);
      return Array.from({ length: count }, () => sampleOf(s.items ?? {}, doc, idFor, name));
    }
    case 'integer':
    case 'number': {
      const low: number | undefined = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : undefined);
      return Math.min(Math.max(1, low ?? 1), s.maximum ?? Infinity);
    }
    case 'boolean':
      return true;
    case 'string':
      return stringSample(s, idFor, name);
    default:
      return s.default ?? null;
  }
}

function stringSample(s: Schema, idFor: (prefix: string) => string | undefined, name: string): string {
  if (typeof s.default === 'string') return s.default;
  if (s.format === 'date-time') return new Date(Date.now() + 3_600_000).toISOString();
  if (s.format === 'email') return 'someone@example.com';
  if (s.pattern) {
    const id = /^\^([a-z]+)_\[0-9a-z\]\{26\}\$$/.exec(s.pattern);
    if (id) return idFor(id[1]!) ?? `${id[1]}_${'0'.repeat(26)}`;
    const regex = new RegExp(s.pattern);
    const found = PATTERN_CANDIDATES.find((c) => regex.test(c) && c.length >= (s.minLength ?? 0) && c.length <= (s.maxLength ?? Infinity));
    if (found) return found;
  }
  const base = name ? `${name} sample` : 'sample text';
  const min = s.minLength ?? 1;
  const text = base.length >= min ? base : base.padEnd(min, 'x');
  return s.maxLength !== undefined ? text.slice(0, s.maxLength) : text;
}

export function resolveRef(schema: Schema, doc: OpenApiDocument): Schema {
  let s = schema;
  while (s && typeof s.$ref === 'string') {
    const name = s.$ref.replace('#/components/schemas/', '');
    s = doc.components?.schemas?.[name] ?? {};
  }
  return s ?? {};
}

export type JsonPath = Array<string | number>;

/** Every position inside a JSON value (objects' fields and arrays' items, at any depth), with the value there. */
export function positions(value: unknown, at: JsonPath = []): Array<{ path: JsonPath; value: unknown }> {
  const out: Array<{ path: JsonPath; value: unknown }> = [];
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      out.push({ path: [...at, i], value: item });
      out.push(...positions(item, [...at, i]));
    });
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      out.push({ path: [...at, key], value: item });
      out.push(...positions(item, [...at, key]));
    }
  }
  return out;
}

/** A copy of `value` with the position at `path` replaced (or removed, for `undefined`). */
export function withAt(value: unknown, path: JsonPath, replacement: unknown): unknown {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (replacement === undefined && !Array.isArray(parent)) delete parent[last];
  else parent[last] = replacement;
  return copy;
}

/** A value of another JSON type than `value`'s. */
export function wrongType(value: unknown): unknown {
  if (typeof value === 'string') return 12345;
  if (typeof value === 'number') return '12';
  if (typeof value === 'boolean') return 'yes';
  if (Array.isArray(value)) return { 0: value[0] ?? 'x' };
  if (value && typeof value === 'object') return ['x'];
  return 'x';
}

/** JSON nested `depth` levels deep: arrays (`[[[…]]]`) or objects (`{"a":{"a":…}}`). */
export function deepJson(kind: 'array' | 'object', depth = 5000): string {
  return kind === 'array' ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

/** A lone high surrogate written as UTF-8 would write it (CESU), percent-encoded for a URL: not valid UTF-8. */
export const URL_LONE_SURROGATE = '%ED%A0%80';
export const URL_NUL = '%00';
