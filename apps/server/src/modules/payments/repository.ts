import type { PaymentPurpose } from '@yss/contracts';
import { type Insertable, type Selectable, sql, type Updateable } from 'kysely';
import type { Db } from '../../db/database.js';
import type { DbExecutor } from './port.js';
import type { PaymentTables } from './tables.js';

/** The only file of the module that queries: orders, their events and their refunds. */

export type OrderRow = Selectable<PaymentTables['payment_orders']>;
export type NewOrderRow = Insertable<PaymentTables['payment_orders']>;
export type OrderChanges = Updateable<PaymentTables['payment_orders']>;
export type RefundRow = Selectable<PaymentTables['payment_refunds']>;
export type EventKind = PaymentTables['payment_events']['kind'];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Ids come from URLs: one that is not a uuid names nothing (and must not reach a uuid column). */
export const isUuid = (id: string) => UUID.test(id);

/** Insert an order; undefined when its number or its purpose + ref is taken (on conflict do nothing). */
export function insertOrder(ex: DbExecutor, row: NewOrderRow) {
  return ex
    .insertInto('payment_orders')
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .returningAll()
    .executeTakeFirst();
}

export function findOrder(ex: DbExecutor, id: string) {
  if (!isUuid(id)) return Promise.resolve(undefined);
  return ex.selectFrom('payment_orders').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findOwnOrder(ex: DbExecutor, accountId: string, id: string) {
  if (!isUuid(id)) return Promise.resolve(undefined);
  return ex
    .selectFrom('payment_orders')
    .selectAll()
    .where('id', '=', id)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
}

export function findOrderByPurpose(ex: DbExecutor, purpose: PaymentPurpose, purposeRef: string) {
  return ex
    .selectFrom('payment_orders')
    .selectAll()
    .where('purpose', '=', purpose)
    .where('purpose_ref', '=', purposeRef)
    .executeTakeFirst();
}

export function findOrderByNumber(ex: DbExecutor, orderNumber: string) {
  return ex.selectFrom('payment_orders').selectAll().where('order_number', '=', orderNumber).executeTakeFirst();
}

/** The order's row lock: every change of an order's state happens under it, in one transaction. */
export function lockOrder(ex: DbExecutor, id: string) {
  if (!isUuid(id)) return Promise.resolve(undefined);
  return ex.selectFrom('payment_orders').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export function updateOrder(ex: DbExecutor, id: string, changes: OrderChanges) {
  return ex
    .updateTable('payment_orders')
    .set({ ...changes, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** 我的支付订单: newest first, 200 at most. */
export function listOwnOrders(db: Db, accountId: string, purpose: PaymentPurpose | undefined) {
  let q = db.selectFrom('payment_orders').selectAll().where('account_id', '=', accountId);
  if (purpose) q = q.where('purpose', '=', purpose);
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(200).execute();
}

export function insertEvent(ex: DbExecutor, orderId: string, kind: EventKind, detail: Record<string, unknown> = {}) {
  return ex
    .insertInto('payment_events')
    .values({ order_id: orderId, kind, detail: JSON.stringify(detail) })
    .execute();
}

export function eventsOf(db: Db, orderId: string) {
  return db.selectFrom('payment_events').selectAll().where('order_id', '=', orderId).orderBy('id').execute();
}

// ---- refunds ----

export function refundsOf(ex: DbExecutor, orderIds: readonly string[]) {
  if (orderIds.length === 0) return Promise.resolve([] as RefundRow[]);
  return ex
    .selectFrom('payment_refunds')
    .selectAll()
    .where('order_id', 'in', orderIds)
    .orderBy('requested_at')
    .orderBy('refund_number')
    .execute();
}

export function findRefundByKey(ex: DbExecutor, orderId: string, refundKey: string) {
  return ex
    .selectFrom('payment_refunds')
    .selectAll()
    .where('order_id', '=', orderId)
    .where('refund_key', '=', refundKey)
    .executeTakeFirst();
}

/** Every refund asked of the order, confirmed or not: what is no longer refundable. */
export async function reservedRefundFen(ex: DbExecutor, orderId: string): Promise<number> {
  const row = await ex
    .selectFrom('payment_refunds')
    .select(sql<number>`coalesce(sum(amount_fen), 0)::int`.as('fen'))
    .where('order_id', '=', orderId)
    .executeTakeFirstOrThrow();
  return Number(row.fen);
}

/** Insert a refund; undefined when its number is taken (drawn again). */
export function insertRefund(ex: DbExecutor, row: Insertable<PaymentTables['payment_refunds']>) {
  return ex
    .insertInto('payment_refunds')
    .values(row)
    .onConflict((oc) => oc.column('refund_number').doNothing())
    .returningAll()
    .executeTakeFirst();
}

export function findRefund(ex: DbExecutor, id: string) {
  return ex.selectFrom('payment_refunds').selectAll().where('id', '=', id).executeTakeFirst();
}

export function lockRefund(ex: DbExecutor, id: string) {
  return ex.selectFrom('payment_refunds').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export function markRefundSucceeded(ex: DbExecutor, id: string, providerRefundId: string, refundedAt: Date) {
  return ex
    .updateTable('payment_refunds')
    .set({ status: 'succeeded', provider_refund_id: providerRefundId, refunded_at: refundedAt })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .returningAll()
    .executeTakeFirst();
}

// ---- fulfilment ----

/**
 * Claim a paid order's fulfilment until `until`: one conditional update, so that of two runners (a notification and
 * a query, two server copies, the sweep) exactly one gets it. Undefined when not processing, or claimed by another.
 */
export function claimFulfilment(db: Db, id: string, now: Date, until: Date) {
  return db
    .updateTable('payment_orders')
    .set({ fulfilment_claimed_until: until, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .where('fulfilment', '=', 'processing')
    .where((eb) => eb.or([eb('fulfilment_claimed_until', 'is', null), eb('fulfilment_claimed_until', '<=', now)]))
    .returningAll()
    .executeTakeFirst();
}

/** Claim the `closed` hook of a closed order (runs once; a claim left by a crash expires). */
export function claimClosedHook(db: Db, id: string, now: Date, until: Date) {
  return db
    .updateTable('payment_orders')
    .set({ fulfilment_claimed_until: until, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .where('status', '=', 'closed')
    .where('closed_hook_done', '=', false)
    .where((eb) => eb.or([eb('fulfilment_claimed_until', 'is', null), eb('fulfilment_claimed_until', '<=', now)]))
    .returningAll()
    .executeTakeFirst();
}

// ---- the sweep's work lists ----

/** Unpaid orders past their expiry. */
export function expiredPending(db: Db, now: Date, limit: number) {
  return db
    .selectFrom('payment_orders')
    .select('id')
    .where('status', '=', 'pending')
    .where('expires_at', '<=', now)
    .orderBy('expires_at')
    .limit(limit)
    .execute();
}

/** Unpaid, unexpired orders started at the provider before `startedBefore`: asked (主动查单). */
export function startedPending(db: Db, now: Date, startedBefore: Date, limit: number) {
  return db
    .selectFrom('payment_orders')
    .select('id')
    .where('status', '=', 'pending')
    .where('expires_at', '>', now)
    .where('started_at', '<=', startedBefore)
    .orderBy('started_at')
    .limit(limit)
    .execute();
}

/** Paid orders whose fulfilment has not answered: never run (a crash right after paid), or due for a retry. */
export function fulfilmentsDue(db: Db, now: Date, limit: number) {
  return db
    .selectFrom('payment_orders')
    .select('id')
    .where('fulfilment', '=', 'processing')
    .where((eb) => eb.or([eb('fulfilment_next_at', 'is', null), eb('fulfilment_next_at', '<=', now)]))
    .where((eb) => eb.or([eb('fulfilment_claimed_until', 'is', null), eb('fulfilment_claimed_until', '<=', now)]))
    .orderBy('fulfilment_next_at')
    .limit(limit)
    .execute();
}

/** Refunds asked of the provider before `before` and not confirmed: asked again with the same number. */
export function pendingRefunds(db: Db, before: Date, limit: number) {
  return db
    .selectFrom('payment_refunds')
    .select(['id', 'order_id'])
    .where('status', '=', 'pending')
    .where('requested_at', '<=', before)
    .orderBy('requested_at')
    .limit(limit)
    .execute();
}

/** Closed orders whose `closed` hook has not run (closed before `before`: not one being closed right now). */
export function closedHooksDue(db: Db, before: Date, limit: number) {
  return db
    .selectFrom('payment_orders')
    .select('id')
    .where('status', '=', 'closed')
    .where('closed_hook_done', '=', false)
    .where('closed_at', '<=', before)
    .orderBy('closed_at')
    .limit(limit)
    .execute();
}

/** Orders whose fulfilment failed but whose automatic refund was never asked (a crash in between). */
export function failedWithoutRefund(db: Db, refundKey: string, limit: number) {
  return db
    .selectFrom('payment_orders as o')
    .select('o.id')
    .where('o.fulfilment', '=', 'failed')
    .where('o.status', 'in', ['paid', 'partially_refunded'])
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('payment_refunds as r')
            .select('r.id')
            .whereRef('r.order_id', '=', 'o.id')
            .where('r.refund_key', '=', refundKey),
        ),
      ),
    )
    .limit(limit)
    .execute();
}
