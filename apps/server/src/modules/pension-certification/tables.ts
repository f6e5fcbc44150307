import type { Generated } from 'kysely';

/** Tables owned by 养老资格认证 (migrations/0064_pension-certification.sql); only repository.ts queries them. */
export interface PensionCertificationTables {
  pension_certification_claims: {
    id: Generated<string>;
    subject_person_id: string;
    /** China date, 'yyyy-mm-dd' (read back as text). */
    day: string;
    actor_account_id: string;
    delegation_id: string | null;
    state: 'pending' | 'certified' | 'refused' | 'failed';
    valid_until: string | null;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
  };
}
