import { finished, Transform, type Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors';

/** One file sent as `multipart/form-data`. Reading `stream` fails with an AppError if the body is broken or too large. */
export interface Upload {
  name: string;
  stream: Readable;
  /** The whole file in memory, for small uploads such as pictures. */
  toBuffer(): Promise<Buffer>;
}

/**
 * A multipart body the parser cannot read (no boundary, a part that never ends, the wrong boundary) is the caller's
 * fault: 400. Fastify's own errors keep their codes, which the error table maps (a file too large is 413).
 */
function unreadable(error: unknown): unknown {
  if (error instanceof AppError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code.startsWith('FST_')) return error;
  const detail = error instanceof Error ? `: ${error.message}` : '';
  return new AppError('validation_failed', `The multipart body could not be read${detail}.`, { cause: error });
}

/**
 * The file in `field` of a multipart request, for every upload route (the Router hands it to handlers as
 * `ctx.upload`). Whatever goes wrong while the body is parsed or read reaches the handler as an AppError: a broken
 * body is 400, a file over `fileSize` is 413.
 */
export async function readUpload(request: FastifyRequest, field: string, limits: { fileSize?: number } = {}): Promise<Upload> {
  let part: Awaited<ReturnType<FastifyRequest['file']>>;
  try {
    part = await request.file({ limits: { ...limits, files: 1 } });
  } catch (err) {
    throw unreadable(err);
  }
  if (!part || part.fieldname !== field) {
    part?.file.resume();
    throw new AppError('validation_failed', `Send the file in the field "${field}".`);
  }
  const source = part.file;
  const stream = new Transform({
    transform: (chunk, _encoding, done) => done(null, chunk),
    // The parser stops at the size limit and ends the file early, marking it truncated.
    flush: (done) => done(source.truncated ? new AppError('payload_too_large', 'The file is too large.') : null),
  });
  // `finished` also reports a body that broke before this line, while the part was on its way to the handler.
  finished(source, (err) => {
    if (err) stream.destroy(unreadable(err) as Error);
  });
  // The body may break before the handler starts reading; whoever reads the stream later still gets the error.
  stream.on('error', () => {});
  source.pipe(stream);
  return { name: part.filename, stream, toBuffer: () => buffer(stream) };
}
