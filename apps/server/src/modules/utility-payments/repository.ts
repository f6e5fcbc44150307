import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { UtilityPaymentTables } from './tables.js';

/** The module's own queries (insert and the lookups by submission and order: ../payments/purpose-orders.ts). */

export type UtilityPaymentRow = UtilityPaymentTables['utility_payments'];

/** Every payment (by anyone) of one bill. */
export function paymentsOfBill(db: Db, billIndex: string) {
  return db.selectFrom('utility_payments').selectAll().where('bill_index', '=', billIndex).execute();
}

/**
 * Write the time of the first payBill attempt (the database's clock, as the company's paidAt is) before calling it;
 * answers that time and whether an earlier attempt had already written it.
 */
export async function markPayAttempt(db: Db, id: string) {
  const before = await db
    .selectFrom('utility_payments')
    .select('pay_attempted_at')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  const after = await db
    .updateTable('utility_payments')
    .set({ pay_attempted_at: sql<Date>`coalesce(pay_attempted_at, now())` })
    .where('id', '=', id)
    .returning('pay_attempted_at')
    .executeTakeFirstOrThrow();
  return { firstAttemptAt: after.pay_attempted_at as Date, earlier: before.pay_attempted_at !== null };
}

/** The attempt never reached the company (refused before sending): forget it. */
export function clearPayAttempt(db: Db, id: string) {
  return db.updateTable('utility_payments').set({ pay_attempted_at: null }).where('id', '=', id).execute();
}

export function recordDepartmentPayment(db: Db, id: string, reference: string | null, paidAt: Date) {
  return db
    .updateTable('utility_payments')
    .set({ department_reference: reference, department_paid_at: paidAt })
    .where('id', '=', id)
    .execute();
}
