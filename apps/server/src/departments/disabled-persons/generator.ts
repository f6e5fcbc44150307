import type { CityCode } from '@yss/contracts';
import type { Db } from '../../db/database.js';
import { assistanceCases } from '../civil-affairs/generator.js';
import { insertUnnest } from '../kit/bulk.js';
import { addDays, addYears, ageOn, dayBetween, maxDate, momentOn } from '../kit/dates.js';
import { isDemoPerson } from '../kit/demo.js';
import { districtOf, guangdongCity } from '../kit/places.js';
import type { RegisteredPerson } from '../population-register/contract.js';
import type { PeopleBatch, Rng } from '../population-register/generator.js';
import type { DepartmentSeeder, SeedContext } from '../province/seed-context.js';
import {
  APPLICATION_PATHS,
  type ApplicationKind,
  type ApplicationStatus,
  type ApplicationStep,
  type Category,
  type CertificateStatus,
  type Grade,
  type SubsidyKind,
  subsidyAmount,
  validYears,
} from './codes.js';
import { DEMO_DISABLED_PERSONS } from './demo.js';

/**
 * The 残联 records of the synthetic province, per person from ctx.rng('disabled', personId): certificates
 * for people with a Guangdong hukou (issued where the hukou is) at rates rising with age, categories that
 * fit the age (intellectual more among children, sight and hearing among the old); the care subsidy for
 * grades 一级/二级; the living subsidy for people whose household receives 低保 or is a 低收入家庭 in the
 * civil-affairs records (the same pure generator, so both departments agree); applications of the last
 * two years, made by a parent for children and for people with severe intellectual or mental disabilities
 * (为他人办理), otherwise by the person.
 */

export interface CertificateRow {
  certificateNumber: string;
  idNumber: string;
  name: string;
  category: Category;
  grade: Grade;
  firstIssuedOn: string;
  issuedOn: string;
  validUntil: string;
  issuedBy: string;
  cityCode: CityCode;
  status: CertificateStatus;
  updatedAt: string;
}

export interface SubsidyRow {
  subsidyId: string;
  idNumber: string;
  kind: SubsidyKind;
  monthlyAmount: number;
  sinceMonth: string;
  status: 'receiving' | 'stopped';
  cityCode: CityCode;
  updatedAt: string;
}

export interface ApplicationRow {
  applicationId: string;
  kind: ApplicationKind;
  subjectIdNumber: string;
  subjectName: string;
  applicantIdNumber: string;
  applicantName: string;
  submittedOn: string;
  status: ApplicationStatus;
  progress: { step: ApplicationStep; on: string }[];
  updatedAt: string;
}

export interface DisabledPersonsRecords {
  certificates: CertificateRow[];
  subsidies: SubsidyRow[];
  applications: ApplicationRow[];
}

export const federationOf = (regionCode: string, cityCode: CityCode) =>
  `${guangdongCity(cityCode).fullName}${regionCode === cityCode ? '' : (districtOf(regionCode)?.name ?? '')}残疾人联合会`;

function rate(age: number): number {
  return age < 18 ? 0.008 : age < 60 ? 0.018 : age < 80 ? 0.05 : 0.1;
}

function pickCategory(rng: Rng, age: number): Category {
  const weights: [Category, number][] =
    age < 18
      ? [
          [5, 35],
          [2, 12],
          [3, 8],
          [4, 20],
          [6, 5],
          [7, 15],
          [1, 5],
        ]
      : age >= 60
        ? [
            [1, 22],
            [2, 25],
            [4, 40],
            [6, 5],
            [7, 8],
          ]
        : [
            [4, 45],
            [1, 10],
            [2, 10],
            [3, 2],
            [5, 10],
            [6, 15],
            [7, 8],
          ];
  const total = weights.reduce((s, [, w]) => s + w, 0);
  let x = rng.float() * total;
  for (const [c, w] of weights) {
    x -= w;
    if (x < 0) return c;
  }
  return 4;
}

function pickGrade(rng: Rng): Grade {
  const x = rng.float();
  return x < 0.12 ? 1 : x < 0.35 ? 2 : x < 0.65 ? 3 : 4;
}

function walk(path: readonly ApplicationStep[], start: string, rng: Rng, asOf: string) {
  const out: { step: ApplicationStep; on: string }[] = [];
  let on = start;
  for (const step of path) {
    if (out.length > 0) on = addDays(on, rng.int(step === 'assessed' ? 7 : 1, step === 'assessed' ? 30 : 10));
    if (on > asOf) break;
    out.push({ step, on });
  }
  return out;
}

export function application(
  kind: ApplicationKind,
  subject: RegisteredPerson,
  applicant: RegisteredPerson,
  submittedOn: string,
  rng: Rng,
  ctx: SeedContext,
): ApplicationRow {
  const progress = walk(APPLICATION_PATHS[kind], submittedOn, rng, ctx.asOf);
  const last = progress.at(-1) as { step: ApplicationStep; on: string };
  const done = last.step === (APPLICATION_PATHS[kind].at(-1) as ApplicationStep);
  return {
    applicationId: rng.uuid(),
    kind,
    subjectIdNumber: subject.idNumber,
    subjectName: subject.name,
    applicantIdNumber: applicant.idNumber,
    applicantName: applicant.name,
    submittedOn,
    status: done ? 'completed' : 'processing',
    progress,
    updatedAt: momentOn(last.on, rng.float()),
  };
}

function recordsOf(
  person: RegisteredPerson,
  carer: RegisteredPerson | undefined,
  assisted: boolean,
  ctx: SeedContext,
): DisabledPersonsRecords {
  const out: DisabledPersonsRecords = { certificates: [], subsidies: [], applications: [] };
  const cityCode = person.hukouCityCode;
  if (!cityCode || person.status === 'cancelled') return out;
  const rng = ctx.rng('disabled', person.personId);
  const age = ageOn(person.birthDate, ctx.asOf);
  if (age < 1 || !rng.chance(rate(age))) return out;
  const category = pickCategory(rng, age);
  const grade = pickGrade(rng);
  const firstIssuedOn = dayBetween(
    maxDate(addYears(person.birthDate, 1), '2008-01-01'),
    addDays(ctx.asOf, -20),
    rng.float(),
  );
  // Renewed on expiry: the current card is the one whose period holds the province's date (or the last).
  let issuedOn = firstIssuedOn;
  let validUntil = addDays(addYears(issuedOn, validYears(ageOn(person.birthDate, issuedOn))), -1);
  while (validUntil < ctx.asOf && rng.chance(0.9)) {
    issuedOn = addDays(validUntil, -rng.int(0, 60));
    validUntil = addDays(addYears(issuedOn, validYears(ageOn(person.birthDate, issuedOn))), -1);
  }
  const status: CertificateStatus =
    person.status === 'deceased' ? 'cancelled' : validUntil < ctx.asOf ? 'expired' : 'valid';
  out.certificates.push({
    certificateNumber: `${person.idNumber}${category}${grade}`,
    idNumber: person.idNumber,
    name: person.name,
    category,
    grade,
    firstIssuedOn,
    issuedOn,
    validUntil,
    issuedBy: federationOf(person.hukouRegionCode, cityCode),
    cityCode,
    status,
    updatedAt: momentOn(issuedOn, rng.float()),
  });
  // Someone else applies for a child or for a person with a severe intellectual or mental disability.
  const applicant = carer && (age < 16 || ((category === 5 || category === 6) && grade <= 2)) ? carer : person;
  const living = status === 'valid';
  const subsidy = (kind: SubsidyKind, from: string) => {
    if (from > ctx.asOf) return;
    const appliedFor = kind === 'care' ? 'care-subsidy' : 'living-subsidy';
    const request = application(appliedFor, person, applicant, from, rng, ctx);
    if (from >= addYears(ctx.asOf, -2)) out.applications.push(request);
    // Paid from the month after approval; an application still in progress pays nothing yet.
    if (request.status !== 'completed') return;
    const since = addDays((request.progress.at(-1) as { on: string }).on, 20).slice(0, 7);
    out.subsidies.push({
      subsidyId: rng.uuid(),
      idNumber: person.idNumber,
      kind,
      monthlyAmount: subsidyAmount(kind, grade),
      sinceMonth: since,
      status: living ? 'receiving' : 'stopped',
      cityCode,
      updatedAt: momentOn(`${since}-01`, rng.float()),
    });
  };
  if (grade <= 2 && rng.chance(0.9)) subsidy('care', addDays(issuedOn, rng.int(5, 40)));
  if (assisted) subsidy('living', addDays(issuedOn, rng.int(5, 60)));
  if (firstIssuedOn >= addYears(ctx.asOf, -2)) {
    // Applied for 60–90 days before the card was issued (the assessment takes most of it).
    const request = application(
      'certificate-new',
      person,
      applicant,
      addDays(firstIssuedOn, -rng.int(60, 90)),
      rng,
      ctx,
    );
    const issued = request.progress.at(-1) as { step: ApplicationStep; on: string };
    if (issued.step === 'issued') issued.on = firstIssuedOn;
    out.applications.push(request);
  }
  // A few ask for their grade to be assessed again.
  if (living && grade > 1 && rng.chance(0.03)) {
    out.applications.push(
      application(
        'grade-change',
        person,
        applicant,
        dayBetween(addDays(ctx.asOf, -90), addDays(ctx.asOf, -1), rng.float()),
        rng,
        ctx,
      ),
    );
  }
  return out;
}

export function disabledPersonsRecords(batch: PeopleBatch, ctx: SeedContext): DisabledPersonsRecords {
  const out: DisabledPersonsRecords = { certificates: [], subsidies: [], applications: [] };
  const byId = new Map(batch.people.map((p) => [p.personId, p]));
  // The carer who applies for someone: a living parent, else a living adult child, else the spouse.
  const carers = new Map<string, RegisteredPerson>();
  const rank = { parent: 0, child: 1, spouse: 2 } as const;
  const best = new Map<string, number>();
  for (const r of batch.relations) {
    const relative = byId.get(r.relativeId);
    if (relative?.status !== 'normal' || ageOn(relative.birthDate, ctx.asOf) < 18) continue;
    if ((best.get(r.personId) ?? 9) <= rank[r.relation]) continue;
    best.set(r.personId, rank[r.relation]);
    carers.set(r.personId, relative);
  }
  // Households receiving 低保 or registered as 低收入家庭 in the civil-affairs records.
  const assisted = new Set(
    assistanceCases(batch, ctx)
      .filter(
        (c) => (c.kind === 'dibao' || c.kind === 'low-income') && (c.status === 'approved' || c.status === 'paid'),
      )
      .map((c) => c.idNumber),
  );
  for (const person of batch.people) {
    const r = isDemoPerson(person)
      ? (DEMO_DISABLED_PERSONS.get(person.personId) ?? { certificates: [], subsidies: [], applications: [] })
      : recordsOf(person, carers.get(person.personId), assisted.has(person.idNumber), ctx);
    out.certificates.push(...r.certificates);
    out.subsidies.push(...r.subsidies);
    out.applications.push(...r.applications);
  }
  return out;
}

export async function insertDisabledPersonsRecords(db: Db, r: DisabledPersonsRecords): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await insertUnnest(
      tx,
      'dept_canlian.certificates',
      [
        { name: 'certificate_number', type: 'text', value: (x) => x.certificateNumber },
        { name: 'id_number', type: 'text', value: (x) => x.idNumber },
        { name: 'name', type: 'text', value: (x) => x.name },
        { name: 'category', type: 'int', value: (x) => x.category },
        { name: 'grade', type: 'int', value: (x) => x.grade },
        { name: 'first_issued_on', type: 'date', value: (x) => x.firstIssuedOn },
        { name: 'issued_on', type: 'date', value: (x) => x.issuedOn },
        { name: 'valid_until', type: 'date', value: (x) => x.validUntil },
        { name: 'issued_by', type: 'text', value: (x) => x.issuedBy },
        { name: 'city_code', type: 'text', value: (x) => x.cityCode },
        { name: 'status', type: 'text', value: (x) => x.status },
        { name: 'updated_at', type: 'timestamptz', value: (x) => x.updatedAt },
      ],
      r.certificates,
    );
    await insertUnnest(
      tx,
      'dept_canlian.subsidies',
      [
        { name: 'subsidy_id', type: 'uuid', value: (x) => x.subsidyId },
        { name: 'id_number', type: 'text', value: (x) => x.idNumber },
        { name: 'kind', type: 'text', value: (x) => x.kind },
        { name: 'monthly_amount', type: 'numeric', value: (x) => x.monthlyAmount },
        { name: 'since_month', type: 'text', value: (x) => x.sinceMonth },
        { name: 'status', type: 'text', value: (x) => x.status },
        { name: 'city_code', type: 'text', value: (x) => x.cityCode },
        { name: 'updated_at', type: 'timestamptz', value: (x) => x.updatedAt },
      ],
      r.subsidies,
    );
    await insertUnnest(
      tx,
      'dept_canlian.applications',
      [
        { name: 'application_id', type: 'uuid', value: (x) => x.applicationId },
        { name: 'kind', type: 'text', value: (x) => x.kind },
        { name: 'subject_id_number', type: 'text', value: (x) => x.subjectIdNumber },
        { name: 'subject_name', type: 'text', value: (x) => x.subjectName },
        { name: 'applicant_id_number', type: 'text', value: (x) => x.applicantIdNumber },
        { name: 'applicant_name', type: 'text', value: (x) => x.applicantName },
        { name: 'submitted_on', type: 'date', value: (x) => x.submittedOn },
        { name: 'status', type: 'text', value: (x) => x.status },
        { name: 'progress', type: 'jsonb', value: (x) => x.progress },
        { name: 'updated_at', type: 'timestamptz', value: (x) => x.updatedAt },
      ],
      r.applications,
    );
  });
}

export const disabledPersonsSeeder: DepartmentSeeder = {
  name: 'disabled-persons',
  seedBatch: (db, batch, ctx) => insertDisabledPersonsRecords(db, disabledPersonsRecords(batch, ctx)),
};
