// The store's counter console, as the app and other features see it: they import store only from here (see
// eslint.config.js); every other file in the folder is the feature's own.
export { StatementPage } from './StatementPage';
export { StoreConsolePage } from './StoreConsolePage';
export { StoreLayout } from './StoreLayout';
