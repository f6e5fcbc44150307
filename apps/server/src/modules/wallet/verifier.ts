import type { KeyObject } from 'node:crypto';
import {
  type CityCode,
  CREDENTIAL_TYPES,
  type CredentialType,
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
  checkQrPresentation,
  type DigestMatches,
  notInCityRefusal,
  PRESENTATION_WINDOW_SECONDS,
  type QrVerifierPorts,
  VERDICT_REASONS as REASONS,
  refuseVerification as refuse,
  refusedVerdict,
  type VerdictContext,
  validVerdict,
} from '@yss/contracts/wallet-codec';
import type { CatalogService } from '../catalog/index.js';
import { disclosureDigest } from './compact.js';
import { verifySign1 } from './cose.js';
import { holderKeyObject } from './es256.js';
import type { IssuerKeyStore } from './issuer-keys.js';
import { type Issuer, issuerByCode, issuerById } from './issuers.js';
import { qrPresentationDigest, sdJwtPresentationDigest } from './presentation-digest.js';
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
  /** The server's side of the shared QR checks: node:crypto (synchronous) and its key and status caches. */
  private readonly qrPorts: QrVerifierPorts<KeyObject, Issuer>;

  constructor(private readonly d: VerifierDeps) {
    this.qrPorts = {
      issuerByCode,
      issuerKey: (issuer, kid) => d.keys.verificationKey(issuer.id, kid),
      verifySign1,
      holderKey: holderKeyObject,
      digestMatches: () => digestMatches,
      status: async (issuer, listId, idx) => {
        const s = await d.status.status(issuer.id, listId, idx);
        return s.ok ? s.status : undefined;
      },
    };
  }

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
    const ports = o.city
      ? { ...this.qrPorts, checkCity: (type: CredentialType) => this.checkCity(type, o.city) }
      : this.qrPorts;
    const { issuerPayload, holder, parsed } = await checkQrPresentation(
      text,
      ports,
      { purpose: o.purpose, nonce: o.nonce, at: (o.at ?? this.now()) / 1000 },
      ctx,
    );
    const digest = qrPresentationDigest(issuerPayload.cnf, parsed.holder.sign1[2]);
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
    const digest = sdJwtPresentationDigest(text);
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
    this.checkCity(known, city);
    return known;
  }

  /** Refuses a type the verifier's city does not offer, in the catalog's words. */
  private checkCity(type: CredentialType, city: CityCode | undefined) {
    if (!city || !this.d.catalog) return;
    const detail = this.d.catalog.current.entry(credentialTypeSpec(type).serviceId, city);
    if (!detail?.available) {
      const cityName = this.d.catalog.current.cities.find((c) => c.code === city)?.name ?? city;
      throw notInCityRefusal(type, detail?.unavailableReason, cityName);
    }
  }

  private checkFresh(iat: unknown, at?: number) {
    checkPresentationFresh(iat, (at ?? this.now()) / 1000);
  }

  private checkValidity(iat: number, exp: number, at?: number) {
    checkCredentialValidity(iat, exp, (at ?? this.now()) / 1000);
  }

  private async checkStatus(issuer: Issuer, listId: number, idx: number) {
    checkCredentialStatus(await this.qrPorts.status(issuer, listId, idx));
  }
}
