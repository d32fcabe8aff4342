/**
 * openlink: interest rooms anyone can find and join (the public face of chat rooms of kind `open`): what a room is
 * about, how people join, its host, and discovery across every script. Other code imports only this file.
 */
export { OpenlinkRepository } from './openlink.repository';
export { OpenlinkService } from './openlink.service';
export { registerOpenlinkRoutes } from './openlink.routes';
export { roomTerms } from './search-terms';
export { TranslationsService } from './translations.service';
export type { Face, OpenRoomChat, OpenRoomHooks } from './openlink.ports';
