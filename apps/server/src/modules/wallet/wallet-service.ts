import { type CityCode, type CredentialType, credentialTypeSpec } from '@yss/contracts';
import type { Db } from '../../db/database.js';
import type { Departments } from '../../departments/registry.js';
import { AppError } from '../../http/app-error.js';
import type { CatalogService } from '../catalog/index.js';
import type { FieldCipher } from '../privacy/index.js';
import { issueCompact } from './compact.js';
import { CREDENTIAL_SOURCES, listDocuments, normaliseDocumentNumber } from './credential-sources.js';
import { compressPoint, jwkThumbprint, type PublicJwk, toPublicJwk } from './es256.js';
import { IssuerKeyStore } from './issuer-keys.js';
import { type IssuerId, issuerOfType } from './issuers.js';
import { ReplayGuard } from './replay-guard.js';
import { issueSdJwt } from './sd-jwt.js';
import { StatusListCache } from './status-cache.js';
import { type CertificateStatus, StatusListService } from './status-lists.js';
import { CredentialVerifier, type VerifyOptions } from './verifier.js';

export interface WalletDeps {
  db: Db;
  cipher: FieldCipher;
  departments: Departments;
  catalog?: CatalogService;
  /** Public origin of the platform: issuer ids (`iss`) and status-list URIs are URLs under it. */
  baseUrl: string;
  /** Days a credential of a batch is valid (default 30): the wallet asks for a new batch before then. */
  credentialDays?: number;
  /** Status list ttl in seconds (default 60: online verifiers see a change within a minute). */
  statusTtlSeconds?: number;
  now?: () => number;
}

export interface IssuedCredential {
  /** SD-JWT VC (issuer-signed JWT ~ every disclosure ~), bound to this holder key. */
  sdJwt: string;
  /** The compact QR credential the holder presents from (base64url of its CBOR), same claims and status entry. */
  compact: string;
  holderKeyThumbprint: string;
  status: { listId: number; idx: number };
}

export interface IssuedCertificate {
  certificateId: string;
  type: CredentialType;
  issuer: { id: IssuerId; name: string };
  issuedAt: string;
  expiresAt: string;
  status: CertificateStatus;
  /** One credential per holder key, each with fresh salts and its own status entry (scans cannot be linked). */
  credentials: IssuedCredential[];
}

export const MAX_BATCH = 20;

const chinaDate = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * 我的证照's trust core: issuing certificates (SD-JWT VC + compact QR credential, in batches), their status
 * (revoke, suspend, reinstate) and verification. Account linking, the pages and the verifier accounts build on
 * this API.
 */
export class WalletService {
  readonly keys: IssuerKeyStore;
  readonly statusLists: StatusListService;
  readonly statusCache: StatusListCache;
  readonly verifier: CredentialVerifier;

  constructor(private readonly d: WalletDeps) {
    this.keys = new IssuerKeyStore(d.db, d.cipher, { now: d.now });
    this.statusLists = new StatusListService(d.db, this.keys, {
      baseUrl: d.baseUrl,
      ttlSeconds: d.statusTtlSeconds,
      now: d.now,
    });
    this.statusCache = new StatusListCache({
      fetch: (issuerId, listId) => this.statusLists.token(issuerId, listId),
      keys: this.keys,
      uri: (issuerId, listId) => this.statusLists.uri(issuerId, listId),
      now: d.now,
    });
    this.statusLists.onChange((listId) => this.statusCache.invalidate(listId));
    this.verifier = new CredentialVerifier({
      keys: this.keys,
      status: this.statusCache,
      replay: new ReplayGuard(d.db, d.now),
      catalog: d.catalog,
      issuerUrl: (id) => this.issuerUrl(id),
      now: d.now,
    });
  }

  private now() {
    return this.d.now?.() ?? Date.now();
  }

  issuerUrl(issuerId: string): string {
    return `${this.d.baseUrl}/api/v1/issuers/${issuerId}`;
  }

  /**
   * Issue a certificate of `type` to the person with this ID number (read from the issuing department now),
   * as a batch: one credential per holder public key (ES256 JWKs the holder's device made).
   */
  async issue(input: {
    type: CredentialType;
    idNumber: string;
    holderKeys: unknown[];
    /** The citizen's chosen city: the catalog's city rule of the type's service, and per-city departments. */
    city?: CityCode;
    /**
     * Which of the person's documents of the type (the number printed on it: plate, 证件号码, 证号 …; for a
     * 居住证 its permit id), as `documents()` lists them; default: the first linkable one (newest first).
     */
    documentNumber?: string;
  }): Promise<IssuedCertificate> {
    const holderKeys = this.checkHolderKeys(input.holderKeys);
    if (input.city) this.requireOfferedIn(input.type, input.city);
    const issuer = issuerOfType(input.type);
    const now = this.now();
    const days = this.d.credentialDays ?? 30;
    const today = chinaDate(now);
    const credentialUntil = chinaDate(now + days * 86_400_000);
    const sourced = await CREDENTIAL_SOURCES[input.type](input.idNumber, {
      departments: this.d.departments,
      today,
      credentialUntil,
      ...(input.city ? { city: input.city } : {}),
      ...(input.documentNumber !== undefined ? { documentNumber: input.documentNumber } : {}),
    });
    const iat = Math.floor(now / 1000);
    let exp = iat + days * 86_400;
    if (sourced.documentValidUntil) {
      // The end of the document's last day, China time.
      const docEnd = Date.parse(`${sourced.documentValidUntil}T23:59:59+08:00`) / 1000;
      exp = Math.min(exp, docEnd);
    }
    const status: CertificateStatus = sourced.initialStatus;
    const { certificateId, entries } = await this.d.db.transaction().execute(async (tx) => {
      const cert = await tx
        .insertInto('wallet_certificates')
        .values({
          credential_type: input.type,
          issuer_id: issuer.id,
          subject_index: this.d.cipher.blindIndex(input.idNumber.toUpperCase(), 'wallet-subject'),
          // Which document it was issued from (the status synchroniser reads that one again), never the number.
          document_index: this.documentIndex(sourced.documentNumber),
          source_city: input.city ?? null,
          status,
          issued_at: new Date(iat * 1000),
          expires_at: new Date(exp * 1000),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const entries = await this.statusLists.allocate(tx, issuer.id, cert.id, holderKeys.length, status);
      return { certificateId: cert.id, entries };
    });
    const key = await this.keys.signingKey(issuer.id);
    const credentials: IssuedCredential[] = [];
    for (const [i, holderJwk] of holderKeys.entries()) {
      const entry = entries[i] as { listId: number; idx: number };
      const sdJwt = await issueSdJwt({
        key,
        iss: this.issuerUrl(issuer.id),
        type: input.type,
        claims: sourced.claims,
        iat,
        exp,
        status: { uri: this.statusLists.uri(issuer.id, entry.listId), idx: entry.idx },
        holderJwk,
      });
      const compact = issueCompact({
        key,
        issuerCode: issuer.code,
        type: input.type,
        claims: sourced.claims,
        iat,
        exp,
        status: entry,
        holderPoint: compressPoint(holderJwk),
      });
      credentials.push({
        sdJwt,
        compact: compact.toString('base64url'),
        holderKeyThumbprint: jwkThumbprint(holderJwk).toString('base64url'),
        status: entry,
      });
    }
    return {
      certificateId,
      type: input.type,
      issuer: { id: issuer.id, name: issuer.name },
      issuedAt: new Date(iat * 1000).toISOString(),
      expiresAt: new Date(exp * 1000).toISOString(),
      status,
      credentials,
    };
  }

  /**
   * The person's documents of a type, read from the department now (what the "+" flow offers when there are
   * several: two vehicles, several titles): each with its `documentNumber` for `issue`, a label with personal
   * numbers masked, and, when it cannot be linked, the reason in the guide's words. Throws like `issue`
   * (WALLET_NO_RECORD when there is none, SERVICE_NOT_IN_CITY, WALLET_SWITCH_CITY …).
   */
  async documents(input: { type: CredentialType; idNumber: string; city?: CityCode }) {
    if (input.city) this.requireOfferedIn(input.type, input.city);
    const now = this.now();
    const docs = await listDocuments(input.type, input.idNumber, {
      departments: this.d.departments,
      today: chinaDate(now),
      credentialUntil: chinaDate(now + (this.d.credentialDays ?? 30) * 86_400_000),
      ...(input.city ? { city: input.city } : {}),
    });
    return docs.map((d) => ({
      documentNumber: d.documentNumber,
      label: d.label,
      linkable: d.refusal === null,
      refusal: d.refusal ? { code: d.refusal.code, message: d.refusal.detail } : null,
    }));
  }

  /** The blind index a certificate keeps of the document number it was issued from. */
  documentIndex(documentNumber: string): string {
    return this.d.cipher.blindIndex(normaliseDocumentNumber(documentNumber), 'wallet-document');
  }

  /**
   * The person's documents of a type as the department's record has them now, with each one's standing
   * (in force, suspended, ended) and its number's blind index: what the status synchroniser (wallet-sync)
   * compares a linked certificate with. Throws like `documents` — WALLET_NO_RECORD when the person has none,
   * DEPARTMENT_* when the department cannot answer (an outage is no answer).
   */
  async documentStandings(input: { type: CredentialType; idNumber: string; city?: CityCode }) {
    const now = this.now();
    const docs = await listDocuments(input.type, input.idNumber, {
      departments: this.d.departments,
      today: chinaDate(now),
      credentialUntil: chinaDate(now + (this.d.credentialDays ?? 30) * 86_400_000),
      ...(input.city ? { city: input.city } : {}),
    });
    return docs.map((d) => ({
      documentIndex: this.documentIndex(d.documentNumber),
      standing: d.standing ?? ({ state: 'in-force' } as const),
    }));
  }

  /** A type whose service the city does not offer is refused in the catalog's words (暂不支持东莞、惠州、揭阳 …). */
  private requireOfferedIn(type: CredentialType, city: CityCode) {
    const catalog = this.d.catalog?.current;
    if (!catalog) return;
    const spec = credentialTypeSpec(type);
    const detail = catalog.detail(spec.serviceId, city);
    if (detail && !detail.available) {
      const cityName = catalog.cities.find((c) => c.code === city)?.name ?? city;
      throw new AppError(
        'SERVICE_NOT_IN_CITY',
        `${spec.name}${detail.unavailableReason ?? '暂不支持当前城市'}，当前城市为${cityName}。`,
      );
    }
  }

  private checkHolderKeys(keys: unknown[]): PublicJwk[] {
    if (!Array.isArray(keys) || keys.length < 1 || keys.length > MAX_BATCH) {
      throw new AppError('WALLET_HOLDER_KEY_INVALID', `请提供1至${MAX_BATCH}个持证设备公钥。`);
    }
    const parsed = keys.map((k) => {
      try {
        return toPublicJwk((k ?? {}) as Record<string, unknown>);
      } catch {
        throw new AppError('WALLET_HOLDER_KEY_INVALID', '持证设备公钥须为 P-256 椭圆曲线公钥（JWK）。');
      }
    });
    // The same key twice would let two scans be linked.
    if (new Set(parsed.map((k) => k.x)).size !== parsed.length) {
      throw new AppError('WALLET_HOLDER_KEY_INVALID', '同一批证照的持证设备公钥不能重复。');
    }
    return parsed;
  }

  /** 注销: final; every credential of the certificate reads revoked once verifiers refresh the list. */
  revoke(certificateId: string) {
    return this.statusLists.setCertificateStatus(certificateId, 'revoked');
  }

  /** 暂停使用 (e.g. a licence the department holds suspended); `reinstate` lifts it. */
  suspend(certificateId: string) {
    return this.statusLists.setCertificateStatus(certificateId, 'suspended');
  }

  reinstate(certificateId: string) {
    return this.statusLists.setCertificateStatus(certificateId, 'valid');
  }

  /** The certificates issued to a person (by ID number), newest first: what a department's change applies to. */
  async certificatesOf(idNumber: string, type?: CredentialType) {
    let q = this.d.db
      .selectFrom('wallet_certificates')
      .select(['id', 'credential_type', 'issuer_id', 'status', 'issued_at', 'expires_at'])
      .where('subject_index', '=', this.d.cipher.blindIndex(idNumber.toUpperCase(), 'wallet-subject'));
    if (type) q = q.where('credential_type', '=', type);
    return q.orderBy('issued_at', 'desc').execute();
  }

  verify(payload: string, options?: VerifyOptions) {
    return this.verifier.verify(payload, options);
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The platform's wallet service (issue 6): for the modules that link certificates to accounts, and tests. */
    wallet: WalletService;
  }
}
