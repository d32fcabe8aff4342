/**
 * profiles: profile spaces. The look a person gives their profile (cover, background, stickers, blocks and who sees
 * each), their feeling and life events, and what visitors do there: celebrate, sign the guestbook, send a gift for an
 * event. Reads people through the accounts directory. Other code imports only this file.
 */
export { CelebrationsService, type GiftOccasion } from './celebrations.service';
export { ProfilesRepository } from './profiles.repository';
export { ProfilesService } from './profiles.service';
export { registerProfilesRoutes } from './profiles.routes';
export type { EventCards, ProfileShelf } from './profiles.ports';
