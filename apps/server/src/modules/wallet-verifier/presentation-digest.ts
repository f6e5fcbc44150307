import { hash } from 'node:crypto';
import { WALLET_QR_PREFIX } from '@yss/contracts';
import { parsePresentation, readIssuerPayload } from '../wallet/compact.js';
import { qrPresentationDigest, sdJwtPresentationDigest } from '../wallet/index.js';

/**
 * The digest that identifies one uploaded presentation — the one the wallet's replay guard keys on
 * (wallet/presentation-digest.ts). Two uploads of the same scan have the same digest whatever else they claim.
 * Anything unreadable: the digest of the text itself.
 */
export function presentationDigest(payload: string): string {
  const text = payload.trim();
  try {
    if (text.startsWith(WALLET_QR_PREFIX)) {
      const parsed = parsePresentation(text);
      const { cnf } = readIssuerPayload(parsed.issuer.sign1);
      const holderPayload = parsed.holder.sign1[2];
      if (holderPayload instanceof Uint8Array) return qrPresentationDigest(cnf, holderPayload);
    } else if (text.includes('~')) {
      return sdJwtPresentationDigest(text);
    }
  } catch {
    // unreadable: fall through
  }
  return hash('sha256', `raw:${text}`, 'base64url');
}
