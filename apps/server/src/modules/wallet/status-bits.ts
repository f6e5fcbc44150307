import { deflateSync, inflateSync } from 'node:zlib';

/**
 * The byte layout of an IETF Token Status List (draft-ietf-oauth-status-list): entry i takes `bits` bits,
 * packed from the least significant bit of byte 0 upwards; the list travels ZLIB-compressed (RFC 1950),
 * base64url-encoded, as `lst`.
 */

export const STATUS = { valid: 0, invalid: 1, suspended: 2 } as const;
export type BitsPerStatus = 1 | 2 | 4 | 8;

export function getStatus(bytes: Uint8Array, bits: BitsPerStatus, idx: number): number | undefined {
  const perByte = 8 / bits;
  const byte = bytes[Math.floor(idx / perByte)];
  if (byte === undefined || idx < 0 || !Number.isInteger(idx)) return undefined;
  return (byte >> ((idx % perByte) * bits)) & ((1 << bits) - 1);
}

export function setStatus(bytes: Uint8Array, bits: BitsPerStatus, idx: number, value: number): void {
  const perByte = 8 / bits;
  const at = Math.floor(idx / perByte);
  if (at >= bytes.length || idx < 0) throw new Error('status index out of range');
  const shift = (idx % perByte) * bits;
  const mask = ((1 << bits) - 1) << shift;
  bytes[at] = ((bytes[at] as number) & ~mask) | ((value << shift) & mask);
}

export function compressList(bytes: Uint8Array): string {
  return deflateSync(bytes, { level: 9 }).toString('base64url');
}

/** Inflates `lst`, refusing lists larger than `maxBytes` (a small token must not inflate into gigabytes). */
export function decompressList(lst: string, maxBytes: number): Uint8Array {
  return new Uint8Array(inflateSync(Buffer.from(lst, 'base64url'), { maxOutputLength: maxBytes }));
}
