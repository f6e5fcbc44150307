import { createHash } from 'node:crypto';
import {
  type CityCode,
  CREDENTIAL_TYPES,
  type CredentialType,
  credentialTypeByCode,
  credentialTypeSpec,
  type Verdict,
  WALLET_QR_PREFIX,
  type WalletPurpose,
} from '@yss/contracts';
import {
  checkCredentialStatus,
  checkCredentialValidity,
  checkDisclosedClaims,
  checkIssuedType,
  checkPresentationFresh,
  checkPresentationPurpose,
  type DigestMatches,
  type IssuerPayload,
  notInCityRefusal,
  PRESENTATION_WINDOW_SECONDS,
  parsePresentation,
  VERDICT_REASONS as REASONS,
  readDisclosedClaims,
  readHolderPayload,
  readIssuerPayload,
  refuseVerification as refuse,
  refusedVerdict,
  type VerdictContext,
  validVerdict,
} from '@yss/contracts/wallet-codec';
import type { CatalogService } from '../catalog/index.js';
import { disclosureDigest, holderAad } from './compact.js';
import { verifySign1 } from './cose.js';
import { holderKeyObject } from './es256.js';
import type { IssuerKeyStore } from './issuer-keys.js';
import { type Issuer, issuerByCode, issuerById } from './issuers.js';
import type { ReplayGuard } from './replay-guard.js';
import { verifySdJwtPresentation } from './sd-jwt.js';
import type { StatusListCache } from './status-cache.js';

/** Holder signatures are accepted within ±90 s of their iat (the rule is the contracts' wallet codec's). */
export { PRESENTATION_WINDOW_SECONDS };

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

/** node:crypto's SHA-256 is synchronous: the disclosures are checked without leaving the call. */
const digestMatches: DigestMatches = (disclosure, _index, expected) => disclosureDigest(disclosure).equals(expected);

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
    const ctx: VerdictContext = {};
    try {
      const text = payload.trim();
      if (text.startsWith(WALLET_QR_PREFIX)) return await this.verifyQr(text, options, ctx, checkedAt);
      if (/^[A-Za-z0-9_.~-]+$/.test(text) && text.includes('~')) {
        return await this.verifySdJwt(text, options, ctx, checkedAt);
      }
      throw refuse('malformed', REASONS.malformed);
    } catch (err) {
      // Claims only when the signatures held (revoked / suspended); anything unexpected is malformed.
      return refusedVerdict(err, ctx, checkedAt);
    }
  }

  private async verifyQr(text: string, o: VerifyOptions, ctx: VerdictContext, checkedAt: string): Promise<Verdict> {
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
    checkPresentationPurpose(ctx, holder.purposeCode, o.purpose);
    this.checkFresh(holder.iat, o.at);
    if (o.nonce !== undefined && Buffer.from(holder.nonce).toString('base64url') !== o.nonce) {
      throw refuse('nonce', REASONS.nonce);
    }

    // Disclosures: each must match the issuer's digest of its claim, once.
    const claims = readDisclosedClaims(type, issuerPayload.digests, parsed.disclosures, digestMatches);
    ctx.disclosed = checkDisclosedClaims(type, claims);

    this.checkValidity(issuerPayload.iat, issuerPayload.exp, o.at);
    await this.checkStatus(issuer, issuerPayload.status.listId, issuerPayload.status.idx);
    const digest = createHash('sha256').update(issuerPayload.cnf).update(parsed.holder.sign1[2]).digest('base64url');
    if (
      o.replay !== false &&
      !(await this.d.replay.firstUse(digest, (holder.iat + PRESENTATION_WINDOW_SECONDS + 1) * 1000))
    ) {
      throw refuse('replay', REASONS.replay);
    }
    return validVerdict(ctx, checkedAt);
  }

  private async verifySdJwt(text: string, o: VerifyOptions, ctx: VerdictContext, checkedAt: string): Promise<Verdict> {
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
    ctx.disclosed = checkDisclosedClaims(type, claims);
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
    return validVerdict(ctx, checkedAt);
  }

  private issuerOfIss(iss: unknown): Issuer | undefined {
    if (typeof iss !== 'string') return undefined;
    const id = iss.match(/\/api\/v1\/issuers\/([a-z0-9-]+)$/)?.[1];
    const issuer = id ? issuerById(id) : undefined;
    return issuer && this.d.issuerUrl(issuer.id) === iss ? issuer : undefined;
  }

  /** A type this issuer issues, and (with a city) one the city offers. */
  private knownType(issuer: Issuer, type: CredentialType | undefined, city: CityCode | undefined): CredentialType {
    const known = checkIssuedType(type, issuer.types);
    if (city && this.d.catalog) {
      const detail = this.d.catalog.current.entry(credentialTypeSpec(known).serviceId, city);
      if (!detail?.available) {
        const cityName = this.d.catalog.current.cities.find((c) => c.code === city)?.name ?? city;
        throw notInCityRefusal(known, detail?.unavailableReason, cityName);
      }
    }
    return known;
  }

  private checkFresh(iat: unknown, at?: number) {
    checkPresentationFresh(iat, (at ?? this.now()) / 1000);
  }

  private checkValidity(iat: number, exp: number, at?: number) {
    checkCredentialValidity(iat, exp, (at ?? this.now()) / 1000);
  }

  private async checkStatus(issuer: Issuer, listId: number, idx: number) {
    const s = await this.d.status.status(issuer.id, listId, idx);
    checkCredentialStatus(s.ok ? s.status : undefined);
  }
}
