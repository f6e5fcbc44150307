import type { Db } from '../../db/database.js';

/** The module's own queries (insert and the lookups by submission and order: ../payments/purpose-orders.ts). */

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
