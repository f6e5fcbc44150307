/**
 * Base45 (RFC 9285): the alphabet of QR alphanumeric mode, so a QR code carries 2 bytes in 3 characters at
 * 5.5 bits each. Decoding refuses characters outside the alphabet and values out of range.
 */
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
const VALUE = new Map([...ALPHABET].map((c, i) => [c, i]));

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

export function base45Decode(text: string): Uint8Array {
  if (text.length % 3 === 1) throw new Error('base45: bad length');
  const out = new Uint8Array(Math.floor(text.length / 3) * 2 + (text.length % 3 === 2 ? 1 : 0));
  let o = 0;
  for (let i = 0; i < text.length; i += 3) {
    const chunk = text.slice(i, i + 3);
    const v = [...chunk].map((ch) => {
      const x = VALUE.get(ch);
      if (x === undefined) throw new Error('base45: bad character');
      return x;
    });
    if (v.length === 3) {
      const n = (v[0] as number) + (v[1] as number) * 45 + (v[2] as number) * 45 * 45;
      if (n > 0xffff) throw new Error('base45: value out of range');
      out[o++] = n >> 8;
      out[o++] = n & 0xff;
    } else {
      const n = (v[0] as number) + (v[1] as number) * 45;
      if (n > 0xff) throw new Error('base45: value out of range');
      out[o++] = n;
    }
  }
  return out;
}
