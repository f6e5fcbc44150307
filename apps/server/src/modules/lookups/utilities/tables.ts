import type { Generated } from 'kysely';

/** Tables of 户号绑定 (migrations/0035_lookups_utility-bindings.sql); only repository.ts queries them. */
export interface UtilityBindingTables {
  utility_bindings: {
    id: Generated<string>;
    /** The population register's opaque person id of the citizen who bound the account. */
    person_id: string;
    company_id: 'guangzhou-gas' | 'csg-guangdong-power' | 'yangjiang-water';
    utility: 'gas' | 'power' | 'water';
    account_number_encrypted: string;
    account_number_index: string;
    holder_name_masked: string;
    address_masked: string;
    created_at: Generated<Date>;
  };
  utility_bind_failures: {
    person_id: string;
    failed_at: Generated<Date>;
  };
}
