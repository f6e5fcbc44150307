import type { ColumnType, Kysely } from 'kysely';

/** A date or timestamptz written as text; read it with to_char (drivers differ in what they return). */
type TextDate = ColumnType<Date, string, string>;
type NullableTextDate = ColumnType<Date | null, string | null, string | null>;
type Json<T> = ColumnType<T, string, string>;

/**
 * Tables of the sandbox utility companies' billing systems, schema `dept_gongyong`
 * (migrations/0023_dept_utilities.sql). Only the sandbox (sandbox.ts) and the generator touch them.
 */
export interface UtilitiesTables {
  'dept_gongyong.accounts': {
    account_number: string;
    company_id: 'guangzhou-gas' | 'csg-guangdong-power' | 'yangjiang-water';
    city_code: string;
    holder_person_id: string;
    holder_id_number: string;
    holder_name: string;
    address: string;
    opened_on: TextDate;
    updated_at: TextDate;
  };
  'dept_gongyong.bills': {
    account_number: string;
    period: string;
    previous_reading: number;
    current_reading: number;
    consumption: number;
    charges: Json<{ tier: number; quantity: number; priceFen: number; amountFen: number }[]>;
    amount_fen: number;
    issued_on: TextDate;
    due_on: TextDate;
    status: 'paid' | 'unpaid';
    paid_at: NullableTextDate;
    payment_reference: string | null;
    updated_at: TextDate;
  };
}

export type UtilitiesDb = Kysely<UtilitiesTables>;

export function utilitiesDb<DB extends UtilitiesTables>(db: Kysely<DB>): UtilitiesDb {
  return db as unknown as UtilitiesDb;
}
