import type { z } from 'zod';

/**
 * What text Maum accepts, decided once for every string a client sends (HTTP bodies, queries, path parameters and
 * WebSocket frames, keys included): any Unicode except NUL (U+0000) and lone surrogates (half of a UTF-16 pair).
 *
 * Such text is refused with `validation_failed`, not stripped. Neither comes from a keyboard or an input method, and
 * neither can be stored: PostgreSQL text and jsonb are UTF-8 without NUL. Stripping would silently change what the
 * client meant (a password, a handle, the body an idempotency key was first used with), and so change which request
 * a retry matches; refusing names the field, and a client that sent it learns at once.
 */
export function textProblem(value: string): string | null {
  if (value.includes('\u0000')) return 'must not contain NUL characters (U+0000)';
  if (LONE_SURROGATE.test(value)) return 'must be valid Unicode (it has half of a UTF-16 surrogate pair)';
  return null;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The most levels of arrays and objects a JSON body or frame may nest. Deeper input is refused before it is parsed. */
export const MAX_JSON_DEPTH = 32;

/**
 * Whether JSON text nests deeper than `max` levels, read in one pass without parsing it (so neither `JSON.parse`
 * nor anything that walks its result ever sees it). Brackets inside strings do not count.
 */
export function jsonTooDeep(text: string, max = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // a backslash escapes the next character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

type Issue = { path: PropertyKey[]; problem: string };

function findTextProblem(value: unknown, path: PropertyKey[], depth: number): Issue | null {
  if (typeof value === 'string') {
    const problem = textProblem(value);
    return problem ? { path, problem } : null;
  }
  // Parsed input is already bounded by MAX_JSON_DEPTH; this guard only keeps a cyclic value from looping.
  if (value === null || typeof value !== 'object' || depth > MAX_JSON_DEPTH * 2) return null;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = findTextProblem(item, [...path, i], depth + 1);
      if (found) return found;
    }
    return null;
  }
  if (value instanceof Date) return null;
  for (const [key, item] of Object.entries(value)) {
    const problem = textProblem(key);
    if (problem) return { path: [...path, key], problem: `has a key that ${problem}` };
    const found = findTextProblem(item, [...path, key], depth + 1);
    if (found) return found;
  }
  return null;
}

/**
 * `schema` with the text rule above applied to every string in what it parses. Endpoints (`endpoint()`) and the
 * realtime frame schema are built through this, so a field added later is covered without anyone remembering to.
 * It is a check, not a transform: the schema's type and its JSON Schema (the OpenAPI document) stay as they were.
 */
export function acceptingText<S extends z.ZodType>(schema: S): S {
  return schema.superRefine((value, ctx) => {
    const found = findTextProblem(value, [], 0);
    if (found) ctx.addIssue({ code: 'custom', path: found.path, message: found.problem, input: value });
  }) as S;
}
