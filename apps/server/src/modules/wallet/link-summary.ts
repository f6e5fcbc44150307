import { type CredentialType, credentialTypeSpec, type LinkSummary } from '@yss/contracts';
import { maskIdNumber, maskName } from '../privacy/index.js';
import { claimOfKey, decodeClaimValue } from './claims-codec.js';
import { decodeStoredCompact, readDisclosure } from './compact.js';

/**
 * What a link remembers of a certificate: the holder's masked name and the document's masked number, read
 * from a credential of the batch just issued (its disclosures) and masked at once. Works for every type: the
 * number is the first claim whose name ends in `Number` (idNumber, licenceNumber, passportNumber …).
 */
export function linkSummary(type: CredentialType, compact: string): LinkSummary {
  const spec = credentialTypeSpec(type);
  const claims = new Map<string, unknown>();
  for (const d of decodeStoredCompact(Buffer.from(compact, 'base64url')).disclosures) {
    const { key, value } = readDisclosure(d);
    const claim = claimOfKey(type, key);
    if (claim) claims.set(claim, decodeClaimValue(type, claim, value));
  }
  const name = claims.get('name');
  const numberClaim = Object.keys(spec.claimKeys).find(
    (c) => /Number$/.test(c) && typeof claims.get(c) === 'string' && (claims.get(c) as string).length >= 4,
  );
  const labels = spec.labels as Record<string, string>;
  return {
    holderNameMasked: typeof name === 'string' ? maskName(name) : '',
    numberLabel: numberClaim ? (labels[numberClaim] ?? null) : null,
    numberMasked: numberClaim ? maskIdNumber(claims.get(numberClaim) as string) : null,
  };
}
