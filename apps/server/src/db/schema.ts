import type { HousingFundTables } from '../departments/housing-fund/tables.js';
import type { MedicalInsuranceTables } from '../departments/medical-insurance/tables.js';
import type { PopulationRegisterTables } from '../departments/population-register/tables.js';
import type { SocialInsuranceTables } from '../departments/social-insurance/tables.js';
import type { AuditTables } from '../modules/audit/tables.js';
import type { CatalogTables } from '../modules/catalog/tables.js';
import type { DelegationTables } from '../modules/delegation/tables.js';
import type { FeedbackTables } from '../modules/feedback/tables.js';
import type { IdentityTables } from '../modules/identity/tables.js';
import type { StaffTables } from '../modules/staff/tables.js';

/** The whole database as Kysely sees it: the union of every module's own tables. */
export interface Database
  extends CatalogTables,
    FeedbackTables,
    IdentityTables,
    AuditTables,
    DelegationTables,
    StaffTables,
    // The sandbox departments live in the same database, each in its own schema (dept_*); only their
    // own connector code queries them.
    PopulationRegisterTables,
    SocialInsuranceTables,
    MedicalInsuranceTables,
    HousingFundTables {
  schema_migrations: { version: string; checksum: string; applied_at: Date };
}
