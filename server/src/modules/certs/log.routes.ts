import type { FastifyInstance } from 'fastify';
import { concat, encodeEntryBundle, LOG_PATH, logApi, parseTilePath, TILE_WIDTH } from '@maum/protocol';
import { z } from 'zod';
import { AppError } from '../../platform/errors';
import type { Router } from '../../platform/http/routes';
import type { CheckpointAnchoring } from './log-anchoring';
import type { TransparencyLog } from './log.service';

const text = 'text/plain; charset=utf-8';
// The log is public: monitors and verify pages on other sites may read it from the browser.
const ANYONE = { 'access-control-allow-origin': '*' };

/**
 * The log's public face: JSON proofs under /api/log, and the C2SP tlog-tiles files under /log (raw bytes and
 * text, so they are plain Fastify routes). Everything here is public and read-only.
 */
export function registerLogRoutes(app: FastifyInstance, router: Router, log: TransparencyLog, anchoring?: CheckpointAnchoring): void {
  router.add(logApi.checkpoint, () => log.checkpoint());
  router.add(logApi.anchors, async () => ({
    chain: anchoring ? { ...anchoring.target, intervalMinutes: anchoring.intervalMs / 60_000 } : null,
    anchors: await log.anchors(),
  }));
  router.add(logApi.inclusion, ({ query }) => log.inclusion(query));
  router.add(logApi.consistency, ({ query }) => log.consistency(query));
  router.add(logApi.bundle, ({ query }) => log.bundle(query.indices));

  app.get(`${LOG_PATH}/checkpoint`, { schema: { summary: 'The latest signed checkpoint (C2SP tlog-checkpoint)', tags: ['log'] } }, async (_, reply) => {
    const note = await log.checkpointNote();
    return reply.type(text).headers(ANYONE).header('cache-control', 'no-cache').send(note);
  });

  app.get(`${LOG_PATH}/verifier-key`, { schema: { summary: 'The note verifier key checkpoints are signed with', tags: ['log'] } }, async (_, reply) =>
    reply.type(text).headers(ANYONE).header('cache-control', 'public, max-age=3600').send(`${log.verifierKey}\n`),
  );

  app.get(
    `${LOG_PATH}/tile/*`,
    {
      schema: {
        summary: 'A tlog tile (`<L>/<N>[.p/<W>]`) or entry bundle (`entries/<N>[.p/<W>]`), as C2SP tlog-tiles specifies',
        tags: ['log'],
        params: z.object({ '*': z.string().max(200) }),
      },
    },
    async (request, reply) => {
      const path = (request.params as { '*': string })['*'];
      const ref = parseTilePath(path);
      if (!ref) throw new AppError('validation_failed', `"${path}" is not a tile path: <level>/<N>[.p/<width>] or entries/<N>[.p/<width>], N in x001/x234/067 form.`);
      const tile = await log.tile(ref);
      const body = 'entries' in tile ? encodeEntryBundle(tile.entries) : concat(...tile.hashes);
      // A full tile never changes; a partial one is replaced by a wider one as the log grows.
      const cache = ref.width === TILE_WIDTH ? 'public, max-age=31536000, immutable' : 'public, max-age=10';
      return reply.type('application/octet-stream').headers(ANYONE).header('cache-control', cache).send(Buffer.from(body.buffer, body.byteOffset, body.byteLength));
    },
  );
}
