export type { DocumentStanding } from './credential-sources.js';
export { GONE_REASON } from './credential-sources.js';
export { holderKeys, presentQr, presentSdJwt, profileClaims } from './holder.js';
export { ISSUERS, issuerById, issuerOfType } from './issuers.js';
export {
  certificatesOfLink,
  hasValidLink,
  linksDueForSync,
  markSynced,
  type SyncCandidate,
  type SyncStanding,
} from './link-repository.js';
export { walletLinkRoutes } from './link-routes.js';
export { qrPresentationDigest, sdJwtPresentationDigest } from './presentation-digest.js';
export { walletRoutes } from './routes.js';
export type { WalletTables } from './tables.js';
export { PRESENTATION_WINDOW_SECONDS } from './verifier.js';
export { type IssuedCertificate, type IssuedCredential, WalletService } from './wallet-service.js';
