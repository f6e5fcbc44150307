import { type CredentialType, credentialTypeSpec, type DisclosedClaim, displayClaimValue } from '../wallet.js';

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

/**
 * The type's claim schema with every claim optional (a presentation discloses some). Built once per type:
 * `.partial()` makes a new schema whose first parse compiles it, which cost ~0.25 ms on every verification.
 */
const partialSchemas = new Map<
  CredentialType,
  ReturnType<ReturnType<typeof credentialTypeSpec>['claims']['partial']>
>();
function partialClaims(type: CredentialType) {
  let schema = partialSchemas.get(type);
  if (!schema) {
    schema = credentialTypeSpec(type).claims.partial();
    partialSchemas.set(type, schema);
  }
  return schema;
}

/**
 * The disclosed claims as a verdict lists them (in the type's claim order, with the Chinese label and display
 * value: enums in Chinese, null as 长期), or undefined when they do not satisfy the type's claim schema.
 */
export function disclosedClaimList(type: CredentialType, claims: Map<string, unknown>): DisclosedClaim[] | undefined {
  const spec = credentialTypeSpec(type);
  // A claim that did not decode (a date that is not YYYYMMDD) is undefined, which `.partial()` would let through
  // as "not disclosed" and the verdict would show as the text "undefined": refuse it like any schema break.
  for (const value of claims.values()) if (value === undefined) return undefined;
  if (!partialClaims(type).safeParse(Object.fromEntries(claims)).success) return undefined;
  const labels = spec.labels as Record<string, string>;
  const order = spec.claimKeys as Record<string, number>;
  return [...claims.entries()]
    .sort(([a], [b]) => (order[a] ?? 0) - (order[b] ?? 0))
    .map(([claim, value]) => ({
      claim,
      label: labels[claim] ?? claim,
      value: value === null ? null : String(value),
      display: displayClaimValue(type, claim, value),
    }));
}
