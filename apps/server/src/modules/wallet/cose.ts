import type { KeyObject } from 'node:crypto';
import {
  type CoseSign1,
  es256ProtectedHeader,
  es256SignedBytes,
  type ParsedSign1,
  sigStructure,
} from '@yss/contracts/wallet-codec';
import { signEs256, verifyEs256 } from './es256.js';

/**
 * COSE_Sign1 (RFC 9052 §4.2) with ES256 on the server: signing and verifying with node:crypto (synchronous).
 * The structure, its parsing and the Sig_structure bytes are the contracts' wallet codec, shared with the web
 * apps (which sign and verify with WebCrypto).
 */
export {
  COSE_ALG,
  COSE_KID,
  COSE_SIGN1_TAG,
  type CoseSign1,
  ES256_ALG,
  type ParsedSign1,
  parseSign1,
  sigStructure,
  tagSign1,
} from '@yss/contracts/wallet-codec';

const NO_AAD = new Uint8Array();

export function signSign1(
  key: KeyObject,
  payload: Uint8Array,
  options: { kid?: Uint8Array; externalAad?: Uint8Array } = {},
): CoseSign1 {
  const protectedBytes = es256ProtectedHeader(options.kid);
  const signature = signEs256(key, sigStructure(protectedBytes, options.externalAad ?? NO_AAD, payload));
  return [protectedBytes, new Map(), payload, signature];
}

/** Verifies a parsed COSE_Sign1 with ES256 only (any other alg, "none" included, is false). */
export function verifySign1(parsed: ParsedSign1, key: KeyObject, externalAad: Uint8Array = NO_AAD): boolean {
  const data = es256SignedBytes(parsed, externalAad);
  return data !== undefined && verifyEs256(key, data, parsed.sign1[3]);
}
