// The wallet, as the app and other features see it: they import wallet only from here (see eslint.config.js); every
// other file in the folder is the feature's own.
export { walletKeys } from './api';
export { PayFooter, TopUpLink, useShortfall } from './PayFooter';
export { WalletPage } from './WalletPage';
