import type { ColumnType, Kysely } from 'kysely';

type DateColumn = ColumnType<Date, string, string>;
type NullableDate = ColumnType<Date | null, string | null, string | null>;
type Moment = ColumnType<Date, string, string>;
/** jsonb: written as JSON text, read as parsed JSON (PGlite and pg both parse jsonb). */
type Json<T> = ColumnType<T, string, string>;

/**
 * The register's household-service tables in its schema `dept_gongan`
 * (migrations/0018_dept_population-register_household.sql). Only household-sandbox.ts and
 * household-generator.ts use them.
 */
export interface HouseholdTables {
  'dept_gongan.id_card_applications': {
    application_id: string;
    id_number: string;
    kind: string;
    city_code: string;
    office: string;
    accepted_on: DateColumn;
    fee: ColumnType<string, number, number>;
    collection: string;
    status: string;
    progress: Json<{ step: string; on: string }[]>;
    updated_at: Moment;
  };
  'dept_gongan.household_approvals': {
    approval_id: string;
    number: string;
    kind: string;
    subject_id_number: string;
    subject_name: string;
    applicant_id_number: string | null;
    applicant_name: string | null;
    city_code: string;
    authority: string;
    channel: string;
    submitted_on: DateColumn;
    status: string;
    decided_on: NullableDate;
    progress: Json<{ step: string; on: string }[]>;
    updated_at: Moment;
    /** The platform's case number when it came from an approved online case (0067). */
    platform_reference: ColumnType<string | null, string | null | undefined, string | null>;
  };
  'dept_gongan.residence_registrations': {
    registration_id: string;
    id_number: string;
    city_code: string;
    address: string;
    declared_on: DateColumn;
    channel: string;
    status: string;
    approved_on: NullableDate;
    updated_at: Moment;
    /** The platform's case number when an approved online case recorded it (0069). */
    platform_reference: ColumnType<string | null, string | null | undefined, string | null>;
  };
  'dept_gongan.residence_permits': {
    permit_id: string;
    id_number: string;
    kind: string;
    city_code: string;
    issued_by: string;
    address: string;
    applied_on: DateColumn;
    accepted_on: DateColumn;
    issued_on: NullableDate;
    valid_until: NullableDate;
    endorsements: Json<string[]>;
    progress: Json<{ step: string; on: string }[]>;
    updated_at: Moment;
    /** The platform's case number when it came from an approved online case (0067). */
    platform_reference: ColumnType<string | null, string | null | undefined, string | null>;
  };
  /** Each 签注 an approved 签注居住证 case recorded (0069); the card's `endorsements` list holds its day too. */
  'dept_gongan.residence_permit_endorsements': {
    platform_reference: string;
    permit_id: string;
    endorsed_on: DateColumn;
    endorsed_until: DateColumn;
  };
}

export type HouseholdDb = Kysely<HouseholdTables>;

export function householdDb<DB extends HouseholdTables>(db: Kysely<DB>): HouseholdDb {
  return db as unknown as HouseholdDb;
}
