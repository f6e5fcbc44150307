import type { Kysely } from 'kysely';

/**
 * Tables of the sandbox housing-fund centres, schema `dept_gjj` (migrations/0012_dept_housing-fund.sql). One
 * schema stands for the connected centres; rows carry the centre's city. Only this department's sandbox
 * and generator touch them. Money: integer fen; bases: integer yuan.
 */
export interface HousingFundTables {
  'dept_gjj.accounts': {
    id_number: string;
    city_code: string;
    account_number: string;
    status: 'normal' | 'sealed';
    unit_name: string;
    unit_uscc: string;
    base_yuan: number;
    employee_rate_bp: number;
    employer_rate_bp: number;
    opened_on: Date;
    last_deposit_month: string;
    balance_fen: number;
    bound_phone: string | null;
    updated_at: Date;
  };
  /** One run of months of one job at one base and rate (see generator.ts). */
  'dept_gjj.deposit_spans': {
    id_number: string;
    city_code: string;
    from_month: string;
    to_month: string;
    unit_name: string;
    unit_uscc: string;
    base_yuan: number;
    employee_rate_bp: number;
    employer_rate_bp: number;
  };
  'dept_gjj.withdrawals': {
    id_number: string;
    city_code: string;
    application_number: string;
    reason: 'rent' | 'house-purchase' | 'loan-repayment';
    amount_fen: number;
    status: 'completed' | 'in-progress' | 'rejected';
    channel: 'counter' | 'online' | 'yueshengshi';
    applied_at: Date;
    completed_on: Date | null;
    /** The platform's id of the application (a retry is the same application); null for other channels. */
    request_id: string | null;
    bank_name: string | null;
    bank_card_masked: string | null;
    /** Why the centre refused an accepted application (e.g. the balance fell below the amount). */
    refusal_note: string | null;
  };
  /** 公积金贷款 (migrations/0054): the loan contract; the schedule is computed from it. */
  'dept_gjj.loans': {
    id_number: string;
    city_code: string;
    contract_number: string;
    principal_fen: number;
    term_months: number;
    annual_rate_bp: number;
    repayment_method: 'equal-installment' | 'equal-principal';
    first_repayment_month: string;
    repayment_day: number;
    lending_bank: string;
    overdue_periods: number;
    settled_on: Date | null;
  };
}

export type HousingFundDb = Kysely<HousingFundTables>;

/** Narrow a handle that sees (at least) these tables to one that sees only them (Kysely's DB type is invariant). */
export function housingFundDb<DB extends HousingFundTables>(db: Kysely<DB>): HousingFundDb {
  return db as unknown as HousingFundDb;
}
