import { type CredentialType, credentialTypeSpec, WALLET_PURPOSES, type WalletPurpose } from '@yss/contracts';
import {
  type CoseSign1,
  decodeStoredCompact,
  encodeHolderPayload,
  encodePresentation,
  es256ProtectedHeader,
  holderAad,
  readDisclosure,
  sigStructure,
} from '@yss/contracts/wallet-codec';

/**
 * The phone's side of the compact QR presentation, exactly as the server's reference holder
 * (apps/server/src/modules/wallet/holder.ts presentQr) does it, with WebCrypto: the stored credential
 * [1, COSE_Sign1, [disclosures]] → "YSS1:" + base45([1, COSE_Sign1, [chosen disclosures], holder COSE_Sign1]).
 * The holder signs {1: iat, 2: nonce, 3: purpose code} as a COSE_Sign1 (ES256, protected {1: -7}) whose
 * Sig_structure carries external_aad = cbor([issuer signature, chosen disclosures]). WebCrypto's ECDSA
 * signatures are already raw r‖s, as COSE wants. The bytes (CBOR, COSE, base45) are the contracts' wallet
 * codec, the server's own: only the signing is the phone's.
 */

export function base64urlDecode(text: string): Uint8Array {
  const b64 = text.replaceAll('-', '+').replaceAll('_', '/') + '='.repeat((4 - (text.length % 4)) % 4);
  const bin = atob(b64);
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

/** base64url without padding: the codec's, which the shared QR checks use for key ids and nonces. */
export { bytesToBase64url as base64urlEncode } from '@yss/contracts/wallet-codec';

const decodeStored = (compact: string) => decodeStoredCompact(base64urlDecode(compact));

/** The claims a purpose shows of a type (its disclosure profile), or undefined when it has none. */
export function profileOf(type: CredentialType, purpose: WalletPurpose): readonly string[] | undefined {
  return credentialTypeSpec(type).profiles[purpose] as readonly string[] | undefined;
}

/** The claims of the stored credential that a purpose will disclose (those the credential has). */
export function disclosedClaims(compact: string, type: CredentialType, purpose: WalletPurpose): string[] {
  const keys = credentialTypeSpec(type).claimKeys as Record<string, number>;
  const present = new Set(decodeStored(compact).disclosures.map((d) => readDisclosure(d).key));
  return (profileOf(type, purpose) ?? []).filter((c) => {
    const key = keys[c];
    return key !== undefined && present.has(key);
  });
}

export interface PresentInput {
  /** The compact credential as issued (base64url). */
  compact: string;
  /** The holder's private key (non-extractable CryptoKey, ECDSA P-256). */
  privateKey: CryptoKey;
  type: CredentialType;
  purpose: WalletPurpose;
  /** The verifier's nonce (two-way flow, base64url); otherwise 12 random bytes. */
  nonce?: string;
  now?: number;
}

/** The QR text ("YSS1:" + base45) of one presentation; a new nonce and iat every time. */
export async function presentQr(input: PresentInput): Promise<{ text: string; iat: number }> {
  const profile = profileOf(input.type, input.purpose);
  if (!profile) throw new Error(`no ${input.purpose} profile for ${input.type}`);
  const stored = decodeStored(input.compact);
  const keys = credentialTypeSpec(input.type).claimKeys as Record<string, number>;
  const wanted = new Set(profile.map((c) => keys[c]));
  const disclosures = stored.disclosures.filter((d) => wanted.has(readDisclosure(d).key));
  const nonce = input.nonce ? base64urlDecode(input.nonce) : crypto.getRandomValues(new Uint8Array(12));
  const iat = Math.floor((input.now ?? Date.now()) / 1000);
  const payload = encodeHolderPayload({ iat, nonce, purposeCode: WALLET_PURPOSES[input.purpose].code });
  const protectedBytes = es256ProtectedHeader();
  const issuerSign1 = stored.issuer.sign1;
  const toSign = sigStructure(protectedBytes, holderAad(issuerSign1[3], disclosures), payload);
  const signature = new Uint8Array(
    await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, input.privateKey, toSign as BufferSource),
  );
  const holder: CoseSign1 = [protectedBytes, new Map(), payload, signature];
  return { text: encodePresentation(issuerSign1, disclosures, holder), iat };
}

/** The verifier's nonce QR of the two-way (police) flow: `YSSN1:<base64url of 8–32 bytes>`. */
export const NONCE_PREFIX = 'YSSN1:';
export function parseNonce(text: string): string | null {
  const t = text.trim();
  const body = t.startsWith(NONCE_PREFIX) ? t.slice(NONCE_PREFIX.length) : t;
  return /^[A-Za-z0-9_-]{11,43}$/.test(body) && base64urlDecode(body).length >= 8 ? body : null;
}

/** The claims of an SD-JWT VC, read from its disclosures ([salt, name, value], base64url JSON). */
export function sdJwtClaims(sdJwt: string): Record<string, unknown> {
  const [, ...parts] = sdJwt.split('~');
  const claims: Record<string, unknown> = {};
  const decoder = new TextDecoder();
  for (const part of parts) {
    if (!part) continue;
    try {
      const d = JSON.parse(decoder.decode(base64urlDecode(part)));
      if (Array.isArray(d) && d.length === 3 && typeof d[1] === 'string') claims[d[1]] = d[2];
    } catch {
      // a malformed disclosure is skipped: the page shows what it can read
    }
  }
  return claims;
}
