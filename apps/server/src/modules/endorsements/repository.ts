import type { Insertable } from 'kysely';
import type { Db } from '../../db/database.js';
import type { DbExecutor } from '../payments/index.js';
import type { EndorsementTables } from './tables.js';

/** The only file of the module that queries. */

export function insertApplication(ex: DbExecutor, row: Insertable<EndorsementTables['endorsement_applications']>) {
  return ex.insertInto('endorsement_applications').values(row).returningAll().executeTakeFirstOrThrow();
}

export function findBySubmission(db: Db, accountId: string, submissionId: string) {
  return db
    .selectFrom('endorsement_applications')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('submission_id', '=', submissionId)
    .executeTakeFirst();
}

export function findByOrder(db: Db, orderId: string) {
  return db
    .selectFrom('endorsement_applications')
    .selectAll()
    .where('payment_order_id', '=', orderId)
    .executeTakeFirst();
}

/** Every application (of any account) for one permit's destination. */
export function applicationsOfItem(db: Db, itemIndex: string) {
  return db.selectFrom('endorsement_applications').selectAll().where('item_index', '=', itemIndex).execute();
}

export function recordEndorsement(db: Db, id: string, endorsementId: string) {
  return db
    .updateTable('endorsement_applications')
    .set({ endorsement_id: endorsementId })
    .where('id', '=', id)
    .execute();
}

/** A unique violation of the named constraint (PostgreSQL and PGlite both report code 23505). */
export function isUniqueViolation(err: unknown, constraint: string): boolean {
  const e = err as { code?: unknown; constraint?: unknown; message?: unknown } | null;
  if (e?.code !== '23505') return false;
  return e.constraint === constraint || (typeof e.message === 'string' && e.message.includes(constraint));
}
