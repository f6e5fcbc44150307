import { createHash } from 'node:crypto';
import { WALLET_QR_PREFIX } from '@yss/contracts';
import { parsePresentation, readIssuerPayload } from '../wallet/compact.js';

/**
 * The digest that identifies one presentation — the same one the wallet's replay guard keys on (verifier.ts):
 * a QR's holder key (cnf) and holder-signed payload (nonce, iat, purpose); an SD-JWT VC's key-binding JWT.
 * Two uploads of the same scan have the same digest whatever else they claim; two scans of one credential
 * never do (each QR has a fresh nonce and iat). Anything unreadable: the digest of the text itself.
 */
export function presentationDigest(payload: string): string {
  const text = payload.trim();
  try {
    if (text.startsWith(WALLET_QR_PREFIX)) {
      const parsed = parsePresentation(text);
      const { cnf } = readIssuerPayload(parsed.issuer.sign1);
      const holderPayload = parsed.holder.sign1[2];
      if (holderPayload instanceof Uint8Array) {
        return createHash('sha256').update(cnf).update(holderPayload).digest('base64url');
      }
    } else if (text.includes('~')) {
      return createHash('sha256')
        .update(text.slice(text.lastIndexOf('~')))
        .digest('base64url');
    }
  } catch {
    // unreadable: fall through
  }
  return createHash('sha256').update(`raw:${text}`).digest('base64url');
}
