/**
 * accounts: sign-up and login, sessions and devices, the signed-in user's profile, roles, and the friend graph
 * (one-way adds by handle or QR code, favourites, hidden friends, blocks). Other code imports only this file.
 */
export { AccountsRepository } from './accounts.repository';
export { FriendsRepository } from './friends.repository';
export { AccountsService, type NewAccount, type ServiceHandle } from './accounts.service';
export { SessionCache } from './session-cache';
export { ProfileCache } from './profile-cache';
export { FriendsService } from './friends.service';
export { AccountsDirectory } from './accounts.directory';
export { registerAccountsRoutes } from './accounts.routes';
export { registerFriendsRoutes } from './friends.routes';
