import { Encoder } from 'cbor-x';

/**
 * Standard CBOR (RFC 8949) with cbor-x, as every copy of the wallet (server, phone, verifier page) must write
 * it byte for byte: no record extension, no typed-array tags, definite-length maps, and maps decoded as Map
 * (integer keys stay integers). One encoder for the server and the web apps, so the bytes cannot drift.
 * Byte strings decode as Uint8Array (under Node, Buffers, which are Uint8Arrays: nothing here relies on more).
 */
export const walletCbor = new Encoder({
  useRecords: false,
  tagUint8Array: false,
  variableMapSize: true,
  mapsAsObjects: false,
  pack: false,
});

export function encodeCbor(value: unknown): Uint8Array {
  return walletCbor.encode(value);
}

/** Decodes one complete CBOR item; throws on trailing bytes, truncation and malformed input. */
export function decodeCbor(bytes: Uint8Array): unknown {
  return walletCbor.decode(bytes);
}

export const isByteString = (v: unknown): v is Uint8Array => v instanceof Uint8Array;
export const isUnsignedInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
