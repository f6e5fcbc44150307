import { parseResidentId } from '@yss/contracts';
import { type Kysely, sql } from 'kysely';
import type { DepartmentImplementation } from '../framework/contract.js';
import { ageOn } from '../kit/dates.js';
import { DEFAULT_AS_OF } from '../population-register/generator.js';
import {
  ALLOWANCE_ONLINE_CITIES,
  ALLOWANCE_STATUSES,
  type AllowanceStatus,
  ASSISTANCE_KINDS,
  ASSISTANCE_STATUSES,
  ASSISTANCE_STEPS,
  type AssistanceKind,
  type AssistanceStatus,
  type AssistanceStep,
  allowanceAmount,
  bracketOf,
  CERTIFICATE_NAMES,
  MARRIAGE_KINDS,
  MARRIAGE_STATUSES,
  type MarriageKind,
  type MarriageStatus,
} from './codes.js';
import type { AssistanceCase, CivilAffairsSpec, MarriageRecord, OldAgeAllowance } from './contract.js';
import { type CivilAffairsDb, type CivilAffairsTables, civilAffairsDb } from './tables.js';
import { SandboxCivilAffairsWrites } from './writes.js';

const day = (column: string) => sql<string>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;
const dayOrNull = (column: string) => sql<string | null>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;
const iso = (d: Date | string) => new Date(d).toISOString();
const money = (v: string | null) => (v === null ? null : Math.round(Number(v) * 100) / 100);
type CityCode = AssistanceCase['cityCode'];

/** The embedded sandbox of the civil-affairs system: reads its own schema only. */
export class SandboxCivilAffairs<DB extends CivilAffairsTables = CivilAffairsTables> {
  private readonly db: CivilAffairsDb;
  private readonly today: string;

  private readonly writes: SandboxCivilAffairsWrites;

  constructor(db: Kysely<DB>, options: { today?: string } = {}) {
    this.db = civilAffairsDb(db);
    this.writes = new SandboxCivilAffairsWrites(db);
    this.today = options.today ?? DEFAULT_AS_OF;
  }

  operations(): DepartmentImplementation<CivilAffairsSpec> {
    return {
      marriageRecords: async ({ idNumber }) => ({ records: await this.marriages(idNumber) }),
      oldAgeAllowance: ({ idNumber }) => this.allowance(idNumber),
      assistanceCases: async ({ idNumber }) => ({ cases: await this.cases(idNumber) }),
      seniorCard: async ({ idNumber }) => ({ card: await this.writes.seniorCard(idNumber) }),
      enrolOldAgeAllowance: (input) => this.writes.enrolAllowance(input),
      issueSeniorCard: (input) => this.writes.issueSeniorCard(input),
    };
  }

  private async marriages(idNumber: string): Promise<MarriageRecord[]> {
    const select = () =>
      this.db
        .selectFrom('dept_minzheng.marriage_records')
        .select([
          'record_id',
          'kind',
          'certificate_number',
          'registry',
          'husband_id_number',
          'husband_name',
          'wife_id_number',
          'wife_name',
          'status',
          'updated_at',
        ])
        .select(day('registered_on').as('registered'));
    const [asHusband, asWife] = await Promise.all([
      select().where('husband_id_number', '=', idNumber).execute(),
      select().where('wife_id_number', '=', idNumber).execute(),
    ]);
    return [...asHusband, ...asWife]
      .map((r) => {
        const husband = r.husband_id_number === idNumber;
        return {
          recordId: r.record_id,
          kind: r.kind as MarriageKind,
          kindName: MARRIAGE_KINDS[r.kind as MarriageKind],
          certificateName: CERTIFICATE_NAMES[r.kind as MarriageKind],
          certificateNumber: r.certificate_number,
          registeredOn: r.registered,
          registry: r.registry,
          spouseName: husband ? r.wife_name : r.husband_name,
          spouseIdNumber: husband ? r.wife_id_number : r.husband_id_number,
          status: r.status as MarriageStatus,
          statusName: MARRIAGE_STATUSES[r.status as MarriageStatus],
          updatedAt: iso(r.updated_at),
        };
      })
      .sort((a, b) => b.registeredOn.localeCompare(a.registeredOn) || a.recordId.localeCompare(b.recordId));
  }

  private async allowance(idNumber: string): Promise<OldAgeAllowance> {
    const parsed = parseResidentId(idNumber);
    const age = parsed.ok ? ageOn(parsed.birthDate, this.today) : 0;
    const row = await this.db
      .selectFrom('dept_minzheng.old_age_allowances')
      .select(['city_code', 'status', 'since_month', 'channel', 'updated_at'])
      .select(dayOrNull('applied_on').as('applied'))
      .where('id_number', '=', idNumber)
      .executeTakeFirst();
    const bracket = bracketOf(age);
    if (!row || !bracket) return { age, ageEligible: bracket !== null, allowance: null };
    return {
      age,
      ageEligible: true,
      allowance: {
        cityCode: row.city_code as CityCode,
        bracket,
        monthlyAmount: allowanceAmount(row.city_code, bracket),
        status: row.status as AllowanceStatus,
        statusName: ALLOWANCE_STATUSES[row.status as AllowanceStatus],
        since: row.since_month,
        appliedOn: row.applied,
        channel: row.channel as 'online' | 'counter' | null,
        onlineApplication: ALLOWANCE_ONLINE_CITIES.includes(row.city_code),
        updatedAt: iso(row.updated_at),
      },
    };
  }

  private async cases(idNumber: string): Promise<AssistanceCase[]> {
    const rows = await this.db
      .selectFrom('dept_minzheng.assistance_cases')
      .select([
        'case_id',
        'case_number',
        'kind',
        'city_code',
        'household_size',
        'channel',
        'status',
        'monthly_amount',
        'one_off_amount',
        'progress',
        'updated_at',
      ])
      .select(day('applied_on').as('applied'))
      .where('id_number', '=', idNumber)
      .orderBy('applied_on', 'desc')
      .orderBy('case_id')
      .execute();
    return rows.map((r) => {
      const progress = (typeof r.progress === 'string' ? JSON.parse(r.progress) : r.progress) as {
        step: AssistanceStep;
        on: string;
        note?: string;
      }[];
      return {
        caseId: r.case_id,
        caseNumber: r.case_number,
        kind: r.kind as AssistanceKind,
        kindName: ASSISTANCE_KINDS[r.kind as AssistanceKind],
        cityCode: r.city_code as CityCode,
        householdSize: r.household_size,
        channel: r.channel as 'online' | 'counter',
        appliedOn: r.applied,
        status: r.status as AssistanceStatus,
        statusName: ASSISTANCE_STATUSES[r.status as AssistanceStatus],
        monthlyAmount: money(r.monthly_amount),
        oneOffAmount: money(r.one_off_amount),
        progress: progress.map((p) => ({ step: p.step, name: ASSISTANCE_STEPS[p.step], on: p.on })),
        rejectionReason: progress.find((p) => p.step === 'rejected')?.note ?? null,
        updatedAt: iso(r.updated_at),
      };
    });
  }
}
