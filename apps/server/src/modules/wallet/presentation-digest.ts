import { hash } from 'node:crypto';

/**
 * What identifies one presentation: the replay guard's key (verifier.ts) and a recorded check-in's
 * (wallet-verifier). Two scans of one credential never share it (each QR has a fresh nonce and iat; each
 * SD-JWT VC presentation a fresh key-binding JWT); two uploads of the same scan always do.
 */

/** A QR presentation's: the holder key the issuer bound (cnf) and the holder-signed payload (iat, nonce, purpose). */
export function qrPresentationDigest(cnf: Uint8Array, holderPayload: Uint8Array): string {
  return hash('sha256', Buffer.concat([cnf, holderPayload]), 'base64url');
}

/** An SD-JWT VC presentation's: its key-binding JWT, the part from the last "~". */
export function sdJwtPresentationDigest(text: string): string {
  return hash('sha256', text.slice(text.lastIndexOf('~')), 'base64url');
}
