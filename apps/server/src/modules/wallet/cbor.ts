import { Encoder } from 'cbor-x';

/**
 * Standard CBOR (RFC 8949) with cbor-x: no record extension, no typed-array tags, definite-length maps, and
 * maps decoded as Map (integer keys stay integers). Byte strings are plain Uint8Array (Buffers on decode).
 */
export const cbor = new Encoder({
  useRecords: false,
  tagUint8Array: false,
  variableMapSize: true,
  mapsAsObjects: false,
  pack: false,
});

export function encodeCbor(value: unknown): Buffer {
  return cbor.encode(value);
}

/** Decodes one complete CBOR item; throws on trailing bytes, truncation and malformed input. */
export function decodeCbor(bytes: Uint8Array): unknown {
  return cbor.decode(bytes);
}

export const isBytes = (v: unknown): v is Uint8Array => v instanceof Uint8Array;
export const isUint = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
