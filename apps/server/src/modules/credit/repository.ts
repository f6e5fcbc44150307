import { sql } from 'kysely';
import { ADVISORY_LOCKS } from '../../db/advisory-locks.js';
import type { Db } from '../../db/database.js';

export type SubscriptionRow = Awaited<ReturnType<typeof listSubscriptions>>[number];

export function listSubscriptions(db: Db, accountId: string) {
  return db
    .selectFrom('credit_subscriptions')
    .select(['uscc', 'entity_name', 'base_version', 'seen_version', 'last_item', 'last_changed_at', 'created_at'])
    .where('account_id', '=', accountId)
    .orderBy('created_at', 'desc')
    .orderBy('uscc')
    .execute();
}

/**
 * Subscribe, at most `limit` entities per account: one transaction holding an advisory lock on the account, so
 * two concurrent subscriptions cannot both pass the count. An existing subscription is returned unchanged.
 */
export async function subscribe(
  db: Db,
  s: { accountId: string; uscc: string; name: string; version: number },
  limit: number,
): Promise<{ row: SubscriptionRow; created: boolean } | 'limit'> {
  return db.transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(${sql.lit(ADVISORY_LOCKS.creditSubscriptions)}, hashtext(${s.accountId}))`.execute(
      tx,
    );
    const columns = [
      'uscc',
      'entity_name',
      'base_version',
      'seen_version',
      'last_item',
      'last_changed_at',
      'created_at',
    ] as const;
    const existing = await tx
      .selectFrom('credit_subscriptions')
      .select(columns)
      .where('account_id', '=', s.accountId)
      .where('uscc', '=', s.uscc)
      .executeTakeFirst();
    if (existing) return { row: existing, created: false };
    const counted = await tx
      .selectFrom('credit_subscriptions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('account_id', '=', s.accountId)
      .executeTakeFirstOrThrow();
    if (Number(counted.n) >= limit) return 'limit';
    const row = await tx
      .insertInto('credit_subscriptions')
      .values({
        account_id: s.accountId,
        uscc: s.uscc,
        entity_name: s.name,
        base_version: s.version,
        seen_version: s.version,
      })
      .returning(columns)
      .executeTakeFirstOrThrow();
    return { row, created: true };
  });
}

export async function unsubscribe(db: Db, accountId: string, uscc: string): Promise<boolean> {
  const rows = await db
    .deleteFrom('credit_subscriptions')
    .where('account_id', '=', accountId)
    .where('uscc', '=', uscc)
    .returning('uscc')
    .execute();
  return rows.length > 0;
}

/** Every entity someone follows, with when the oldest subscription to it began (the poller's first window). */
export function watchedEntities(db: Db) {
  return db
    .selectFrom('credit_subscriptions')
    .select(['uscc', sql<Date>`min(created_at)`.as('since')])
    .groupBy('uscc')
    .orderBy('uscc')
    .execute();
}

/** The accounts to tell about this version of an entity's record: those who subscribed before it. */
export async function subscribersBefore(db: Db, uscc: string, version: number): Promise<string[]> {
  const rows = await db
    .selectFrom('credit_subscriptions')
    .select('account_id')
    .where('uscc', '=', uscc)
    .where('base_version', '<', version)
    .execute();
  return rows.map((r) => r.account_id);
}

/** Remember the newest announced change on the subscriptions it concerned (never going back). */
export async function markSeen(
  db: Db,
  c: { uscc: string; version: number; item: string; changedAt: Date },
): Promise<void> {
  await db
    .updateTable('credit_subscriptions')
    .set({ seen_version: c.version, last_item: c.item, last_changed_at: c.changedAt })
    .where('uscc', '=', c.uscc)
    .where('base_version', '<', c.version)
    .where('seen_version', '<', c.version)
    .execute();
}
