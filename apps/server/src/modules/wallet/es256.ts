import {
  createHash,
  createPrivateKey,
  createPublicKey,
  ECDH,
  generateKeyPairSync,
  type JsonWebKey,
  KeyObject,
  sign,
  verify,
  webcrypto,
} from 'node:crypto';

/**
 * ES256 (ECDSA over P-256 with SHA-256) with node:crypto: signatures are the raw 64 bytes r‖s (JWS and COSE
 * both use this form, not DER). Public keys travel as JWKs (SD-JWT `cnf`, JWKS) or, in the QR credential, as
 * 33-byte compressed points.
 */

export interface PublicJwk {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
  kid?: string;
  alg?: string;
  use?: string;
}

export function generateEs256(): { publicJwk: PublicJwk; privateJwk: JsonWebKey } {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    publicJwk: toPublicJwk(publicKey.export({ format: 'jwk' })),
    privateJwk: privateKey.export({ format: 'jwk' }),
  };
}

/** The JWK's public part, or throws when it is not a P-256 EC public key. */
export function toPublicJwk(jwk: JsonWebKey | Record<string, unknown>): PublicJwk {
  const { kty, crv, x, y } = jwk as Record<string, unknown>;
  if (kty !== 'EC' || crv !== 'P-256' || typeof x !== 'string' || typeof y !== 'string') {
    throw new Error('not a P-256 public key');
  }
  if (!/^[A-Za-z0-9_-]{43}$/.test(x) || !/^[A-Za-z0-9_-]{43}$/.test(y)) throw new Error('malformed coordinates');
  // Importing checks that the point is on the curve.
  createPublicKey({ key: { kty, crv, x, y }, format: 'jwk' });
  return { kty, crv, x, y };
}

export function publicKeyObject(jwk: PublicJwk): KeyObject {
  return createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y }, format: 'jwk' });
}

export function privateKeyObject(jwk: JsonWebKey): KeyObject {
  return createPrivateKey({ key: jwk, format: 'jwk' });
}

/** RFC 7638 thumbprint (SHA-256) of a P-256 public key. */
export function jwkThumbprint(jwk: PublicJwk): Buffer {
  return createHash('sha256')
    .update(JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y }))
    .digest();
}

/** Our key id: the first 8 bytes of the thumbprint (base64url, 11 characters; 8 bytes in the QR). */
export function kidOf(jwk: PublicJwk): string {
  return jwkThumbprint(jwk).subarray(0, 8).toString('base64url');
}

export function signEs256(key: KeyObject, data: Uint8Array): Buffer {
  return sign('sha256', data, { key, dsaEncoding: 'ieee-p1363' });
}

/** False for a wrong signature, a signature of the wrong length, or anything that is not one. */
export function verifyEs256(key: KeyObject, data: Uint8Array, signature: Uint8Array): boolean {
  if (signature.length !== 64) return false;
  try {
    return verify('sha256', data, { key, dsaEncoding: 'ieee-p1363' }, signature);
  } catch {
    return false;
  }
}

/** 33-byte SEC1 compressed point of a P-256 public JWK. */
export function compressPoint(jwk: PublicJwk): Buffer {
  const x = Buffer.from(jwk.x, 'base64url');
  const y = Buffer.from(jwk.y, 'base64url');
  return Buffer.concat([Buffer.from([(y[31] ?? 0) & 1 ? 3 : 2]), x]);
}

/** The public JWK of a compressed point; throws when it is not a point of P-256. */
export function decompressPoint(point: Uint8Array): PublicJwk {
  return toPublicJwk(uncompressedJwk(point));
}

/**
 * The verification key of a compressed point (the QR credential's holder key); rejects when it is not a point
 * of P-256 (WebCrypto's raw import decompresses, refusing an x without a point). One import, no JWK:
 * `publicKeyObject(decompressPoint(p))` imported the point twice through JWKs (~170 µs); a JWK import after
 * `ECDH.convertKey` ~90 µs; this ~57 µs. (An SPKI with the compressed point costs ~110 µs.)
 */
export async function holderKeyObject(point: Uint8Array): Promise<KeyObject> {
  if (point.length !== 33 || (point[0] !== 2 && point[0] !== 3)) throw new Error('not a compressed P-256 point');
  const key = await webcrypto.subtle.importKey('raw', point, { name: 'ECDSA', namedCurve: 'P-256' }, true, ['verify']);
  return KeyObject.from(key);
}

function uncompressedJwk(point: Uint8Array): JsonWebKey {
  if (point.length !== 33 || (point[0] !== 2 && point[0] !== 3)) throw new Error('not a compressed P-256 point');
  const full = ECDH.convertKey(Buffer.from(point), 'prime256v1', undefined, undefined, 'uncompressed') as Buffer;
  return {
    kty: 'EC',
    crv: 'P-256',
    x: full.subarray(1, 33).toString('base64url'),
    y: full.subarray(33, 65).toString('base64url'),
  };
}
