import type { ColumnType, Kysely } from 'kysely';

type DateColumn = ColumnType<Date, string, string>;
type TimestampColumn = ColumnType<Date, string | Date, string | Date>;
type JsonColumn = ColumnType<unknown, string, string>;

/**
 * Tables of the sandbox real estate registration system, schema `dept_real_estate`
 * (migrations/0015_dept_real-estate.sql). Only its sandbox and its generator read or write them.
 */
export interface RealEstateTables {
  'dept_real_estate.titles': {
    certificate_number: string;
    unit_number: string;
    city_code: string;
    region_code: string;
    location: string;
    use: '住宅' | '车位' | '商业';
    floor_area_cm2: number;
    land_use_until: DateColumn;
    registered_on: DateColumn;
    registration_type: string;
    share_kind: '单独所有' | '共同共有' | '按份共有';
    updated_at: TimestampColumn;
  };
  'dept_real_estate.title_holders': { certificate_number: string; id_number: string; name: string };
  'dept_real_estate.proofs': {
    proof_number: string;
    kind: 'mortgage' | 'pre-sale';
    unit_number: string;
    location: string;
    counterparty: string;
    amount_fen: number | null;
    term_from: DateColumn | null;
    term_to: DateColumn | null;
    registered_on: DateColumn;
    status: '现势' | '注销';
    cancelled_on: DateColumn | null;
    updated_at: TimestampColumn;
  };
  'dept_real_estate.proof_parties': { proof_number: string; id_number: string; role: 'right-holder' | 'obligor' };
  'dept_real_estate.applications': {
    application_number: string;
    city_code: string;
    kind: string;
    location: string;
    submitted_on: DateColumn;
    step_dates: ColumnType<Date[], string[], string[]>;
    updated_at: TimestampColumn;
  };
  'dept_real_estate.applicants': { application_number: string; id_number: string };
  'dept_real_estate.plat_maps': {
    certificate_number: string;
    parcel_code: string;
    parcel_area_cm2: number;
    parcel: JsonColumn;
    building: JsonColumn;
    boundaries: string;
    surveyed_on: DateColumn;
  };
}

export type RealEstateDb = Kysely<RealEstateTables>;

/** Narrow a handle whose database includes the real-estate tables to one that sees only them. */
export function realEstateDb<DB extends RealEstateTables>(db: Kysely<DB>): RealEstateDb {
  return db as unknown as RealEstateDb;
}
