export { holderKeys, presentQr, presentSdJwt, profileClaims } from './holder.js';
export { ISSUERS, issuerById } from './issuers.js';
export { walletLinkRoutes } from './link-routes.js';
export { walletRoutes } from './routes.js';
export type { WalletTables } from './tables.js';
export { PRESENTATION_WINDOW_SECONDS } from './verifier.js';
export { type IssuedCertificate, type IssuedCredential, WalletService } from './wallet-service.js';
