import { sql } from 'kysely';
import { ADVISORY_LOCKS } from '../../db/advisory-locks.js';
import type { Db } from '../../db/database.js';

type Tx = Db;

export interface MoveCarCounts {
  /** The latest reminder sent for the plate (anyone's), if any in the last day. */
  plateLastSentAt: Date | null;
  plateSentToday: number;
  requesterSentToday: number;
  requesterAttemptsToday: number;
}

/** The counts the harassment limits are decided on (since `dayStart`, China midnight). */
export async function counts(db: Tx, accountId: string, plateIndex: string, dayStart: Date): Promise<MoveCarCounts> {
  const plate = await db
    .selectFrom('move_car_requests')
    .select([sql<string>`count(*)`.as('n'), sql<Date | null>`max(created_at)`.as('last')])
    .where('plate_index', '=', plateIndex)
    .where('status', '=', 'sent')
    .where('created_at', '>=', dayStart)
    .executeTakeFirstOrThrow();
  const requester = await db
    .selectFrom('move_car_requests')
    .select([
      sql<string>`count(*) filter (where status = 'sent')`.as('sent'),
      sql<string>`count(*) filter (where status <> 'failed')`.as('attempts'),
    ])
    .where('account_id', '=', accountId)
    .where('created_at', '>=', dayStart)
    .executeTakeFirstOrThrow();
  return {
    plateLastSentAt: plate.last ? new Date(plate.last) : null,
    plateSentToday: Number(plate.n),
    requesterSentToday: Number(requester.sent),
    requesterAttemptsToday: Number(requester.attempts),
  };
}

/** Serialise the requests of one requester and of one plate (requester first, then plate: one order, no deadlock). */
export async function lock(tx: Tx, accountId: string, plateIndex: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(${sql.lit(ADVISORY_LOCKS.moveCarAccount)}, hashtext(${accountId}))`.execute(
    tx,
  );
  await sql`select pg_advisory_xact_lock(${sql.lit(ADVISORY_LOCKS.moveCarPlate)}, hashtext(${plateIndex}))`.execute(tx);
}

export interface NewRequest {
  accountId: string;
  plateIndex: string;
  plateMasked: string;
  plateEncrypted: string;
  contactPhoneEncrypted: string;
  contactPhoneMasked: string;
  placeEncrypted: string;
  reason: string;
  cityCode: string;
  status: 'sent' | 'no-owner';
  createdAt: Date;
}

export async function insert(tx: Tx, r: NewRequest) {
  return tx
    .insertInto('move_car_requests')
    .values({
      account_id: r.accountId,
      plate_index: r.plateIndex,
      plate_masked: r.plateMasked,
      plate_encrypted: r.plateEncrypted,
      contact_phone_encrypted: r.contactPhoneEncrypted,
      contact_phone_masked: r.contactPhoneMasked,
      place_encrypted: r.placeEncrypted,
      reason: r.reason,
      city_code: r.cityCode,
      status: r.status,
      created_at: r.createdAt,
    })
    .returning(['id', 'created_at'])
    .executeTakeFirstOrThrow();
}

export async function markFailed(db: Db, id: string): Promise<void> {
  await db.updateTable('move_car_requests').set({ status: 'failed' }).where('id', '=', id).execute();
}

/** The requester's own reminders that went out, newest first. */
export function listSent(db: Db, accountId: string, limit: number) {
  return db
    .selectFrom('move_car_requests')
    .select(['id', 'plate_masked', 'place_encrypted', 'reason', 'contact_phone_masked', 'created_at'])
    .where('account_id', '=', accountId)
    .where('status', '=', 'sent')
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
}
