import type { Db } from '../../db/database.js';

/** The module's own queries (insert and the lookups by submission and order: ../payments/purpose-orders.ts). */

/** Every payment (by anyone) of one purchase. */
export function paymentsOfPurchase(db: Db, itemIndex: string) {
  return db.selectFrom('purchase_tax_payments').selectAll().where('item_index', '=', itemIndex).execute();
}

export function recordCertificate(db: Db, id: string, certificateNumber: string, paidOn: string) {
  return db
    .updateTable('purchase_tax_payments')
    .set({ certificate_number: certificateNumber, department_paid_on: paidOn })
    .where('id', '=', id)
    .execute();
}
