import type { z } from 'zod';
import { acceptingText } from './text';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * One HTTP endpoint, shared by the server (which registers it with these schemas) and the web client (which
 * calls it with these types). `auth: 'user'` means a session token is required.
 */
export interface Endpoint {
  method: HttpMethod;
  path: string;
  /**
   * `store`: a store's API key (`X-Store-Key`), or the session of one of its staff. `optional`: anyone may call it,
   * and a signed-in caller is recognised (a public page that says "you own this").
   */
  auth: 'none' | 'optional' | 'user' | 'store';
  summary: string;
  tags: string[];
  status?: 200 | 201 | 204;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** Paying endpoints: an `Idempotency-Key` header is required, and a retry replays the first answer. */
  idempotent?: boolean;
  /** `multipart` endpoints take a file upload instead of a JSON body. */
  multipart?: { field: string };
  response?: z.ZodType;
}

/**
 * Declares an endpoint. Its params, query and body accept text only as `protocol/src/text.ts` says (no NUL, no lone
 * surrogates), whatever their schemas say, so no endpoint can forget it.
 */
export function endpoint<const E extends Endpoint>(e: E): E {
  return {
    ...e,
    ...(e.params && { params: acceptingText(e.params) }),
    ...(e.query && { query: acceptingText(e.query) }),
    ...(e.body && { body: acceptingText(e.body) }),
  };
}

type InputOf<S> = S extends z.ZodType ? z.input<S> : undefined;
type OptionalKeys<T> = { [K in keyof T as T[K] extends undefined ? never : K]: T[K] };

/** What a client passes to call an endpoint: only the parts that the endpoint declares. */
export type EndpointInput<E extends Endpoint> = OptionalKeys<{
  params: InputOf<E['params']>;
  query: InputOf<E['query']>;
  body: InputOf<E['body']>;
}>;

/** What an endpoint answers with on success. */
export type EndpointOutput<E extends Endpoint> = E['response'] extends z.ZodType
  ? z.output<E['response']>
  : void;

/** Fills `:name` segments of a path. */
export function buildPath(path: string, params: Record<string, string> | undefined): string {
  return path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined) throw new Error(`missing path parameter ${name}`);
    return encodeURIComponent(value);
  });
}
