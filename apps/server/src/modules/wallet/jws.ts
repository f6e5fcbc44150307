import type { KeyObject } from 'node:crypto';
import { signEs256, verifyEs256 } from './es256.js';

/** Compact JWS (RFC 7515) with ES256 only: what the status-list tokens need, nothing more. */

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

export function signJws(header: Record<string, unknown>, payload: Record<string, unknown>, key: KeyObject): string {
  const input = `${b64({ ...header, alg: 'ES256' })}.${b64(payload)}`;
  return `${input}.${signEs256(key, Buffer.from(input)).toString('base64url')}`;
}

export interface DecodedJws {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  signingInput: string;
  signature: Buffer;
}

/** Splits and parses a compact JWS without verifying it; throws on anything malformed. */
export function decodeJws(token: string): DecodedJws {
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]*$/.test(p))) throw new Error('not a compact JWS');
  const [h, p, s] = parts as [string, string, string];
  const header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8'));
  const payload = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
  if (!header || typeof header !== 'object' || !payload || typeof payload !== 'object') throw new Error('not a JWS');
  return { header, payload, signingInput: `${h}.${p}`, signature: Buffer.from(s, 'base64url') };
}

/** True only for alg ES256 and a good signature by this key. */
export function verifyJws(decoded: DecodedJws, key: KeyObject): boolean {
  return decoded.header.alg === 'ES256' && verifyEs256(key, Buffer.from(decoded.signingInput), decoded.signature);
}
