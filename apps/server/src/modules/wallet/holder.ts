import type { JsonWebKey } from 'node:crypto';
import { randomBytes } from 'node:crypto';
import { digest } from '@sd-jwt/crypto-nodejs';
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import {
  type CredentialType,
  credentialTypeSpec,
  WALLET_PURPOSES,
  WALLET_QR_PREFIX,
  type WalletPurpose,
} from '@yss/contracts';
import { AppError } from '../../http/app-error.js';
import { base45Encode } from './base45.js';
import { encodeCbor } from './cbor.js';
import { claimOfKey } from './claims-codec.js';
import { decodeStoredCompact, FORMAT_VERSION, H, holderAad, readDisclosure } from './compact.js';
import { signSign1, tagSign1 } from './cose.js';
import { generateEs256, type PublicJwk, privateKeyObject, signEs256 } from './es256.js';

/**
 * The reference holder: what the citizen's phone does with an issued batch, written for tests and as the
 * specification the app follows (the app does the same with WebCrypto). One credential per presentation,
 * a fresh nonce and iat in every QR, only the claims of the purpose's disclosure profile.
 */

export interface HolderKey {
  publicJwk: PublicJwk;
  privateJwk: JsonWebKey;
}

export function holderKeys(n: number): HolderKey[] {
  return Array.from({ length: n }, () => generateEs256());
}

/** The claims a purpose shows of a type; refuses a purpose the type has no profile for. */
export function profileClaims(type: CredentialType, purpose: WalletPurpose): readonly string[] {
  const profile = credentialTypeSpec(type).profiles[purpose] as readonly string[] | undefined;
  if (!profile) {
    throw new AppError(
      'WALLET_PURPOSE_NOT_SUPPORTED',
      `${credentialTypeSpec(type).name}不支持“${WALLET_PURPOSES[purpose].name}”核验场景。`,
    );
  }
  return profile;
}

export interface QrPresentInput {
  /** The compact credential as issued (base64url). */
  compact: string;
  key: HolderKey;
  type: CredentialType;
  purpose: WalletPurpose;
  /** The verifier's nonce (two-way flow, base64url); otherwise a fresh random one. */
  nonce?: string;
  /** Claims to show instead of the purpose's profile (tests of over- and under-disclosure). */
  claims?: readonly string[];
  now?: number;
}

/** The QR text ("YSS1:" + base45): what the phone renders as a QR code, refreshed every minute. */
export function presentQr(input: QrPresentInput): string {
  const stored = decodeStoredCompact(Buffer.from(input.compact, 'base64url'));
  const wanted = new Set(input.claims ?? profileClaims(input.type, input.purpose));
  const disclosures = stored.disclosures.filter((d) => {
    const claim = claimOfKey(input.type, readDisclosure(d).key);
    return claim !== undefined && wanted.has(claim);
  });
  const nonce = input.nonce ? Buffer.from(input.nonce, 'base64url') : randomBytes(12);
  const holderPayload = new Map<number, unknown>([
    [H.iat, Math.floor((input.now ?? Date.now()) / 1000)],
    [H.nonce, nonce],
    [H.purpose, WALLET_PURPOSES[input.purpose].code],
  ]);
  const holder = signSign1(privateKeyObject(input.key.privateJwk), encodeCbor(holderPayload), {
    externalAad: holderAad(stored.issuer.sign1[3], disclosures),
  });
  const bytes = encodeCbor([FORMAT_VERSION, tagSign1(stored.issuer.sign1), disclosures, holder]);
  return WALLET_QR_PREFIX + base45Encode(bytes);
}

export interface SdJwtPresentInput {
  sdJwt: string;
  key: HolderKey;
  type: CredentialType;
  purpose: WalletPurpose;
  nonce: string;
  audience: string;
  claims?: readonly string[];
  now?: number;
}

/** An SD-JWT VC presentation with a key-binding JWT over the verifier's nonce and audience. */
export async function presentSdJwt(input: SdJwtPresentInput): Promise<string> {
  const key = privateKeyObject(input.key.privateJwk);
  const sdjwt = new SDJwtVcInstance({
    hasher: digest,
    kbSigner: async (data) => signEs256(key, Buffer.from(data)).toString('base64url'),
    kbSignAlg: 'ES256',
  });
  const claims = input.claims ?? profileClaims(input.type, input.purpose);
  return sdjwt.present(input.sdJwt, Object.fromEntries(claims.map((c) => [c, true])), {
    kb: {
      payload: { iat: Math.floor((input.now ?? Date.now()) / 1000), aud: input.audience, nonce: input.nonce },
    },
  });
}
