import {
  calculateJwkThumbprint,
  createLocalJWKSet,
  errors,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JSONWebKeySet,
  type JWK,
  jwtVerify,
  SignJWT,
} from 'jose';
import type { FieldCipher } from '../privacy/index.js';

/** A stored signing key: the public JWK (jsonb: an object, or its text on some drivers) and the private one encrypted. */
export interface SigningKeyRow {
  kid: string;
  public_jwk: unknown;
  private_jwk_encrypted: string;
  retired_at: Date | null;
}

/** Where a module keeps its keys (its own table): all of them, oldest first, and the first one inserted once. */
export interface SigningKeyStore {
  list(): Promise<SigningKeyRow[]>;
  /** Insert the first current key; two copies starting at once: the table's partial unique index keeps one. */
  insertFirst(row: { kid: string; public_jwk: string; private_jwk_encrypted: string }): Promise<void>;
}

export interface SignedCodeFormat<C extends Record<string, string>> {
  /** What the QR text starts with (`YSST1:`, `YSSA1:`), then the compact JWS. */
  prefix: string;
  issuer: string;
  typ: string;
  /** The FieldCipher's associated data of a private key, bound to its kid. */
  aadPrefix: string;
  /** The string claims a code must carry (besides iat and exp). */
  claims: readonly (keyof C & string)[];
}

/** The associated data of a stored private key: the format's `aadPrefix`, then `:<kid>`. */
export const signingKeyAad = (aadPrefix: string, kid: string) => `${aadPrefix}:${kid}`;

export type SignedCodeCheck<C> = { ok: true; claims: C } | { ok: false; verdict: 'invalid-code' | 'expired-code' };

export interface PublishedKey {
  kty: string;
  crv: string;
  x: string;
  y: string;
  kid: string;
  alg: 'ES256';
  use: 'sig';
}

interface Loaded {
  current: { kid: string; key: CryptoKey | Uint8Array };
  published: PublishedKey[];
  verifier: ReturnType<typeof createLocalJWKSet>;
  loadedAt: number;
}

/**
 * A module's own ES256 key for short-lived QR codes (a prefix + a compact JWS of a few string claims): the coach
 * e-ticket (`YSST1:`) and the 预约码 (`YSSA1:`). The private key is stored encrypted (FieldCipher, bound to its kid)
 * and decrypted once into memory; the public keys can be published as a JWKS. Another server copy's first key wins
 * at start (the partial unique index); keys are reloaded every 5 minutes and when a code names an unknown kid.
 */
export class SignedCodeKeys<C extends Record<string, string>> {
  private loaded: Promise<Loaded> | undefined;
  private lastMissReload = 0;

  constructor(
    private readonly store: SigningKeyStore,
    private readonly cipher: FieldCipher,
    private readonly format: SignedCodeFormat<C>,
  ) {}

  async jwks(): Promise<{ keys: PublishedKey[] }> {
    return { keys: (await this.keys()).published };
  }

  /** The prefix + the compact JWS of the claims, issued at `now`, valid until `expiresAt`. */
  async sign(claims: C, now: Date, expiresAt: Date): Promise<string> {
    const { current } = await this.keys();
    const jws = await new SignJWT({ ...claims })
      .setProtectedHeader({ alg: 'ES256', kid: current.kid, typ: this.format.typ })
      .setIssuer(this.format.issuer)
      .setIssuedAt(Math.floor(now.getTime() / 1000))
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .sign(current.key);
    return `${this.format.prefix}${jws}`;
  }

  /** Check a scanned code: genuine (our key, our claims) and not expired at `now`. */
  async verify(qr: string, now: Date): Promise<SignedCodeCheck<C>> {
    const text = qr.trim();
    if (!text.startsWith(this.format.prefix)) return { ok: false, verdict: 'invalid-code' };
    const token = text.slice(this.format.prefix.length);
    for (let attempt = 0; attempt < 2; attempt++) {
      const { verifier } = await this.keys(attempt > 0);
      try {
        const { payload } = await jwtVerify(token, verifier, {
          algorithms: ['ES256'],
          issuer: this.format.issuer,
          typ: this.format.typ,
          currentDate: now,
          requiredClaims: [...this.format.claims, 'iat', 'exp'],
        });
        const claims: Record<string, string> = {};
        for (const name of this.format.claims) {
          const value = payload[name];
          if (typeof value !== 'string') return { ok: false, verdict: 'invalid-code' };
          claims[name] = value;
        }
        return { ok: true, claims: claims as C };
      } catch (err) {
        if (err instanceof errors.JWTExpired) return { ok: false, verdict: 'expired-code' };
        // A kid this copy does not know yet: another copy may have made it; look once (at most every 10 s).
        if (err instanceof errors.JWKSNoMatchingKey && attempt === 0 && Date.now() - this.lastMissReload > 10_000) {
          this.lastMissReload = Date.now();
          continue;
        }
        return { ok: false, verdict: 'invalid-code' };
      }
    }
    return { ok: false, verdict: 'invalid-code' };
  }

  private async keys(reload = false): Promise<Loaded> {
    const cached = this.loaded ? await this.loaded.catch(() => undefined) : undefined;
    if (cached && !reload && Date.now() - cached.loadedAt < 300_000) return cached;
    this.loaded = this.load();
    return this.loaded;
  }

  private aad(kid: string) {
    return signingKeyAad(this.format.aadPrefix, kid);
  }

  private async load(): Promise<Loaded> {
    let rows = await this.store.list();
    if (!rows.some((r) => r.retired_at === null)) {
      const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
      const publicJwk = await exportJWK(publicKey);
      const kid = await calculateJwkThumbprint(publicJwk);
      await this.store.insertFirst({
        kid,
        public_jwk: JSON.stringify(publicJwk),
        private_jwk_encrypted: this.cipher.encrypt(JSON.stringify(await exportJWK(privateKey)), this.aad(kid)),
      });
      rows = await this.store.list();
    }
    const published: PublishedKey[] = [];
    let current: Loaded['current'] | undefined;
    for (const row of rows) {
      const jwk = (typeof row.public_jwk === 'string' ? JSON.parse(row.public_jwk) : row.public_jwk) as JWK;
      published.push({
        kty: String(jwk.kty),
        crv: String(jwk.crv),
        x: String(jwk.x),
        y: String(jwk.y),
        kid: row.kid,
        alg: 'ES256',
        use: 'sig',
      });
      if (row.retired_at === null) {
        const privateJwk = JSON.parse(this.cipher.decrypt(row.private_jwk_encrypted, this.aad(row.kid))) as JWK;
        current = { kid: row.kid, key: await importJWK(privateJwk, 'ES256') };
      }
    }
    if (!current) throw new Error(`${this.format.issuer} signing key missing`);
    // The current key first.
    published.sort((a, b) => Number(b.kid === current?.kid) - Number(a.kid === current?.kid));
    const jwks: JSONWebKeySet = { keys: published };
    return { current, published, verifier: createLocalJWKSet(jwks), loadedAt: Date.now() };
  }
}
