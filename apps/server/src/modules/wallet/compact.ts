import { createHash, randomBytes } from 'node:crypto';
import { type CredentialType, credentialTypeSpec, WALLET_QR_PREFIX } from '@yss/contracts';
import { base45Decode } from './base45.js';
import { decodeCbor, encodeCbor, isBytes, isUint } from './cbor.js';
import { encodeClaimValue } from './claims-codec.js';
import { type CoseSign1, type ParsedSign1, parseSign1, signSign1, tagSign1 } from './cose.js';
import type { SigningKey } from './issuer-keys.js';

/**
 * The compact QR credential: CBOR with integer keys in a COSE_Sign1 (ES256), each claim committed to by a
 * salted digest (16 random bytes of salt, the first 16 bytes of SHA-256) so that the holder can show some
 * claims and hide the others. See docs/wallet.md for the byte layout.
 *
 *   issuer payload (map): 1 issuer code, 2 type code, 3 iat, 4 exp, 5 [status list id, index],
 *                         6 holder key (33-byte compressed P-256 point), 7 {claim key: digest}
 *   disclosure:           bstr .cbor [salt, claim key, value]     (digest = SHA-256(those bytes)[0..16])
 *   stored credential:    [1, COSE_Sign1 (tag 18), [every disclosure]]
 *   presentation (QR):    "YSS1:" base45([1, COSE_Sign1 (tag 18), [chosen disclosures], holder COSE_Sign1])
 *   holder payload (map): 1 iat, 2 nonce (bstr), 3 purpose code;  external_aad = cbor([issuer signature, chosen disclosures])
 */

export const FORMAT_VERSION = 1;
export const SALT_BYTES = 16;
export const DIGEST_BYTES = 16;

export const P = { issuer: 1, type: 2, iat: 3, exp: 4, status: 5, cnf: 6, digests: 7 } as const;
export const H = { iat: 1, nonce: 2, purpose: 3 } as const;

export function disclosureDigest(disclosure: Uint8Array): Buffer {
  return createHash('sha256').update(disclosure).digest().subarray(0, DIGEST_BYTES);
}

export interface CompactIssueInput {
  key: SigningKey;
  issuerCode: number;
  type: CredentialType;
  claims: Record<string, unknown>;
  iat: number;
  exp: number;
  status: { listId: number; idx: number };
  holderPoint: Uint8Array;
}

/** Signs the QR credential; returns the stored form (CBOR bytes) the holder keeps. */
export function issueCompact(input: CompactIssueInput): Buffer {
  const spec = credentialTypeSpec(input.type);
  const keys = spec.claimKeys as Record<string, number>;
  const digests = new Map<number, Uint8Array>();
  const disclosures: Uint8Array[] = [];
  for (const [claim, value] of Object.entries(input.claims)) {
    const k = keys[claim];
    if (k === undefined || value === undefined) continue;
    const d = encodeCbor([randomBytes(SALT_BYTES), k, encodeClaimValue(input.type, claim, value)]);
    digests.set(k, disclosureDigest(d));
    disclosures.push(d);
  }
  const payload = new Map<number, unknown>([
    [P.issuer, input.issuerCode],
    [P.type, spec.code],
    [P.iat, input.iat],
    [P.exp, input.exp],
    [P.status, [input.status.listId, input.status.idx]],
    [P.cnf, input.holderPoint],
    [P.digests, digests],
  ]);
  const sign1 = signSign1(input.key.key, encodeCbor(payload), { kid: input.key.kidBytes });
  return encodeCbor([FORMAT_VERSION, tagSign1(sign1), disclosures]);
}

export interface StoredCompact {
  issuer: ParsedSign1;
  disclosures: Uint8Array[];
}

export function decodeStoredCompact(bytes: Uint8Array): StoredCompact {
  const v = decodeCbor(bytes);
  if (!Array.isArray(v) || v.length !== 3 || v[0] !== FORMAT_VERSION) throw new Error('not a stored credential');
  if (!Array.isArray(v[2]) || !v[2].every(isBytes)) throw new Error('bad disclosures');
  return { issuer: parseSign1(v[1]), disclosures: v[2] };
}

/** The external_aad the holder signs: binds its signature to this credential and these disclosures. */
export function holderAad(issuerSignature: Uint8Array, disclosures: Uint8Array[]): Buffer {
  return encodeCbor([issuerSignature, disclosures]);
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
  if (!Array.isArray(v) || v.length !== 4 || v[0] !== FORMAT_VERSION) throw new Error('structure');
  if (!Array.isArray(v[2]) || v[2].length > 32 || !v[2].every(isBytes)) throw new Error('disclosures');
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

export interface HolderPayload {
  iat: number;
  nonce: Uint8Array;
  purposeCode: number;
}

export function readHolderPayload(sign1: CoseSign1): HolderPayload {
  const m = decodeCbor(sign1[2]);
  if (!(m instanceof Map)) throw new Error('holder payload is not a map');
  const iat = m.get(H.iat);
  const nonce = m.get(H.nonce);
  const purposeCode = m.get(H.purpose);
  if (!isUint(iat) || !isBytes(nonce) || nonce.length < 8 || nonce.length > 32 || !isUint(purposeCode)) {
    throw new Error('holder payload members');
  }
  return { iat, nonce, purposeCode };
}

/** A disclosure's [salt, key, value]; throws when malformed. */
export function readDisclosure(bytes: Uint8Array): { key: number; value: unknown } {
  const v = decodeCbor(bytes);
  if (!Array.isArray(v) || v.length !== 3 || !isBytes(v[0]) || v[0].length !== SALT_BYTES || !isUint(v[1])) {
    throw new Error('disclosure');
  }
  return { key: v[1], value: v[2] };
}
