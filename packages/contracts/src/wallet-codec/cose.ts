import { Tag } from 'cbor-x';
import { decodeCbor, encodeCbor, isByteString } from './cbor.js';

/**
 * COSE_Sign1 (RFC 9052 §4.2) with ES256 (alg -7): [protected bstr, unprotected map, payload bstr, signature],
 * the signature over Sig_structure ["Signature1", protected, external_aad, payload]. Only what the wallet
 * needs: one algorithm, attached payloads, kid (label 4) in the protected header. Signing and verifying stay
 * with each platform (node:crypto on the server, WebCrypto in the browser); this is the bytes they work on.
 */

export const COSE_ALG = 1;
export const COSE_KID = 4;
export const ES256_ALG = -7;
export const COSE_SIGN1_TAG = 18;
/** ES256 signatures are the raw r‖s, 32 bytes each (not DER). */
export const ES256_SIGNATURE_BYTES = 64;

export type CoseSign1 = [
  protectedBytes: Uint8Array,
  unprotected: Map<number, unknown>,
  payload: Uint8Array,
  signature: Uint8Array,
];

export interface ParsedSign1 {
  sign1: CoseSign1;
  alg: unknown;
  kid: Uint8Array | undefined;
}

const NO_AAD = new Uint8Array();

/** The encoded protected header {1: -7} (and {4: kid} when given): what the signer signs over. */
export function es256ProtectedHeader(kid?: Uint8Array): Uint8Array {
  const header = new Map<number, unknown>([[COSE_ALG, ES256_ALG]]);
  if (kid) header.set(COSE_KID, kid);
  return encodeCbor(header);
}

export function sigStructure(protectedBytes: Uint8Array, externalAad: Uint8Array, payload: Uint8Array): Uint8Array {
  return encodeCbor(['Signature1', protectedBytes, externalAad, payload]);
}

export const tagSign1 = (s: CoseSign1) => new Tag(s, COSE_SIGN1_TAG);

/** Checks the shape of a COSE_Sign1 (tagged 18 or not) and reads its protected header; throws when malformed. */
export function parseSign1(value: unknown): ParsedSign1 {
  const v = value instanceof Tag ? (value.tag === COSE_SIGN1_TAG ? value.value : undefined) : value;
  if (!Array.isArray(v) || v.length !== 4) throw new Error('COSE_Sign1: not a 4-element array');
  const [protectedBytes, unprotected, payload, signature] = v as unknown[];
  if (
    !isByteString(protectedBytes) ||
    !(unprotected instanceof Map) ||
    !isByteString(payload) ||
    !isByteString(signature)
  ) {
    throw new Error('COSE_Sign1: wrong member types');
  }
  // Everything we rely on must be protected: an unprotected alg or kid is refused rather than ignored.
  if (unprotected.size > 0) throw new Error('COSE_Sign1: unexpected unprotected header');
  const header = protectedBytes.length === 0 ? new Map() : decodeCbor(protectedBytes);
  if (!(header instanceof Map)) throw new Error('COSE_Sign1: protected header is not a map');
  const kid = header.get(COSE_KID);
  if (kid !== undefined && !isByteString(kid)) throw new Error('COSE_Sign1: kid is not a byte string');
  return { sign1: [protectedBytes, unprotected, payload, signature], alg: header.get(COSE_ALG), kid };
}

/**
 * The bytes an ES256 verifier must check the signature of a parsed COSE_Sign1 over, or undefined when it
 * cannot be a valid ES256 signature at all: any other alg ("none" included) or a signature that is not 64
 * bytes. The one place that decides "ES256 only" for both platforms' verifySign1.
 */
export function es256SignedBytes(parsed: ParsedSign1, externalAad: Uint8Array = NO_AAD): Uint8Array | undefined {
  if (parsed.alg !== ES256_ALG) return undefined;
  const [protectedBytes, , payload, signature] = parsed.sign1;
  if (signature.length !== ES256_SIGNATURE_BYTES) return undefined;
  return sigStructure(protectedBytes, externalAad, payload);
}
