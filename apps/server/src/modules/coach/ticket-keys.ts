import { COACH_TICKET_QR_PREFIX } from '@yss/contracts';
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
import type { Db } from '../../db/database.js';
import type { FieldCipher } from '../privacy/index.js';
import * as repo from './repository.js';

const aad = (kid: string) => `coach-ticket-key:${kid}`;
const ISSUER = 'yss:coach';
const TYP = 'yss-coach-ticket+jwt';

/** What an e-ticket QR says: which ticket (id and 票号) on which departure, signed until `exp`. */
export interface TicketClaims {
  tid: string;
  tno: string;
  dep: string;
}

export type QrCheck = { ok: true; claims: TicketClaims } | { ok: false; verdict: 'invalid-code' | 'expired-code' };

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
 * The coach module's own ES256 key for e-ticket QR codes (`YSST1:` + a compact JWS). The private key is stored
 * encrypted (FieldCipher, bound to its kid) and decrypted once into memory; the public keys are published as a
 * JWKS so a station device can check signatures offline. Another server copy's first key wins at start (the
 * partial unique index); keys are reloaded every 5 minutes and when a code names an unknown kid.
 */
export class CoachTicketKeys {
  private loaded: Promise<Loaded> | undefined;
  private lastMissReload = 0;

  constructor(
    private readonly db: Db,
    private readonly cipher: FieldCipher,
  ) {}

  async jwks(): Promise<{ keys: PublishedKey[] }> {
    return { keys: (await this.keys()).published };
  }

  /** `YSST1:` + the compact JWS of the claims, issued at `now`, valid until `expiresAt`. */
  async sign(claims: TicketClaims, now: Date, expiresAt: Date): Promise<string> {
    const { current } = await this.keys();
    const jws = await new SignJWT({ ...claims })
      .setProtectedHeader({ alg: 'ES256', kid: current.kid, typ: TYP })
      .setIssuer(ISSUER)
      .setIssuedAt(Math.floor(now.getTime() / 1000))
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .sign(current.key);
    return `${COACH_TICKET_QR_PREFIX}${jws}`;
  }

  /** Check a scanned code: genuine (our key, our claims) and not expired at `now`. */
  async verify(qr: string, now: Date): Promise<QrCheck> {
    const text = qr.trim();
    if (!text.startsWith(COACH_TICKET_QR_PREFIX)) return { ok: false, verdict: 'invalid-code' };
    const token = text.slice(COACH_TICKET_QR_PREFIX.length);
    for (let attempt = 0; attempt < 2; attempt++) {
      const { verifier } = await this.keys(attempt > 0);
      try {
        const { payload } = await jwtVerify(token, verifier, {
          algorithms: ['ES256'],
          issuer: ISSUER,
          typ: TYP,
          currentDate: now,
          requiredClaims: ['tid', 'tno', 'dep', 'iat', 'exp'],
        });
        const { tid, tno, dep } = payload;
        if (typeof tid !== 'string' || typeof tno !== 'string' || typeof dep !== 'string')
          return { ok: false, verdict: 'invalid-code' };
        return { ok: true, claims: { tid, tno, dep } };
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

  private async load(): Promise<Loaded> {
    let rows = await repo.listTicketKeys(this.db);
    if (!rows.some((r) => r.retired_at === null)) {
      const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
      const publicJwk = await exportJWK(publicKey);
      const kid = await calculateJwkThumbprint(publicJwk);
      await repo.insertFirstTicketKey(this.db, {
        kid,
        public_jwk: JSON.stringify(publicJwk),
        private_jwk_encrypted: this.cipher.encrypt(JSON.stringify(await exportJWK(privateKey)), aad(kid)),
      });
      rows = await repo.listTicketKeys(this.db);
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
        const privateJwk = JSON.parse(this.cipher.decrypt(row.private_jwk_encrypted, aad(row.kid))) as JWK;
        current = { kid: row.kid, key: await importJWK(privateJwk, 'ES256') };
      }
    }
    if (!current) throw new Error('coach ticket key missing');
    // The current key first.
    published.sort((a, b) => Number(b.kid === current?.kid) - Number(a.kid === current?.kid));
    const jwks: JSONWebKeySet = { keys: published };
    return { current, published, verifier: createLocalJWKSet(jwks), loadedAt: Date.now() };
  }
}
