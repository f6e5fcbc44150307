import { type Verdict, WALLET_QR_PREFIX, type WalletPurpose } from '@yss/contracts';
import {
  checkQrPresentation,
  es256SignedBytes,
  getStatusEntry,
  notInCityRefusal,
  type ParsedSign1,
  QR_DIGEST_BYTES,
  type QrVerifierPorts,
  VERDICT_REASONS as REASONS,
  refuseVerification as refuse,
  refusedVerdict,
  type VerdictContext,
  validVerdict,
} from '@yss/contracts/wallet-codec';
import { base64urlEncode } from './codec';

/**
 * 离线核验: the verifier page's own verification of a compact QR presentation ("YSS1:" + base45 → CBOR →
 * COSE_Sign1), with WebCrypto and the issuers' keys and status lists the page cached while online
 * (offline-cache.ts). The checks and their order are the server's own, written once in the contracts'
 * wallet codec (`checkQrPresentation`, verify-qr.ts); this file brings the page's side of them (`offlinePorts`),
 * so it gives the same verdicts, reason codes and Chinese reasons as `POST /api/v1/verify`.
 *
 * The one check it cannot make is the server's replay guard (a second use of the same presentation within
 * its 90 s): an offline verifier does not know what other verifiers saw (WALLET.md). Nothing is valid by
 * default: any exception is invalid/malformed; a status list that is not cached, or past its `exp`, is
 * invalid/status-unknown. The bytes (base45, CBOR, COSE, the payloads) and the rules (reasons, purpose,
 * freshness, disclosures, claim schema, validity, status values) are the contracts' wallet codec, the server's
 * own; what is the page's is WebCrypto (async) and the cached trust. offline-verifier.test.ts checks that both
 * verifiers give the same verdicts for the same payloads.
 */

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

const ECDSA = { name: 'ECDSA', namedCurve: 'P-256' } as const;

/** ES256 over the Sig_structure; false for any other alg, a wrong signature or a signature of the wrong length. */
async function verifySign1(parsed: ParsedSign1, key: CryptoKey, externalAad?: Uint8Array) {
  const data = es256SignedBytes(parsed, externalAad);
  if (!data) return false;
  try {
    return await crypto.subtle.verify(
      { name: 'ECDSA', hash: 'SHA-256' },
      key,
      parsed.sign1[3] as BufferSource,
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

// ------------------------------------------------------------------------------------------ the digests

async function disclosureDigest(disclosure: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', disclosure as BufferSource)).subarray(0, QR_DIGEST_BYTES);
}

const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

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
  const ctx: VerdictContext = {};
  const basis: OfflineBasis = { keysFetchedAt: null, statusFetchedAt: null, statusExpiresAt: null };
  try {
    const text = payload.trim();
    // SD-JWT VC presentations (online integrations) are verified by the server only.
    if (!text.startsWith(WALLET_QR_PREFIX)) throw refuse('malformed', REASONS.malformed);
    await checkQrPresentation(
      text,
      offlinePorts(trust, options, now, basis),
      { purpose: options.purpose, nonce: options.nonce, at: now / 1000 },
      ctx,
    );
    return { verdict: validVerdict(ctx, checkedAt), basis };
  } catch (err) {
    return { verdict: refusedVerdict(err, ctx, checkedAt), basis };
  }
}

/** The verifier page's side of the shared QR checks: WebCrypto and the trust it cached while online. */
function offlinePorts(trust: TrustSnapshot, o: OfflineVerifyOptions, nowMs: number, basis: OfflineBasis) {
  const ports: QrVerifierPorts<CryptoKey, TrustedIssuer> = {
    issuerByCode: (code) => trust.issuers.find((i) => i.code === code),
    issuerKey: async (issuer, kid) => {
      const jwk = issuer.keys.find((k) => k.kid === kid);
      if (!jwk) return undefined;
      basis.keysFetchedAt = issuer.fetchedAt;
      // A published key WebCrypto cannot import is as good as unknown.
      return importJwk(jwk).catch(() => undefined);
    },
    verifySign1,
    holderKey: importCompressedPoint,
    // WebCrypto hashes asynchronously, so the digests are computed first and the shared check compares them.
    digestMatches: async (disclosures) => {
      const digests = await Promise.all(disclosures.map(disclosureDigest));
      return (_d, i, expected) => sameBytes(digests[i] as Uint8Array, expected);
    },
    checkCity: (type) => {
      if (!o.city) return;
      const rule = o.city.offered[type];
      if (!rule?.available) throw notInCityRefusal(type, rule?.unavailableReason, o.city.name);
    },
    // Only from a cached list of this issuer that is still within its exp.
    status: (issuer, listId, idx) => {
      const list = trust.lists.find((l) => l.issuerId === issuer.id && l.listId === listId);
      if (!list || list.exp * 1000 <= nowMs) return undefined;
      basis.statusFetchedAt = list.fetchedAt;
      basis.statusExpiresAt = list.exp * 1000;
      return getStatusEntry(list.bytes, list.bits, idx);
    },
  };
  return ports;
}
