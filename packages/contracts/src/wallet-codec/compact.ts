import { WALLET_QR_PREFIX } from '../wallet.js';
import { base45Decode, base45Encode } from './base45.js';
import { decodeCbor, encodeCbor, isByteString, isUnsignedInt } from './cbor.js';
import { type CoseSign1, type ParsedSign1, parseSign1, tagSign1 } from './cose.js';

/**
 * The compact QR credential's byte layout (docs/wallet.md, Formats), read and written the same way by the
 * server (issuer, reference holder, verifier), the phone (holder) and the verifier page (offline verifier).
 * Pure and synchronous: the digests and signatures are each platform's (node:crypto / WebCrypto).
 *
 *   issuer payload (map): 1 issuer code, 2 type code, 3 iat, 4 exp, 5 [status list id, index],
 *                         6 holder key (33-byte compressed P-256 point), 7 {claim key: digest}
 *   disclosure:           bstr .cbor [salt, claim key, value]     (digest = SHA-256(those bytes)[0..16])
 *   stored credential:    [1, COSE_Sign1 (tag 18), [every disclosure]]
 *   presentation (QR):    "YSS1:" base45([1, COSE_Sign1 (tag 18), [chosen disclosures], holder COSE_Sign1])
 *   holder payload (map): 1 iat, 2 nonce (bstr), 3 purpose code;  external_aad = cbor([issuer signature, chosen disclosures])
 */

export const QR_FORMAT_VERSION = 1;
export const QR_SALT_BYTES = 16;
export const QR_DIGEST_BYTES = 16;
/** At most this many disclosures in a presentation (a type has fewer claims; more is garbage). */
export const QR_MAX_DISCLOSURES = 32;

/** Keys of the issuer payload map. */
export const QR_ISSUER_KEYS = { issuer: 1, type: 2, iat: 3, exp: 4, status: 5, cnf: 6, digests: 7 } as const;
/** Keys of the holder payload map. */
export const QR_HOLDER_KEYS = { iat: 1, nonce: 2, purpose: 3 } as const;

export interface StoredCompact {
  issuer: ParsedSign1;
  disclosures: Uint8Array[];
}

/** The stored credential [1, COSE_Sign1, [every disclosure]] (the CBOR bytes of `compact`); throws when malformed. */
export function decodeStoredCompact(bytes: Uint8Array): StoredCompact {
  const v = decodeCbor(bytes);
  if (!Array.isArray(v) || v.length !== 3 || v[0] !== QR_FORMAT_VERSION) throw new Error('not a stored credential');
  if (!Array.isArray(v[2]) || !v[2].every(isByteString)) throw new Error('bad disclosures');
  return { issuer: parseSign1(v[1]), disclosures: v[2] };
}

/** The external_aad the holder signs: binds its signature to this credential and these disclosures. */
export function holderAad(issuerSignature: Uint8Array, disclosures: Uint8Array[]): Uint8Array {
  return encodeCbor([issuerSignature, disclosures]);
}

export interface HolderPayload {
  iat: number;
  nonce: Uint8Array;
  purposeCode: number;
}

/** The holder payload's bytes {1: iat, 2: nonce, 3: purpose code}: what the phone signs in each QR. */
export function encodeHolderPayload(p: HolderPayload): Uint8Array {
  return encodeCbor(
    new Map<number, unknown>([
      [QR_HOLDER_KEYS.iat, p.iat],
      [QR_HOLDER_KEYS.nonce, p.nonce],
      [QR_HOLDER_KEYS.purpose, p.purposeCode],
    ]),
  );
}

/** The QR text of a presentation: the issuer's COSE_Sign1 as issued, the chosen disclosures, the holder's. */
export function encodePresentation(issuer: CoseSign1, disclosures: Uint8Array[], holder: CoseSign1): string {
  return WALLET_QR_PREFIX + base45Encode(encodeCbor([QR_FORMAT_VERSION, tagSign1(issuer), disclosures, holder]));
}

export interface ParsedPresentation {
  issuer: ParsedSign1;
  disclosures: Uint8Array[];
  holder: ParsedSign1;
}

/** Prefix, base45, CBOR and the outer structure of a QR presentation; throws on anything malformed. */
export function parsePresentation(text: string): ParsedPresentation {
  if (!text.startsWith(WALLET_QR_PREFIX)) throw new Error('prefix');
  const v = decodeCbor(base45Decode(text.slice(WALLET_QR_PREFIX.length)));
  if (!Array.isArray(v) || v.length !== 4 || v[0] !== QR_FORMAT_VERSION) throw new Error('structure');
  if (!Array.isArray(v[2]) || v[2].length > QR_MAX_DISCLOSURES || !v[2].every(isByteString))
    throw new Error('disclosures');
  return { issuer: parseSign1(v[1]), disclosures: v[2], holder: parseSign1(v[3]) };
}

export interface IssuerPayload {
  issuerCode: number;
  typeCode: number;
  iat: number;
  exp: number;
  status: { listId: number; idx: number };
  cnf: Uint8Array;
  digests: Map<number, Uint8Array>;
}

export function readIssuerPayload(sign1: CoseSign1): IssuerPayload {
  const m = decodeCbor(sign1[2]);
  if (!(m instanceof Map)) throw new Error('issuer payload is not a map');
  const status = m.get(QR_ISSUER_KEYS.status);
  const digests = m.get(QR_ISSUER_KEYS.digests);
  const out = {
    issuerCode: m.get(QR_ISSUER_KEYS.issuer),
    typeCode: m.get(QR_ISSUER_KEYS.type),
    iat: m.get(QR_ISSUER_KEYS.iat),
    exp: m.get(QR_ISSUER_KEYS.exp),
    status: Array.isArray(status) ? { listId: status[0], idx: status[1] } : undefined,
    cnf: m.get(QR_ISSUER_KEYS.cnf),
    digests,
  };
  if (
    !isUnsignedInt(out.issuerCode) ||
    !isUnsignedInt(out.typeCode) ||
    !isUnsignedInt(out.iat) ||
    !isUnsignedInt(out.exp) ||
    !out.status ||
    !isUnsignedInt(out.status.listId) ||
    !isUnsignedInt(out.status.idx) ||
    !isByteString(out.cnf) ||
    !(digests instanceof Map) ||
    ![...digests.entries()].every(([k, d]) => isUnsignedInt(k) && isByteString(d) && d.length === QR_DIGEST_BYTES)
  ) {
    throw new Error('issuer payload members');
  }
  return out as IssuerPayload;
}

export function readHolderPayload(sign1: CoseSign1): HolderPayload {
  const m = decodeCbor(sign1[2]);
  if (!(m instanceof Map)) throw new Error('holder payload is not a map');
  const iat = m.get(QR_HOLDER_KEYS.iat);
  const nonce = m.get(QR_HOLDER_KEYS.nonce);
  const purposeCode = m.get(QR_HOLDER_KEYS.purpose);
  if (
    !isUnsignedInt(iat) ||
    !isByteString(nonce) ||
    nonce.length < 8 ||
    nonce.length > 32 ||
    !isUnsignedInt(purposeCode)
  ) {
    throw new Error('holder payload members');
  }
  return { iat, nonce, purposeCode };
}

/** A disclosure's [salt, key, value]; throws when malformed. */
export function readDisclosure(bytes: Uint8Array): { key: number; value: unknown } {
  const v = decodeCbor(bytes);
  if (
    !Array.isArray(v) ||
    v.length !== 3 ||
    !isByteString(v[0]) ||
    v[0].length !== QR_SALT_BYTES ||
    !isUnsignedInt(v[1])
  ) {
    throw new Error('disclosure');
  }
  return { key: v[1], value: v[2] };
}
