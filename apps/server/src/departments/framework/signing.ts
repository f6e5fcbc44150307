import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Request signing between the platform and the department gateway, so that a department knows the caller
 * and that nobody altered or replayed the request. HMAC-SHA256 with a key shared per caller (key id), over
 * the method, path, timestamp, nonce and the SHA-256 of the body. A request is accepted within ±5 minutes
 * of its timestamp, and each nonce once in that window.
 */
export const SIGNATURE_HEADERS = {
  keyId: 'x-yss-key-id',
  timestamp: 'x-yss-timestamp',
  nonce: 'x-yss-nonce',
  signature: 'x-yss-signature',
} as const;

export const MAX_SKEW_MS = 5 * 60_000;

export interface SigningKey {
  id: string;
  secret: Buffer;
}

function canonical(method: string, path: string, timestamp: string, nonce: string, body: string): string {
  const bodyHash = createHash('sha256').update(body).digest('hex');
  return `${method.toUpperCase()}\n${path}\n${timestamp}\n${nonce}\n${bodyHash}`;
}

function mac(secret: Buffer, text: string): string {
  return createHmac('sha256', secret).update(text).digest('base64url');
}

export function signRequest(key: SigningKey, method: string, path: string, body: string, now = Date.now()) {
  const timestamp = String(now);
  const nonce = randomBytes(16).toString('base64url');
  return {
    [SIGNATURE_HEADERS.keyId]: key.id,
    [SIGNATURE_HEADERS.timestamp]: timestamp,
    [SIGNATURE_HEADERS.nonce]: nonce,
    [SIGNATURE_HEADERS.signature]: mac(key.secret, canonical(method, path, timestamp, nonce, body)),
  };
}

export type VerifyResult = { ok: true; keyId: string } | { ok: false; reason: string };

/** Checks signatures against the known callers' keys; remembers nonces for the skew window. */
export class SignatureVerifier {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly keys: ReadonlyMap<string, Buffer>,
    private readonly now: () => number = Date.now,
  ) {}

  verify(
    headers: Record<string, string | string[] | undefined>,
    method: string,
    path: string,
    body: string,
  ): VerifyResult {
    const get = (name: string) => {
      const v = headers[name];
      return Array.isArray(v) ? v[0] : v;
    };
    const keyId = get(SIGNATURE_HEADERS.keyId);
    const timestamp = get(SIGNATURE_HEADERS.timestamp);
    const nonce = get(SIGNATURE_HEADERS.nonce);
    const signature = get(SIGNATURE_HEADERS.signature);
    if (!keyId || !timestamp || !nonce || !signature) return { ok: false, reason: 'unsigned' };
    const secret = this.keys.get(keyId);
    if (!secret) return { ok: false, reason: 'unknown key' };
    const at = Number(timestamp);
    if (!Number.isFinite(at) || Math.abs(this.now() - at) > MAX_SKEW_MS) return { ok: false, reason: 'stale' };
    const expected = Buffer.from(mac(secret, canonical(method, path, timestamp, nonce, body)));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given))
      return { ok: false, reason: 'bad signature' };
    this.forgetOld();
    const nonceKey = `${keyId}:${nonce}`;
    if (this.seen.has(nonceKey)) return { ok: false, reason: 'replayed' };
    this.seen.set(nonceKey, at);
    return { ok: true, keyId };
  }

  private forgetOld() {
    const cutoff = this.now() - MAX_SKEW_MS;
    for (const [k, at] of this.seen) {
      if (at >= cutoff) break; // insertion order ≈ time order; stop at the first recent one
      this.seen.delete(k);
    }
  }
}
