import { createHash } from 'node:crypto';
import { exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import { sql } from 'kysely';
import { ADVISORY_LOCKS } from '../../../db/advisory-locks.js';
import type { Db } from '../../../db/database.js';
import type { FieldCipher } from '../../../modules/privacy/index.js';

/** The associated data of a stored private key, bound to its kid. */
export const keyAad = (kid: string) => `sandbox-pay-key:${kid}`;
type Key = Awaited<ReturnType<typeof importJWK>>;

export interface SandboxSigningKey {
  kid: string;
  key: Key;
}

/** The public half as a provider publishes it (its "platform certificate"). */
export type PublicJwk = JWK & { kid: string; alg: 'ES256'; use: 'sig' };

/**
 * The sandbox provider's ES256 key pair for signing its notifications. Kept in `sandbox_pay_keys` with the private
 * JWK encrypted by the FieldCipher, not generated anew at each start: several server copies verify one another's
 * notifications, and a notification retried after a restart must still verify. The first start creates it (two
 * copies starting at once: one insert wins, both use the winner).
 */
export class SandboxPayKeys {
  private loaded: Promise<{ signing: SandboxSigningKey; publicJwk: PublicJwk }> | undefined;

  constructor(
    private readonly db: Db,
    private readonly cipher: FieldCipher,
  ) {}

  async signingKey(): Promise<SandboxSigningKey> {
    return (await this.load()).signing;
  }

  async publicJwk(): Promise<PublicJwk> {
    return (await this.load()).publicJwk;
  }

  private load() {
    this.loaded ??= this.read().catch((err) => {
      this.loaded = undefined;
      throw err;
    });
    return this.loaded;
  }

  private async read() {
    const row = (await this.oldest()) ?? (await this.create());
    const storedPublic = (typeof row.public_jwk === 'string' ? JSON.parse(row.public_jwk) : row.public_jwk) as JWK;
    const storedPrivate = JSON.parse(this.cipher.decrypt(row.private_jwk_encrypted, keyAad(row.kid))) as JWK;
    const p = storedPublic;
    return {
      signing: { kid: row.kid, key: await importJWK({ ...storedPrivate, alg: 'ES256' }, 'ES256') },
      publicJwk: { kty: p.kty, crv: p.crv, x: p.x, y: p.y, kid: row.kid, alg: 'ES256', use: 'sig' } as PublicJwk,
    };
  }

  /** The first key: generated outside the transaction (PGlite has one connection), stored only if still none. */
  private async create() {
    const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
    const pub = await exportJWK(publicKey);
    const priv = await exportJWK(privateKey);
    const kid = `sandbox-pay-${createHash('sha256')
      .update(JSON.stringify({ crv: pub.crv, kty: pub.kty, x: pub.x, y: pub.y }))
      .digest('base64url')
      .slice(0, 16)}`;
    // Under a lock, so that copies starting together store one key and all use it.
    await this.db.transaction().execute(async (tx) => {
      await sql`select pg_advisory_xact_lock(${sql.lit(ADVISORY_LOCKS.sandboxPayKey)})`.execute(tx);
      const existing = await tx.selectFrom('sandbox_pay_keys').select('kid').limit(1).executeTakeFirst();
      if (existing) return;
      await tx
        .insertInto('sandbox_pay_keys')
        .values({
          kid,
          public_jwk: JSON.stringify(pub),
          private_jwk_encrypted: this.cipher.encrypt(JSON.stringify(priv), keyAad(kid)),
        })
        .execute();
    });
    const row = await this.oldest();
    if (!row) throw new Error('sandbox payment key could not be stored');
    return row;
  }

  private oldest() {
    return this.db
      .selectFrom('sandbox_pay_keys')
      .select(['kid', 'public_jwk', 'private_jwk_encrypted'])
      .orderBy('created_at')
      .orderBy('kid')
      .limit(1)
      .executeTakeFirst();
  }
}
