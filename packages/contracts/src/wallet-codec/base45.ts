/**
 * Base45 (RFC 9285): the alphabet of QR alphanumeric mode, so a QR code carries 2 bytes in 3 characters at
 * 5.5 bits each. Decoding refuses characters outside the alphabet and values out of range.
 */
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';

export function base45Encode(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    let n = (bytes[i] as number) * 256 + (bytes[i + 1] as number);
    const c = n % 45;
    n = (n - c) / 45;
    const d = n % 45;
    const e = (n - d) / 45;
    out += (ALPHABET[c] as string) + (ALPHABET[d] as string) + (ALPHABET[e] as string);
  }
  if (bytes.length % 2) {
    const n = bytes[bytes.length - 1] as number;
    out += (ALPHABET[n % 45] as string) + (ALPHABET[Math.floor(n / 45)] as string);
  }
  return out;
}

/** Character code → value in the alphabet, -1 outside it (a table, not a Map: decoding runs per verification). */
const VALUE_OF_CODE = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUE_OF_CODE[ALPHABET.charCodeAt(i)] = i;

function valueAt(text: string, i: number): number {
  const code = text.charCodeAt(i);
  const v = code < 128 ? (VALUE_OF_CODE[code] as number) : -1;
  if (v < 0) throw new Error('base45: bad character');
  return v;
}

export function base45Decode(text: string): Uint8Array {
  if (text.length % 3 === 1) throw new Error('base45: bad length');
  const out = new Uint8Array(Math.floor(text.length / 3) * 2 + (text.length % 3 === 2 ? 1 : 0));
  let o = 0;
  let i = 0;
  for (; i + 3 <= text.length; i += 3) {
    const n = valueAt(text, i) + valueAt(text, i + 1) * 45 + valueAt(text, i + 2) * 2025;
    if (n > 0xffff) throw new Error('base45: value out of range');
    out[o++] = n >> 8;
    out[o++] = n & 0xff;
  }
  if (i < text.length) {
    const n = valueAt(text, i) + valueAt(text, i + 1) * 45;
    if (n > 0xff) throw new Error('base45: value out of range');
    out[o] = n;
  }
  return out;
}
