import { type Kysely, sql } from 'kysely';
import { addDays, addMonthsToDate, addYears, minDate } from '../kit/dates.js';
import { DEFAULT_AS_OF } from './generator.js';
import {
  APPROVAL_KINDS,
  APPROVAL_STATUSES,
  APPROVAL_STEPS,
  type ApprovalKind,
  type ApprovalStatus,
  type ApprovalStep,
  CHANNELS,
  type Channel,
  COLLECTION_METHODS,
  type CollectionMethod,
  ID_CARD_KINDS,
  ID_CARD_STEPS,
  type IdCardKind,
  type IdCardStep,
  PERMIT_KINDS,
  PERMIT_NO_WAIT_CITIES,
  PERMIT_STATUSES,
  PERMIT_STEPS,
  PERMIT_WAIT_MONTHS,
  type PermitKind,
  type PermitStatus,
  type PermitStep,
  REGISTRATION_STATUSES,
  type RegistrationStatus,
} from './household-codes.js';
import type {
  HouseholdApproval,
  IdCardApplication,
  ResidencePermit,
  ResidenceRegistration,
} from './household-contract.js';
import { type HouseholdDb, type HouseholdTables, householdDb } from './household-tables.js';

const day = (column: string) => sql<string>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;
const dayOrNull = (column: string) => sql<string | null>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;
const iso = (d: Date | string) => new Date(d).toISOString();
const parsed = <T>(value: T | string): T => (typeof value === 'string' ? (JSON.parse(value) as T) : value);

type CityCode = IdCardApplication['cityCode'];

/** The yearly 签注 of a 广东省居住证 runs a year from issue, a year more per endorsement, never past the card. */
export function endorsedUntil(
  kind: PermitKind,
  issuedOn: string | null,
  validUntil: string | null,
  endorsements: number,
) {
  if (kind !== 'guangdong' || !issuedOn || !validUntil) return null;
  return minDate(validUntil, addDays(addYears(issuedOn, 1 + endorsements), -1));
}

/** The first day a 广东省居住证 may be applied for after an approved registration (the guide, C1). */
export function permitEligibleFrom(cityCode: string, approvedOn: string | null): string | null {
  if (!approvedOn) return null;
  return PERMIT_NO_WAIT_CITIES.includes(cityCode) ? approvedOn : addMonthsToDate(approvedOn, PERMIT_WAIT_MONTHS);
}

/**
 * The register's household services, answering from its own schema: ID-card progress of the last half
 * year (C3), approvals where the person is the subject or the applicant (C4), residence registrations and
 * permits (C1). "Today" is the province's date.
 */
export class SandboxHouseholdServices<DB extends HouseholdTables = HouseholdTables> {
  private readonly db: HouseholdDb;
  private readonly today: string;

  constructor(db: Kysely<DB>, options: { today?: string } = {}) {
    this.db = householdDb(db);
    this.today = options.today ?? DEFAULT_AS_OF;
  }

  async idCardApplications(idNumber: string): Promise<IdCardApplication[]> {
    const since = addMonthsToDate(this.today, -6);
    const rows = await this.db
      .selectFrom('dept_gongan.id_card_applications')
      .select([
        'application_id',
        'kind',
        'city_code',
        'office',
        'fee',
        'collection',
        'status',
        'progress',
        'updated_at',
      ])
      .select(day('accepted_on').as('accepted'))
      .where('id_number', '=', idNumber)
      .where(sql<boolean>`accepted_on >= ${since}::date`)
      .orderBy('accepted_on', 'desc')
      .orderBy('application_id')
      .execute();
    return rows.map((r) => ({
      applicationId: r.application_id,
      kind: r.kind as IdCardKind,
      kindName: ID_CARD_KINDS[r.kind as IdCardKind],
      cityCode: r.city_code as CityCode,
      office: r.office,
      acceptedOn: r.accepted,
      fee: Number(r.fee),
      collection: r.collection as CollectionMethod,
      collectionName: COLLECTION_METHODS[r.collection as CollectionMethod],
      status: r.status as IdCardStep,
      statusName: ID_CARD_STEPS[r.status as IdCardStep],
      progress: parsed(r.progress).map((p) => ({
        step: p.step as IdCardStep,
        name: ID_CARD_STEPS[p.step as IdCardStep],
        on: p.on,
      })),
      updatedAt: iso(r.updated_at),
    }));
  }

  async householdApprovals(idNumber: string): Promise<HouseholdApproval[]> {
    const select = () =>
      this.db
        .selectFrom('dept_gongan.household_approvals')
        .select([
          'approval_id',
          'number',
          'kind',
          'subject_id_number',
          'subject_name',
          'applicant_name',
          'city_code',
          'authority',
          'channel',
          'status',
          'progress',
          'updated_at',
        ])
        .select([day('submitted_on').as('submitted'), dayOrNull('decided_on').as('decided')]);
    const [about, by] = await Promise.all([
      select().where('subject_id_number', '=', idNumber).execute(),
      select().where('applicant_id_number', '=', idNumber).where('subject_id_number', '<>', idNumber).execute(),
    ]);
    return [...about, ...by]
      .map((r) => ({
        approvalId: r.approval_id,
        number: r.number,
        kind: r.kind as ApprovalKind,
        kindName: APPROVAL_KINDS[r.kind as ApprovalKind],
        role: r.subject_id_number === idNumber ? ('subject' as const) : ('applicant' as const),
        subjectName: r.subject_name,
        applicantName: r.applicant_name,
        cityCode: r.city_code as CityCode,
        authority: r.authority,
        channel: r.channel as Channel,
        channelName: CHANNELS[r.channel as Channel],
        submittedOn: r.submitted,
        status: r.status as ApprovalStatus,
        statusName: APPROVAL_STATUSES[r.status as ApprovalStatus],
        decidedOn: r.decided,
        progress: parsed(r.progress).map((p) => ({
          step: p.step as ApprovalStep,
          name: APPROVAL_STEPS[p.step as ApprovalStep],
          on: p.on,
        })),
        updatedAt: iso(r.updated_at),
      }))
      .sort((a, b) => b.submittedOn.localeCompare(a.submittedOn) || a.approvalId.localeCompare(b.approvalId));
  }

  async residenceRecords(
    idNumber: string,
  ): Promise<{ registrations: ResidenceRegistration[]; permits: ResidencePermit[] }> {
    const [registrations, permits] = await Promise.all([
      this.db
        .selectFrom('dept_gongan.residence_registrations')
        .select(['registration_id', 'city_code', 'address', 'channel', 'status', 'updated_at'])
        .select([day('declared_on').as('declared'), dayOrNull('approved_on').as('approved')])
        .where('id_number', '=', idNumber)
        .orderBy('declared_on', 'desc')
        .orderBy('registration_id')
        .execute(),
      this.db
        .selectFrom('dept_gongan.residence_permits')
        .select([
          'permit_id',
          'id_number',
          'kind',
          'city_code',
          'issued_by',
          'address',
          'endorsements',
          'progress',
          'updated_at',
        ])
        .select([
          day('applied_on').as('applied'),
          day('accepted_on').as('accepted'),
          dayOrNull('issued_on').as('issued'),
          dayOrNull('valid_until').as('until'),
        ])
        .where('id_number', '=', idNumber)
        .orderBy('applied_on', 'desc')
        .orderBy('permit_id')
        .execute(),
    ]);
    return {
      registrations: registrations.map((r) => ({
        registrationId: r.registration_id,
        cityCode: r.city_code as CityCode,
        address: r.address,
        declaredOn: r.declared,
        channel: r.channel as Channel,
        status: r.status as RegistrationStatus,
        statusName: REGISTRATION_STATUSES[r.status as RegistrationStatus],
        approvedOn: r.approved,
        permitEligibleFrom: permitEligibleFrom(r.city_code, r.approved),
        updatedAt: iso(r.updated_at),
      })),
      permits: permits.map((r) => {
        const kind = r.kind as PermitKind;
        const endorsements = parsed(r.endorsements);
        const until = endorsedUntil(kind, r.issued, r.until, endorsements.length);
        const status: PermitStatus = !r.issued
          ? 'processing'
          : (r.until as string) < this.today
            ? 'expired'
            : until !== null && until < this.today
              ? 'endorsement-due'
              : 'valid';
        return {
          permitId: r.permit_id,
          kind,
          kindName: PERMIT_KINDS[kind],
          cardNumber: r.id_number,
          cityCode: r.city_code as CityCode,
          issuedBy: r.issued_by,
          address: r.address,
          appliedOn: r.applied,
          acceptedOn: r.accepted,
          issuedOn: r.issued,
          validUntil: r.until,
          endorsedUntil: until,
          endorsements,
          status,
          statusName: PERMIT_STATUSES[status],
          progress: parsed(r.progress).map((p) => ({
            step: p.step as PermitStep,
            name: PERMIT_STEPS[p.step as PermitStep],
            on: p.on,
          })),
          updatedAt: iso(r.updated_at),
        };
      }),
    };
  }
}
