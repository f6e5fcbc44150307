import type { EmailOutboxTables } from '../connectors/email/tables.js';
import type { SandboxPayTables } from '../connectors/payments/sandbox/tables.js';
import type { CivilAffairsTables } from '../departments/civil-affairs/tables.js';
import type { CoachDeptTables } from '../departments/coach/tables.js';
import type { CreditTables } from '../departments/credit/tables.js';
import type { DisabledPersonsTables } from '../departments/disabled-persons/tables.js';
import type { EducationTables } from '../departments/education/tables.js';
import type { ExitEntryTables } from '../departments/exit-entry/tables.js';
import type { FlightsDeptTables } from '../departments/flights/tables.js';
import type { HealthTables } from '../departments/health/tables.js';
import type { HousingFundTables } from '../departments/housing-fund/tables.js';
import type { JusticeTables } from '../departments/justice/tables.js';
import type { MedicalInsuranceTables } from '../departments/medical-insurance/tables.js';
import type { MigrantServicesTables } from '../departments/migrant-services/tables.js';
import type { HouseholdTables } from '../departments/population-register/household-tables.js';
import type { PopulationRegisterTables } from '../departments/population-register/tables.js';
import type { ProvinceSeedTables } from '../departments/province/tables.js';
import type { RealEstateTables } from '../departments/real-estate/tables.js';
import type { SocialInsuranceTables } from '../departments/social-insurance/tables.js';
import type { TaxTables } from '../departments/tax/tables.js';
import type { TrafficTables } from '../departments/traffic/tables.js';
import type { UtilitiesTables } from '../departments/utilities/tables.js';
import type { VolunteersTables } from '../departments/volunteers/tables.js';
import type { AppointmentTables } from '../modules/appointments/tables.js';
import type { AuditTables } from '../modules/audit/tables.js';
import type { BackupTables } from '../modules/backup/tables.js';
import type { CaseTables } from '../modules/cases/tables.js';
import type { CatalogTables } from '../modules/catalog/tables.js';
import type { CoachTables } from '../modules/coach/tables.js';
import type { CreditSubscriptionTables } from '../modules/credit/tables.js';
import type { DelegationTables } from '../modules/delegation/tables.js';
import type { EndorsementTables } from '../modules/endorsements/tables.js';
import type { FeedbackTables } from '../modules/feedback/tables.js';
import type { HousingFundWithdrawalTables } from '../modules/housing-fund-withdrawal/tables.js';
import type { IdentityTables } from '../modules/identity/tables.js';
import type { InvoiceTitleTables } from '../modules/invoice-titles/tables.js';
import type { JobTables } from '../modules/jobs/tables.js';
import type { ExamLookupTables } from '../modules/lookups/education/tables.js';
import type { UtilityBindingTables } from '../modules/lookups/utilities/tables.js';
import type { MedicalPaymentTables } from '../modules/medical-insurance/tables.js';
import type { MoveCarTables } from '../modules/move-car/tables.js';
import type { NotificationTables } from '../modules/notifications/tables.js';
import type { PaymentTables } from '../modules/payments/tables.js';
import type { PensionCertificationTables } from '../modules/pension-certification/tables.js';
import type { PrivacyTables } from '../modules/privacy/tables.js';
import type { PurchaseTaxTables } from '../modules/purchase-tax/tables.js';
import type { StaffTables } from '../modules/staff/tables.js';
import type { TaxCertificateTables } from '../modules/tax-certificates/tables.js';
import type { TaxPaymentTables } from '../modules/tax-payments/tables.js';
import type { TravelTables } from '../modules/travel/tables.js';
import type { UtilityPaymentTables } from '../modules/utility-payments/tables.js';
import type { WalletLinkTables } from '../modules/wallet/link-tables.js';
import type { WalletTables } from '../modules/wallet/tables.js';
import type { WalletVerifierTables } from '../modules/wallet-verifier/tables.js';
import type { WorkCalendarTables } from '../modules/work-calendar/tables.js';

/** The whole database as Kysely sees it: the union of every module's own tables. */
export interface Database
  extends CatalogTables,
    FeedbackTables,
    IdentityTables,
    AuditTables,
    DelegationTables,
    StaffTables,
    WalletTables,
    WalletVerifierTables,
    WalletLinkTables,
    UtilityBindingTables,
    NotificationTables,
    CreditSubscriptionTables,
    JobTables,
    ExamLookupTables,
    MedicalPaymentTables,
    CaseTables,
    AppointmentTables,
    WorkCalendarTables,
    BackupTables,
    PrivacyTables,
    CoachTables,
    PaymentTables,
    UtilityPaymentTables,
    MoveCarTables,
    PensionCertificationTables,
    TaxPaymentTables,
    PurchaseTaxTables,
    EndorsementTables,
    HousingFundWithdrawalTables,
    TaxCertificateTables,
    EmailOutboxTables,
    InvoiceTitleTables,
    TravelTables,
    // The sandbox payment provider's own tables (sandbox_pay_*): only its connector code queries them.
    SandboxPayTables,
    // The sandbox departments live in the same database, each in its own schema (dept_*); only their
    // own connector code queries them.
    PopulationRegisterTables,
    ProvinceSeedTables,
    HouseholdTables,
    TrafficTables,
    ExitEntryTables,
    CivilAffairsTables,
    DisabledPersonsTables,
    HealthTables,
    EducationTables,
    UtilitiesTables,
    JusticeTables,
    TaxTables,
    CreditTables,
    RealEstateTables,
    SocialInsuranceTables,
    MedicalInsuranceTables,
    HousingFundTables,
    VolunteersTables,
    CoachDeptTables,
    FlightsDeptTables,
    MigrantServicesTables {
  schema_migrations: { version: string; checksum: string; applied_at: Date };
}
