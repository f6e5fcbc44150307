import { SDJwtInstance } from '@sd-jwt/core';
import { digest, generateSalt } from '@sd-jwt/crypto-nodejs';
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import { type CredentialType, credentialTypeSpec } from '@yss/contracts';
import { type PublicJwk, publicKeyObject, signEs256, toPublicJwk, verifyEs256 } from './es256.js';
import type { SigningKey } from './issuer-keys.js';

/**
 * The stored credential as an SD-JWT VC (draft-ietf-oauth-sd-jwt-vc, typ dc+sd-jwt) with the OpenWallet
 * Foundation's @sd-jwt library: every claim selectively disclosable, the holder's key in `cnf.jwk`, the
 * status entry in `status.status_list`. The library signs through our ES256 signer.
 */

export const SD_JWT_TYP = 'dc+sd-jwt';

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');

export interface SdJwtIssueInput {
  key: SigningKey;
  iss: string;
  type: CredentialType;
  claims: Record<string, unknown>;
  iat: number;
  exp: number;
  status: { uri: string; idx: number };
  holderJwk: PublicJwk;
}

export async function issueSdJwt(input: SdJwtIssueInput): Promise<string> {
  const spec = credentialTypeSpec(input.type);
  const sdjwt = new SDJwtVcInstance({
    signer: async (data) => b64(signEs256(input.key.key, Buffer.from(data))),
    signAlg: 'ES256',
    hasher: digest,
    hashAlg: 'sha-256',
    saltGenerator: generateSalt,
  });
  const claims = Object.fromEntries(Object.entries(input.claims).filter(([, v]) => v !== undefined));
  return sdjwt.issue(
    {
      iss: input.iss,
      vct: spec.vct,
      iat: input.iat,
      exp: input.exp,
      cnf: { jwk: input.holderJwk },
      status: { status_list: { idx: input.status.idx, uri: input.status.uri } },
      ...claims,
    },
    { _sd: Object.keys(claims) as never[] },
    { header: { kid: input.key.kid } },
  );
}

const part = (data: string, i: number) => JSON.parse(Buffer.from(data.split('.')[i] ?? '', 'base64url').toString());

/**
 * Verifies an SD-JWT VC presentation with the library, key binding enforced (a nonce is always passed, so
 * a presentation without its KB-JWT fails). Time claims are left to the caller (checked after the signature,
 * so a forged credential is never reported as merely expired). Throws on any failure.
 */
export async function verifySdJwtPresentation(
  presentation: string,
  options: {
    nonce: string;
    /** The issuer's public key for the kid of a header whose payload names this iss; undefined = unknown. */
    issuerKey: (iss: unknown, kid: unknown) => Promise<import('node:crypto').KeyObject | undefined>;
    /** Filled in as the checks run, so that a failure can be told apart (forged, unbound, replayed …). */
    trace: { issuerSignature?: boolean; keyBinding?: boolean };
  },
) {
  const sdjwt = new SDJwtInstance({
    hasher: digest,
    verifier: async (data, sig) => {
      const header = part(data, 0);
      if (header.alg !== 'ES256' || header.typ !== SD_JWT_TYP) return false;
      const key = await options.issuerKey(part(data, 1).iss, header.kid);
      options.trace.issuerSignature = !!key && verifyEs256(key, Buffer.from(data), Buffer.from(sig, 'base64url'));
      return options.trace.issuerSignature;
    },
    kbVerifier: async (data, sig, payload) => {
      options.trace.keyBinding = false;
      if (part(data, 0).alg !== 'ES256') return false;
      const jwk = (payload as { cnf?: { jwk?: unknown } }).cnf?.jwk;
      if (!jwk || typeof jwk !== 'object') return false;
      let holder: PublicJwk;
      try {
        holder = toPublicJwk(jwk as Record<string, unknown>);
      } catch {
        return false;
      }
      options.trace.keyBinding = verifyEs256(publicKeyObject(holder), Buffer.from(data), Buffer.from(sig, 'base64url'));
      return options.trace.keyBinding;
    },
  });
  // The library checks iat/nbf/exp before the signature; a skew of 100 years turns that off here.
  const result = await sdjwt.verify(presentation, {
    keyBindingNonce: options.nonce,
    skewSeconds: 100 * 365 * 86_400,
  });
  if (!result.kb) throw new Error('key binding missing');
  return { payload: result.payload as Record<string, unknown>, header: result.header ?? {}, kb: result.kb };
}
