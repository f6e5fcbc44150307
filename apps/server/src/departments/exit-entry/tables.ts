import type { ColumnType, Kysely } from 'kysely';
import type { EndorsementStep } from './codes.js';

type DateColumn = ColumnType<Date, string, string>;
type NullableDate = ColumnType<Date | null, string | null, string | null>;
type Moment = ColumnType<Date, string, string>;

/**
 * Tables of the sandbox exit-entry system (出入境), schema `dept_churujing`
 * (migrations/0017_dept_exit-entry.sql). Only exit-entry/sandbox.ts and exit-entry/generator.ts use them.
 */
export interface ExitEntryTables {
  'dept_churujing.documents': {
    document_number: string;
    id_number: string;
    kind: string;
    name: string;
    issued_on: DateColumn;
    valid_until: DateColumn;
    issued_by: string;
    issue_place: string;
    issued_city_code: string | null;
    status: string;
    updated_at: Moment;
  };
  'dept_churujing.endorsements': {
    endorsement_id: string;
    document_number: string;
    id_number: string;
    destination: string;
    kind: string;
    trips: string;
    stay_days: number;
    channel: string;
    applied_on: DateColumn;
    valid_from: NullableDate;
    valid_until: NullableDate;
    fee: ColumnType<string, number, number>;
    status: string;
    /** [{ step, on }] in order */
    progress: ColumnType<{ step: EndorsementStep; on: string }[], string, string>;
    /** The platform's payment reference of an online application (粤省事在线签注); null otherwise. */
    application_reference: ColumnType<string | null, string | null | undefined, string | null>;
    updated_at: Moment;
  };
  'dept_churujing.appointments': {
    appointment_id: string;
    id_number: string;
    applicant_name: string;
    booked_by_id_number: string;
    business: string;
    document_kind: string;
    office: string;
    city_code: string;
    appointment_date: DateColumn;
    time_slot: string;
    booked_on: DateColumn;
    status: string;
    updated_at: Moment;
  };
}

export type ExitEntryDb = Kysely<ExitEntryTables>;

export function exitEntryDb<DB extends ExitEntryTables>(db: Kysely<DB>): ExitEntryDb {
  return db as unknown as ExitEntryDb;
}
