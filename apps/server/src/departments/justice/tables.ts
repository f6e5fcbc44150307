import type { ColumnType, Kysely } from 'kysely';

type TextDate = ColumnType<Date, string, string>;
type Json<T> = ColumnType<T, string, string>;

/**
 * Tables of the sandbox public legal-service directory (广东省司法厅), schema `dept_sifa`
 * (migrations/0024_dept_justice.sql). Only the sandbox and the generator touch them.
 */
export interface JusticeTables {
  'dept_sifa.law_firms': {
    licence_number: string;
    uscc: string;
    name: string;
    city_code: string;
    region_code: string;
    address: string;
    phone: string;
    form: 'partnership' | 'sole' | 'state';
    established_on: TextDate;
  };
  'dept_sifa.lawyers': {
    licence_number: string;
    name: string;
    sex: 'male' | 'female';
    firm_licence_number: string;
    city_code: string;
    category: 'full-time' | 'part-time';
    first_licensed_year: number;
    practice_areas: Json<string[]>;
    duty_weekdays: Json<number[]>;
  };
  'dept_sifa.legal_aid_centres': {
    city_code: string;
    name: string;
    address: string;
    phone: string;
    hours: string;
  };
}

export type JusticeDb = Kysely<JusticeTables>;

export function justiceDb<DB extends JusticeTables>(db: Kysely<DB>): JusticeDb {
  return db as unknown as JusticeDb;
}
