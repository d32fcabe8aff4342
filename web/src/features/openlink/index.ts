// OpenLink, as the app sees it: it imports openlink only from here (see eslint.config.js); every other file in the
// folder is the feature's own.
export { DiscoverPage } from './DiscoverPage';
export { openRoomParts } from './parts';
export { OpenLinkPage, OpenRoomPage } from './RoomDetailsPage';
export { TagPage } from './TagPage';
