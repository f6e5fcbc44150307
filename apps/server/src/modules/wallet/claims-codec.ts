import { type CredentialType, displayClaimValue } from '@yss/contracts';

/**
 * Claim values as the QR credential carries them (dates as YYYYMMDD integers): the contracts' wallet codec,
 * shared with the web apps.
 */
export { claimOfKey, decodeClaimValue, encodeClaimValue } from '@yss/contracts/wallet-codec';

/** The disclosed value as a verifier reads it: enums in Chinese, null as 长期. */
export function displayClaim(type: CredentialType, claim: string, value: unknown): string {
  return displayClaimValue(type, claim, value);
}
