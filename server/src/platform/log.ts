import { pino, stdSerializers, type Logger } from 'pino';

export type { Logger };

/**
 * Errors as logged. A failed query is logged by its database error and the start of its statement: never its
 * parameters, which hold people's messages and passwords' hashes, nor a statement of many kilobytes.
 */
function serializeError(err: unknown): unknown {
  if (!(err instanceof Error)) return err;
  const failed = err as Error & { query?: unknown; params?: unknown };
  if (typeof failed.query !== 'string') return stdSerializers.err(err);
  const cause = failed.cause instanceof Error ? (failed.cause as Error & { code?: unknown }) : undefined;
  return {
    type: err.name,
    message: cause?.message ?? 'query failed',
    code: cause?.code,
    statement: failed.query.length > 120 ? `${failed.query.slice(0, 120)}…` : failed.query,
    stack: cause?.stack ?? err.stack,
  };
}

export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'maum' }, serializers: { err: serializeError } });
}
