import { type CredentialType, credentialTypeByCode, credentialTypeSpec, type WalletPurpose } from '../wallet.js';
import {
  type HolderPayload,
  holderAad,
  type IssuerPayload,
  type ParsedPresentation,
  parsePresentation,
  readHolderPayload,
  readIssuerPayload,
} from './compact.js';
import type { ParsedSign1 } from './cose.js';
import {
  checkCredentialStatus,
  checkCredentialValidity,
  checkDisclosedClaims,
  checkIssuedType,
  checkPresentationFresh,
  checkPresentationPurpose,
  type DigestMatches,
  VERDICT_REASONS as REASONS,
  readDisclosedClaims,
  refuseVerification as refuse,
  type VerdictContext,
} from './verification.js';

type MaybePromise<T> = T | Promise<T>;

/** An issuer as a verifier knows it (the server's directory, or the verifier page's cached copy). */
export interface KnownIssuer {
  id: string;
  name: string;
  nameEn?: string;
  /** The credential types it issues. */
  types: readonly string[];
}

/**
 * What a verifier brings to the one sequence of checks: its trust (issuers, keys, status lists, the city's
 * offer) and its crypto. The server answers most of these synchronously (node:crypto, in-memory caches), the
 * verifier page asynchronously (WebCrypto); the sequence awaits either. `K` is the platform's key type.
 */
export interface QrVerifierPorts<K, I extends KnownIssuer = KnownIssuer> {
  issuerByCode(code: number): I | undefined;
  /** The issuer's published key with this kid (base64url); undefined when it is unknown or unusable. */
  issuerKey(issuer: I, kid: string): MaybePromise<K | undefined>;
  /** ES256 over the Sig_structure; false for another alg, a wrong signature or one of the wrong length. */
  verifySign1(parsed: ParsedSign1, key: K, externalAad?: Uint8Array): MaybePromise<boolean>;
  /** The holder's key from the compressed point the issuer bound; throws when it is not a point of P-256. */
  holderKey(point: Uint8Array): MaybePromise<K>;
  /** How these disclosures' digests are compared with the issuer's (the browser hashes them all first). */
  digestMatches(disclosures: Uint8Array[]): MaybePromise<DigestMatches>;
  /** Throws the refusal for a type the verifier's city does not offer (no city: nothing to check). */
  checkCity?(type: CredentialType): void;
  /** The credential's entry in its status list; undefined when the list is not known (never valid then). */
  status(issuer: I, listId: number, idx: number): MaybePromise<number | undefined>;
}

export interface QrCheckOptions {
  /** The verifier's purpose: a presentation made for another one is refused. */
  purpose?: WalletPurpose;
  /** The verifier's own nonce (two-way flow): the presentation must carry it. */
  nonce?: string;
  /** The moment (seconds) against which freshness (iat ±90 s) and the credential's validity are judged. */
  at: number;
}

/** A presentation every check passed: what the caller may still need (the server's replay guard). */
export interface CheckedQrPresentation<I extends KnownIssuer = KnownIssuer> {
  issuer: I;
  issuerPayload: IssuerPayload;
  holder: HolderPayload;
  parsed: ParsedPresentation;
}

/**
 * The checks of a compact QR presentation ("YSS1:" + base45 → CBOR → COSE_Sign1), in the one order both
 * verifiers follow — the server's `POST /api/v1/verify` and the verifier page's offline check — so that they
 * cannot drift apart:
 *
 *   structure → issuer known → kid published → issuer signature → type issued by that issuer (and offered in
 *   the city) → holder signature with the bound key → purpose → iat ±90 s → nonce → each disclosure against
 *   its digest and the claim schema → validity (expired / not yet valid) → status.
 *
 * Validity comes after the signatures so that a forgery never reads as merely expired. Each failed check
 * throws a VerificationRefusal (anything else thrown is the caller's "malformed"); `ctx` collects what the
 * verdict may say, filled in only as the checks pass. What is not here is the caller's: the server's replay
 * guard (an offline verifier cannot know what others saw) and turning the outcome into a verdict.
 */
export async function checkQrPresentation<K, I extends KnownIssuer>(
  text: string,
  ports: QrVerifierPorts<K, I>,
  o: QrCheckOptions,
  ctx: VerdictContext,
): Promise<CheckedQrPresentation<I>> {
  ctx.format = 'qr';
  let parsed: ParsedPresentation;
  let issuerPayload: IssuerPayload;
  try {
    parsed = parsePresentation(text);
    issuerPayload = readIssuerPayload(parsed.issuer.sign1);
  } catch {
    throw refuse('malformed', REASONS.malformed);
  }
  const issuer = ports.issuerByCode(issuerPayload.issuerCode);
  if (!issuer) throw refuse('unknown-issuer', REASONS.unknownIssuer);
  if (!parsed.issuer.kid) throw refuse('unknown-key', REASONS.unknownKey);
  const issuerKey = await ports.issuerKey(issuer, bytesToBase64url(parsed.issuer.kid));
  if (!issuerKey) throw refuse('unknown-key', REASONS.unknownKey);
  if (!(await ports.verifySign1(parsed.issuer, issuerKey))) throw refuse('bad-signature', REASONS.badSignature);
  ctx.issuer = { id: issuer.id, name: issuer.name, ...(issuer.nameEn ? { nameEn: issuer.nameEn } : {}) };

  const type = checkIssuedType(credentialTypeByCode(issuerPayload.typeCode), issuer.types);
  ports.checkCity?.(type);
  ctx.credentialType = { id: type, name: credentialTypeSpec(type).name };
  ctx.expiresAt = new Date(issuerPayload.exp * 1000).toISOString();

  // Holder binding: the key the issuer bound, over this credential and exactly these disclosures.
  let holderKey: K;
  let holder: HolderPayload;
  try {
    holderKey = await ports.holderKey(issuerPayload.cnf);
    holder = readHolderPayload(parsed.holder.sign1);
  } catch {
    throw refuse('holder-signature', REASONS.holderSignature);
  }
  const aad = holderAad(parsed.issuer.sign1[3], parsed.disclosures);
  if (!(await ports.verifySign1(parsed.holder, holderKey, aad))) {
    throw refuse('holder-signature', REASONS.holderSignature);
  }
  checkPresentationPurpose(ctx, holder.purposeCode, o.purpose);
  checkPresentationFresh(holder.iat, o.at);
  if (o.nonce !== undefined && bytesToBase64url(holder.nonce) !== o.nonce) throw refuse('nonce', REASONS.nonce);

  // Disclosures: each must match the issuer's digest of its claim, once.
  const matches = await ports.digestMatches(parsed.disclosures);
  const claims = readDisclosedClaims(type, issuerPayload.digests, parsed.disclosures, matches);
  ctx.disclosed = checkDisclosedClaims(type, claims);

  checkCredentialValidity(issuerPayload.iat, issuerPayload.exp, o.at);
  checkCredentialStatus(await ports.status(issuer, issuerPayload.status.listId, issuerPayload.status.idx));
  return { issuer, issuerPayload, holder, parsed };
}

/** base64url without padding (key ids, nonces), the same in Node and the browser. */
export function bytesToBase64url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/**
 * The credential type a QR presentation says it is, read WITHOUT any check: no signature is verified. For one use
 * only — refusing early, before verifying, what a verifier would refuse anyway once verified (the e-ID at a hotel
 * below three stars), so that the guest's one-minute code is not used up by the replay guard and can still be shown
 * elsewhere. Never a reason to accept anything: a forged type gains nothing but the same refusal, and the full
 * check after verifying stays the authority. Undefined for anything that is not a well-formed QR presentation.
 */
export function claimedQrCredentialType(text: string): CredentialType | undefined {
  try {
    return credentialTypeByCode(readIssuerPayload(parsePresentation(text).issuer.sign1).typeCode);
  } catch {
    return undefined;
  }
}
