// Profile spaces, as the app sees it: it imports profiles only from here (see eslint.config.js); every other file in
// the folder is the feature's own.
export { NoticesBell, UpcomingEvents } from './FriendsParts';
export { NoticesPage } from './NoticesPage';
export { profileEventCard } from './ProfileEventBubble';
export { ProfileSpacePage } from './ProfileSpacePage';
export { WallPage } from './WallPage';
