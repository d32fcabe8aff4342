import type { FrameType, WsHandler, WsHandlers } from '../platform/ws-handlers';

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
