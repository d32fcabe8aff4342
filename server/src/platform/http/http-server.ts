import { existsSync } from 'node:fs';
import { STATUS_CODES } from 'node:http';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import { errorCodes, errorStatus, jsonTooDeep, MAX_JSON_DEPTH, type ErrorCode } from '@maum/protocol';
import type { Config } from '../config';
import { AppError } from '../errors';
import type { Logger } from '../log';

/** Fastify's own error codes that are the caller's fault, mapped into our code table. */
const fastifyErrors: Record<string, { code: ErrorCode; status: number; message?: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'malformed_json', status: 400, message: 'The body is not valid JSON.' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'malformed_json', status: 400, message: 'The JSON body is empty.' },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'payload_too_large', status: 413, message: 'The body is too large.' },
  FST_REQ_FILE_TOO_LARGE: { code: 'payload_too_large', status: 413, message: 'The file is too large.' },
  FST_FILES_LIMIT: { code: 'validation_failed', status: 400, message: 'Send one file only.' },
  FST_PARTS_LIMIT: { code: 'validation_failed', status: 400, message: 'Too many parts.' },
  FST_INVALID_MULTIPART_CONTENT_TYPE: {
    code: 'unsupported_media_type',
    status: 415,
    message: 'Send the file as multipart/form-data.',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'unsupported_media_type', status: 415 },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'validation_failed', status: 400 },
};

/** The table's first code for a 4xx status; a status the table has no code for is answered as 400 `validation_failed`. */
function codeForStatus(status: number): ErrorCode {
  return errorCodes.find((code) => errorStatus[code] === status) ?? 'validation_failed';
}

function describeValidation(error: FastifyError): string {
  const context = error.validationContext ?? 'request';
  const issues = (error.validation ?? []).map((issue) => {
    const at = (issue.instancePath ?? '').replace(/^\//, '').replaceAll('/', '.');
    return at ? `${context}.${at}: ${issue.message}` : `${context}: ${issue.message}`;
  });
  return issues.length > 0 ? issues.join('; ') : error.message;
}

/** Every error as `{code, message}`: ours by their code, Fastify's and validation's as the 4xx they are, the rest as 500. */
function sendError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof AppError) {
    if (error.retryAfter !== undefined) void reply.header('retry-after', String(error.retryAfter));
    return reply.status(error.status).send({ code: error.code, message: error.message });
  }
  if (hasZodFastifySchemaValidationErrors(error) || error.validation) {
    return reply.status(400).send({ code: 'validation_failed', message: describeValidation(error) });
  }
  const known = error.code ? fastifyErrors[error.code] : undefined;
  if (known) return reply.status(known.status).send({ code: known.code, message: known.message ?? error.message });
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    // Any other refusal of Fastify's keeps its status when the table has a code for it (414 `uri_too_long`, say).
    const code = codeForStatus(error.statusCode);
    return reply.status(errorStatus[code]).send({ code, message: error.message });
  }
  request.log.error({ err: error, url: request.url, method: request.method }, 'request failed');
  return reply.status(500).send({ code: 'internal', message: 'Something went wrong on our side.' });
}

/**
 * A request Node cannot even parse (headers over its size limit, a malformed request line, a client too slow to send
 * its headers) never reaches Fastify's handlers, so it is answered here, still as `{code, message}`.
 */
function answerUnparsable(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, message]: [number, ErrorCode, string] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'headers_too_large', 'The request line and headers are too large.']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'request_timeout', 'The request took too long to arrive.']
        : [400, 'validation_failed', 'The request could not be read as HTTP.'];
  const body = JSON.stringify({ code, message });
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  }
  socket.destroy(error);
}

/**
 * The HTTP shell: Zod validation from protocol/, the OpenAPI document, `{code, message}` errors, and the built
 * web app served from `/`. Routes are added by modules afterwards.
 */
export async function createHttpServer(config: Config, log: Logger): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: log as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    return503OnClosing: true,
    clientErrorHandler: answerUnparsable,
    // A URL the router cannot read (a broken %-escape, an over-long id) is answered like any other bad input.
    frameworkErrors: (error, request, reply) => sendError(error, request as FastifyRequest, reply as FastifyReply),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.setErrorHandler(sendError);

  // JSON bodies nest at most MAX_JSON_DEPTH levels, checked on the raw text before anything parses or walks it.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body.toString();
    if (jsonTooDeep(text)) {
      done(new AppError('validation_failed', `The JSON body nests deeper than ${MAX_JSON_DEPTH} levels.`), undefined);
      return;
    }
    parseJson(request, text, done);
  });

  await app.register(fastifyMultipart, {
    limits: { fileSize: config.avatarMaxBytes, files: 1, fields: 5, parts: 6 },
  });

  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Maum API',
        description: 'Chat, gifts and shopping in one flow. Errors are always `{code, message}`.',
        version: '0.1.0',
      },
      components: {
        securitySchemes: {
          session: { type: 'http', scheme: 'bearer', description: 'The token from login' },
          storeKey: { type: 'apiKey', in: 'header', name: 'X-Store-Key', description: 'A store’s API key' },
        },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const indexHtml = path.join(config.webDist, 'index.html');
  const hasWeb = existsSync(indexHtml);
  if (hasWeb) {
    await app.register(fastifyStatic, { root: config.webDist, wildcard: false, index: false, prefix: '/' });
  } else {
    log.warn({ webDist: config.webDist }, 'the web app is not built; run `npm run build` to serve it');
  }

  app.setNotFoundHandler((request, reply) => {
    const url = request.url.split('?')[0] ?? '/';
    const isApi = url.startsWith('/api/') || url === '/api' || url === '/healthz' || url.startsWith('/media/') || url.startsWith('/log/');
    if (!isApi && request.method === 'GET') {
      // The web app routes on the client: every page URL gets index.html.
      if (hasWeb) return reply.type('text/html').header('cache-control', 'no-cache').sendFile('index.html');
      return reply.type('text/plain').send('Maum is running, but the web app is not built. Run `npm run build`.');
    }
    return reply.status(404).send({ code: 'not_found', message: `No route for ${request.method} ${url}.` });
  });

  return app;
}

/**
 * Stops accepting and lets in-flight requests finish. Keep-alive connections are closed as soon as they fall idle
 * (not only those idle at the moment of closing), and whatever is still open after `deadlineMs` is cut.
 */
export async function closeGracefully(app: FastifyInstance, deadlineMs: number): Promise<void> {
  const server = app.server;
  const sweep = setInterval(() => server.closeIdleConnections(), 100);
  const deadline = setTimeout(() => server.closeAllConnections(), deadlineMs);
  try {
    await app.close();
  } finally {
    clearInterval(sweep);
    clearTimeout(deadline);
  }
}
