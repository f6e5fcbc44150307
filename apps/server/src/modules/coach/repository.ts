import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../../db/database.js';
import type { CoachTables } from './tables.js';

/** The only file of the module that queries: orders, their tickets, the QR key, the stations of organisations. */

export type OrderRow = Selectable<CoachTables['coach_orders']>;
export type TicketRow = Selectable<CoachTables['coach_tickets']>;
export type NewOrder = Insertable<CoachTables['coach_orders']>;
export type NewTicket = Insertable<CoachTables['coach_tickets']>;
/** An order with its tickets (by position): what every citizen-facing answer needs. */
export type OrderWithTickets = OrderRow & { tickets: TicketRow[] };
/** A ticket with the order it belongs to. */
export type TicketWithOrder = TicketRow & { order: OrderRow };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Ids come from URLs and claims: one that is not a uuid names nothing (and must not reach a uuid column). */
export const isUuid = (id: string) => UUID.test(id);

export { isUniqueViolation } from '../../db/unique-violation.js';

// ---- orders ----

export async function insertOrder(db: Db, order: NewOrder, tickets: NewTicket[]) {
  await db.insertInto('coach_orders').values(order).execute();
  await db.insertInto('coach_tickets').values(tickets).execute();
}

async function withTickets(db: Db, orders: OrderRow[]): Promise<OrderWithTickets[]> {
  if (orders.length === 0) return [];
  const tickets = await db
    .selectFrom('coach_tickets')
    .selectAll()
    .where(
      'order_id',
      'in',
      orders.map((o) => o.id),
    )
    .orderBy('position')
    .execute();
  return orders.map((o) => ({ ...o, tickets: tickets.filter((t) => t.order_id === o.id) }));
}

export async function findOrder(db: Db, id: string): Promise<OrderWithTickets | undefined> {
  if (!isUuid(id)) return undefined;
  const row = await db.selectFrom('coach_orders').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? (await withTickets(db, [row]))[0] : undefined;
}

export async function findOwnOrder(db: Db, accountId: string, id: string): Promise<OrderWithTickets | undefined> {
  if (!isUuid(id)) return undefined;
  const row = await db
    .selectFrom('coach_orders')
    .selectAll()
    .where('id', '=', id)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return row ? (await withTickets(db, [row]))[0] : undefined;
}

export async function findOrderBySubmission(db: Db, accountId: string, submissionId: string) {
  const row = await db
    .selectFrom('coach_orders')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('submission_id', '=', submissionId)
    .executeTakeFirst();
  return row ? (await withTickets(db, [row]))[0] : undefined;
}

/** 我的长途车订单, newest first (the latest 100). */
export async function listOwnOrders(db: Db, accountId: string): Promise<OrderWithTickets[]> {
  const rows = await db
    .selectFrom('coach_orders')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(100)
    .execute();
  return withTickets(db, rows);
}

export function lockOrder(db: Db, id: string) {
  return db.selectFrom('coach_orders').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function updateOrder(db: Db, id: string, patch: Updateable<CoachTables['coach_orders']>) {
  await db.updateTable('coach_orders').set(patch).where('id', '=', id).execute();
}

/** Void the order's tickets that were never issued. */
export async function voidUnissuedTickets(db: Db, orderId: string) {
  await db
    .updateTable('coach_tickets')
    .set({ status: 'void' })
    .where('order_id', '=', orderId)
    .where('status', '=', 'unpaid')
    .execute();
}

// ---- tickets ----

export async function findTicket(db: Db, ticketId: string): Promise<TicketWithOrder | undefined> {
  if (!isUuid(ticketId)) return undefined;
  const ticket = await db.selectFrom('coach_tickets').selectAll().where('id', '=', ticketId).executeTakeFirst();
  if (!ticket) return undefined;
  const order = await db
    .selectFrom('coach_orders')
    .selectAll()
    .where('id', '=', ticket.order_id)
    .executeTakeFirstOrThrow();
  return { ...ticket, order };
}

export async function findOwnTicket(db: Db, accountId: string, ticketId: string) {
  const found = await findTicket(db, ticketId);
  return found && found.order.account_id === accountId ? found : undefined;
}

export async function updateTicket(db: Db, id: string, patch: Updateable<CoachTables['coach_tickets']>) {
  await db.updateTable('coach_tickets').set(patch).where('id', '=', id).execute();
}

// ---- the QR key ----

export function listTicketKeys(db: Db) {
  return db.selectFrom('coach_ticket_keys').selectAll().orderBy('created_at').execute();
}

/** The first key; two copies starting at once: the partial unique index keeps one. */
export async function insertFirstTicketKey(
  db: Db,
  row: { kid: string; public_jwk: string; private_jwk_encrypted: string },
) {
  await db
    .insertInto('coach_ticket_keys')
    .values({ ...row, retired_at: null })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

// ---- stations of verifier organisations ----

export async function stationOfOrganisation(db: Db, organisationId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('coach_station_links')
    .select('station_id')
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
  return row?.station_id;
}

/** Link (or re-link) an organisation to a station; a station another organisation holds fails on the index. */
export async function linkStation(db: Db, organisationId: string, station: { id: string; name: string }) {
  await db
    .insertInto('coach_station_links')
    .values({ organisation_id: organisationId, station_id: station.id, station_name: station.name })
    .onConflict((oc) =>
      oc.column('organisation_id').doUpdateSet({ station_id: station.id, station_name: station.name }),
    )
    .execute();
}

export async function unlinkStation(db: Db, organisationId: string) {
  await db.deleteFrom('coach_station_links').where('organisation_id', '=', organisationId).execute();
}
