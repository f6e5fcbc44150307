import { sql } from 'kysely';
import type { Db } from '../../db/database.js';

export type ClaimState = 'pending' | 'certified' | 'refused' | 'failed';

export interface Claim {
  id: string;
  state: ClaimState;
  validUntil: string | null;
  ageMs: number;
}

/**
 * Claim a pensioner's day: the first caller gets the claim's id; a caller finding a pending or certified claim of
 * the same day gets null (the partial unique index decides, on PostgreSQL and PGlite alike).
 */
export async function claim(
  db: Db,
  c: { subjectPersonId: string; day: string; actorAccountId: string; delegationId: string | null },
): Promise<string | null> {
  const row = await db
    .insertInto('pension_certification_claims')
    .values({
      subject_person_id: c.subjectPersonId,
      day: c.day,
      actor_account_id: c.actorAccountId,
      delegation_id: c.delegationId,
      state: 'pending',
    })
    .onConflict((oc) =>
      oc.columns(['subject_person_id', 'day']).where('state', 'in', ['pending', 'certified']).doNothing(),
    )
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

/** The live (pending or certified) claim of a pensioner's day, if any. */
export async function liveClaim(db: Db, subjectPersonId: string, day: string): Promise<Claim | undefined> {
  const row = await db
    .selectFrom('pension_certification_claims')
    .select(['id', 'state'])
    .select(sql<string | null>`to_char(valid_until, 'YYYY-MM-DD')`.as('valid_until'))
    .select(sql<number>`(extract(epoch from (now() - updated_at)) * 1000)::float8`.as('age_ms'))
    .where('subject_person_id', '=', subjectPersonId)
    .where('day', '=', day)
    .where('state', 'in', ['pending', 'certified'])
    .executeTakeFirst();
  return row ? { id: row.id, state: row.state, validUntil: row.valid_until, ageMs: Number(row.age_ms) } : undefined;
}

/** Take over a pending claim left behind (its process stopped before finishing); true when taken. */
export async function takeOver(db: Db, id: string, actorAccountId: string, staleMs: number): Promise<boolean> {
  const res = await db
    .updateTable('pension_certification_claims')
    .set({ actor_account_id: actorAccountId, updated_at: sql`now()` })
    .where('id', '=', id)
    .where('state', '=', 'pending')
    .where(sql<boolean>`updated_at < now() - make_interval(secs => ${staleMs / 1000})`)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function finish(db: Db, id: string, state: Exclude<ClaimState, 'pending'>, validUntil: string | null) {
  await db
    .updateTable('pension_certification_claims')
    .set({ state, valid_until: validUntil, updated_at: sql`now()` })
    .where('id', '=', id)
    .execute();
}
