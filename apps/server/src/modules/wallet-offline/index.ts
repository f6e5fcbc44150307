export { walletOfflineRoutes } from './routes.js';
