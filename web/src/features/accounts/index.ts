// Signing up and in, one's own profile and sessions, as the app and other features see it: they import accounts only
// from here (see eslint.config.js); every other file in the folder is the feature's own.
export { useLogout, useMe, useRenewFriendCode } from './api';
export { LoginPage } from './LoginPage';
export { MyProfileSheet } from './MyProfileSheet';
export { SessionsPage } from './SessionsPage';
export { SignUpPage } from './SignUpPage';
