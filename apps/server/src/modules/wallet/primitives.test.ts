import { createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { Tag } from 'cbor-x';
import { describe, expect, it } from 'vitest';
import { base45Decode, base45Encode } from './base45.js';
import { decodeCbor, encodeCbor } from './cbor.js';
import { parseSign1, signSign1, tagSign1, verifySign1 } from './cose.js';
import { compressPoint, decompressPoint, generateEs256, holderKeyObject, toPublicJwk } from './es256.js';
import { compressList, decompressList, getStatus, setStatus } from './status-bits.js';

describe('base45 (RFC 9285)', () => {
  it('encodes and decodes the RFC examples', () => {
    const cases: [string, string][] = [
      ['AB', 'BB8'],
      ['Hello!!', '%69 VD92EX0'],
      ['base-45', 'UJCLQE7W581'],
      ['ietf!', 'QED8WEX0'],
    ];
    for (const [plain, encoded] of cases) {
      expect(base45Encode(Buffer.from(plain))).toBe(encoded);
      expect(Buffer.from(base45Decode(encoded)).toString()).toBe(plain);
    }
  });
  it('refuses characters outside the alphabet, bad lengths and out-of-range triples', () => {
    expect(() => base45Decode('ab')).toThrow();
    expect(() => base45Decode('BB8B')).toThrow();
    expect(() => base45Decode('GGW')).toThrow(); // 65535 < 16 + 16*45 + 44*2025? → 89136: out of range
  });
});

describe('COSE_Sign1 (RFC 9052) with ES256', () => {
  it('signs the Sig_structure ["Signature1", protected, external_aad, payload]; an independent node:crypto check agrees', () => {
    const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const payload = encodeCbor(new Map([[1, 'x']]));
    const aad = Buffer.from('bound');
    const sign1 = signSign1(privateKey, payload, { kid: Buffer.from('12345678'), externalAad: aad });
    const bytes = encodeCbor(tagSign1(sign1));
    expect(bytes[0]).toBe(0xd2); // tag 18
    // Rebuild the Sig_structure by hand (RFC 9052 §4.4) and verify with node:crypto.
    const [protectedBytes, unprotected, p, signature] = (decodeCbor(bytes) as Tag).value as [
      Uint8Array,
      Map<number, unknown>,
      Uint8Array,
      Uint8Array,
    ];
    expect(unprotected.size).toBe(0);
    expect(decodeCbor(protectedBytes)).toEqual(
      new Map<number, unknown>([
        [1, -7],
        [4, Buffer.from('12345678')],
      ]),
    );
    const toBeSigned = Buffer.concat([
      Buffer.from([0x84]), // array(4)
      Buffer.from([0x6a]), // text(10)
      Buffer.from('Signature1'),
      Buffer.from([0x40 + protectedBytes.length]), // bstr (short)
      protectedBytes,
      Buffer.from([0x45]), // bstr(5)
      aad,
      Buffer.from([0x40 + p.length]),
      p,
    ]);
    expect(verify('sha256', toBeSigned, { key: publicKey, dsaEncoding: 'ieee-p1363' }, signature)).toBe(true);
    const parsed = parseSign1(decodeCbor(bytes));
    expect(verifySign1(parsed, publicKey, aad)).toBe(true);
    expect(verifySign1(parsed, publicKey)).toBe(false); // another external_aad
    expect(verifySign1(parsed, generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey, aad)).toBe(false);
  });

  it('refuses alg other than ES256 (none, unknown), unprotected headers, wrong shapes', () => {
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const none = [encodeCbor(new Map([[1, 'none']])), new Map(), Buffer.from('x'), new Uint8Array()];
    expect(verifySign1(parseSign1(none), publicKey)).toBe(false);
    expect(() =>
      parseSign1([encodeCbor(new Map()), new Map([[1, -7]]), Buffer.from('x'), new Uint8Array(64)]),
    ).toThrow();
    expect(() => parseSign1(new Tag([], 18))).toThrow();
    expect(() => parseSign1(new Tag([new Uint8Array(), new Map(), new Uint8Array(), new Uint8Array()], 98))).toThrow();
  });
});

describe('P-256 points', () => {
  it('compresses and decompresses, and refuses points off the curve', () => {
    const { publicJwk } = generateEs256();
    expect(decompressPoint(compressPoint(publicJwk))).toEqual(publicJwk);
    const bad = Buffer.alloc(33, 0xff);
    bad[0] = 2;
    expect(() => decompressPoint(bad)).toThrow();
    const jwk = createPublicKey({ key: { ...publicJwk }, format: 'jwk' }).export({ format: 'jwk' });
    expect(toPublicJwk(jwk)).toEqual(publicJwk);
    expect(() => toPublicJwk({ kty: 'OKP', crv: 'Ed25519', x: 'a' })).toThrow();
  });

  it('imports a holder key from its compressed point once, refusing what is not a point of P-256', async () => {
    const { publicJwk } = generateEs256();
    const point = compressPoint(publicJwk);
    expect((await holderKeyObject(point)).export({ format: 'jwk' })).toEqual(publicJwk);
    await expect(holderKeyObject(Buffer.alloc(33, 0xff).fill(2, 0, 1))).rejects.toThrow(); // x ≥ p
    // An x for which x³ - 3x + b has no square root: no point has it.
    const noPoint = Buffer.from(point);
    let refused = 0;
    for (let i = 1; i <= 40; i++) {
      noPoint[20] = (point[20] ?? 0) ^ i;
      try {
        await holderKeyObject(noPoint);
      } catch {
        refused++;
        expect(() => decompressPoint(noPoint)).toThrow();
      }
    }
    expect(refused).toBeGreaterThan(0);
    await expect(
      holderKeyObject(Buffer.concat([Buffer.from([4]), point.subarray(1), point.subarray(1)])),
    ).rejects.toThrow();
    await expect(holderKeyObject(point.subarray(0, 32))).rejects.toThrow();
    await expect(holderKeyObject(Buffer.from([5, ...point.subarray(1)]))).rejects.toThrow();
  });
});

describe('Token Status List bits', () => {
  it('packs 2-bit entries from the least significant bit (the draft’s example) and compresses with ZLIB', () => {
    // draft-ietf-oauth-status-list, 2-bit example: statuses 1,2,0,3,0,1,0,1,1,2,3,3 → c9 44 f9
    const bytes = new Uint8Array(3);
    [1, 2, 0, 3, 0, 1, 0, 1, 1, 2, 3, 3].forEach((v, i) => {
      setStatus(bytes, 2, i, v);
    });
    expect(Buffer.from(bytes).toString('hex')).toBe('c944f9');
    const back = decompressList(compressList(bytes), 1024);
    expect(getStatus(back, 2, 3)).toBe(3);
    expect(getStatus(back, 2, 12)).toBeUndefined();
    expect(() => decompressList(compressList(new Uint8Array(4096)), 1024)).toThrow(); // inflation cap
  });
});
