import type { FastifyInstance } from 'fastify';
import { chatApi, MEDIA_PATH, MediaId } from '@maum/protocol';
import { z } from 'zod';
import type { Router } from '../../platform/http/routes';
import { parseRange } from '../../platform/media/media-store';
import type { ChatMediaService } from './chat-media.service';
import type { ChatService } from './chat.service';

export function registerChatRoutes(app: FastifyInstance, router: Router, chat: ChatService, media: ChatMediaService): void {
  router.add(chatApi.rooms, async ({ actor }) => ({ rooms: await chat.listRooms(actor) }));
  router.add(chatApi.openDirect, ({ actor, body }) => chat.openDirect(actor, body.userId));
  router.add(chatApi.createGroup, ({ actor, body }) => chat.createGroup(actor, body));
  router.add(chatApi.room, ({ actor, params }) => chat.room(actor, params.roomId));
  router.add(chatApi.rename, ({ actor, params, body }) => chat.rename(actor, params.roomId, body.title));
  router.add(chatApi.invite, ({ actor, params, body }) => chat.invite(actor, params.roomId, body.userIds));
  router.add(chatApi.leave, ({ actor, params }) => chat.leave(actor, params.roomId));
  router.add(chatApi.history, ({ actor, params, query }) => chat.history(actor, params.roomId, query));
  router.add(chatApi.send, ({ actor, params, body }) => chat.send(actor, params.roomId, body));
  router.add(chatApi.search, async ({ actor, params, query }) => ({ messages: await chat.search(actor, params.roomId, query.q) }));
  router.add(chatApi.deleteMessage, ({ actor, params }) => chat.deleteMessage(actor, params.roomId, params.seq));
  router.add(chatApi.react, async ({ actor, params }) => ({
    reactions: await chat.react(actor, params.roomId, params.seq, params.emoji, true),
  }));
  router.add(chatApi.unreact, async ({ actor, params }) => ({
    reactions: await chat.react(actor, params.roomId, params.seq, params.emoji, false),
  }));
  router.add(chatApi.upload, async ({ actor, params, upload }) => media.upload(actor, params.roomId, await upload({ fileSize: media.maxUploadBytes })));

  app.get(
    MEDIA_PATH,
    {
      schema: {
        summary: 'The bytes of an upload, for members of its room',
        tags: ['chat'],
        security: [{ session: [] }],
        params: z.object({ mediaId: MediaId, variant: z.enum(['original', 'display', 'thumb', 'poster']) }),
      },
    },
    async (request, reply) => {
      const actor = await router.actorOf(request, 'user');
      const { mediaId, variant } = request.params as { mediaId: string; variant: string };
      const found = await media.open(actor, mediaId, variant, parseRange(request.headers.range) ?? undefined);
      const { read } = found;
      // Players seek in a video by asking for ranges; the bytes of a key never change, so any range of it may be cached.
      void reply.header('accept-ranges', 'bytes');
      if (read.status === 'unsatisfiable') {
        return reply
          .status(416)
          .header('content-range', `bytes */${read.size}`)
          .send({ code: 'range_not_satisfiable', message: `The file has ${read.size} bytes; the range asked for starts past its end.` });
      }
      void reply
        .type(found.mime)
        .header('cache-control', 'private, max-age=31536000, immutable')
        .header('x-content-type-options', 'nosniff');
      if (found.download) void reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(found.name)}`);
      if (read.status === 'partial') {
        void reply
          .status(206)
          .header('content-range', `bytes ${read.start}-${read.end}/${read.size}`)
          .header('content-length', String(read.end - read.start + 1));
      } else {
        void reply.header('content-length', String(read.size));
      }
      return reply.send(read.stream);
    },
  );
}
