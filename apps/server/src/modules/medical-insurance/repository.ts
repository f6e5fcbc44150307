import { sql } from 'kysely';
import { ADVISORY_LOCKS } from '../../db/advisory-locks.js';
import type { Db } from '../../db/database.js';

export interface PayCodeKeyRow {
  kid: string;
  publicJwk: Record<string, unknown>;
  privateJwkEncrypted: string;
  createdAt: Date;
}

const toRow = (r: { kid: string; public_jwk: unknown; private_jwk_encrypted: string; created_at: Date }) => ({
  kid: r.kid,
  publicJwk: (typeof r.public_jwk === 'string' ? JSON.parse(r.public_jwk) : r.public_jwk) as Record<string, unknown>,
  privateJwkEncrypted: r.private_jwk_encrypted,
  createdAt: r.created_at,
});

/** The only SQL of the medical-insurance module: the pay-code signing keys. */
export class PayCodeKeyRepository {
  constructor(private readonly db: Db) {}

  async newest(): Promise<PayCodeKeyRow | undefined> {
    const r = await this.db
      .selectFrom('medical_pay_code_keys')
      .selectAll()
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    return r && toRow(r);
  }

  async byKid(kid: string): Promise<PayCodeKeyRow | undefined> {
    const r = await this.db.selectFrom('medical_pay_code_keys').selectAll().where('kid', '=', kid).executeTakeFirst();
    return r && toRow(r);
  }

  async all(): Promise<PayCodeKeyRow[]> {
    const rows = await this.db.selectFrom('medical_pay_code_keys').selectAll().orderBy('created_at', 'desc').execute();
    return rows.map(toRow);
  }

  /**
   * Insert a key made by `make` unless another server copy made one first (when `onlyIfNone`): serialised by a
   * transaction-scoped advisory lock, so concurrent starters end with exactly one key.
   */
  async insert(
    make: () => Promise<{ kid: string; publicJwk: Record<string, unknown>; privateJwkEncrypted: string }>,
    onlyIfNone: boolean,
  ): Promise<PayCodeKeyRow> {
    return this.db.transaction().execute(async (tx) => {
      await sql`select pg_advisory_xact_lock(${sql.lit(ADVISORY_LOCKS.medicalPayCodeKey)})`.execute(tx);
      if (onlyIfNone) {
        const existing = await tx
          .selectFrom('medical_pay_code_keys')
          .selectAll()
          .orderBy('created_at', 'desc')
          .limit(1)
          .executeTakeFirst();
        if (existing) return toRow(existing);
      }
      const k = await make();
      const r = await tx
        .insertInto('medical_pay_code_keys')
        .values({ kid: k.kid, public_jwk: JSON.stringify(k.publicJwk), private_jwk_encrypted: k.privateJwkEncrypted })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toRow(r);
    });
  }
}
