import type { ColumnType, Kysely } from 'kysely';

/**
 * Tables of the sandbox health commission system (卫健), schema `dept_weijian`
 * (migrations/0021_dept_health.sql). Only health/sandbox.ts and health/generator.ts use them.
 */
export interface HealthTables {
  'dept_weijian.birth_certificates': {
    certificate_number: string;
    child_id_number: string | null;
    child_name: string;
    child_sex: string;
    birth_date: ColumnType<Date, string, string>;
    birth_time: string;
    hospital: string;
    city_code: string;
    weight_grams: number;
    length_cm: number;
    gestation_weeks: number;
    mother_id_number: string;
    mother_name: string;
    father_id_number: string | null;
    father_name: string | null;
    issued_on: ColumnType<Date, string, string>;
    updated_at: ColumnType<Date, string, string>;
  };
}

export type HealthDb = Kysely<HealthTables>;

export function healthDb<DB extends HealthTables>(db: Kysely<DB>): HealthDb {
  return db as unknown as HealthDb;
}
