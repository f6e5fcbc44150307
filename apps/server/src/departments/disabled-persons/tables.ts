import type { ColumnType, Kysely } from 'kysely';

type DateColumn = ColumnType<Date, string, string>;
type Moment = ColumnType<Date, string, string>;

/**
 * Tables of the sandbox disabled persons' federation system (残联), schema `dept_canlian`
 * (migrations/0020_dept_disabled-persons.sql). Only disabled-persons/sandbox.ts and generator.ts use them.
 */
export interface DisabledPersonsTables {
  'dept_canlian.certificates': {
    certificate_number: string;
    id_number: string;
    name: string;
    category: number;
    grade: number;
    first_issued_on: DateColumn;
    issued_on: DateColumn;
    valid_until: DateColumn;
    issued_by: string;
    city_code: string;
    status: string;
    updated_at: Moment;
  };
  'dept_canlian.subsidies': {
    subsidy_id: string;
    id_number: string;
    kind: string;
    monthly_amount: ColumnType<string, number, number>;
    since_month: string;
    status: string;
    city_code: string;
    updated_at: Moment;
    /** The platform's case number when an approved online case granted it (0069). */
    platform_reference: ColumnType<string | null, string | null | undefined, string | null>;
  };
  'dept_canlian.applications': {
    application_id: string;
    kind: string;
    subject_id_number: string;
    subject_name: string;
    applicant_id_number: string;
    applicant_name: string;
    submitted_on: DateColumn;
    status: string;
    progress: ColumnType<{ step: string; on: string }[], string, string>;
    updated_at: Moment;
    /** The platform's case number when it came from an approved online case (0067). */
    platform_reference: ColumnType<string | null, string | null | undefined, string | null>;
  };
}

export type DisabledPersonsDb = Kysely<DisabledPersonsTables>;

export function disabledPersonsDb<DB extends DisabledPersonsTables>(db: Kysely<DB>): DisabledPersonsDb {
  return db as unknown as DisabledPersonsDb;
}
