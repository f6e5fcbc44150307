import { type Kysely, sql } from 'kysely';
import type { DepartmentImplementation } from '../framework/contract.js';
import { DEFAULT_AS_OF } from '../population-register/generator.js';
import {
  APPLICATION_KINDS,
  APPLICATION_STATUSES,
  APPLICATION_STEPS,
  type ApplicationKind,
  type ApplicationStatus,
  type ApplicationStep,
  CATEGORIES,
  type Category,
  CERTIFICATE_STATUSES,
  type CertificateStatus,
  GRADES,
  type Grade,
  SUBSIDY_KINDS,
  SUBSIDY_STATUSES,
  type SubsidyKind,
  type SubsidyStatus,
} from './codes.js';
import type {
  DisabilityApplication,
  DisabilityCertificate,
  DisabilitySubsidy,
  DisabledPersonsSpec,
} from './contract.js';
import { type DisabledPersonsDb, type DisabledPersonsTables, disabledPersonsDb } from './tables.js';
import { SandboxDisabledPersonsWrites } from './writes.js';

const day = (column: string) => sql<string>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;
const iso = (d: Date | string) => new Date(d).toISOString();
type CityCode = DisabilityCertificate['cityCode'];

/** The embedded sandbox of the disabled persons' federation system: reads its own schema only. */
export class SandboxDisabledPersons<DB extends DisabledPersonsTables = DisabledPersonsTables> {
  private readonly db: DisabledPersonsDb;
  private readonly today: string;
  private readonly writes: SandboxDisabledPersonsWrites;

  constructor(db: Kysely<DB>, options: { today?: string } = {}) {
    this.db = disabledPersonsDb(db);
    this.writes = new SandboxDisabledPersonsWrites(db);
    this.today = options.today ?? DEFAULT_AS_OF;
  }

  operations(): DepartmentImplementation<DisabledPersonsSpec> {
    return {
      certificate: async ({ idNumber }) => ({ certificate: (await this.certificate(idNumber)) ?? null }),
      subsidies: async ({ idNumber }) => ({ subsidies: await this.subsidies(idNumber) }),
      applications: async ({ idNumber }) => ({ applications: await this.applications(idNumber) }),
      issueCertificate: (input) => this.writes.issueCertificate(input),
      grantSubsidy: (input) => this.writes.grantSubsidy(input),
    };
  }

  private async certificate(idNumber: string): Promise<DisabilityCertificate | undefined> {
    const r = await this.db
      .selectFrom('dept_canlian.certificates')
      .select(['certificate_number', 'name', 'category', 'grade', 'issued_by', 'city_code', 'status', 'updated_at'])
      .select([day('first_issued_on').as('first'), day('issued_on').as('issued'), day('valid_until').as('until')])
      .where('id_number', '=', idNumber)
      .executeTakeFirst();
    if (!r) return undefined;
    const status: CertificateStatus =
      r.status === 'valid' && r.until < this.today ? 'expired' : (r.status as CertificateStatus);
    return {
      certificateNumber: r.certificate_number,
      name: r.name,
      category: r.category,
      categoryName: CATEGORIES[r.category as Category],
      grade: r.grade,
      gradeName: GRADES[r.grade as Grade],
      firstIssuedOn: r.first,
      issuedOn: r.issued,
      validUntil: r.until,
      issuedBy: r.issued_by,
      cityCode: r.city_code as CityCode,
      status,
      statusName: CERTIFICATE_STATUSES[status],
      updatedAt: iso(r.updated_at),
    };
  }

  private async subsidies(idNumber: string): Promise<DisabilitySubsidy[]> {
    const rows = await this.db
      .selectFrom('dept_canlian.subsidies')
      .select(['subsidy_id', 'kind', 'monthly_amount', 'since_month', 'status', 'city_code', 'updated_at'])
      .where('id_number', '=', idNumber)
      .orderBy('since_month', 'desc')
      .orderBy('subsidy_id')
      .execute();
    return rows.map((r) => ({
      subsidyId: r.subsidy_id,
      kind: r.kind as SubsidyKind,
      kindName: SUBSIDY_KINDS[r.kind as SubsidyKind],
      monthlyAmount: Math.round(Number(r.monthly_amount) * 100) / 100,
      since: r.since_month,
      status: r.status as SubsidyStatus,
      statusName: SUBSIDY_STATUSES[r.status as SubsidyStatus],
      cityCode: r.city_code as CityCode,
      updatedAt: iso(r.updated_at),
    }));
  }

  private async applications(idNumber: string): Promise<DisabilityApplication[]> {
    const select = () =>
      this.db
        .selectFrom('dept_canlian.applications')
        .select([
          'application_id',
          'kind',
          'subject_id_number',
          'subject_name',
          'applicant_name',
          'status',
          'progress',
          'updated_at',
        ])
        .select(day('submitted_on').as('submitted'));
    const [about, forOthers] = await Promise.all([
      select().where('subject_id_number', '=', idNumber).execute(),
      select().where('applicant_id_number', '=', idNumber).where('subject_id_number', '<>', idNumber).execute(),
    ]);
    return [...about, ...forOthers]
      .map((r) => {
        const progress = (typeof r.progress === 'string' ? JSON.parse(r.progress) : r.progress) as {
          step: ApplicationStep;
          on: string;
        }[];
        return {
          applicationId: r.application_id,
          kind: r.kind as ApplicationKind,
          kindName: APPLICATION_KINDS[r.kind as ApplicationKind],
          role: r.subject_id_number === idNumber ? ('subject' as const) : ('applicant' as const),
          subjectName: r.subject_name,
          applicantName: r.applicant_name,
          submittedOn: r.submitted,
          status: r.status as ApplicationStatus,
          statusName: APPLICATION_STATUSES[r.status as ApplicationStatus],
          progress: progress.map((p) => ({ step: p.step, name: APPLICATION_STEPS[p.step], on: p.on })),
          updatedAt: iso(r.updated_at),
        };
      })
      .sort((a, b) => b.submittedOn.localeCompare(a.submittedOn) || a.applicationId.localeCompare(b.applicationId));
  }
}
