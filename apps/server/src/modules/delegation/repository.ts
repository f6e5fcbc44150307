import { type Insertable, type Selectable, sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { DelegationTables } from './tables.js';

export type DelegationRow = Selectable<DelegationTables['delegations']>;

/**
 * Insert a delegation unless the agent already has an open (pending or active) one for this person; a
 * pending or active one past its deadline is closed first, as expired, so that it does not block a new one.
 */
export async function insertDelegation(
  db: Db,
  v: Insertable<DelegationTables['delegations']>,
): Promise<DelegationRow | 'exists'> {
  return db.transaction().execute(async (tx) => {
    await tx
      .updateTable('delegations')
      .set({ status: 'expired' })
      .where('agent_account_id', '=', v.agent_account_id)
      .where('principal_id_number_index', '=', v.principal_id_number_index)
      .where('status', 'in', ['pending', 'active'])
      .where('valid_until', '<', sql<Date>`now()`)
      .execute();
    const row = await tx
      .insertInto('delegations')
      .values(v)
      .onConflict((oc) =>
        oc
          .columns(['agent_account_id', 'principal_id_number_index'])
          .where('status', 'in', ['pending', 'active'])
          .doNothing(),
      )
      .returningAll()
      .executeTakeFirst();
    return row ?? 'exists';
  });
}

export function findDelegation(db: Db, id: string) {
  return db.selectFrom('delegations').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listForAgent(db: Db, agentAccountId: string) {
  return db
    .selectFrom('delegations')
    .selectAll()
    .where('agent_account_id', '=', agentAccountId)
    .orderBy('created_at', 'desc')
    .limit(100)
    .execute();
}

export function listForPrincipal(db: Db, principalPersonId: string) {
  return db
    .selectFrom('delegations')
    .selectAll()
    .where('principal_person_id', '=', principalPersonId)
    .orderBy('created_at', 'desc')
    .limit(100)
    .execute();
}

/** pending → active, once; false when it was no longer pending or its deadline passed. */
export async function activate(
  db: Db,
  id: string,
  v: { consentMethod: NonNullable<DelegationRow['consent_method']>; validUntil: Date },
): Promise<boolean> {
  const r = await db
    .updateTable('delegations')
    .set({ status: 'active', consent_method: v.consentMethod, consented_at: sql`now()`, valid_until: v.validUntil })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .where('valid_until', '>', sql<Date>`now()`)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function decline(db: Db, id: string): Promise<boolean> {
  const r = await db
    .updateTable('delegations')
    .set({ status: 'declined' })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function revoke(db: Db, id: string, by: 'agent' | 'principal'): Promise<boolean> {
  const r = await db
    .updateTable('delegations')
    .set({ status: 'revoked', revoked_at: sql`now()`, revoked_by: by })
    .where('id', '=', id)
    .where('status', 'in', ['pending', 'active'])
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Test and operations helper: move a delegation's end (e.g. to see it expire). */
export async function setValidUntil(db: Db, id: string, validUntil: Date) {
  await db.updateTable('delegations').set({ valid_until: validUntil }).where('id', '=', id).execute();
}
