import type { CaseStatus } from '@yss/contracts';
import { type Insertable, type Selectable, sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Viewer } from '../shared/index.js';
import type { CaseTables } from './tables.js';

/** The only file of the module that queries: cases, their event log and their uploaded materials. */

export type CaseRow = Selectable<CaseTables['cases']>;
/** An event as stored: its note sealed (note_encrypted), or in clear if written before 0075 (legacy_note). */
export type CaseEventStored = Selectable<CaseTables['case_events']>;
/** An event as the service hands it on: its note opened (event-notes.ts). */
export type CaseEventRow = Omit<CaseEventStored, 'legacy_note' | 'note_encrypted'> & { note: string | null };
export type NewCaseEvent = Insertable<CaseTables['case_events']>;
export type CaseAssignmentRow = Selectable<CaseTables['case_assignments']>;
export type CaseNoteStored = Selectable<CaseTables['case_notes']>;
/** A note as the service hands it on: its text decrypted. */
export type CaseNoteRow = Omit<CaseNoteStored, 'body_encrypted'> & { body: string };
/** An attachment without its bytes: what lists and checks need. */
export type AttachmentMeta = Omit<Selectable<CaseTables['case_attachments']>, 'content_encrypted'>;

const META = [
  'id',
  'account_id',
  'case_id',
  'slot',
  'attached_seq',
  'name',
  'content_type',
  'size',
  'uploaded_at',
] as const;

/** A unique violation of the named constraint (PostgreSQL and PGlite both report code 23505). */
export function isUniqueViolation(err: unknown, constraint: string): boolean {
  const e = err as { code?: unknown; constraint?: unknown; message?: unknown } | null;
  if (e?.code !== '23505') return false;
  return e.constraint === constraint || (typeof e.message === 'string' && e.message.includes(constraint));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Ids come from URLs: one that is not a uuid names nothing (and must not reach a uuid column as an error). */
export const isUuid = (id: string) => UUID.test(id);

// ---- attachments ----

/** Uploads never made part of a case, older than `before`: deleted by the partial index on uploaded_at. */
export async function sweepUnattached(db: Db, before: Date): Promise<number> {
  const result = await db
    .deleteFrom('case_attachments')
    .where('case_id', 'is', null)
    .where('uploaded_at', '<', before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export function insertAttachment(db: Db, row: Insertable<CaseTables['case_attachments']>) {
  return db.insertInto('case_attachments').values(row).returning(META).executeTakeFirstOrThrow();
}

/**
 * An upload the viewer may open, with its (encrypted) bytes and the case it is part of: their own upload, or a file
 * of a case they are one of the two people of (made for someone else: the principal opens what the agent uploaded,
 * the agent what the principal added in a 补正). Anyone else's, and another's upload not in a case, read as absent.
 */
export async function findReadableAttachment(db: Db, viewer: Viewer, id: string) {
  if (!isUuid(id)) return undefined;
  return db
    .selectFrom('case_attachments as a')
    .leftJoin('cases as c', 'c.id', 'a.case_id')
    .selectAll('a')
    .select(['c.account_id as case_account_id', 'c.principal_person_id', 'c.delegation_id'])
    .where('a.id', '=', id)
    .where((eb) =>
      eb.or([
        eb('a.account_id', '=', viewer.accountId),
        eb.and([
          eb('c.principal_person_id', 'is not', null),
          eb.or([eb('c.account_id', '=', viewer.accountId), eb('c.principal_person_id', '=', viewer.personId)]),
        ]),
      ]),
    )
    .executeTakeFirst();
}

/** One attachment of a case with its bytes (console): an attachment of another case reads as absent. */
export async function findCaseAttachment(db: Db, caseId: string, id: string) {
  if (!isUuid(id)) return undefined;
  return db
    .selectFrom('case_attachments')
    .selectAll()
    .where('id', '=', id)
    .where('case_id', '=', caseId)
    .executeTakeFirst();
}

export function findAttachmentsMeta(db: Db, accountId: string, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([] as AttachmentMeta[]);
  return db
    .selectFrom('case_attachments')
    .select(META)
    .where('id', 'in', [...ids])
    .where('account_id', '=', accountId)
    .execute();
}

export function listCaseAttachments(db: Db, caseId: string) {
  return db
    .selectFrom('case_attachments')
    .select(META)
    .where('case_id', '=', caseId)
    .orderBy('attached_seq')
    .orderBy('uploaded_at')
    .orderBy('id')
    .execute();
}

/** Delete an upload that is not part of a case: 'deleted', 'attached' (kept) or 'missing' (or someone else's). */
export async function deleteUnattached(db: Db, accountId: string, id: string) {
  if (!isUuid(id)) return 'missing' as const;
  const deleted = await db
    .deleteFrom('case_attachments')
    .where('id', '=', id)
    .where('account_id', '=', accountId)
    .where('case_id', 'is', null)
    .executeTakeFirst();
  if (Number(deleted.numDeletedRows) > 0) return 'deleted' as const;
  const row = await db
    .selectFrom('case_attachments')
    .select('id')
    .where('id', '=', id)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return row ? ('attached' as const) : ('missing' as const);
}

/**
 * Make uploads part of a case (in the caller's transaction). Only the account's own, still unattached uploads
 * move: the count tells whether all did (a concurrent submission may have taken one meanwhile).
 */
export async function claimAttachments(
  db: Db,
  o: { accountId: string; caseId: string; seq: number; slots: readonly { id: string; slot: string }[] },
): Promise<number> {
  let claimed = 0;
  for (const { id, slot } of o.slots) {
    const r = await db
      .updateTable('case_attachments')
      .set({ case_id: o.caseId, slot, attached_seq: o.seq })
      .where('id', '=', id)
      .where('account_id', '=', o.accountId)
      .where('case_id', 'is', null)
      .executeTakeFirst();
    claimed += Number(r.numUpdatedRows);
  }
  return claimed;
}

// ---- cases and events ----

export function findBySubmission(db: Db, accountId: string, submissionId: string) {
  return db
    .selectFrom('cases')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('submission_id', '=', submissionId)
    .executeTakeFirst();
}

/** Insert a case; undefined when this account's submission id already made one (a concurrent repeat). */
export async function insertCase(db: Db, row: Insertable<CaseTables['cases']>) {
  return db
    .insertInto('cases')
    .values(row)
    .onConflict((oc) => oc.columns(['account_id', 'submission_id']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

export function insertEvent(db: Db, event: NewCaseEvent) {
  return db.insertInto('case_events').values(event).execute();
}

export async function findCase(db: Db, id: string) {
  if (!isUuid(id)) return undefined;
  return db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A case the viewer may see: one they submitted (for themself or someone else), or one made for them. */
export async function findVisibleCase(db: Db, viewer: Viewer, id: string) {
  if (!isUuid(id)) return undefined;
  return db
    .selectFrom('cases')
    .selectAll()
    .where('id', '=', id)
    .where((eb) => eb.or([eb('account_id', '=', viewer.accountId), eb('principal_person_id', '=', viewer.personId)]))
    .executeTakeFirst();
}

/** Whether the viewer is one of the case's two people (the account that submitted it, or the principal). */
export const visibleTo = (row: CaseRow, viewer: Viewer) =>
  row.account_id === viewer.accountId || row.principal_person_id === viewer.personId;

/** The case row locked until the transaction ends: one writer at a time appends to its log. */
export async function lockCase(db: Db, id: string) {
  if (!isUuid(id)) return undefined;
  return db.selectFrom('cases').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** The cached status and version; `due` (at 受理 of a service with a 承诺办结时限) sets the due date as well. */
export function setCaseState(
  db: Db,
  id: string,
  status: CaseStatus,
  version: number,
  due?: { workingDays: number; dueOn: string },
) {
  return db
    .updateTable('cases')
    .set({
      status,
      version,
      updated_at: sql<Date>`now()`,
      ...(due ? { promised_working_days: due.workingDays, due_on: due.dueOn } : {}),
    })
    .where('id', '=', id)
    .execute();
}

export function listEvents(db: Db, caseId: string) {
  return db.selectFrom('case_events').selectAll().where('case_id', '=', caseId).orderBy('seq').execute();
}

export function findEvent(db: Db, caseId: string, seq: number) {
  return db
    .selectFrom('case_events')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('seq', '=', seq)
    .executeTakeFirst();
}

/** The actions of a case's log, in order: what its status is derived from (no note needed, none opened). */
export async function listEventActions(db: Db, caseId: string) {
  const rows = await db
    .selectFrom('case_events')
    .select('action')
    .where('case_id', '=', caseId)
    .orderBy('seq')
    .execute();
  return rows.map((r) => r.action);
}

/** Notes still in clear (written before migrations/0075), a batch at a time. */
export function listLegacyNotes(db: Db, limit: number) {
  return db
    .selectFrom('case_events')
    .select(['case_id', 'seq', 'legacy_note'])
    .where('legacy_note', 'is not', null)
    .limit(limit)
    .execute();
}

/** Move one clear note into note_encrypted (the only update the append-only trigger lets through). */
export async function sealLegacyNote(db: Db, caseId: string, seq: number, sealed: string) {
  await db
    .updateTable('case_events')
    .set({ legacy_note: null, note_encrypted: sealed })
    .where('case_id', '=', caseId)
    .where('seq', '=', seq)
    .where('legacy_note', 'is not', null)
    .execute();
}

/** 我的办件: what the viewer submitted (for themself or for others) and what others submitted for them. */
export function listVisibleCases(db: Db, viewer: Viewer, serviceId: string | undefined) {
  let q = db
    .selectFrom('cases')
    .selectAll()
    .where((eb) => eb.or([eb('account_id', '=', viewer.accountId), eb('principal_person_id', '=', viewer.personId)]));
  if (serviceId) q = q.where('service_id', '=', serviceId);
  return q.orderBy('submitted_at', 'desc').orderBy('id', 'desc').limit(200).execute();
}

/**
 * The applicant's own cases, whoever submitted them (eligibility rules read them: 正在办理中 …): submitted by their
 * own account for themself, or by anyone for them.
 */
export function listApplicantCases(
  db: Db,
  applicant: { accountId: string | null; personId: string },
  serviceId: string | undefined,
) {
  let q = db
    .selectFrom('cases')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb('principal_person_id', '=', applicant.personId),
        ...(applicant.accountId
          ? [eb.and([eb('account_id', '=', applicant.accountId), eb('principal_person_id', 'is', null)])]
          : []),
      ]),
    );
  if (serviceId) q = q.where('service_id', '=', serviceId);
  return q.orderBy('submitted_at', 'desc').orderBy('id', 'desc').limit(200).execute();
}

/** A grant's reach: one department, in one city or (null) the whole province. */
export interface CaseScope {
  departmentId: string;
  cityCode: string | null;
}

/** The console's queue: cases inside the union of the caller's scopes, oldest first, 200 at most. */
export function listCasesInScopes(
  db: Db,
  scopes: readonly CaseScope[],
  filter: {
    status?: CaseStatus;
    cityCode?: string;
    serviceId?: string;
    fulfilment?: 'pending' | 'issued' | 'failed';
    /** 已超期: accepted, due before this day ('YYYY-MM-DD', China time). */
    overdueBefore?: string;
    /** 我的 (assigned to this staff account) or 待分派 (assigned to nobody). */
    assignee?: { staffId: string } | 'unassigned';
  },
) {
  if (scopes.length === 0) return Promise.resolve([] as CaseRow[]);
  let q = db
    .selectFrom('cases')
    .selectAll()
    .where((eb) =>
      eb.or(
        scopes.map((s) =>
          s.cityCode === null
            ? eb('department_id', '=', s.departmentId)
            : eb.and([eb('department_id', '=', s.departmentId), eb('city_code', '=', s.cityCode)]),
        ),
      ),
    );
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.cityCode) q = q.where('city_code', '=', filter.cityCode);
  if (filter.serviceId) q = q.where('service_id', '=', filter.serviceId);
  if (filter.overdueBefore) {
    q = q.where('status', '=', 'accepted').where('due_on', 'is not', null).where('due_on', '<', filter.overdueBefore);
  }
  if (filter.assignee === 'unassigned') q = q.where('assignee_staff_id', 'is', null);
  else if (filter.assignee) q = q.where('assignee_staff_id', '=', filter.assignee.staffId);
  const fulfilment = filter.fulfilment;
  if (fulfilment) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('case_fulfilments as f')
          .select('f.case_id')
          .whereRef('f.case_id', '=', 'cases.id')
          .where('f.state', '=', fulfilment),
      ),
    );
  }
  return q.orderBy('submitted_at', 'asc').orderBy('id', 'asc').limit(200).execute();
}

// ---- 分派 and 内部备注 (staff only: never part of the citizen's views) ----

export function listAssignments(db: Db, caseId: string) {
  return db.selectFrom('case_assignments').selectAll().where('case_id', '=', caseId).orderBy('seq').execute();
}

/**
 * One assignment change, in the caller's transaction (the case row locked): the log's next row, and the cached
 * 办理人 and version of the case. `updated_at` stays: the citizen's case did not change.
 */
export async function recordAssignment(
  db: Db,
  o: {
    caseId: string;
    change: 'claim' | 'assign' | 'release';
    assigneeStaffId: string | null;
    previousStaffId: string | null;
    actorStaffId: string;
    version: number;
  },
) {
  const last = await db
    .selectFrom('case_assignments')
    .select((eb) => eb.fn.max<number | null>('seq').as('seq'))
    .where('case_id', '=', o.caseId)
    .executeTakeFirst();
  await db
    .insertInto('case_assignments')
    .values({
      case_id: o.caseId,
      seq: Number(last?.seq ?? 0) + 1,
      change: o.change,
      assignee_staff_id: o.assigneeStaffId,
      previous_staff_id: o.previousStaffId,
      actor_staff_id: o.actorStaffId,
      version: o.version,
    })
    .execute();
  await db
    .updateTable('cases')
    .set({
      assignee_staff_id: o.assigneeStaffId,
      assigned_at: o.assigneeStaffId ? sql<Date>`now()` : null,
      version: o.version,
    })
    .where('id', '=', o.caseId)
    .execute();
}

export function listNotes(db: Db, caseId: string) {
  return db
    .selectFrom('case_notes')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export function insertNote(db: Db, note: Insertable<CaseTables['case_notes']>) {
  return db.insertInto('case_notes').values(note).returningAll().executeTakeFirstOrThrow();
}
