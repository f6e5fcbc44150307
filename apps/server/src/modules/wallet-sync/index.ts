export { decide, shouldAnnounce } from './decide.js';
export { walletSyncDevRoutes } from './dev-routes.js';
export { electronicName, statusMessage } from './messages.js';
export { registerWalletSync } from './register.js';
export { type SyncReport, WALLET_SYNC_JOB, WalletStatusSynchroniser } from './synchroniser.js';
