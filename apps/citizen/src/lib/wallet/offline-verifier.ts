import {
  type CredentialType,
  credentialTypeByCode,
  credentialTypeSpec,
  type DisclosedClaim,
  displayClaimValue,
  type Verdict,
  type VerdictKind,
  WALLET_PURPOSES,
  WALLET_QR_PREFIX,
  type WalletPurpose,
} from '@yss/contracts';
import { Encoder, Tag } from 'cbor-x';
import { base64urlEncode } from './codec';

/**
 * 离线核验: the verifier page's own verification of a compact QR presentation ("YSS1:" + base45 → CBOR →
 * COSE_Sign1), with WebCrypto and the issuers' keys and status lists the page cached while online
 * (offline-cache.ts). It follows the server's order of checks (apps/server/src/modules/wallet/verifier.ts)
 * and gives the same verdicts, reason codes and Chinese reasons:
 *
 *   structure → issuer known → kid published → issuer signature (ES256 only) → type issued by that issuer (and
 *   offered in the city) → holder signature with the bound key → purpose → iat ±90 s → nonce → each
 *   disclosure against its digest and the claim schema → validity (expired / not yet valid) → status.
 *
 * The one check it cannot make is the server's replay guard (a second use of the same presentation within
 * its 90 s): an offline verifier does not know what other verifiers saw (WALLET.md). Nothing is valid by
 * default: any exception is invalid/malformed; a status list that is not cached, or past its `exp`, is
 * invalid/status-unknown. Ported, not shared: the server's code stays the reference, and
 * offline-verifier.test.ts checks that both give the same verdicts for the same payloads.
 */

/** Holder signatures are accepted within ±90 s of their iat (as on the server). */
export const PRESENTATION_WINDOW_SECONDS = 90;

/** An issuer's public key as its JWKS publishes it. */
export interface IssuerJwk {
  kty: string;
  crv: string;
  x: string;
  y: string;
  kid: string;
  alg?: string;
}

export interface TrustedIssuer {
  id: string;
  code: number;
  name: string;
  /** English name (English mode); absent in a copy cached before the directory carried it. */
  nameEn?: string;
  /** The `iss` (status-list tokens carry `sub` = `<iss>/status-lists/<id>`). */
  iss: string;
  types: string[];
  /** The JWKS (current and retired keys) as fetched. */
  keys: IssuerJwk[];
  /** When the JWKS was fetched (ms). */
  fetchedAt: number;
}

/** A status list as fetched, signature-checked and inflated: a lookup is an array read. */
export interface DecodedStatusList {
  issuerId: string;
  listId: number;
  bits: 1 | 2 | 4 | 8;
  bytes: Uint8Array;
  /** When the token was fetched (ms). */
  fetchedAt: number;
  /** The token's iat and exp (seconds). Offline, the list is usable until exp, never after. */
  iat: number;
  exp: number;
  ttlSeconds: number;
}

/** What the offline verifier trusts: the cached issuers (with their JWKS) and decoded status lists. */
export interface TrustSnapshot {
  issuers: TrustedIssuer[];
  lists: DecodedStatusList[];
}

export interface OfflineVerifyOptions {
  /** The verifier's own nonce (two-way flow): the presentation must carry it. */
  nonce?: string;
  purpose?: WalletPurpose;
  /**
   * The verifier's city with the catalog's rule per type (cached from GET /api/v1/wallet/types?city=): a type
   * the city does not offer is refused in the catalog's words, as the server does.
   */
  city?: {
    code: string;
    name: string;
    offered: Partial<Record<string, { available: boolean; unavailableReason: string | null }>>;
  };
  now?: number;
}

/** What the verdict rested on: the age of the keys and of the status data used. */
export interface OfflineBasis {
  keysFetchedAt: number | null;
  statusFetchedAt: number | null;
  statusExpiresAt: number | null;
}

export interface OfflineResult {
  verdict: Verdict;
  basis: OfflineBasis;
}

const cbor = new Encoder({
  useRecords: false,
  tagUint8Array: false,
  variableMapSize: true,
  mapsAsObjects: false,
  pack: false,
});
const encode = (v: unknown): Uint8Array => cbor.encode(v);
const decode = (b: Uint8Array): unknown => cbor.decode(b);

const FORMAT_VERSION = 1;
const COSE_SIGN1_TAG = 18;
const COSE_ALG = 1;
const COSE_KID = 4;
const ES256_ALG = -7;
const SALT_BYTES = 16;
const DIGEST_BYTES = 16;
const P = { issuer: 1, type: 2, iat: 3, exp: 4, status: 5, cnf: 6, digests: 7 } as const;
const H = { iat: 1, nonce: 2, purpose: 3 } as const;
/** Token Status List values (2 bits per entry here). */
export const STATUS = { valid: 0, invalid: 1, suspended: 2 } as const;

/** The server's reasons, word for word (verifier.ts REASONS). */
export const REASONS = {
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
  disclosure: '证照披露信息与签名不符，内容可能被篡改。',
  purpose: '该出示码不是为本核验场景生成的，请让持证人选择正确的用途后重新出示。',
  statusUnknown: '暂时无法确认证照状态，请稍后再试。',
  revoked: '证照已被签发机构注销。',
  suspended: '证照已被签发机构暂停使用。',
  valid: '证照有效。',
} as const;

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

const isBytes = (v: unknown): v is Uint8Array => v instanceof Uint8Array;
const isUint = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

// ---------------------------------------------------------------------------------------------- base45

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
const VALUE = new Map([...ALPHABET].map((c, i) => [c, i]));

/** Base45 (RFC 9285); refuses characters outside the alphabet and values out of range. */
export function base45Decode(text: string): Uint8Array {
  if (text.length % 3 === 1) throw new Error('base45: bad length');
  const out = new Uint8Array(Math.floor(text.length / 3) * 2 + (text.length % 3 === 2 ? 1 : 0));
  let o = 0;
  for (let i = 0; i < text.length; i += 3) {
    const v = [...text.slice(i, i + 3)].map((ch) => {
      const x = VALUE.get(ch);
      if (x === undefined) throw new Error('base45: bad character');
      return x;
    });
    if (v.length === 3) {
      const n = (v[0] as number) + (v[1] as number) * 45 + (v[2] as number) * 45 * 45;
      if (n > 0xffff) throw new Error('base45: value out of range');
      out[o++] = n >> 8;
      out[o++] = n & 0xff;
    } else {
      const n = (v[0] as number) + (v[1] as number) * 45;
      if (n > 0xff) throw new Error('base45: value out of range');
      out[o++] = n;
    }
  }
  return out;
}

// ------------------------------------------------------------------------------------------ COSE_Sign1

type Sign1 = [Uint8Array, Map<number, unknown>, Uint8Array, Uint8Array];
interface ParsedSign1 {
  sign1: Sign1;
  alg: unknown;
  kid: Uint8Array | undefined;
}

/** A COSE_Sign1 (tagged 18 or not) and its protected header; throws when malformed (as the server's parseSign1). */
function parseSign1(value: unknown): ParsedSign1 {
  const v = value instanceof Tag ? (value.tag === COSE_SIGN1_TAG ? value.value : undefined) : value;
  if (!Array.isArray(v) || v.length !== 4) throw new Error('COSE_Sign1: not a 4-element array');
  const [protectedBytes, unprotected, payload, signature] = v as unknown[];
  if (!isBytes(protectedBytes) || !(unprotected instanceof Map) || !isBytes(payload) || !isBytes(signature)) {
    throw new Error('COSE_Sign1: wrong member types');
  }
  if (unprotected.size > 0) throw new Error('COSE_Sign1: unexpected unprotected header');
  const header = protectedBytes.length === 0 ? new Map() : decode(protectedBytes);
  if (!(header instanceof Map)) throw new Error('COSE_Sign1: protected header is not a map');
  const kid = header.get(COSE_KID);
  if (kid !== undefined && !isBytes(kid)) throw new Error('COSE_Sign1: kid is not a byte string');
  return { sign1: [protectedBytes, unprotected, payload, signature], alg: header.get(COSE_ALG), kid };
}

const ECDSA = { name: 'ECDSA', namedCurve: 'P-256' } as const;

/** ES256 over the Sig_structure; false for any other alg, a wrong signature or a signature of the wrong length. */
async function verifySign1(parsed: ParsedSign1, key: CryptoKey, externalAad: Uint8Array = new Uint8Array()) {
  if (parsed.alg !== ES256_ALG) return false;
  const [protectedBytes, , payload, signature] = parsed.sign1;
  if (signature.length !== 64) return false;
  const data = encode(['Signature1', protectedBytes, externalAad, payload]);
  try {
    return await crypto.subtle.verify(
      { name: 'ECDSA', hash: 'SHA-256' },
      key,
      signature as BufferSource,
      data as BufferSource,
    );
  } catch {
    return false;
  }
}

export function importJwk(jwk: { kty: string; crv: string; x: string; y: string }): Promise<CryptoKey> {
  return crypto.subtle.importKey('jwk', { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y }, ECDSA, false, ['verify']);
}

// --------------------------------------------------------------------------------- P-256 decompression

const PRIME = 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn;
const B = 0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604bn;

function modPow(base: bigint, exp: bigint, mod: bigint): bigint {
  let result = 1n;
  let b = base % mod;
  let e = exp;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % mod;
    b = (b * b) % mod;
    e >>= 1n;
  }
  return result;
}
const toBig = (bytes: Uint8Array) => bytes.reduce((n, b) => (n << 8n) | BigInt(b), 0n);
function toBytes32(n: bigint): Uint8Array {
  const out = new Uint8Array(32);
  let v = n;
  for (let i = 31; i >= 0; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

/** The holder's public key from the 33-byte SEC1 compressed point the issuer bound; throws when not on P-256. */
export async function importCompressedPoint(point: Uint8Array): Promise<CryptoKey> {
  if (point.length !== 33 || (point[0] !== 2 && point[0] !== 3)) throw new Error('not a compressed P-256 point');
  const x = toBig(point.subarray(1));
  if (x >= PRIME) throw new Error('x out of range');
  const rhs = (((modPow(x, 3n, PRIME) - 3n * x + B) % PRIME) + PRIME) % PRIME;
  let y = modPow(rhs, (PRIME + 1n) / 4n, PRIME); // p ≡ 3 (mod 4)
  if ((y * y) % PRIME !== rhs) throw new Error('not on the curve');
  if (Number(y & 1n) !== (point[0] & 1)) y = PRIME - y;
  return importJwk({
    kty: 'EC',
    crv: 'P-256',
    x: base64urlEncode(toBytes32(x)),
    y: base64urlEncode(toBytes32(y)),
  });
}

// ----------------------------------------------------------------------------------------- the payload

interface IssuerPayload {
  issuerCode: number;
  typeCode: number;
  iat: number;
  exp: number;
  status: { listId: number; idx: number };
  cnf: Uint8Array;
  digests: Map<number, Uint8Array>;
}

function parsePresentation(text: string) {
  if (!text.startsWith(WALLET_QR_PREFIX)) throw new Error('prefix');
  const v = decode(base45Decode(text.slice(WALLET_QR_PREFIX.length)));
  if (!Array.isArray(v) || v.length !== 4 || v[0] !== FORMAT_VERSION) throw new Error('structure');
  if (!Array.isArray(v[2]) || v[2].length > 32 || !v[2].every(isBytes)) throw new Error('disclosures');
  return { issuer: parseSign1(v[1]), disclosures: v[2] as Uint8Array[], holder: parseSign1(v[3]) };
}

function readIssuerPayload(sign1: Sign1): IssuerPayload {
  const m = decode(sign1[2]);
  if (!(m instanceof Map)) throw new Error('issuer payload is not a map');
  const status = m.get(P.status);
  const digests = m.get(P.digests);
  const out = {
    issuerCode: m.get(P.issuer),
    typeCode: m.get(P.type),
    iat: m.get(P.iat),
    exp: m.get(P.exp),
    status: Array.isArray(status) ? { listId: status[0], idx: status[1] } : undefined,
    cnf: m.get(P.cnf),
    digests,
  };
  if (
    !isUint(out.issuerCode) ||
    !isUint(out.typeCode) ||
    !isUint(out.iat) ||
    !isUint(out.exp) ||
    !out.status ||
    !isUint(out.status.listId) ||
    !isUint(out.status.idx) ||
    !isBytes(out.cnf) ||
    !(digests instanceof Map) ||
    ![...digests.entries()].every(([k, d]) => isUint(k) && isBytes(d) && d.length === DIGEST_BYTES)
  ) {
    throw new Error('issuer payload members');
  }
  return out as IssuerPayload;
}

function readHolderPayload(sign1: Sign1): { iat: number; nonce: Uint8Array; purposeCode: number } {
  const m = decode(sign1[2]);
  if (!(m instanceof Map)) throw new Error('holder payload is not a map');
  const iat = m.get(H.iat);
  const nonce = m.get(H.nonce);
  const purposeCode = m.get(H.purpose);
  if (!isUint(iat) || !isBytes(nonce) || nonce.length < 8 || nonce.length > 32 || !isUint(purposeCode)) {
    throw new Error('holder payload members');
  }
  return { iat, nonce, purposeCode };
}

function readDisclosure(bytes: Uint8Array): { key: number; value: unknown } {
  const v = decode(bytes);
  if (!Array.isArray(v) || v.length !== 3 || !isBytes(v[0]) || v[0].length !== SALT_BYTES || !isUint(v[1])) {
    throw new Error('disclosure');
  }
  return { key: v[1], value: v[2] };
}

async function disclosureDigest(disclosure: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', disclosure as BufferSource)).subarray(0, DIGEST_BYTES);
}

const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

// ------------------------------------------------------------------------------------------ the claims

function decodeClaimValue(type: CredentialType, claim: string, value: unknown): unknown {
  const spec = credentialTypeSpec(type);
  if ((spec.dateClaims as readonly string[]).includes(claim) && typeof value === 'number') {
    const s = String(value);
    if (!/^\d{8}$/.test(s)) return undefined;
    return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
  }
  return value;
}

function claimOfKey(type: CredentialType, key: unknown): string | undefined {
  const keys = credentialTypeSpec(type).claimKeys as Record<string, number>;
  return Object.keys(keys).find((k) => keys[k] === key);
}

function disclosedList(type: CredentialType, claims: Map<string, unknown>): DisclosedClaim[] {
  const spec = credentialTypeSpec(type);
  const parsed = spec.claims.partial().safeParse(Object.fromEntries(claims));
  if (!parsed.success) throw refuse('disclosure', REASONS.disclosure);
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

/** An entry of a status list (bits per entry from the least significant bit of byte 0 upwards). */
export function getStatus(bytes: Uint8Array, bits: number, idx: number): number | undefined {
  const perByte = 8 / bits;
  const byte = bytes[Math.floor(idx / perByte)];
  if (byte === undefined || idx < 0 || !Number.isInteger(idx)) return undefined;
  return (byte >> ((idx % perByte) * bits)) & ((1 << bits) - 1);
}

// ---------------------------------------------------------------------------------------- the verifier

/**
 * Verifies a scanned QR text offline against the cached trust snapshot. Always resolves to a verdict; never
 * valid unless every check passed.
 */
export async function verifyOffline(
  payload: string,
  trust: TrustSnapshot,
  options: OfflineVerifyOptions = {},
): Promise<OfflineResult> {
  const now = options.now ?? Date.now();
  const checkedAt = new Date(now).toISOString();
  const ctx: Partial<Verdict> = {};
  const basis: OfflineBasis = { keysFetchedAt: null, statusFetchedAt: null, statusExpiresAt: null };
  try {
    const text = payload.trim();
    // SD-JWT VC presentations (online integrations) are verified by the server only.
    if (!text.startsWith(WALLET_QR_PREFIX)) throw refuse('malformed', REASONS.malformed);
    await verifyQr(text, trust, options, now, ctx, basis);
    return {
      verdict: {
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
      },
      basis,
    };
  } catch (err) {
    const r = err instanceof Refusal ? err : refuse('malformed', REASONS.malformed);
    return {
      verdict: {
        verdict: r.verdict,
        reason: r.reason,
        reasonCode: r.reasonCode,
        issuer: ctx.issuer ?? null,
        credentialType: ctx.credentialType ?? null,
        purpose: ctx.purpose ?? null,
        format: ctx.format ?? null,
        disclosed: r.verdict === 'revoked' || r.verdict === 'suspended' ? (ctx.disclosed ?? []) : [],
        expiresAt: ctx.expiresAt ?? null,
        checkedAt,
      },
      basis,
    };
  }
}

async function verifyQr(
  text: string,
  trust: TrustSnapshot,
  o: OfflineVerifyOptions,
  nowMs: number,
  ctx: Partial<Verdict>,
  basis: OfflineBasis,
): Promise<void> {
  const now = nowMs / 1000;
  ctx.format = 'qr';
  let parsed: ReturnType<typeof parsePresentation>;
  let issuerPayload: IssuerPayload;
  try {
    parsed = parsePresentation(text);
    issuerPayload = readIssuerPayload(parsed.issuer.sign1);
  } catch {
    throw refuse('malformed', REASONS.malformed);
  }
  const issuer = trust.issuers.find((i) => i.code === issuerPayload.issuerCode);
  if (!issuer) throw refuse('unknown-issuer', REASONS.unknownIssuer);
  if (!parsed.issuer.kid) throw refuse('unknown-key', REASONS.unknownKey);
  const kid = base64urlEncode(parsed.issuer.kid);
  const jwk = issuer.keys.find((k) => k.kid === kid);
  if (!jwk) throw refuse('unknown-key', REASONS.unknownKey);
  basis.keysFetchedAt = issuer.fetchedAt;
  let issuerKey: CryptoKey;
  try {
    issuerKey = await importJwk(jwk);
  } catch {
    throw refuse('unknown-key', REASONS.unknownKey);
  }
  if (!(await verifySign1(parsed.issuer, issuerKey))) throw refuse('bad-signature', REASONS.badSignature);
  ctx.issuer = { id: issuer.id, name: issuer.name, ...(issuer.nameEn ? { nameEn: issuer.nameEn } : {}) };

  const type = credentialTypeByCode(issuerPayload.typeCode);
  if (!type || !issuer.types.includes(type)) throw refuse('unknown-type', REASONS.unknownType);
  if (o.city) {
    const rule = o.city.offered[type];
    if (!rule?.available) {
      throw refuse(
        'not-in-city',
        `${credentialTypeSpec(type).name}${rule?.unavailableReason ?? '暂不支持当前城市'}，当前城市为${o.city.name}。`,
      );
    }
  }
  ctx.credentialType = { id: type, name: credentialTypeSpec(type).name };
  ctx.expiresAt = new Date(issuerPayload.exp * 1000).toISOString();

  // Holder binding: the key the issuer bound, over this credential and exactly these disclosures.
  let holderKey: CryptoKey;
  let holder: ReturnType<typeof readHolderPayload>;
  try {
    holderKey = await importCompressedPoint(issuerPayload.cnf);
    holder = readHolderPayload(parsed.holder.sign1);
  } catch {
    throw refuse('holder-signature', REASONS.holderSignature);
  }
  const aad = encode([parsed.issuer.sign1[3], parsed.disclosures]);
  if (!(await verifySign1(parsed.holder, holderKey, aad))) throw refuse('holder-signature', REASONS.holderSignature);
  const purpose = (Object.keys(WALLET_PURPOSES) as WalletPurpose[]).find(
    (p) => WALLET_PURPOSES[p].code === holder.purposeCode,
  );
  if (purpose) ctx.purpose = { id: purpose, name: WALLET_PURPOSES[purpose].name };
  if (!purpose || (o.purpose && o.purpose !== purpose)) throw refuse('purpose', REASONS.purpose);
  if (Math.abs(now - holder.iat) > PRESENTATION_WINDOW_SECONDS) throw refuse('stale', REASONS.stale);
  if (o.nonce !== undefined && base64urlEncode(holder.nonce) !== o.nonce) throw refuse('nonce', REASONS.nonce);

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
    if (!expected || !claim || claims.has(claim) || !sameBytes(await disclosureDigest(d), expected)) {
      throw refuse('disclosure', REASONS.disclosure);
    }
    claims.set(claim, decodeClaimValue(type, claim, item.value));
  }
  ctx.disclosed = disclosedList(type, claims);

  // Validity after the signatures, so a forgery never reads as merely expired.
  if (issuerPayload.iat > now + PRESENTATION_WINDOW_SECONDS) throw refuse('not-yet-valid', REASONS.notYetValid);
  if (issuerPayload.exp <= now) throw refuse('expired', REASONS.expired, 'expired');

  // Status: only from a cached list of this issuer that is still within its exp.
  const list = trust.lists.find((l) => l.issuerId === issuer.id && l.listId === issuerPayload.status.listId);
  if (!list || list.exp * 1000 <= nowMs) throw refuse('status-unknown', REASONS.statusUnknown);
  basis.statusFetchedAt = list.fetchedAt;
  basis.statusExpiresAt = list.exp * 1000;
  const s = getStatus(list.bytes, list.bits, issuerPayload.status.idx);
  if (s === undefined) throw refuse('status-unknown', REASONS.statusUnknown);
  if (s === STATUS.invalid) throw refuse('revoked', REASONS.revoked, 'revoked');
  if (s === STATUS.suspended) throw refuse('suspended', REASONS.suspended, 'suspended');
  if (s !== STATUS.valid) throw refuse('status-unknown', REASONS.statusUnknown);
}
