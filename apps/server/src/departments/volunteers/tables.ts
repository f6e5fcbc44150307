import type { ColumnType, Kysely } from 'kysely';

type DateColumn = ColumnType<Date, string, string>;
type NullableDate = ColumnType<Date | null, string | null, string | null>;
type Moment = ColumnType<Date, string, string>;

/**
 * Tables of the sandbox volunteer registry (广东志愿者 / i志愿), schema `dept_zhiyuan`
 * (migrations/0044_dept_volunteers.sql). Only volunteers/sandbox.ts and generator.ts use them.
 */
export interface VolunteersTables {
  'dept_zhiyuan.volunteers': {
    volunteer_number: string;
    id_number: string;
    name: string;
    registered_on: DateColumn;
    organisation: string;
    city_code: string;
    service_hours: ColumnType<string, number, number>;
    last_service_on: NullableDate;
    status: string;
    cancelled_on: NullableDate;
    updated_at: Moment;
  };
}

export type VolunteersDb = Kysely<VolunteersTables>;

export function volunteersDb<DB extends VolunteersTables>(db: Kysely<DB>): VolunteersDb {
  return db as unknown as VolunteersDb;
}
