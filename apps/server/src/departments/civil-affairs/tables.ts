import type { ColumnType, Kysely } from 'kysely';

type DateColumn = ColumnType<Date, string, string>;
type NullableDate = ColumnType<Date | null, string | null, string | null>;
type Moment = ColumnType<Date, string, string>;
type Money = ColumnType<string, number, number>;
type NullableMoney = ColumnType<string | null, number | null, number | null>;

/**
 * Tables of the sandbox civil-affairs system (民政), schema `dept_minzheng`
 * (migrations/0019_dept_civil-affairs.sql). Only civil-affairs/sandbox.ts and generator.ts use them.
 */
export interface CivilAffairsTables {
  'dept_minzheng.marriage_records': {
    record_id: string;
    kind: string;
    certificate_number: string;
    registered_on: DateColumn;
    registry: string;
    husband_id_number: string;
    husband_name: string;
    wife_id_number: string;
    wife_name: string;
    status: string;
    updated_at: Moment;
  };
  'dept_minzheng.old_age_allowances': {
    id_number: string;
    name: string;
    city_code: string;
    status: string;
    since_month: string | null;
    applied_on: NullableDate;
    channel: string | null;
    updated_at: Moment;
    /** The platform's case number when it came from an approved online case (0067). */
    platform_reference: ColumnType<string | null, string | null | undefined, string | null>;
  };
  /** 老年人优待证 (0067). */
  'dept_minzheng.senior_cards': {
    card_number: string;
    id_number: string;
    name: string;
    city_code: string;
    kind: string;
    issued_on: DateColumn;
    status: string;
    platform_reference: string | null;
    updated_at: ColumnType<Date, string | undefined, string>;
  };
  'dept_minzheng.assistance_cases': {
    case_id: string;
    case_number: string;
    id_number: string;
    kind: string;
    city_code: string;
    household_size: number;
    channel: string;
    applied_on: DateColumn;
    status: string;
    monthly_amount: NullableMoney;
    one_off_amount: NullableMoney;
    progress: ColumnType<{ step: string; on: string }[], string, string>;
    updated_at: Moment;
  };
}

export type CivilAffairsDb = Kysely<CivilAffairsTables>;
export type { Money };

export function civilAffairsDb<DB extends CivilAffairsTables>(db: Kysely<DB>): CivilAffairsDb {
  return db as unknown as CivilAffairsDb;
}
