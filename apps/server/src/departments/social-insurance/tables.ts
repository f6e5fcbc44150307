import type { Kysely } from 'kysely';

/**
 * Tables of the sandbox 人社 system, schema `dept_shebao` (migrations/0010_dept_social-insurance.sql). Only
 * this department's sandbox (sandbox.ts) and generator (generator.ts) touch them. Months are 'YYYY-MM' text,
 * money integer fen (pensions) or integer yuan (contribution bases); dates and times are read as text
 * (to_char) because the two database drivers return them differently.
 */
export interface SocialInsuranceTables {
  'dept_shebao.insured_persons': {
    id_number: string;
    social_security_number: string;
    name: string;
    hk_macau: 'hong-kong' | 'macau' | null;
    scheme: 'enterprise' | 'institution' | 'resident';
    status: 'contributing' | 'suspended' | 'retired' | 'terminated';
    insured_city_code: string;
    first_insured_month: string | null;
    last_contribution_month: string | null;
    contribution_months: number;
    deemed_months: number;
    current_unit_name: string | null;
    current_unit_uscc: string | null;
    pension_fen: number | null;
    pension_since: string | null;
    updated_at: Date;
  };
  /** One run of months `from_month`..`to_month` of one job at one base (see profile.ts). */
  'dept_shebao.contribution_spans': {
    id_number: string;
    from_month: string;
    to_month: string;
    city_code: string;
    unit_name: string;
    unit_uscc: string;
    base_yuan: number;
    injury_rate_bp: number;
  };
  'dept_shebao.cards': {
    id_number: string;
    card_number: string;
    generation: number;
    bank_name: string | null;
    bank_account: string | null;
    issuing_city_code: string;
    issued_on: Date;
    status: 'normal' | 'lost' | 'cancelled';
    updated_at: Date;
  };
  'dept_shebao.pension_certifications': {
    id_number: string;
    certified_at: Date;
    /** The agent's ID number when done for the pensioner by another person, else null (self). */
    agent_id_number: string | null;
    channel: string;
  };
}

export type SocialInsuranceDb = Kysely<SocialInsuranceTables>;

/** Narrow a handle that sees (at least) these tables to one that sees only them (Kysely's DB type is invariant). */
export function socialInsuranceDb<DB extends SocialInsuranceTables>(db: Kysely<DB>): SocialInsuranceDb {
  return db as unknown as SocialInsuranceDb;
}
