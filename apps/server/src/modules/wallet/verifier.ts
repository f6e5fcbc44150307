import { createHash } from 'node:crypto';
import {
  type CityCode,
  CREDENTIAL_TYPES,
  type CredentialType,
  credentialTypeByCode,
  credentialTypeSpec,
  type DisclosedClaim,
  type Verdict,
  type VerdictKind,
  WALLET_PURPOSES,
  WALLET_QR_PREFIX,
  type WalletPurpose,
} from '@yss/contracts';
import type { CatalogService } from '../catalog/index.js';
import { claimOfKey, decodeClaimValue, displayClaim } from './claims-codec.js';
import {
  disclosureDigest,
  holderAad,
  type IssuerPayload,
  parsePresentation,
  readDisclosure,
  readHolderPayload,
  readIssuerPayload,
} from './compact.js';
import { verifySign1 } from './cose.js';
import { holderKeyObject } from './es256.js';
import type { IssuerKeyStore } from './issuer-keys.js';
import { type Issuer, issuerByCode, issuerById } from './issuers.js';
import type { ReplayGuard } from './replay-guard.js';
import { verifySdJwtPresentation } from './sd-jwt.js';
import { STATUS } from './status-bits.js';
import type { StatusListCache } from './status-cache.js';

/** Holder signatures are accepted within ±90 s of their iat. */
export const PRESENTATION_WINDOW_SECONDS = 90;

export interface VerifyOptions {
  /** The verifier's own nonce (two-way flow; required for SD-JWT VC): the presentation must carry it. */
  nonce?: string;
  purpose?: WalletPurpose;
  /** SD-JWT VC key binding: the audience the verifier expects. */
  audience?: string;
  city?: CityCode;
  /**
   * When the presentation was checked (ms), if not now: an offline verifier's upload (wallet-verifier
   * offline-check-ins.ts). Freshness (iat ±90 s) and the certificate's validity are judged at that moment;
   * signatures, status and replay are always checked as the server knows them now.
   */
  at?: number;
  /** false: neither consult nor record the replay guard (a check-in the server has recorded already). */
  replay?: boolean;
}

export interface VerifierDeps {
  keys: IssuerKeyStore;
  status: StatusListCache;
  replay: ReplayGuard;
  catalog?: CatalogService;
  /** The `iss` of an issuer in SD-JWT VCs. */
  issuerUrl: (issuerId: string) => string;
  now?: () => number;
}

class Refusal extends Error {
  constructor(
    readonly verdict: Exclude<VerdictKind, 'valid'>,
    readonly reasonCode: string,
    readonly reason: string,
  ) {
    super(reasonCode);
  }
}
const refuse = (code: string, reason: string, verdict: Exclude<VerdictKind, 'valid'> = 'invalid') =>
  new Refusal(verdict, code, reason);

const REASONS = {
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
 * Verification of presented certificates: the compact QR (YSS1:…) and SD-JWT VC presentations with key
 * binding. Every path ends in an explicit verdict; "valid" is reached only after every check passed, and any
 * unexpected failure is an invalid verdict (never a 500, never valid by default).
 */
export class CredentialVerifier {
  constructor(private readonly d: VerifierDeps) {}

  private now() {
    return this.d.now?.() ?? Date.now();
  }

  async verify(payload: string, options: VerifyOptions = {}): Promise<Verdict> {
    const checkedAt = new Date(this.now()).toISOString();
    const ctx: Partial<Verdict> = {};
    try {
      const text = payload.trim();
      if (text.startsWith(WALLET_QR_PREFIX)) return await this.verifyQr(text, options, ctx, checkedAt);
      if (/^[A-Za-z0-9_.~-]+$/.test(text) && text.includes('~')) {
        return await this.verifySdJwt(text, options, ctx, checkedAt);
      }
      throw refuse('malformed', REASONS.malformed);
    } catch (err) {
      const r = err instanceof Refusal ? err : refuse('malformed', REASONS.malformed);
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
  }

  private async verifyQr(text: string, o: VerifyOptions, ctx: Partial<Verdict>, checkedAt: string): Promise<Verdict> {
    ctx.format = 'qr';
    let parsed: ReturnType<typeof parsePresentation>;
    let issuerPayload: IssuerPayload;
    try {
      parsed = parsePresentation(text);
      issuerPayload = readIssuerPayload(parsed.issuer.sign1);
    } catch {
      throw refuse('malformed', REASONS.malformed);
    }
    const issuer = issuerByCode(issuerPayload.issuerCode);
    if (!issuer) throw refuse('unknown-issuer', REASONS.unknownIssuer);
    if (!parsed.issuer.kid) throw refuse('unknown-key', REASONS.unknownKey);
    const key = await this.d.keys.verificationKey(issuer.id, Buffer.from(parsed.issuer.kid).toString('base64url'));
    if (!key) throw refuse('unknown-key', REASONS.unknownKey);
    if (!verifySign1(parsed.issuer, key)) throw refuse('bad-signature', REASONS.badSignature);
    ctx.issuer = { id: issuer.id, name: issuer.name, nameEn: issuer.nameEn };
    const type = this.knownType(issuer, credentialTypeByCode(issuerPayload.typeCode), o.city);
    ctx.credentialType = { id: type, name: credentialTypeSpec(type).name };
    ctx.expiresAt = new Date(issuerPayload.exp * 1000).toISOString();

    // Holder binding: the key the issuer bound, over this credential and exactly these disclosures.
    let holderKey: Awaited<ReturnType<typeof holderKeyObject>>;
    let holder: ReturnType<typeof readHolderPayload>;
    try {
      holderKey = await holderKeyObject(issuerPayload.cnf);
      holder = readHolderPayload(parsed.holder.sign1);
    } catch {
      throw refuse('holder-signature', REASONS.holderSignature);
    }
    const aad = holderAad(parsed.issuer.sign1[3], parsed.disclosures);
    if (!verifySign1(parsed.holder, holderKey, aad)) throw refuse('holder-signature', REASONS.holderSignature);
    const purpose = (Object.keys(WALLET_PURPOSES) as WalletPurpose[]).find(
      (p) => WALLET_PURPOSES[p].code === holder.purposeCode,
    );
    if (purpose) ctx.purpose = { id: purpose, name: WALLET_PURPOSES[purpose].name };
    if (!purpose || (o.purpose && o.purpose !== purpose)) throw refuse('purpose', REASONS.purpose);
    this.checkFresh(holder.iat, o.at);
    if (o.nonce !== undefined && Buffer.from(holder.nonce).toString('base64url') !== o.nonce) {
      throw refuse('nonce', REASONS.nonce);
    }

    // Disclosures: each must match the issuer's digest of its claim, once.
    const claims = new Map<string, unknown>();
    for (const d of parsed.disclosures) {
      let item: { key: number; value: unknown };
      try {
        item = readDisclosure(d);
      } catch {
        throw refuse('disclosure', REASONS.disclosure);
      }
      const expected = issuerPayload.digests.get(item.key);
      const claim = claimOfKey(type, item.key);
      if (!expected || !claim || claims.has(claim) || !disclosureDigest(d).equals(expected)) {
        throw refuse('disclosure', REASONS.disclosure);
      }
      claims.set(claim, decodeClaimValue(type, claim, item.value));
    }
    ctx.disclosed = this.disclosedList(type, claims);

    this.checkValidity(issuerPayload.iat, issuerPayload.exp, o.at);
    await this.checkStatus(issuer, issuerPayload.status.listId, issuerPayload.status.idx);
    const digest = createHash('sha256').update(issuerPayload.cnf).update(parsed.holder.sign1[2]).digest('base64url');
    if (
      o.replay !== false &&
      !(await this.d.replay.firstUse(digest, (holder.iat + PRESENTATION_WINDOW_SECONDS + 1) * 1000))
    ) {
      throw refuse('replay', REASONS.replay);
    }
    return this.valid(ctx, checkedAt);
  }

  private async verifySdJwt(
    text: string,
    o: VerifyOptions,
    ctx: Partial<Verdict>,
    checkedAt: string,
  ): Promise<Verdict> {
    ctx.format = 'sd-jwt-vc';
    if (!o.nonce) throw refuse('nonce-required', REASONS.nonceRequired);
    let issuer: Issuer | undefined;
    let keyKnown = false;
    const trace: { issuerSignature?: boolean; keyBinding?: boolean } = {};
    let result: Awaited<ReturnType<typeof verifySdJwtPresentation>>;
    try {
      result = await verifySdJwtPresentation(text, {
        nonce: o.nonce,
        trace,
        issuerKey: async (iss, kid) => {
          issuer = this.issuerOfIss(iss);
          if (!issuer || typeof kid !== 'string') return undefined;
          const key = await this.d.keys.verificationKey(issuer.id, kid);
          keyKnown = !!key;
          return key;
        },
      });
    } catch (err) {
      if (trace.issuerSignature === undefined) throw refuse('malformed', REASONS.malformed);
      if (!issuer) throw refuse('unknown-issuer', REASONS.unknownIssuer);
      if (!keyKnown) throw refuse('unknown-key', REASONS.unknownKey);
      if (!trace.issuerSignature) throw refuse('bad-signature', REASONS.badSignature);
      ctx.issuer = { id: issuer.id, name: issuer.name, nameEn: issuer.nameEn };
      const message = err instanceof Error ? err.message : '';
      if (trace.keyBinding === true && /Nonce/.test(message)) throw refuse('nonce', REASONS.nonce);
      // No KB-JWT (stripped), a bad one, a KB signature by another key, or disclosures changed after signing.
      if (trace.keyBinding !== true || /Key Binding|sd_hash/i.test(message)) {
        throw refuse('holder-signature', REASONS.holderSignature);
      }
      throw refuse('disclosure', REASONS.disclosure);
    }
    if (!issuer || !trace.issuerSignature || !trace.keyBinding) throw refuse('malformed', REASONS.malformed);
    ctx.issuer = { id: issuer.id, name: issuer.name, nameEn: issuer.nameEn };
    const { payload, kb } = result;
    const type = this.knownType(
      issuer,
      (Object.keys(CREDENTIAL_TYPES) as CredentialType[]).find((t) => CREDENTIAL_TYPES[t].vct === payload.vct),
      o.city,
    );
    ctx.credentialType = { id: type, name: credentialTypeSpec(type).name };
    const { iat, exp } = payload as { iat?: unknown; exp?: unknown };
    if (typeof iat !== 'number' || typeof exp !== 'number') throw refuse('malformed', REASONS.malformed);
    ctx.expiresAt = new Date(exp * 1000).toISOString();
    if (o.audience !== undefined && kb.payload.aud !== o.audience) throw refuse('audience', REASONS.audience);
    this.checkFresh(kb.payload.iat, o.at);
    const spec = credentialTypeSpec(type);
    const claims = new Map<string, unknown>();
    for (const claim of Object.keys(spec.claimKeys)) if (claim in payload) claims.set(claim, payload[claim]);
    ctx.disclosed = this.disclosedList(type, claims);
    const status = (payload.status as { status_list?: { idx?: unknown; uri?: unknown } } | undefined)?.status_list;
    const listId = typeof status?.uri === 'string' ? Number(status.uri.match(/\/status-lists\/(\d+)$/)?.[1]) : NaN;
    if (!status || typeof status.idx !== 'number' || !Number.isSafeInteger(listId)) {
      throw refuse('malformed', REASONS.malformed);
    }
    if (status.uri !== `${this.d.issuerUrl(issuer.id)}/status-lists/${listId}`)
      throw refuse('malformed', REASONS.malformed);
    this.checkValidity(iat, exp, o.at);
    await this.checkStatus(issuer, listId, status.idx);
    const digest = createHash('sha256')
      .update(text.slice(text.lastIndexOf('~')))
      .digest('base64url');
    if (
      o.replay !== false &&
      !(await this.d.replay.firstUse(digest, (kb.payload.iat + PRESENTATION_WINDOW_SECONDS + 1) * 1000))
    ) {
      throw refuse('replay', REASONS.replay);
    }
    return this.valid(ctx, checkedAt);
  }

  private issuerOfIss(iss: unknown): Issuer | undefined {
    if (typeof iss !== 'string') return undefined;
    const id = iss.match(/\/api\/v1\/issuers\/([a-z0-9-]+)$/)?.[1];
    const issuer = id ? issuerById(id) : undefined;
    return issuer && this.d.issuerUrl(issuer.id) === iss ? issuer : undefined;
  }

  /** A type this issuer issues, and (with a city) one the city offers. */
  private knownType(issuer: Issuer, type: CredentialType | undefined, city: CityCode | undefined): CredentialType {
    if (!type || !issuer.types.includes(type)) throw refuse('unknown-type', REASONS.unknownType);
    if (city && this.d.catalog) {
      const detail = this.d.catalog.current.entry(credentialTypeSpec(type).serviceId, city);
      if (!detail?.available) {
        const cityName = this.d.catalog.current.cities.find((c) => c.code === city)?.name ?? city;
        throw refuse(
          'not-in-city',
          `${credentialTypeSpec(type).name}${detail?.unavailableReason ?? '暂不支持当前城市'}，当前城市为${cityName}。`,
        );
      }
    }
    return type;
  }

  private checkFresh(iat: unknown, at?: number) {
    const now = (at ?? this.now()) / 1000;
    if (typeof iat !== 'number' || Math.abs(now - iat) > PRESENTATION_WINDOW_SECONDS)
      throw refuse('stale', REASONS.stale);
  }

  private checkValidity(iat: number, exp: number, at?: number) {
    const now = (at ?? this.now()) / 1000;
    if (iat > now + PRESENTATION_WINDOW_SECONDS) throw refuse('not-yet-valid', REASONS.notYetValid);
    if (exp <= now) throw refuse('expired', REASONS.expired, 'expired');
  }

  private async checkStatus(issuer: Issuer, listId: number, idx: number) {
    const s = await this.d.status.status(issuer.id, listId, idx);
    if (!s.ok) throw refuse('status-unknown', REASONS.statusUnknown);
    if (s.status === STATUS.invalid) throw refuse('revoked', REASONS.revoked, 'revoked');
    if (s.status === STATUS.suspended) throw refuse('suspended', REASONS.suspended, 'suspended');
    if (s.status !== STATUS.valid) throw refuse('status-unknown', REASONS.statusUnknown);
  }

  private disclosedList(type: CredentialType, claims: Map<string, unknown>): DisclosedClaim[] {
    const spec = credentialTypeSpec(type);
    const parsed = partialClaims(type).safeParse(Object.fromEntries(claims));
    if (!parsed.success) throw refuse('disclosure', REASONS.disclosure);
    const labels = spec.labels as Record<string, string>;
    const order = spec.claimKeys as Record<string, number>;
    return [...claims.entries()]
      .sort(([a], [b]) => (order[a] ?? 0) - (order[b] ?? 0))
      .map(([claim, value]) => ({
        claim,
        label: labels[claim] ?? claim,
        value: value === null ? null : String(value),
        display: displayClaim(type, claim, value),
      }));
  }

  private valid(ctx: Partial<Verdict>, checkedAt: string): Verdict {
    return {
      verdict: 'valid',
      reason: REASONS.valid,
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
}
