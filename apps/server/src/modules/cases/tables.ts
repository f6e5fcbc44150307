import type { CaseAction, CaseStatus, CollectionInfo } from '@yss/contracts';
import type { ColumnType, Generated } from 'kysely';

/** What a department issued for an approved case, as the applicant reads it (case_fulfilments.result). */
export interface FulfilmentResultRow {
  /** e.g. 居住证已制发，可在我的证照中关联。 */
  message: string;
  /** The department's number of what it issued (masked where it is personal), or null. */
  reference: string | null;
}

/** Tables owned by the cases module (migrations/0047_cases.sql, 0067_cases_fulfilments.sql, 0074, 0075). */
export interface CaseTables {
  cases: {
    id: Generated<string>;
    case_number: string;
    account_id: string;
    submission_id: string;
    service_id: string;
    city_code: string;
    department_id: string;
    form_encrypted: string;
    applicant_name_encrypted: string;
    applicant_name_masked: string;
    applicant_id_number_encrypted: string;
    applicant_id_number_masked: string;
    /** Cache of caseStatusOf(events), written with each event (the queue filters on it). */
    status: CaseStatus;
    /** Number of events plus assignment changes (0074): the version the console acts on. */
    version: number;
    /** 为他人办理 (migrations/0066): the applicant's person when account_id (the 代办人) acted for them; else null. */
    principal_person_id: string | null;
    delegation_id: string | null;
    /** The 代办人's masked name as the principal and the reviewer see it. */
    agent_name_masked: string | null;
    /** 承诺办结时限 (migrations/0072): the form's working days and the due date ('YYYY-MM-DD', China), set at 受理. */
    promised_working_days: ColumnType<number | null, number | null | undefined, number | null>;
    due_on: ColumnType<string | null, string | null | undefined, string | null>;
    /** 办理人 (migrations/0074): the reviewer the case is assigned to (null: 待分派), and since when. */
    assignee_staff_id: ColumnType<string | null, string | null | undefined, string | null>;
    assigned_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
    submitted_at: Generated<Date>;
    updated_at: Generated<Date>;
  };
  case_events: {
    case_id: string;
    seq: number;
    action: CaseAction;
    actor_kind: 'citizen' | 'staff';
    actor_account_id: string | null;
    actor_staff_id: string | null;
    /** A note written before migrations/0075, in clear, until the start-up step seals it (event-notes.ts). */
    legacy_note: string | null;
    /** The reason or note given (补正原因, 不予办理原因, 撤回原因, 补正说明), FieldCipher, bound to case and seq. */
    note_encrypted: string | null;
    collection: CollectionInfo | null;
    created_at: Generated<Date>;
  };
  case_attachments: {
    id: string;
    account_id: string;
    case_id: string | null;
    slot: string | null;
    attached_seq: number | null;
    name: string;
    content_type: 'image/jpeg' | 'image/png' | 'application/pdf';
    size: number;
    content_encrypted: Uint8Array;
    uploaded_at: Generated<Date>;
  };
  /** 分派: the append-only log of assignment changes (migrations/0074). */
  case_assignments: {
    case_id: string;
    seq: number;
    change: 'claim' | 'assign' | 'release';
    assignee_staff_id: string | null;
    previous_staff_id: string | null;
    actor_staff_id: string;
    version: number;
    created_at: Generated<Date>;
  };
  /** 内部备注: staff-only notes (migrations/0074), append-only. */
  case_notes: {
    id: string;
    case_id: string;
    author_staff_id: string;
    /** FieldCipher, associated data `case-note:<id>`. */
    body_encrypted: string;
    created_at: Generated<Date>;
  };
  /** The outbox of approved cases' write-back to the department (fulfilment/). */
  case_fulfilments: {
    case_id: string;
    service_id: string;
    state: 'pending' | 'issued' | 'failed';
    attempts: Generated<number>;
    next_attempt_at: Generated<Date>;
    last_error: string | null;
    result: ColumnType<FulfilmentResultRow | null, string | null, string | null>;
    retried_by_staff_id: string | null;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
    issued_at: Date | null;
  };
}
