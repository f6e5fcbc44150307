import { deflateSync, inflateSync } from 'node:zlib';

/**
 * The byte layout of an IETF Token Status List (draft-ietf-oauth-status-list): entry i takes `bits` bits,
 * packed from the least significant bit of byte 0 upwards; the list travels ZLIB-compressed (RFC 1950),
 * base64url-encoded, as `lst`. Reading and writing entries is the contracts' wallet codec (shared with the
 * verifier page's offline verifier); compressing is node:zlib's.
 */

export {
  type BitsPerStatus,
  getStatusEntry as getStatus,
  setStatusEntry as setStatus,
  TOKEN_STATUS as STATUS,
} from '@yss/contracts/wallet-codec';

export function compressList(bytes: Uint8Array): string {
  return deflateSync(bytes, { level: 9 }).toString('base64url');
}

/** Inflates `lst`, refusing lists larger than `maxBytes` (a small token must not inflate into gigabytes). */
export function decompressList(lst: string, maxBytes: number): Uint8Array {
  return new Uint8Array(inflateSync(Buffer.from(lst, 'base64url'), { maxOutputLength: maxBytes }));
}
