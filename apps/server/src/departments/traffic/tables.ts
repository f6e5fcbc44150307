import type { ColumnType, Kysely } from 'kysely';

/** A `date` column: written as 'YYYY-MM-DD'; read as text through to_char (drivers differ). */
type DateColumn = ColumnType<Date, string, string>;
type NullableDate = ColumnType<Date | null, string | null, string | null>;

/**
 * Tables of the sandbox traffic-management system (交管), schema `dept_jiaoguan`
 * (migrations/0016_dept_traffic.sql). Only traffic/sandbox.ts and traffic/generator.ts use them.
 */
export interface TrafficTables {
  'dept_jiaoguan.driving_licences': {
    id_number: string;
    name: string;
    licence_class: string;
    first_issued_on: DateColumn;
    valid_from: DateColumn;
    valid_until: NullableDate;
    issued_by: string;
    archive_number: string;
    status: string;
    updated_at: ColumnType<Date, string, string>;
  };
  'dept_jiaoguan.vehicles': {
    vehicle_id: string;
    plate: string;
    plate_type: string;
    city_code: string | null;
    owner_id_number: string;
    owner_name: string;
    owner_address: string;
    vehicle_type: string;
    brand_model: string;
    energy: string;
    vin: string;
    engine_number: string;
    seats: number;
    registered_on: DateColumn;
    issued_on: DateColumn;
    inspection_valid_until: DateColumn;
    status: string;
    updated_at: ColumnType<Date, string, string>;
    /** 0054: the owner's registered mobile number (一键移车 only), or null. */
    owner_phone: ColumnType<string | null, string | null | undefined, string | null>;
    /** 0054: 未处理完毕的交通事故 of the vehicle. */
    unresolved_accidents: ColumnType<number, number | undefined, number>;
  };
  'dept_jiaoguan.violations': {
    violation_id: string;
    vehicle_id: string;
    /** `timestamp` (without time zone): the local time in Beijing. */
    occurred_at: ColumnType<Date, string, string>;
    place: string;
    city_code: string;
    code: string;
    description: string;
    fine: number;
    points: number;
    authority: string;
    status: string;
    handled_on: NullableDate;
    decision_number: string | null;
    driver_id_number: string | null;
    updated_at: ColumnType<Date, string, string>;
  };
  /** What the department did for an approved online case (0069): 六年免检, 驾驶证换证, 行驶证换证, with its answer. */
  'dept_jiaoguan.online_business': {
    platform_reference: string;
    kind: string;
    id_number: string;
    vehicle_id: string | null;
    decided_on: DateColumn;
    result: ColumnType<unknown, string, string>;
  };
}

export type TrafficDb = Kysely<TrafficTables>;

/** Narrow a handle whose database includes these tables (Kysely's database type is invariant). */
export function trafficDb<DB extends TrafficTables>(db: Kysely<DB>): TrafficDb {
  return db as unknown as TrafficDb;
}
