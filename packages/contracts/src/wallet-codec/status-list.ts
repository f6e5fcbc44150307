/**
 * The byte layout of an IETF Token Status List (draft-ietf-oauth-status-list): entry i takes `bits` bits,
 * packed from the least significant bit of byte 0 upwards. (The list travels ZLIB-compressed; inflating is
 * each platform's: node:zlib on the server, DecompressionStream in the browser.)
 */

/** The wallet's values (2 bits per entry): 0 valid, 1 invalid (注销), 2 suspended (暂停使用). */
export const TOKEN_STATUS = { valid: 0, invalid: 1, suspended: 2 } as const;
export type BitsPerStatus = 1 | 2 | 4 | 8;

/** Entry `idx` of the list, or undefined when the index is outside it (or not an index). */
export function getStatusEntry(bytes: Uint8Array, bits: BitsPerStatus, idx: number): number | undefined {
  const perByte = 8 / bits;
  const byte = bytes[Math.floor(idx / perByte)];
  if (byte === undefined || idx < 0 || !Number.isInteger(idx)) return undefined;
  return (byte >> ((idx % perByte) * bits)) & ((1 << bits) - 1);
}

export function setStatusEntry(bytes: Uint8Array, bits: BitsPerStatus, idx: number, value: number): void {
  const perByte = 8 / bits;
  const at = Math.floor(idx / perByte);
  if (at >= bytes.length || idx < 0) throw new Error('status index out of range');
  const shift = (idx % perByte) * bits;
  const mask = ((1 << bits) - 1) << shift;
  bytes[at] = ((bytes[at] as number) & ~mask) | ((value << shift) & mask);
}
