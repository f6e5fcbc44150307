import { randomBytes } from 'node:crypto';
import {
  type CryptoKey,
  decodeProtectedHeader,
  errors,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
  type JWTPayload,
  jwtVerify,
  SignJWT,
} from 'jose';
import type { FieldCipher } from '../privacy/index.js';
import type { PayCodeKeyRepository, PayCodeKeyRow } from './repository.js';

/** How long a 医保扫码支付 code is accepted; the page fetches a new one every minute. */
export const PAY_CODE_TTL_SECONDS = 60;
export const PAY_CODE_ISSUER = 'yss-platform/medical-insurance';
/** JWS `typ` of the codes: a token of another kind signed by the same key is not a payment code. */
export const PAY_CODE_TYPE = 'yss-medpay+jwt';

/** What a payment code says about its holder: nothing a cashier may not read (masked name, scheme, city). */
export interface PayCodeClaims {
  /** Opaque, keyed reference to the insured person (HMAC of the ID number): never the ID number. */
  holderRef: string;
  nameMasked: string;
  scheme: 'employee' | 'resident';
  insuredCityCode: string;
}

export type PayCodeVerdict =
  | { result: 'valid'; claims: PayCodeClaims; issuedAt: Date; expiresAt: Date; kid: string }
  | { result: 'expired'; expiredAt: Date | null }
  | { result: 'forged'; reason: string };

/** The associated data of a stored private key, bound to its kid. */
export const keyAad = (kid: string) => `medical-pay-code-key:${kid}`;

/**
 * Signs and verifies the 医保扫码支付 codes: compact JWS (ES256) with a 60-second lifetime and a random `jti`,
 * shown as a QR code. The platform's key pair is created on first use and kept in the database with the
 * private key encrypted by the data key (FieldCipher); the public keys are published as a JWKS so that a
 * hospital or pharmacy can check a code offline too.
 */
export class PayCodeService {
  private signing: Promise<{ kid: string; key: CryptoKey }> | null = null;
  private readonly publicKeys = new Map<string, Promise<CryptoKey | null>>();

  constructor(
    private readonly repo: PayCodeKeyRepository,
    private readonly cipher: FieldCipher,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private async makeKey() {
    const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
    const kid = randomBytes(12).toString('base64url');
    const pub = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' };
    const priv = await exportJWK(privateKey);
    return {
      kid,
      publicJwk: pub as Record<string, unknown>,
      privateJwkEncrypted: this.cipher.encrypt(JSON.stringify(priv), keyAad(kid)),
    };
  }

  private async load(row: PayCodeKeyRow) {
    const jwk = JSON.parse(this.cipher.decrypt(row.privateJwkEncrypted, keyAad(row.kid))) as JWK;
    return { kid: row.kid, key: (await importJWK(jwk, 'ES256')) as CryptoKey };
  }

  private signingKey() {
    if (!this.signing) {
      this.signing = (async () => {
        const row = (await this.repo.newest()) ?? (await this.repo.insert(() => this.makeKey(), true));
        return this.load(row);
      })();
      this.signing.catch(() => {
        this.signing = null;
      });
    }
    return this.signing;
  }

  /** A new signing key; codes signed with the older keys keep verifying (their public keys stay published). */
  async rotate(): Promise<string> {
    const row = await this.repo.insert(() => this.makeKey(), false);
    this.signing = this.load(row);
    return row.kid;
  }

  async jwks(): Promise<{ keys: Record<string, unknown>[] }> {
    await this.signingKey();
    return { keys: (await this.repo.all()).map((r) => r.publicJwk) };
  }

  async issue(claims: PayCodeClaims): Promise<{ code: string; issuedAt: Date; expiresAt: Date }> {
    const { kid, key } = await this.signingKey();
    const iat = Math.floor(this.now().getTime() / 1000);
    const exp = iat + PAY_CODE_TTL_SECONDS;
    const code = await new SignJWT({
      nm: claims.nameMasked,
      sch: claims.scheme,
      city: claims.insuredCityCode,
    })
      .setProtectedHeader({ alg: 'ES256', kid, typ: PAY_CODE_TYPE })
      .setIssuer(PAY_CODE_ISSUER)
      .setSubject(claims.holderRef)
      .setJti(randomBytes(12).toString('base64url'))
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .sign(key);
    return { code, issuedAt: new Date(iat * 1000), expiresAt: new Date(exp * 1000) };
  }

  private publicKey(kid: string): Promise<CryptoKey | null> {
    let key = this.publicKeys.get(kid);
    if (!key) {
      key = this.repo
        .byKid(kid)
        .then((row) => (row ? (importJWK(row.publicJwk as JWK, 'ES256') as Promise<CryptoKey>) : null));
      this.publicKeys.set(kid, key);
      // An unknown kid is not remembered: a key made by another server copy a moment later must be found.
      key.then((k) => k ?? this.publicKeys.delete(kid)).catch(() => this.publicKeys.delete(kid));
    }
    return key;
  }

  /** valid / expired / forged; never throws for a bad code (a malformed or tampered code is `forged`). */
  async verify(code: string): Promise<PayCodeVerdict> {
    let kid: string | undefined;
    try {
      const header = decodeProtectedHeader(code);
      kid = header.kid;
      if (header.alg !== 'ES256' || header.typ !== PAY_CODE_TYPE || typeof kid !== 'string') {
        return { result: 'forged', reason: 'header' };
      }
    } catch {
      return { result: 'forged', reason: 'malformed' };
    }
    const key = kid.length <= 64 ? await this.publicKey(kid) : null;
    if (!key) return { result: 'forged', reason: 'unknown-key' };
    try {
      const { payload } = await jwtVerify(code, key, {
        algorithms: ['ES256'],
        issuer: PAY_CODE_ISSUER,
        typ: PAY_CODE_TYPE,
        requiredClaims: ['sub', 'jti', 'iat', 'exp'],
        currentDate: this.now(),
      });
      const claims = readClaims(payload);
      if (!claims) return { result: 'forged', reason: 'claims' };
      // A code valid for longer than the platform issues is not one of ours.
      if ((payload.exp as number) - (payload.iat as number) > PAY_CODE_TTL_SECONDS) {
        return { result: 'forged', reason: 'lifetime' };
      }
      return {
        result: 'valid',
        claims,
        issuedAt: new Date((payload.iat as number) * 1000),
        expiresAt: new Date((payload.exp as number) * 1000),
        kid,
      };
    } catch (e) {
      if (e instanceof errors.JWTExpired) {
        const exp = (e.payload as JWTPayload | undefined)?.exp;
        return { result: 'expired', expiredAt: typeof exp === 'number' ? new Date(exp * 1000) : null };
      }
      return { result: 'forged', reason: e instanceof errors.JOSEError ? e.code : 'invalid' };
    }
  }
}

function readClaims(p: JWTPayload): PayCodeClaims | null {
  const { sub, nm, sch, city } = p as JWTPayload & { nm?: unknown; sch?: unknown; city?: unknown };
  if (typeof sub !== 'string' || typeof nm !== 'string' || typeof city !== 'string') return null;
  if (sch !== 'employee' && sch !== 'resident') return null;
  return { holderRef: sub, nameMasked: nm, scheme: sch, insuredCityCode: city };
}
