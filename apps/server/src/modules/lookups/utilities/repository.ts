import { type Selectable, sql } from 'kysely';
import type { Db } from '../../../db/database.js';
import type { UtilityBindingTables } from './tables.js';

export type BindingRow = Selectable<UtilityBindingTables['utility_bindings']>;
type NewBinding = Omit<BindingRow, 'created_at'>;

/** The person's bindings of one utility, oldest first. */
export function bindingsOf(db: Db, personId: string, utility: BindingRow['utility']) {
  return db
    .selectFrom('utility_bindings')
    .selectAll()
    .where('person_id', '=', personId)
    .where('utility', '=', utility)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export function findBinding(db: Db, personId: string, companyId: BindingRow['company_id'], accountIndex: string) {
  return db
    .selectFrom('utility_bindings')
    .selectAll()
    .where('person_id', '=', personId)
    .where('company_id', '=', companyId)
    .where('account_number_index', '=', accountIndex)
    .executeTakeFirst();
}

/**
 * Bind unless the person already bound this account (null then) or has `limit` bindings of the utility
 * ('limit'). The count and the insert run in one transaction under a lock on the person's bindings, so two
 * concurrent binds cannot pass the limit together.
 */
export async function insertBinding(db: Db, v: NewBinding, limit: number): Promise<BindingRow | null | 'limit'> {
  return db
    .transaction()
    .execute(async (tx) => {
      await sql`select pg_advisory_xact_lock(hashtext(${`utility-bindings:${v.person_id}`}))`.execute(tx);
      const { n } = await tx
        .selectFrom('utility_bindings')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('person_id', '=', v.person_id)
        .where('utility', '=', v.utility)
        .executeTakeFirstOrThrow();
      const row = await tx
        .insertInto('utility_bindings')
        .values(v)
        .onConflict((oc) => oc.columns(['person_id', 'company_id', 'account_number_index']).doNothing())
        .returningAll()
        .executeTakeFirst();
      if (row && Number(n) >= limit) throw new LimitReached();
      return row ?? null;
    })
    .catch((err: unknown) => {
      if (err instanceof LimitReached) return 'limit' as const;
      throw err;
    });
}
class LimitReached extends Error {}

/** Remove one of the person's bindings; false when there is none with this id (or it is someone else's). */
export async function deleteBinding(db: Db, personId: string, utility: BindingRow['utility'], id: string) {
  const r = await db
    .deleteFrom('utility_bindings')
    .where('id', '=', id)
    .where('person_id', '=', personId)
    .where('utility', '=', utility)
    .executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

/** Failed binding attempts of the person within the last `withinMinutes`. */
export async function recentFailures(db: Db, personId: string, withinMinutes: number): Promise<number> {
  const { n } = await db
    .selectFrom('utility_bind_failures')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('person_id', '=', personId)
    .where('failed_at', '>', sql<Date>`now() - make_interval(mins => ${withinMinutes})`)
    .executeTakeFirstOrThrow();
  return Number(n);
}

/** Record a failed attempt (and forget the person's attempts older than a day). */
export async function recordFailure(db: Db, personId: string) {
  await db
    .deleteFrom('utility_bind_failures')
    .where('person_id', '=', personId)
    .where('failed_at', '<', sql<Date>`now() - interval '1 day'`)
    .execute();
  await db.insertInto('utility_bind_failures').values({ person_id: personId }).execute();
}
