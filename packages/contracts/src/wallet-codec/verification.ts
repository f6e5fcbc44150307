import {
  type CredentialType,
  credentialTypeSpec,
  type DisclosedClaim,
  type Verdict,
  type VerdictKind,
  WALLET_PURPOSES,
  type WalletPurpose,
} from '../wallet.js';
import { claimOfKey, decodeClaimValue, disclosedClaimList } from './claims.js';
import { readDisclosure } from './compact.js';
import { TOKEN_STATUS } from './status-list.js';

/**
 * The verification rules both verifiers apply — the server's (POST /api/v1/verify) and the verifier page's
 * offline one — so that they give the same verdicts, reason codes and Chinese reasons for the same payload.
 * Each check throws a VerificationRefusal; the caller turns it into the verdict. The checks that need keys,
 * signatures, digests or the status list's bytes are the caller's (platform crypto, its own caches); these are
 * the synchronous rules around them.
 */

/** Holder signatures are accepted within ±90 s of their iat. */
export const PRESENTATION_WINDOW_SECONDS = 90;

/** Why a verdict is what it is, in Chinese (the verdict's `reason`). */
export const VERDICT_REASONS = {
  malformed: '无法识别的二维码或凭证内容，请让持证人刷新后重新出示。',
  unknownIssuer: '签发机构未知，无法核验该证照。',
  unknownKey: '签发密钥未知，无法核验该证照。',
  badSignature: '证照签名无效，内容可能被篡改。',
  unknownType: '不支持的证照类型。',
  expired: '证照已过期。',
  notYetValid: '证照尚未生效。',
  holderSignature: '持证人签名无效，请让持证人刷新后重新出示。',
  stale: '出示码已失效（超过90秒），请让持证人刷新后重新出示。',
  nonce: '出示码与本次核验的随机数不符，请让持证人扫描本机显示的核验码后重新出示。',
  nonceRequired: '核验该格式的凭证需要提供本次核验的随机数。',
  audience: '该凭证不是出示给本核验方的。',
  replay: '该出示码已被核验过，请让持证人刷新后重新出示。',
  disclosure: '证照披露信息与签名不符，内容可能被篡改。',
  purpose: '该出示码不是为本核验场景生成的，请让持证人选择正确的用途后重新出示。',
  statusUnknown: '暂时无法确认证照状态，请稍后再试。',
  revoked: '证照已被签发机构注销。',
  suspended: '证照已被签发机构暂停使用。',
  valid: '证照有效。',
} as const;

/** A check that failed: the verdict it leads to, a stable reason code and the Chinese reason. */
export class VerificationRefusal extends Error {
  constructor(
    readonly verdict: Exclude<VerdictKind, 'valid'>,
    readonly reasonCode: string,
    readonly reason: string,
  ) {
    super(reasonCode);
  }
}

export const refuseVerification = (code: string, reason: string, verdict: Exclude<VerdictKind, 'valid'> = 'invalid') =>
  new VerificationRefusal(verdict, code, reason);

/** What a verdict says besides its outcome, filled in as the checks pass (nothing before the issuer's signature). */
export type VerdictContext = Partial<
  Pick<Verdict, 'issuer' | 'credentialType' | 'purpose' | 'format' | 'disclosed' | 'expiresAt'>
>;

export function validVerdict(ctx: VerdictContext, checkedAt: string): Verdict {
  return {
    verdict: 'valid',
    reason: VERDICT_REASONS.valid,
    reasonCode: 'ok',
    issuer: ctx.issuer ?? null,
    credentialType: ctx.credentialType ?? null,
    purpose: ctx.purpose ?? null,
    format: ctx.format ?? null,
    disclosed: ctx.disclosed ?? [],
    expiresAt: ctx.expiresAt ?? null,
    checkedAt,
  };
}

/** The verdict of a failed verification: any error that is not a refusal is malformed, never valid. */
export function refusedVerdict(err: unknown, ctx: VerdictContext, checkedAt: string): Verdict {
  const r = err instanceof VerificationRefusal ? err : refuseVerification('malformed', VERDICT_REASONS.malformed);
  return {
    verdict: r.verdict,
    reason: r.reason,
    reasonCode: r.reasonCode,
    issuer: ctx.issuer ?? null,
    credentialType: ctx.credentialType ?? null,
    purpose: ctx.purpose ?? null,
    format: ctx.format ?? null,
    // Claims only when the signatures held (revoked / suspended): never for a forged credential.
    disclosed: r.verdict === 'revoked' || r.verdict === 'suspended' ? (ctx.disclosed ?? []) : [],
    expiresAt: ctx.expiresAt ?? null,
    checkedAt,
  };
}

/** A type this issuer issues (the credential's type code, or vct, looked up by the caller). */
export function checkIssuedType(type: CredentialType | undefined, issuerTypes: readonly string[]): CredentialType {
  if (!type || !issuerTypes.includes(type)) throw refuseVerification('unknown-type', VERDICT_REASONS.unknownType);
  return type;
}

/** A type the verifier's city does not offer, refused in the catalog's words. */
export function notInCityRefusal(
  type: CredentialType,
  unavailableReason: string | null | undefined,
  cityName: string,
): VerificationRefusal {
  return refuseVerification(
    'not-in-city',
    `${credentialTypeSpec(type).name}${unavailableReason ?? '暂不支持当前城市'}，当前城市为${cityName}。`,
  );
}

/** The purpose the holder signed (into `ctx` when it is one), which must be the verifier's when it has one. */
export function checkPresentationPurpose(
  ctx: VerdictContext,
  purposeCode: number,
  expected?: WalletPurpose,
): WalletPurpose {
  const purpose = (Object.keys(WALLET_PURPOSES) as WalletPurpose[]).find(
    (p) => WALLET_PURPOSES[p].code === purposeCode,
  );
  if (purpose) ctx.purpose = { id: purpose, name: WALLET_PURPOSES[purpose].name };
  if (!purpose || (expected && expected !== purpose)) throw refuseVerification('purpose', VERDICT_REASONS.purpose);
  return purpose;
}

/** The holder signed within ±90 s of `nowSeconds`. */
export function checkPresentationFresh(iat: unknown, nowSeconds: number): void {
  if (typeof iat !== 'number' || Math.abs(nowSeconds - iat) > PRESENTATION_WINDOW_SECONDS) {
    throw refuseVerification('stale', VERDICT_REASONS.stale);
  }
}

/** The credential's own validity; checked after the signatures, so a forgery never reads as merely expired. */
export function checkCredentialValidity(iat: number, exp: number, nowSeconds: number): void {
  if (iat > nowSeconds + PRESENTATION_WINDOW_SECONDS)
    throw refuseVerification('not-yet-valid', VERDICT_REASONS.notYetValid);
  if (exp <= nowSeconds) throw refuseVerification('expired', VERDICT_REASONS.expired, 'expired');
}

/** The credential's entry in its status list; undefined (no list, a bad or expired one, no entry) is never valid. */
export function checkCredentialStatus(status: number | undefined): void {
  if (status === undefined) throw refuseVerification('status-unknown', VERDICT_REASONS.statusUnknown);
  if (status === TOKEN_STATUS.invalid) throw refuseVerification('revoked', VERDICT_REASONS.revoked, 'revoked');
  if (status === TOKEN_STATUS.suspended) throw refuseVerification('suspended', VERDICT_REASONS.suspended, 'suspended');
  if (status !== TOKEN_STATUS.valid) throw refuseVerification('status-unknown', VERDICT_REASONS.statusUnknown);
}

/**
 * Whether disclosure number `index` hashes to `expected` (SHA-256, first 16 bytes): the platform's hashing.
 * Synchronous so that the server's path stays synchronous; the browser hashes first (WebCrypto is async).
 */
export type DigestMatches = (disclosure: Uint8Array, index: number, expected: Uint8Array) => boolean;

/**
 * The disclosed claims (decoded: dates back to YYYY-MM-DD): each disclosure must match the issuer's digest of
 * its claim, a claim of the type, once.
 */
export function readDisclosedClaims(
  type: CredentialType,
  digests: Map<number, Uint8Array>,
  disclosures: Uint8Array[],
  digestMatches: DigestMatches,
): Map<string, unknown> {
  const claims = new Map<string, unknown>();
  for (let i = 0; i < disclosures.length; i++) {
    const d = disclosures[i] as Uint8Array;
    let item: { key: number; value: unknown };
    try {
      item = readDisclosure(d);
    } catch {
      throw refuseVerification('disclosure', VERDICT_REASONS.disclosure);
    }
    const expected = digests.get(item.key);
    const claim = claimOfKey(type, item.key);
    if (!expected || !claim || claims.has(claim) || !digestMatches(d, i, expected)) {
      throw refuseVerification('disclosure', VERDICT_REASONS.disclosure);
    }
    claims.set(claim, decodeClaimValue(type, claim, item.value));
  }
  return claims;
}

/** The verdict's list of disclosed claims; refused when they break the type's claim schema. */
export function checkDisclosedClaims(type: CredentialType, claims: Map<string, unknown>): DisclosedClaim[] {
  const list = disclosedClaimList(type, claims);
  if (!list) throw refuseVerification('disclosure', VERDICT_REASONS.disclosure);
  return list;
}
