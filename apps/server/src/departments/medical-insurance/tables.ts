import type { Kysely } from 'kysely';

/**
 * Tables of the sandbox 医保 system, schema `dept_yibao` (migrations/0011_dept_medical-insurance.sql). Only
 * this department's sandbox and generator touch them. Money is integer fen.
 */
export interface MedicalInsuranceTables {
  'dept_yibao.accounts': {
    id_number: string;
    name: string;
    scheme: 'employee' | 'resident';
    status: 'active' | 'suspended' | 'terminated';
    insured_city_code: string;
    /** Personal-account balance; null for the resident scheme (no personal account). */
    balance_fen: number | null;
    updated_at: Date;
  };
  'dept_yibao.payment_activations': {
    id_number: string;
    city_code: string;
    activated_at: Date;
    channel: string;
  };
  'dept_yibao.account_transactions': {
    id_number: string;
    seq: number;
    occurred_at: Date;
    kind: 'credit' | 'pharmacy' | 'outpatient' | 'inpatient';
    description: string;
    place: string | null;
    amount_fen: number;
    balance_after_fen: number;
  };
}

export type MedicalInsuranceDb = Kysely<MedicalInsuranceTables>;

/** Narrow a handle that sees (at least) these tables to one that sees only them (Kysely's DB type is invariant). */
export function medicalInsuranceDb<DB extends MedicalInsuranceTables>(db: Kysely<DB>): MedicalInsuranceDb {
  return db as unknown as MedicalInsuranceDb;
}
