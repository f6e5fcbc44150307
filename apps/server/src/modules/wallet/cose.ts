import type { KeyObject } from 'node:crypto';
import { Tag } from 'cbor-x';
import { decodeCbor, encodeCbor, isBytes } from './cbor.js';
import { signEs256, verifyEs256 } from './es256.js';

/**
 * COSE_Sign1 (RFC 9052 §4.2) with ES256 (alg -7): [protected bstr, unprotected map, payload bstr, signature],
 * the signature over Sig_structure ["Signature1", protected, external_aad, payload]. Only what the wallet
 * needs: one algorithm, attached payloads, kid (label 4) in the protected header.
 */

export const COSE_ALG = 1;
export const COSE_KID = 4;
export const ES256_ALG = -7;
export const COSE_SIGN1_TAG = 18;

export type CoseSign1 = [
  protectedBytes: Uint8Array,
  unprotected: Map<number, unknown>,
  payload: Uint8Array,
  signature: Uint8Array,
];

export function sigStructure(protectedBytes: Uint8Array, externalAad: Uint8Array, payload: Uint8Array): Buffer {
  return encodeCbor(['Signature1', protectedBytes, externalAad, payload]);
}

export function signSign1(
  key: KeyObject,
  payload: Uint8Array,
  options: { kid?: Uint8Array; externalAad?: Uint8Array } = {},
): CoseSign1 {
  const header = new Map<number, unknown>([[COSE_ALG, ES256_ALG]]);
  if (options.kid) header.set(COSE_KID, options.kid);
  const protectedBytes = encodeCbor(header);
  const signature = signEs256(key, sigStructure(protectedBytes, options.externalAad ?? new Uint8Array(), payload));
  return [protectedBytes, new Map(), payload, signature];
}

export const tagSign1 = (s: CoseSign1) => new Tag(s, COSE_SIGN1_TAG);

export interface ParsedSign1 {
  sign1: CoseSign1;
  alg: unknown;
  kid: Uint8Array | undefined;
}

/** Checks the shape of a COSE_Sign1 (tagged 18 or not) and reads its protected header; throws when malformed. */
export function parseSign1(value: unknown): ParsedSign1 {
  const v = value instanceof Tag ? (value.tag === COSE_SIGN1_TAG ? value.value : undefined) : value;
  if (!Array.isArray(v) || v.length !== 4) throw new Error('COSE_Sign1: not a 4-element array');
  const [protectedBytes, unprotected, payload, signature] = v as unknown[];
  if (!isBytes(protectedBytes) || !(unprotected instanceof Map) || !isBytes(payload) || !isBytes(signature)) {
    throw new Error('COSE_Sign1: wrong member types');
  }
  // Everything we rely on must be protected: an unprotected alg or kid is refused rather than ignored.
  if (unprotected.size > 0) throw new Error('COSE_Sign1: unexpected unprotected header');
  const header = protectedBytes.length === 0 ? new Map() : decodeCbor(protectedBytes);
  if (!(header instanceof Map)) throw new Error('COSE_Sign1: protected header is not a map');
  const kid = header.get(COSE_KID);
  if (kid !== undefined && !isBytes(kid)) throw new Error('COSE_Sign1: kid is not a byte string');
  return { sign1: [protectedBytes, unprotected, payload, signature], alg: header.get(COSE_ALG), kid };
}

/** Verifies a parsed COSE_Sign1 with ES256 only (any other alg, "none" included, is false). */
export function verifySign1(parsed: ParsedSign1, key: KeyObject, externalAad: Uint8Array = new Uint8Array()): boolean {
  if (parsed.alg !== ES256_ALG) return false;
  const [protectedBytes, , payload, signature] = parsed.sign1;
  return verifyEs256(key, sigStructure(protectedBytes, externalAad, payload), signature);
}
