import { buildPath, IDEMPOTENCY_HEADER, type Endpoint, type EndpointInput, type EndpointOutput } from '@maum/protocol';
import { clearToken, getToken } from './token';

/** Codes the client produces itself, beside the server's error codes. */
export type ClientErrorCode = 'network' | 'aborted';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  /** Seconds to wait before trying again, from a `rate_limited` answer. */
  readonly retryAfter?: number;

  constructor(status: number, code: string, message: string, retryAfter?: number) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    if (retryAfter !== undefined) this.retryAfter = retryAfter;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

export interface CallOptions {
  signal?: AbortSignal;
  /** Required by paying endpoints: one key per intent, reused by a retry of it (see `api/idempotency.ts`). */
  idempotencyKey?: string;
}

/** The input may be left out only when the endpoint takes none. */
type CallArgs<E extends Endpoint> = object extends EndpointInput<E>
  ? [input?: EndpointInput<E>, options?: CallOptions]
  : [input: EndpointInput<E>, options?: CallOptions];

interface LooseInput {
  params?: Record<string, string>;
  query?: Record<string, unknown>;
  body?: unknown;
}

function urlFor(endpoint: Endpoint, input: LooseInput | undefined): string {
  let url = buildPath(endpoint.path, input?.params);
  if (input?.query) {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(input.query)) {
      if (value === undefined || value === null || value === '') continue;
      search.set(key, String(value));
    }
    const qs = search.toString();
    if (qs) url += `?${qs}`;
  }
  return url;
}

function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

function errorFrom(status: number, text: string, retryAfterHeader: string | null): ApiError {
  let code = status >= 500 ? 'internal' : 'unknown';
  let message = text || `HTTP ${status}`;
  try {
    const body: unknown = JSON.parse(text);
    if (body && typeof body === 'object') {
      const b = body as { code?: unknown; message?: unknown };
      if (typeof b.code === 'string') code = b.code;
      if (typeof b.message === 'string') message = b.message;
    }
  } catch {
    // A proxy in front of the server may answer with HTML; keep the status-derived code.
  }
  if (status === 502 || status === 504) code = 'unavailable';
  return new ApiError(status, code, message, parseRetryAfter(retryAfterHeader));
}

// Store staff use their own session on store endpoints, and public pages that recognise a signed-in reader take it
// too; only endpoints that ignore the caller (sign-in itself, the log) go without.
function authHeaders(endpoint: Endpoint): Record<string, string> {
  const token = getToken();
  return endpoint.auth !== 'none' && token ? { Authorization: `Bearer ${token}` } : {};
}

/** A session that the server no longer knows is over here too, so every screen falls back to login. */
function noteFailure(endpoint: Endpoint, error: ApiError): void {
  if (endpoint.auth !== 'none' && error.status === 401 && error.code === 'unauthorized') clearToken();
}

async function send(endpoint: Endpoint, input: LooseInput | undefined, init: RequestInit, signal: AbortSignal | undefined): Promise<Response> {
  try {
    return await fetch(urlFor(endpoint, input), { ...init, method: endpoint.method, signal });
  } catch (cause) {
    if (signal?.aborted) throw new ApiError(0, 'aborted', 'The request was cancelled.');
    throw new ApiError(0, 'network', cause instanceof Error ? cause.message : 'Network error');
  }
}

async function failure(endpoint: Endpoint, response: Response): Promise<ApiError> {
  const error = errorFrom(response.status, await response.text(), response.headers.get('retry-after'));
  noteFailure(endpoint, error);
  return error;
}

function parseBody<E extends Endpoint>(endpoint: E, status: number, text: string): EndpointOutput<E> {
  if (status === 204 || !endpoint.response || text === '') return undefined as EndpointOutput<E>;
  return JSON.parse(text) as EndpointOutput<E>;
}

/** Calls one endpoint of the protocol table with typed input and output. */
export async function call<E extends Endpoint>(endpoint: E, ...args: CallArgs<E>): Promise<EndpointOutput<E>> {
  const [input, options] = args as [LooseInput | undefined, CallOptions | undefined];
  const loose = input;
  const headers: Record<string, string> = { Accept: 'application/json', ...authHeaders(endpoint) };
  if (options?.idempotencyKey) headers[IDEMPOTENCY_HEADER] = options.idempotencyKey;
  let body: string | undefined;
  if (endpoint.body && loose?.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(loose.body);
  }
  const response = await send(endpoint, loose, { headers, body }, options?.signal);
  if (!response.ok) throw await failure(endpoint, response);
  return parseBody(endpoint, response.status, await response.text());
}

/** Calls an endpoint that answers with a file (a picture), for when an `<img src>` cannot send the session token. */
export async function callBlob<E extends Endpoint>(endpoint: E, ...args: CallArgs<E>): Promise<Blob> {
  const [input, options] = args as [LooseInput | undefined, CallOptions | undefined];
  const response = await send(endpoint, input, { headers: authHeaders(endpoint) }, options?.signal);
  if (!response.ok) throw await failure(endpoint, response);
  return response.blob();
}

export interface UploadOptions<E extends Endpoint> {
  params?: EndpointInput<E> extends { params: infer P } ? P : never;
  /** Called with a fraction between 0 and 1 as the file goes up. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

/**
 * Sends a file to a `multipart` endpoint. Uses XMLHttpRequest because fetch cannot report upload progress.
 */
export function upload<E extends Endpoint & { multipart: { field: string } }>(
  endpoint: E,
  file: Blob,
  options: UploadOptions<E> = {},
): Promise<EndpointOutput<E>> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(endpoint.method, urlFor(endpoint, { params: options.params as Record<string, string> | undefined }));
    for (const [name, value] of Object.entries({ Accept: 'application/json', ...authHeaders(endpoint) })) {
      xhr.setRequestHeader(name, value);
    }

    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) options.onProgress?.(event.loaded / event.total);
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        options.onProgress?.(1);
        try {
          resolve(parseBody(endpoint, xhr.status, xhr.responseText));
        } catch {
          reject(new ApiError(xhr.status, 'internal', 'The server sent an unreadable answer.'));
        }
        return;
      }
      const error = errorFrom(xhr.status, xhr.responseText, xhr.getResponseHeader('retry-after'));
      noteFailure(endpoint, error);
      reject(error);
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', 'Network error'));
    xhr.onabort = () => reject(new ApiError(0, 'aborted', 'The upload was cancelled.'));

    if (options.signal) {
      if (options.signal.aborted) {
        reject(new ApiError(0, 'aborted', 'The upload was cancelled.'));
        return;
      }
      options.signal.addEventListener('abort', () => xhr.abort(), { once: true });
    }

    const form = new FormData();
    form.append(endpoint.multipart.field, file, file instanceof File ? file.name : 'upload');
    xhr.send(form);
  });
}
