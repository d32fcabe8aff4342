import type { ClientFrame, ServerFrame } from '@maum/protocol';
import type { UserActor } from './actor';

// The contract between a module's WebSocket frame handlers and the realtime gateway. It lives in the platform,
// beside the HTTP router's, so that a module can write its handlers without importing realtime/.

export type FrameType = Exclude<ClientFrame['t'], 'hello'>;
export type FrameOf<T extends FrameType> = Extract<ClientFrame, { t: T }>;

export interface WsContext {
  actor: UserActor;
  /** Sends a frame to the socket the request came from. */
  reply(frame: ServerFrame): void;
}

export type WsHandler<T extends FrameType> = (ctx: WsContext, frame: FrameOf<T>) => Promise<void>;
export type WsHandlers = { [T in FrameType]?: WsHandler<T> };
