import type { ClientFrame, ServerFrame } from '@maum/protocol';
import type { UserActor } from '../platform/actor';

export type FrameType = Exclude<ClientFrame['t'], 'hello'>;
export type FrameOf<T extends FrameType> = Extract<ClientFrame, { t: T }>;

export interface WsContext {
  actor: UserActor;
  /** Sends a frame to the socket the request came from. */
  reply(frame: ServerFrame): void;
}

export type WsHandler<T extends FrameType> = (ctx: WsContext, frame: FrameOf<T>) => Promise<void>;
export type WsHandlers = { [T in FrameType]?: WsHandler<T> };

/** The typed map of incoming frame handlers. Each frame type has exactly one handler, from one module. */
export class WsHandlerRegistry {
  private readonly handlers: WsHandlers = {};

  register(handlers: WsHandlers): this {
    for (const [type, handler] of Object.entries(handlers) as Array<[FrameType, WsHandler<FrameType>]>) {
      if (this.handlers[type]) throw new Error(`a handler for "${type}" frames is already registered`);
      (this.handlers as Record<FrameType, WsHandler<FrameType>>)[type] = handler;
    }
    return this;
  }

  get<T extends FrameType>(type: T): WsHandler<T> | undefined {
    return this.handlers[type] as WsHandler<T> | undefined;
  }
}
