// Friends, as the app and other features see it: they import friends only from here (see eslint.config.js); every
// other file in the folder is the feature's own.
export { AddByCodePage } from './AddByCodePage';
export { useFriends } from './api';
export { BlockedPage } from './BlockedPage';
export { FriendsPage } from './FriendsPage';
export { HiddenFriendsPage } from './HiddenFriendsPage';
export { registerProfileParts } from './profile';
