import { type CredentialType, credentialTypeSpec, displayClaimValue } from '@yss/contracts';

/**
 * Claim values as the QR credential carries them: dates as YYYYMMDD integers (5 bytes of CBOR instead of 11),
 * everything else as is (strings, null for 长期).
 */

export function encodeClaimValue(type: CredentialType, claim: string, value: unknown): unknown {
  const spec = credentialTypeSpec(type);
  if (spec.dateClaims.includes(claim) && typeof value === 'string') return Number(value.replaceAll('-', ''));
  return value;
}

export function decodeClaimValue(type: CredentialType, claim: string, value: unknown): unknown {
  const spec = credentialTypeSpec(type);
  if (spec.dateClaims.includes(claim) && typeof value === 'number') {
    const s = String(value);
    if (!/^\d{8}$/.test(s)) return undefined;
    return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
  }
  return value;
}

/** The claim name of an integer key of a type, if any. */
export function claimOfKey(type: CredentialType, key: unknown): string | undefined {
  const keys = credentialTypeSpec(type).claimKeys as Record<string, number>;
  return Object.keys(keys).find((k) => keys[k] === key);
}

/** The disclosed value as a verifier reads it: enums in Chinese, null as 长期. */
export function displayClaim(type: CredentialType, claim: string, value: unknown): string {
  return displayClaimValue(type, claim, value);
}
