import { encodeCbor as encode } from '@yss/contracts/wallet-codec';

/**
 * Standard CBOR (RFC 8949) with cbor-x: the wallet's one encoder (`walletCbor` in the contracts' wallet codec,
 * shared with the web apps: no record extension, no typed-array tags, definite-length maps, maps decoded as
 * Map). Under Node, cbor-x hands out Buffers; the server's callers use them as such (base64url, equals).
 */
export {
  decodeCbor,
  isByteString as isBytes,
  isUnsignedInt as isUint,
  walletCbor as cbor,
} from '@yss/contracts/wallet-codec';

export function encodeCbor(value: unknown): Buffer {
  return encode(value) as Buffer;
}
