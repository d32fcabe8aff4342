// The More tab, as the app and other features see it: they import more only from here (see eslint.config.js); every
// other file in the folder is the feature's own.
export { LanguageSelect } from './LanguageSelect';
export { MorePage } from './MorePage';
