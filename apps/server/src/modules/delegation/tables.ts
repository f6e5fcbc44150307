import type { ConsentMethod } from '@yss/contracts';
import type { Generated } from 'kysely';

/** Tables owned by the delegation module (migrations/0008_delegation.sql). */
export interface DelegationTables {
  delegations: {
    id: Generated<string>;
    agent_account_id: string;
    principal_person_id: string;
    principal_id_number_encrypted: string;
    principal_id_number_index: string;
    principal_name_masked: string;
    principal_id_number_masked: string;
    relation: 'spouse' | 'child' | 'parent' | null;
    kind: 'consent' | 'guardian';
    service_ids: string[];
    status: Generated<'pending' | 'active' | 'declined' | 'revoked' | 'expired'>;
    consent_method: ConsentMethod | null;
    consented_at: Date | null;
    valid_until: Date;
    valid_days: number;
    revoked_at: Date | null;
    revoked_by: 'agent' | 'principal' | null;
    created_at: Generated<Date>;
  };
}
