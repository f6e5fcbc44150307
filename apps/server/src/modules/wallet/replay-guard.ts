import { sql } from 'kysely';
import type { Db } from '../../db/database.js';

/**
 * Presentations accepted once are refused again until their time window has passed, in the database so that
 * every server copy agrees (one insert per verification; expired rows are swept now and then).
 */
export class ReplayGuard {
  private inserts = 0;
  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  /** True the first time this digest is seen (and records it until `expiresAtMs`), false for a replay. */
  async firstUse(digest: string, expiresAtMs: number): Promise<boolean> {
    if (++this.inserts % 500 === 0) {
      await this.db
        .deleteFrom('wallet_seen_presentations')
        .where('expires_at', '<', sql<Date>`${new Date(this.now())}`)
        .execute();
    }
    const inserted = await this.db
      .insertInto('wallet_seen_presentations')
      .values({ digest, expires_at: new Date(expiresAtMs) })
      .onConflict((oc) =>
        // A row whose window has passed may be reused (a sweep has not removed it yet).
        oc
          .column('digest')
          .doUpdateSet({ expires_at: new Date(expiresAtMs) })
          .where('wallet_seen_presentations.expires_at', '<', new Date(this.now())),
      )
      .returning('digest')
      .executeTakeFirst();
    return inserted !== undefined;
  }
}
