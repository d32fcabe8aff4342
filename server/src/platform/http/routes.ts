import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ErrorBody, IDEMPOTENCY_HEADER, IdempotencyKey, STORE_KEY_HEADER, type Endpoint, type EndpointOutput } from '@maum/protocol';
import { z } from 'zod';
import type { Actor, StoreActor, UserActor } from '../actor';
import { AppError } from '../errors';
import { Idempotency, Replayed, type PaymentKey } from './idempotency/idempotency';
import { readUpload, type Upload } from './uploads';

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteContext<E extends Endpoint> {
  actor: E['auth'] extends 'user' ? UserActor : E['auth'] extends 'store' ? StoreActor : Actor;
  params: Parsed<E['params']>;
  query: Parsed<E['query']>;
  body: Parsed<E['body']>;
  /** The uploaded file of a `multipart` endpoint (see `readUpload`); `fileSize` lowers or raises the default cap. */
  upload(limits?: { fileSize?: number }): Promise<Upload>;
  request: FastifyRequest;
  reply: FastifyReply;
  /** The request's Idempotency-Key, for an endpoint added with `{ keyInTransaction: true }`: its service claims it. */
  payment?: PaymentKey;
}

export interface RouteOptions {
  /**
   * The handler's service claims and answers the Idempotency-Key inside its own transaction (`ctx.payment`), instead
   * of the router claiming it before and answering it after, each in a commit of its own.
   */
  keyInTransaction?: boolean;
}

export type Authenticate = (token: string, ip: string) => Promise<UserActor>;
/** A store acts through its API key, or through the session of one of its staff. */
export type AuthenticateStore = (credentials: { apiKey: string } | { staff: UserActor }, ip: string) => Promise<StoreActor>;

export type RouteHandler<E extends Endpoint> = (ctx: RouteContext<E>) => Promise<EndpointOutput<E>>;

function bearer(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1] ?? null;
}

/**
 * Registers protocol endpoints on Fastify: validation and the OpenAPI entry come from the endpoint's schemas,
 * and the handler receives the authenticated actor. Handlers stay thin: parse, call a service, return.
 */
export class Router {
  private readonly actors = new WeakMap<FastifyRequest, Actor>();

  constructor(
    private readonly app: FastifyInstance,
    private readonly authenticate: Authenticate,
    private readonly authenticateStore: AuthenticateStore,
    private readonly idempotency: Idempotency,
  ) {}

  /** The store a request acts for: by `X-Store-Key`, or by a staff member's session. */
  async storeOf(request: FastifyRequest): Promise<StoreActor> {
    const apiKey = request.headers[STORE_KEY_HEADER];
    if (typeof apiKey === 'string' && apiKey) return this.authenticateStore({ apiKey }, request.ip);
    const staff = await this.actorOf(request, 'store');
    return this.authenticateStore({ staff: staff as UserActor }, request.ip);
  }

  /**
   * The caller as an actor: a user when a valid bearer token is present, else anonymous. Where a session is required
   * (`user`, `store`), a token that is no longer valid is refused; a public endpoint serves its caller as anyone.
   */
  async actorOf(request: FastifyRequest, auth: Endpoint['auth']): Promise<Actor> {
    const required = auth === 'user' || auth === 'store';
    const token = bearer(request);
    if (token) {
      if (required) return this.authenticate(token, request.ip);
      try {
        return await this.authenticate(token, request.ip);
      } catch (err) {
        if (!(err instanceof AppError && err.code === 'unauthorized')) throw err;
      }
    }
    if (required) throw new AppError('unauthorized', 'Sign in first.');
    return { kind: 'anonymous', ip: request.ip };
  }

  /** Who a key belongs to, the key, and the request it keys. */
  private keyOf(actor: Actor, request: FastifyRequest): { scope: string; key: string; fingerprint: string } {
    const key = request.headers[IDEMPOTENCY_HEADER];
    if (typeof key !== 'string') {
      throw new AppError('idempotency_key_required', 'Send an Idempotency-Key header: a unique id for this payment, reused only to retry it.');
    }
    const scope = actor.kind === 'user' ? actor.userId : actor.kind === 'store' ? `store:${actor.storeId}` : `ip:${request.ip}`;
    return { scope, key, fingerprint: Idempotency.fingerprint(request.method, request.url.split('?')[0] ?? '', request.body) };
  }

  private idempotently(actor: Actor, request: FastifyRequest, run: () => Promise<{ status: number; body: unknown }>) {
    const { scope, key, fingerprint } = this.keyOf(actor, request);
    return this.idempotency.run(scope, key, fingerprint, run);
  }

  /** Runs a handler whose service claims the key in its transaction: a replay answers again, a refusal is remembered. */
  private async keyedInTransaction(actor: Actor, request: FastifyRequest, status: number, run: (payment: PaymentKey) => Promise<{ status: number; body: unknown }>) {
    const { scope, key, fingerprint } = this.keyOf(actor, request);
    try {
      return await run(this.idempotency.inTransaction(scope, key, fingerprint, status));
    } catch (err) {
      if (err instanceof Replayed) return err.answer;
      // A retry that failed before reaching its transaction, because the first request changed what it checks.
      const first = await this.idempotency.answered(scope, key, fingerprint);
      if (first) return first;
      if (err instanceof AppError && err.status < 500 && err.code !== 'idempotency_key_reused') await this.idempotency.refused(scope, key, fingerprint, err);
      throw err;
    }
  }

  add<E extends Endpoint>(endpoint: E, handler: RouteHandler<E>, options: RouteOptions = {}): void {
    const status = endpoint.status ?? 200;
    const response: Record<number, z.ZodType> = { 400: ErrorBody, 401: ErrorBody, 404: ErrorBody };
    if (endpoint.response) response[status] = endpoint.response;
    this.app.withTypeProvider<ZodTypeProvider>().route({
      method: endpoint.method,
      url: endpoint.path,
      schema: {
        summary: endpoint.summary,
        tags: endpoint.tags,
        ...(endpoint.auth === 'user' ? { security: [{ session: [] }] } : {}),
        ...(endpoint.auth === 'optional' ? { security: [{ session: [] }, {}] } : {}),
        ...(endpoint.auth === 'store' ? { security: [{ storeKey: [] }, { session: [] }] } : {}),
        ...(endpoint.params ? { params: endpoint.params } : {}),
        ...(endpoint.query ? { querystring: endpoint.query } : {}),
        ...(endpoint.body ? { body: endpoint.body } : {}),
        ...(endpoint.idempotent ? { headers: z.object({ [IDEMPOTENCY_HEADER]: IdempotencyKey.optional() }) } : {}),
        ...(endpoint.multipart ? { consumes: ['multipart/form-data'] } : {}),
        response,
      },
      // Authentication runs before validation, so an anonymous caller learns nothing about the body's rules.
      onRequest: async (request) => {
        this.actors.set(request, endpoint.auth === 'store' ? await this.storeOf(request) : await this.actorOf(request, endpoint.auth));
      },
      handler: async (request, reply) => {
        const actor = this.actors.get(request)!;
        const upload = (limits?: { fileSize?: number }) => {
          if (!endpoint.multipart) throw new Error(`${endpoint.method} ${endpoint.path} takes no upload`);
          return readUpload(request, endpoint.multipart.field, limits);
        };
        const ctx = { actor, params: request.params, query: request.query, body: request.body, upload, request, reply };
        const run = async (payment?: PaymentKey) => ({ status, body: await handler({ ...ctx, payment } as unknown as RouteContext<E>) });
        const answer = !endpoint.idempotent
          ? await run()
          : options.keyInTransaction
            ? await this.keyedInTransaction(actor, request, status, run)
            : await this.idempotently(actor, request, () => run());
        reply.status(answer.status);
        return answer.status === 204 ? reply.send() : answer.body;
      },
    });
  }
}
