import type { ColumnType, Kysely } from 'kysely';

/** A timestamptz or date written as text; read it with to_char (drivers differ in what they return). */
type TextDate = ColumnType<Date, string, string>;
/** A jsonb column: written as JSON text, read back parsed. */
type Json<T> = ColumnType<T, string, string>;

/**
 * Tables of the sandbox education systems, schema `dept_jiaoyu` (migrations/0022_dept_education.sql). Only
 * the sandbox (sandbox.ts) and the generator (generator.ts) touch them.
 */
export interface EducationTables {
  'dept_jiaoyu.schools': {
    code: string;
    name: string;
    city_code: string;
    region_code: string;
    district_name: string;
    address: string;
    stage: 'kindergarten' | 'primary' | 'junior' | 'senior';
    ownership: 'public' | 'private';
    phone: string;
  };
  'dept_jiaoyu.zhongkao_candidates': {
    ticket_number: string;
    person_id: string;
    id_number: string;
    name: string;
    exam_year: number;
    school_code: string;
    password_hash: string;
    scores: Json<{ subject: string; score: number; fullMarks: number }[]>;
    total: number;
    updated_at: TextDate;
  };
  'dept_jiaoyu.gaokao_candidates': {
    candidate_number: string;
    ticket_number: string;
    person_id: string;
    id_number: string;
    name: string;
    exam_year: number;
    track: 'physics' | 'history' | 'science' | 'arts';
    subjects: Json<string[]>;
    exam_centre_code: string;
    password_hash: string;
    scores: Json<{ subject: string; score: number; fullMarks: number }[] | null>;
    total: number | null;
    admission_status: 'admitted' | 'not-admitted' | 'pending';
    admission_institution: string | null;
    admission_major: string | null;
    admission_level: 'undergraduate' | 'vocational' | null;
    updated_at: TextDate;
  };
  'dept_jiaoyu.graduates': {
    certificate_number: string;
    person_id: string;
    id_number: string;
    name: string;
    graduation_year: number;
    institution: string;
    authority: string;
    major: string;
    level: 'vocational' | 'undergraduate' | 'master' | 'doctor';
    report_to: string;
    report_to_uscc: string | null;
    archive_destination: 'employer' | 'talent-market' | 'origin';
    archive_receiver: string;
    archive_address: string;
    archive_sent_on: TextDate;
    archive_method: 'confidential-mail' | 'courier';
    archive_tracking_number: string | null;
    archive_received_on: TextDate;
    updated_at: TextDate;
  };
}

export type EducationDb = Kysely<EducationTables>;

/** Narrow a handle whose database includes these tables (the platform's `Db` does) to one that sees only them. */
export function educationDb<DB extends EducationTables>(db: Kysely<DB>): EducationDb {
  return db as unknown as EducationDb;
}
