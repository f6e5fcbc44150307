import type { ColumnType, Kysely } from 'kysely';

type DateColumn = ColumnType<Date, string, string>;
type NullableDate = ColumnType<Date | null, string | null, string | null>;
type Moment = ColumnType<Date, string, string>;
/** jsonb: written as JSON text, read as parsed JSON (PGlite and pg both parse jsonb). */
type Json<T> = ColumnType<T, string, string>;

export interface PointsItemRow {
  indicator: string;
  detail: string;
  points: number;
}

/**
 * Tables of the sandbox 来穗局 points system, schema `dept_laisui`
 * (migrations/0069_fulfilment_more-departments.sql). Only migrant-services/ uses them.
 */
export interface MigrantServicesTables {
  'dept_laisui.points_records': {
    id_number: string;
    record_number: string;
    city_code: string;
    year: number;
    status: string;
    total_points: number;
    items: Json<PointsItemRow[]>;
    applied_on: DateColumn;
    approved_on: NullableDate;
    settlement_minimum: number;
    updated_at: Moment;
  };
  /** What the 来穗局 did for an approved online case (积分申请, 调整, 入户), with its answer. */
  'dept_laisui.points_business': {
    platform_reference: string;
    kind: string;
    id_number: string;
    decided_on: DateColumn;
    result: Json<unknown>;
  };
}

export type MigrantServicesDb = Kysely<MigrantServicesTables>;

export function migrantServicesDb<DB extends MigrantServicesTables>(db: Kysely<DB>): MigrantServicesDb {
  return db as unknown as MigrantServicesDb;
}
