import type { JsonWebKey, KeyObject } from 'node:crypto';
import type { Db } from '../../db/database.js';
import type { FieldCipher } from '../privacy/index.js';
import { generateEs256, kidOf, type PublicJwk, privateKeyObject, publicKeyObject, toPublicJwk } from './es256.js';
import type { IssuerId } from './issuers.js';

export interface SigningKey {
  issuerId: IssuerId;
  kid: string;
  /** The kid as the QR credential carries it (8 bytes). */
  kidBytes: Buffer;
  publicJwk: PublicJwk;
  key: KeyObject;
}

interface IssuerKeys {
  current: SigningKey;
  /** Every published key by kid (current and retired). */
  verification: Map<string, { jwk: PublicJwk; key: KeyObject; retiredAt: Date | null }>;
}

/** The associated data of a stored private key, bound to its issuer and kid. */
export const issuerKeyAad = (issuerId: string, kid: string) => `wallet-issuer-key:${issuerId}:${kid}`;

/**
 * The issuers' ES256 keys. Private keys are stored encrypted (FieldCipher: AES-256-GCM with the data key,
 * bound to issuer and kid), decrypted once into memory. Rotation makes a new current key; the old ones are
 * retired (no longer sign) but stay in the JWKS so that certificates they signed keep verifying. Another
 * server copy that rotated is noticed when a kid is unknown here (reload at most every 10 s per issuer) or
 * after `reloadMs`.
 */
export class IssuerKeyStore {
  private readonly cache = new Map<IssuerId, { keys: IssuerKeys; loadedAt: number }>();
  private readonly lastMissReload = new Map<IssuerId, number>();

  constructor(
    private readonly db: Db,
    private readonly cipher: FieldCipher,
    private readonly options: { reloadMs?: number; now?: () => number } = {},
  ) {}

  private now() {
    return this.options.now?.() ?? Date.now();
  }

  /** The key that signs new credentials and status lists (created on first use). */
  async signingKey(issuerId: IssuerId): Promise<SigningKey> {
    return (await this.keys(issuerId)).current;
  }

  /** The public key of a kid of this issuer, current or retired; undefined when the issuer never had it. */
  async verificationKey(issuerId: IssuerId, kid: string): Promise<KeyObject | undefined> {
    let found = (await this.keys(issuerId)).verification.get(kid);
    if (!found) {
      const last = this.lastMissReload.get(issuerId) ?? 0;
      if (this.now() - last > 10_000) {
        this.lastMissReload.set(issuerId, this.now());
        found = (await this.keys(issuerId, true)).verification.get(kid);
      }
    }
    return found?.key;
  }

  /** The issuer's JWKS: every key that may still have signed a live credential, current first. */
  async jwks(issuerId: IssuerId): Promise<{ keys: (PublicJwk & { kid: string; alg: 'ES256'; use: 'sig' })[] }> {
    const keys = await this.keys(issuerId);
    const entries = [...keys.verification.entries()].sort(
      ([, a], [, b]) => Number(a.retiredAt !== null) - Number(b.retiredAt !== null),
    );
    return { keys: entries.map(([kid, v]) => ({ ...v.jwk, kid, alg: 'ES256' as const, use: 'sig' as const })) };
  }

  /** Make a new current key; the previous one is retired but stays published. Returns the new kid. */
  async rotate(issuerId: IssuerId): Promise<string> {
    const { publicJwk, privateJwk } = generateEs256();
    const kid = kidOf(publicJwk);
    await this.db.transaction().execute(async (tx) => {
      await tx
        .updateTable('wallet_issuer_keys')
        .set({ retired_at: new Date(this.now()) })
        .where('issuer_id', '=', issuerId)
        .where('retired_at', 'is', null)
        .execute();
      await tx
        .insertInto('wallet_issuer_keys')
        .values({
          issuer_id: issuerId,
          kid,
          public_jwk: JSON.stringify(publicJwk),
          private_jwk_encrypted: this.cipher.encrypt(JSON.stringify(privateJwk), issuerKeyAad(issuerId, kid)),
        })
        .execute();
    });
    this.cache.delete(issuerId);
    return kid;
  }

  private async keys(issuerId: IssuerId, reload = false): Promise<IssuerKeys> {
    const cached = this.cache.get(issuerId);
    if (cached && !reload && this.now() - cached.loadedAt < (this.options.reloadMs ?? 300_000)) return cached.keys;
    let rows = await this.load(issuerId);
    if (!rows.some((r) => r.retired_at === null)) {
      await this.createFirst(issuerId);
      rows = await this.load(issuerId);
    }
    const verification = new Map<string, { jwk: PublicJwk; key: KeyObject; retiredAt: Date | null }>();
    let current: SigningKey | undefined;
    for (const row of rows) {
      const jwk = toPublicJwk(typeof row.public_jwk === 'string' ? JSON.parse(row.public_jwk) : row.public_jwk);
      verification.set(row.kid, { jwk, key: publicKeyObject(jwk), retiredAt: row.retired_at });
      if (row.retired_at === null) {
        const privateJwk = JSON.parse(
          this.cipher.decrypt(row.private_jwk_encrypted, issuerKeyAad(issuerId, row.kid)),
        ) as JsonWebKey;
        current = {
          issuerId,
          kid: row.kid,
          kidBytes: Buffer.from(row.kid, 'base64url'),
          publicJwk: jwk,
          key: privateKeyObject(privateJwk),
        };
      }
    }
    if (!current) throw new Error(`issuer ${issuerId} has no current key`);
    const keys = { current, verification };
    this.cache.set(issuerId, { keys, loadedAt: this.now() });
    return keys;
  }

  private load(issuerId: IssuerId) {
    return this.db
      .selectFrom('wallet_issuer_keys')
      .selectAll()
      .where('issuer_id', '=', issuerId)
      .orderBy('created_at')
      .execute();
  }

  /** The first key of an issuer; two copies starting at once: the partial unique index keeps one. */
  private async createFirst(issuerId: IssuerId) {
    const { publicJwk, privateJwk } = generateEs256();
    const kid = kidOf(publicJwk);
    await this.db
      .insertInto('wallet_issuer_keys')
      .values({
        issuer_id: issuerId,
        kid,
        public_jwk: JSON.stringify(publicJwk),
        private_jwk_encrypted: this.cipher.encrypt(JSON.stringify(privateJwk), issuerKeyAad(issuerId, kid)),
      })
      .onConflict((oc) => oc.column('issuer_id').where('retired_at', 'is', null).doNothing())
      .execute();
  }
}
