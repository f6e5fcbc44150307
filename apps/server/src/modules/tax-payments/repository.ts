import type { Db } from '../../db/database.js';
import type { TaxPaymentTables } from './tables.js';

/** The module's own queries (insert and the lookups by submission and order: ../payments/purpose-orders.ts). */

export type TaxPaymentRow = TaxPaymentTables['tax_payments'];

/** Every payment (by anyone) of one tax item (a vehicle's year). */
export function paymentsOfItem(db: Db, itemIndex: string) {
  return db.selectFrom('tax_payments').selectAll().where('item_index', '=', itemIndex).execute();
}

export function recordCertificate(db: Db, id: string, certificateNumber: string, paidOn: string) {
  return db
    .updateTable('tax_payments')
    .set({ certificate_number: certificateNumber, department_paid_on: paidOn })
    .where('id', '=', id)
    .execute();
}
