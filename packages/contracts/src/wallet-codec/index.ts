/**
 * `@yss/contracts/wallet-codec`: the compact QR credential's codec and the verification rules, one
 * browser-safe implementation for the server (issuer, reference holder, POST /api/v1/verify), the phone
 * (holder) and the verifier page (offline verifier). Pure and synchronous; hashing, signing and verifying are
 * each platform's (node:crypto on the server, WebCrypto in the browser). See docs/wallet.md.
 *
 * A subpath of its own, not re-exported by the contracts' index: it brings cbor-x, and through the index's
 * barrel the citizen app's bundler put cbor-x, zod and the credential types into a chunk every page loads
 * (3 KB → 142 KB). Imported by path, it stays with the pages that show or verify a QR.
 */
export * from './base45.js';
export * from './cbor.js';
export * from './claims.js';
export * from './compact.js';
export * from './cose.js';
export * from './status-list.js';
export * from './verification.js';
export * from './verify-qr.js';
