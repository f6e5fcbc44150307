import type { Insertable } from 'kysely';
import type { Db } from '../../db/database.js';
import type { DbExecutor } from '../payments/index.js';
import type { TaxPaymentTables } from './tables.js';

/** The only file of the module that queries. */

export type TaxPaymentRow = TaxPaymentTables['tax_payments'];

export function insertTaxPayment(ex: DbExecutor, row: Insertable<TaxPaymentTables['tax_payments']>) {
  return ex.insertInto('tax_payments').values(row).returningAll().executeTakeFirstOrThrow();
}

export function findBySubmission(db: Db, accountId: string, submissionId: string) {
  return db
    .selectFrom('tax_payments')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('submission_id', '=', submissionId)
    .executeTakeFirst();
}

export function findByOrder(db: Db, orderId: string) {
  return db.selectFrom('tax_payments').selectAll().where('payment_order_id', '=', orderId).executeTakeFirst();
}

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

/** A unique violation of the named constraint (PostgreSQL and PGlite both report code 23505). */
export function isUniqueViolation(err: unknown, constraint: string): boolean {
  const e = err as { code?: unknown; constraint?: unknown; message?: unknown } | null;
  if (e?.code !== '23505') return false;
  return e.constraint === constraint || (typeof e.message === 'string' && e.message.includes(constraint));
}
