import type { WsHandlers } from '../../platform/ws-handlers';
import type { ChatService } from './chat.service';

/** The chat module's WebSocket frames: thin, like routes. */
export function chatWsHandlers(chat: ChatService): WsHandlers {
  return {
    send: async ({ actor, reply }, frame) => {
      const { t: _t, roomId, ...message } = frame;
      reply({ t: 'ack', ...(await chat.send(actor, roomId, message)) });
    },
    read: ({ actor }, frame) => chat.read(actor, frame.roomId, frame.seq),
    typing: ({ actor }, frame) => chat.typing(actor, frame.roomId),
  };
}
