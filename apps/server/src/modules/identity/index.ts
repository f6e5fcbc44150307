export { type AuthContext, IdentityService } from './identity-service.js';
export { PasskeyService } from './passkey-service.js';
export { type IdentityProofing, RegisterIdentityProofing } from './proofing.js';
export { identityRoutes } from './routes.js';
export { identitySettings } from './settings.js';
