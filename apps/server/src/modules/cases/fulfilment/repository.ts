import { type Selectable, sql } from 'kysely';
import type { Db } from '../../../db/database.js';
import type { CaseTables, FulfilmentResultRow } from '../tables.js';

/** The outbox's queries (case_fulfilments, migrations/0067_cases_fulfilments.sql). */

export type FulfilmentRow = Selectable<CaseTables['case_fulfilments']>;

const parsed = (row: FulfilmentRow): FulfilmentRow => ({
  ...row,
  result: typeof row.result === 'string' ? (JSON.parse(row.result) as FulfilmentResultRow) : row.result,
});

/** In the approval's transaction: the row the job will deliver (once per case; a second approve cannot happen). */
export async function enqueue(db: Db, o: { caseId: string; serviceId: string; at: Date }) {
  await db
    .insertInto('case_fulfilments')
    .values({ case_id: o.caseId, service_id: o.serviceId, state: 'pending', next_attempt_at: o.at })
    .onConflict((oc) => oc.column('case_id').doNothing())
    .execute();
}

export async function findFulfilment(db: Db, caseId: string): Promise<FulfilmentRow | undefined> {
  const row = await db.selectFrom('case_fulfilments').selectAll().where('case_id', '=', caseId).executeTakeFirst();
  return row && parsed(row);
}

export async function statesOf(db: Db, caseIds: readonly string[]): Promise<Map<string, FulfilmentRow['state']>> {
  if (caseIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('case_fulfilments')
    .select(['case_id', 'state'])
    .where('case_id', 'in', caseIds)
    .execute();
  return new Map(rows.map((r) => [r.case_id, r.state]));
}

/** Pending rows due at `now`, oldest due first. */
export async function due(db: Db, now: Date, limit: number): Promise<FulfilmentRow[]> {
  const rows = await db
    .selectFrom('case_fulfilments')
    .selectAll()
    .where('state', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .orderBy('next_attempt_at')
    .orderBy('case_id')
    .limit(limit)
    .execute();
  return rows.map(parsed);
}

/**
 * Record an attempt's outcome, only if the row is still as the job read it (pending, that many attempts): a
 * reviewer's retry or another holder meanwhile wins and this write is dropped.
 */
export async function recordAttempt(
  db: Db,
  seen: { caseId: string; attempts: number },
  next:
    | { state: 'issued'; result: FulfilmentResultRow }
    | { state: 'failed'; lastError: string }
    | { state: 'pending'; lastError: string; nextAttemptAt: Date },
): Promise<boolean> {
  const r = await db
    .updateTable('case_fulfilments')
    .set({
      state: next.state,
      attempts: seen.attempts + 1,
      updated_at: sql<Date>`now()`,
      ...(next.state === 'issued'
        ? { result: JSON.stringify(next.result), issued_at: sql<Date>`now()`, last_error: null }
        : { last_error: next.lastError.slice(0, 500) }),
      ...(next.state === 'pending' ? { next_attempt_at: next.nextAttemptAt } : {}),
    })
    .where('case_id', '=', seen.caseId)
    .where('state', '=', 'pending')
    .where('attempts', '=', seen.attempts)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** A reviewer's retry of a failed write-back: pending again, attempts from zero, due now. */
export async function retry(db: Db, o: { caseId: string; staffId: string; at: Date }): Promise<boolean> {
  const r = await db
    .updateTable('case_fulfilments')
    .set({
      state: 'pending',
      attempts: 0,
      next_attempt_at: o.at,
      retried_by_staff_id: o.staffId,
      updated_at: sql<Date>`now()`,
    })
    .where('case_id', '=', o.caseId)
    .where('state', '=', 'failed')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
