import type { CityCode } from '@yss/contracts';
import type { Db } from '../../db/database.js';
import { insertUnnest } from '../kit/bulk.js';
import { addDays, addWorkingDays, addYears, ageOn, dayBetween, maxDate, minDate, momentOn } from '../kit/dates.js';
import { isDemoPerson } from '../kit/demo.js';
import { cityOfRegion, districtOf, guangdongCity } from '../kit/places.js';
import type { DepartmentSeeder, SeedContext } from '../province/seed-context.js';
import type { RegisteredPerson } from './contract.js';
import type { PeopleBatch, Rng } from './generator.js';
import { ROADS } from './generator.js';
import {
  type ApprovalKind,
  type ApprovalStatus,
  type ApprovalStep,
  type Channel,
  type CollectionMethod,
  ID_CARD_FEES,
  ID_CARD_PATHS,
  type IdCardKind,
  type IdCardStep,
  NO_ONLINE_BIRTH_REGISTRATION,
  PERMIT_VALID_YEARS,
  type PermitKind,
  type PermitStep,
  type RegistrationStatus,
} from './household-codes.js';
import { DEMO_HOUSEHOLD } from './household-demo.js';
import { permitEligibleFrom } from './household-sandbox.js';

/**
 * The register's household-service records of the synthetic province (C1, C3, C4), per person from
 * ctx.rng('household', personId), consistent with the register itself: births of the last three years
 * approved on a parent's application (online except in 广州/深圳, where 出生登记 is not online); deaths
 * cancelled on a living relative's application; hukou moves for people whose ID number was first issued
 * in another city; residence registration and permits for everyone living outside their hukou city, with
 * the guide's half-year wait (深圳 none) and issue within 10 working days.
 */

export interface IdCardRecord {
  applicationId: string;
  idNumber: string;
  kind: IdCardKind;
  cityCode: CityCode;
  office: string;
  acceptedOn: string;
  fee: number;
  collection: CollectionMethod;
  status: IdCardStep;
  progress: { step: IdCardStep; on: string }[];
  updatedAt: string;
}

export interface ApprovalRecord {
  approvalId: string;
  number: string;
  kind: ApprovalKind;
  subjectIdNumber: string;
  subjectName: string;
  applicantIdNumber: string | null;
  applicantName: string | null;
  cityCode: CityCode;
  authority: string;
  channel: Channel;
  submittedOn: string;
  status: ApprovalStatus;
  decidedOn: string | null;
  progress: { step: ApprovalStep; on: string }[];
  updatedAt: string;
}

export interface RegistrationRecord {
  registrationId: string;
  idNumber: string;
  cityCode: CityCode;
  address: string;
  declaredOn: string;
  channel: Channel;
  status: RegistrationStatus;
  approvedOn: string | null;
  updatedAt: string;
}

export interface PermitRecord {
  permitId: string;
  idNumber: string;
  kind: PermitKind;
  cityCode: CityCode;
  issuedBy: string;
  address: string;
  appliedOn: string;
  acceptedOn: string;
  issuedOn: string | null;
  validUntil: string | null;
  endorsements: string[];
  progress: { step: PermitStep; on: string }[];
  updatedAt: string;
}

export interface HouseholdRecords {
  idCards: IdCardRecord[];
  approvals: ApprovalRecord[];
  registrations: RegistrationRecord[];
  permits: PermitRecord[];
}

const emptyRecords = (): HouseholdRecords => ({ idCards: [], approvals: [], registrations: [], permits: [] });

/** 派出所 of a district, e.g. 广州市公安局天河分局中山路派出所. */
export function policeStation(cityCode: CityCode, districtName: string, rng: Rng): string {
  const city = guangdongCity(cityCode);
  const stem = rng.pick(ROADS).replace(/(路|大道|街)$/, '');
  return `${city.fullName}公安局${districtName.replace(/(区|县|市|街道|镇)$/, '')}分局${stem}派出所`;
}

function districtIn(cityCode: CityCode, regionCode: string, rng: Rng) {
  return districtOf(regionCode) ?? rng.pick(guangdongCity(cityCode).districts);
}

/** Walk a path of steps from `start`, each 1–`gap` days after the last, stopping at the province's date. */
function walk<S extends string>(path: readonly S[], start: string, rng: Rng, asOf: string, gap = 4) {
  const out: { step: S; on: string }[] = [];
  let on = start;
  for (const step of path) {
    if (out.length > 0) on = addDays(on, rng.int(1, gap));
    if (on > asOf) break;
    out.push({ step, on });
  }
  return out;
}

function idCardOf(person: RegisteredPerson, rng: Rng, ctx: SeedContext): IdCardRecord[] {
  const cityCode = person.residenceCityCode;
  if (!cityCode || !rng.chance(0.09)) return [];
  const age = ageOn(person.birthDate, ctx.asOf);
  const kind: IdCardKind =
    age < 17 ? 'first-issue' : rng.chance(0.55) ? 'renewal' : rng.chance(0.85) ? 'reissue' : 'replacement';
  const acceptedOn = dayBetween(maxDate(addDays(ctx.asOf, -540), person.birthDate), addDays(ctx.asOf, -1), rng.float());
  const collection: CollectionMethod = rng.chance(0.3) ? 'mail' : 'counter';
  const progress = walk(ID_CARD_PATHS[collection], acceptedOn, rng, ctx.asOf, 6);
  const district = districtIn(cityCode, person.hukouCityCode === cityCode ? person.hukouRegionCode : '', rng);
  const last = progress.at(-1) as { step: IdCardStep; on: string };
  return [
    {
      applicationId: rng.uuid(),
      idNumber: person.idNumber,
      kind,
      cityCode,
      office: policeStation(cityCode, district.name, rng),
      acceptedOn,
      fee: ID_CARD_FEES[kind],
      collection,
      status: last.step,
      progress,
      updatedAt: momentOn(last.on, rng.float()),
    },
  ];
}

function approval(
  rng: Rng,
  ctx: SeedContext,
  fields: Pick<
    ApprovalRecord,
    'kind' | 'subjectIdNumber' | 'subjectName' | 'applicantIdNumber' | 'applicantName' | 'channel'
  > & {
    cityCode: CityCode;
    regionCode: string;
    submittedOn: string;
    rejectChance?: number;
  },
): ApprovalRecord {
  const { regionCode, rejectChance = 0.02, ...rest } = fields;
  const path: ApprovalStep[] =
    fields.channel === 'online'
      ? ['submitted', 'accepted', 'reviewed', 'approved']
      : ['accepted', 'reviewed', 'approved'];
  const progress = walk(path, fields.submittedOn, rng, ctx.asOf, 6);
  const last = progress.at(-1) as { step: ApprovalStep; on: string };
  let status: ApprovalStatus = last.step === 'approved' ? 'approved' : 'pending';
  if (status === 'approved' && rng.chance(rejectChance)) {
    status = 'rejected';
    last.step = 'rejected';
  }
  const district = districtIn(fields.cityCode, regionCode, rng);
  return {
    approvalId: rng.uuid(),
    number: `${fields.cityCode}${fields.submittedOn.replaceAll('-', '')}${String(rng.int(0, 9999)).padStart(4, '0')}`,
    ...rest,
    authority: policeStation(fields.cityCode, district.name, rng),
    status,
    decidedOn: status === 'pending' ? null : last.on,
    progress,
    updatedAt: momentOn(last.on, rng.float()),
  };
}

function ownApprovals(person: RegisteredPerson, rng: Rng, ctx: SeedContext): ApprovalRecord[] {
  const cityCode = person.hukouCityCode;
  if (!cityCode || ageOn(person.birthDate, ctx.asOf) < 18) return [];
  const out: ApprovalRecord[] = [];
  const self = {
    subjectIdNumber: person.idNumber,
    subjectName: person.name,
    applicantIdNumber: person.idNumber,
    applicantName: person.name,
  };
  const base = { ...self, cityCode, regionCode: person.hukouRegionCode };
  const recent = (years: number) => dayBetween(addYears(ctx.asOf, -years), addDays(ctx.asOf, -1), rng.float());
  const firstCity = cityOfRegion(person.idNumber.slice(0, 6));
  if (person.status === 'cancelled') {
    out.push(
      approval(rng, ctx, {
        ...base,
        kind: 'cancellation',
        channel: 'counter',
        submittedOn: recent(8),
        rejectChance: 0,
      }),
    );
    return out;
  }
  if (person.status !== 'normal') return out;
  // Moved their hukou here from another city or province: the record of the last six years is kept.
  if (firstCity !== cityCode && rng.chance(0.4)) {
    const submittedOn = maxDate(recent(6), addYears(person.birthDate, 18));
    out.push(
      approval(rng, ctx, { ...base, kind: 'move-in', channel: rng.chance(0.3) ? 'online' : 'counter', submittedOn }),
    );
  }
  if (rng.chance(0.012))
    out.push(approval(rng, ctx, { ...base, kind: 'move-within', channel: 'counter', submittedOn: recent(3) }));
  if (rng.chance(0.008))
    out.push(approval(rng, ctx, { ...base, kind: 'change', channel: 'counter', submittedOn: recent(3) }));
  const delta = ['440100', '440300', '440400', '440600', '440700', '441300', '441900', '442000', '441200'];
  if (!delta.includes(cityCode) && rng.chance(0.001)) {
    out.push(approval(rng, ctx, { ...base, kind: 'non-agri-to-agri', channel: 'counter', submittedOn: recent(3) }));
  }
  // 恢复户口: a hukou cancelled in error, or on enlisting or settling abroad, restored at the old address or (非原址)
  // at another. Its own random stream, so that adding it left every other record of the province as it was.
  const restoring = ctx.rng('household-restore', person.personId);
  if (restoring.chance(0.004)) {
    out.push(
      approval(restoring, ctx, {
        ...base,
        kind: restoring.chance(0.5) ? 'restore' : 'restore-elsewhere',
        channel: 'counter',
        submittedOn: dayBetween(addYears(ctx.asOf, -6), addDays(ctx.asOf, -1), restoring.float()),
      }),
    );
  }
  return out;
}

/** Approvals that involve two people of a household: a birth applied for by a parent, a death by a relative. */
function familyApprovals(batch: PeopleBatch, ctx: SeedContext): ApprovalRecord[] {
  const byId = new Map(batch.people.map((p) => [p.personId, p]));
  const relatives = new Map<string, { relation: string; person: RegisteredPerson }[]>();
  for (const r of batch.relations) {
    const relative = byId.get(r.relativeId);
    if (!relative) continue;
    const list = relatives.get(r.personId) ?? [];
    list.push({ relation: r.relation, person: relative });
    relatives.set(r.personId, list);
  }
  const out: ApprovalRecord[] = [];
  for (const person of batch.people) {
    if (isDemoPerson(person) || !person.hukouCityCode) continue;
    const rng = ctx.rng('household-family', person.personId);
    const living = (relatives.get(person.personId) ?? []).filter((r) => r.person.status === 'normal');
    const base = {
      subjectIdNumber: person.idNumber,
      subjectName: person.name,
      cityCode: person.hukouCityCode,
      regionCode: person.hukouRegionCode,
    };
    if (person.status === 'normal' && person.birthDate >= addYears(ctx.asOf, -3)) {
      const parents = living.filter((r) => r.relation === 'parent').map((r) => r.person);
      const applicant = parents.find((p) => p.sex === 'female' && rng.chance(0.7)) ?? parents[0];
      if (!applicant) continue;
      const submittedOn = addDays(person.birthDate, rng.int(7, 60));
      if (submittedOn > ctx.asOf) continue;
      const online = !NO_ONLINE_BIRTH_REGISTRATION.includes(person.hukouCityCode) && rng.chance(0.6);
      out.push(
        approval(rng, ctx, {
          ...base,
          kind: 'birth',
          applicantIdNumber: applicant.idNumber,
          applicantName: applicant.name,
          channel: online ? 'online' : 'counter',
          submittedOn,
          rejectChance: 0,
        }),
      );
    }
    if (person.status === 'deceased') {
      const applicant =
        living.find((r) => r.relation === 'child')?.person ?? living.find((r) => r.relation === 'spouse')?.person;
      const submittedOn = dayBetween(addYears(ctx.asOf, -5), addDays(ctx.asOf, -1), rng.float());
      out.push(
        approval(rng, ctx, {
          ...base,
          kind: 'cancellation',
          applicantIdNumber: applicant?.idNumber ?? null,
          applicantName: applicant?.name ?? null,
          channel: 'counter',
          submittedOn,
          rejectChance: 0,
        }),
      );
    }
  }
  return out;
}

function residenceOf(
  person: RegisteredPerson,
  rng: Rng,
  ctx: SeedContext,
): Pick<HouseholdRecords, 'registrations' | 'permits'> {
  const cityCode = person.residenceCityCode;
  const none = { registrations: [], permits: [] };
  if (person.status !== 'normal' || !cityCode || cityCode === person.hukouCityCode) return none;
  const earliest = maxDate(addYears(person.birthDate, 16), addYears(ctx.asOf, -12));
  const latest = addDays(ctx.asOf, -3);
  if (earliest > latest) return none;
  const address = person.residenceAddress ?? '';
  const declaredOn = dayBetween(earliest, latest, rng.float());
  const decided = addDays(declaredOn, rng.int(1, 7));
  const status: RegistrationStatus = decided > ctx.asOf ? 'pending' : rng.chance(0.01) ? 'rejected' : 'approved';
  const registration: RegistrationRecord = {
    registrationId: rng.uuid(),
    idNumber: person.idNumber,
    cityCode,
    address,
    declaredOn,
    channel: declaredOn >= '2018-01-01' && rng.chance(0.5) ? 'online' : 'counter',
    status,
    approvedOn: status === 'approved' ? decided : null,
    updatedAt: momentOn(status === 'pending' ? declaredOn : decided, rng.float()),
  };
  const eligible = permitEligibleFrom(cityCode, registration.approvedOn);
  if (!eligible || !rng.chance(0.85)) return { registrations: [registration], permits: [] };
  let appliedOn = addDays(eligible, rng.int(0, 240));
  if (appliedOn > ctx.asOf) return { registrations: [registration], permits: [] };
  // 3-year permits, renewed shortly before they run out (most people): only the latest is kept.
  for (;;) {
    const issued = addWorkingDays(appliedOn, rng.int(3, 10));
    const validUntil = addDays(addYears(issued, PERMIT_VALID_YEARS.guangdong), -1);
    if (validUntil >= ctx.asOf || !rng.chance(0.8)) break;
    appliedOn = addDays(validUntil, -rng.int(5, 30));
  }
  return { registrations: [registration], permits: [permit(person, 'guangdong', cityCode, appliedOn, rng, ctx)] };
}

export function permit(
  person: RegisteredPerson,
  kind: PermitKind,
  cityCode: CityCode,
  appliedOn: string,
  rng: Rng,
  ctx: SeedContext,
): PermitRecord {
  const acceptedOn = appliedOn;
  const approvedOn = addWorkingDays(acceptedOn, rng.int(1, 3));
  const issuedOn = addWorkingDays(acceptedOn, rng.int(4, 10));
  const progress: { step: PermitStep; on: string }[] = [
    { step: 'applied', on: appliedOn },
    { step: 'accepted', on: acceptedOn },
    { step: 'approved', on: approvedOn },
    { step: 'issued', on: issuedOn },
  ].filter((p) => p.on <= ctx.asOf) as { step: PermitStep; on: string }[];
  const issued = issuedOn <= ctx.asOf;
  const validUntil = issued ? addDays(addYears(issuedOn, PERMIT_VALID_YEARS[kind]), -1) : null;
  const endorsements: string[] = [];
  if (issued && kind === 'guangdong') {
    for (let k = 1; k < PERMIT_VALID_YEARS.guangdong; k++) {
      const due = addYears(issuedOn, k);
      if (due > ctx.asOf || !rng.chance(0.9)) break;
      endorsements.push(addDays(due, -rng.int(0, 25)));
    }
  }
  const last = endorsements.at(-1) ?? (progress.at(-1) as { on: string }).on;
  return {
    permitId: rng.uuid(),
    idNumber: person.idNumber,
    kind,
    cityCode,
    issuedBy: `${guangdongCity(cityCode).fullName}公安局`,
    address: person.residenceAddress ?? '',
    appliedOn,
    acceptedOn,
    issuedOn: issued ? issuedOn : null,
    validUntil,
    endorsements,
    progress,
    updatedAt: momentOn(minDate(last, ctx.asOf), rng.float()),
  };
}

export function householdRecords(batch: PeopleBatch, ctx: SeedContext): HouseholdRecords {
  const all = emptyRecords();
  for (const person of batch.people) {
    if (isDemoPerson(person)) {
      const demo = DEMO_HOUSEHOLD.get(person.personId);
      if (demo)
        for (const key of Object.keys(all) as (keyof HouseholdRecords)[]) all[key].push(...(demo[key] as never[]));
      continue;
    }
    const rng = ctx.rng('household', person.personId);
    if (person.status === 'normal') all.idCards.push(...idCardOf(person, rng, ctx));
    all.approvals.push(...ownApprovals(person, rng, ctx));
    const residence = residenceOf(person, rng, ctx);
    all.registrations.push(...residence.registrations);
    all.permits.push(...residence.permits);
  }
  all.approvals.push(...familyApprovals(batch, ctx));
  return all;
}

export async function insertHouseholdRecords(db: Db, r: HouseholdRecords): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await insertUnnest(
      tx,
      'dept_gongan.id_card_applications',
      [
        { name: 'application_id', type: 'uuid', value: (x) => x.applicationId },
        { name: 'id_number', type: 'text', value: (x) => x.idNumber },
        { name: 'kind', type: 'text', value: (x) => x.kind },
        { name: 'city_code', type: 'text', value: (x) => x.cityCode },
        { name: 'office', type: 'text', value: (x) => x.office },
        { name: 'accepted_on', type: 'date', value: (x) => x.acceptedOn },
        { name: 'fee', type: 'numeric', value: (x) => x.fee },
        { name: 'collection', type: 'text', value: (x) => x.collection },
        { name: 'status', type: 'text', value: (x) => x.status },
        { name: 'progress', type: 'jsonb', value: (x) => x.progress },
        { name: 'updated_at', type: 'timestamptz', value: (x) => x.updatedAt },
      ],
      r.idCards,
    );
    await insertUnnest(
      tx,
      'dept_gongan.household_approvals',
      [
        { name: 'approval_id', type: 'uuid', value: (x) => x.approvalId },
        { name: 'number', type: 'text', value: (x) => x.number },
        { name: 'kind', type: 'text', value: (x) => x.kind },
        { name: 'subject_id_number', type: 'text', value: (x) => x.subjectIdNumber },
        { name: 'subject_name', type: 'text', value: (x) => x.subjectName },
        { name: 'applicant_id_number', type: 'text', value: (x) => x.applicantIdNumber },
        { name: 'applicant_name', type: 'text', value: (x) => x.applicantName },
        { name: 'city_code', type: 'text', value: (x) => x.cityCode },
        { name: 'authority', type: 'text', value: (x) => x.authority },
        { name: 'channel', type: 'text', value: (x) => x.channel },
        { name: 'submitted_on', type: 'date', value: (x) => x.submittedOn },
        { name: 'status', type: 'text', value: (x) => x.status },
        { name: 'decided_on', type: 'date', value: (x) => x.decidedOn },
        { name: 'progress', type: 'jsonb', value: (x) => x.progress },
        { name: 'updated_at', type: 'timestamptz', value: (x) => x.updatedAt },
      ],
      r.approvals,
    );
    await insertUnnest(
      tx,
      'dept_gongan.residence_registrations',
      [
        { name: 'registration_id', type: 'uuid', value: (x) => x.registrationId },
        { name: 'id_number', type: 'text', value: (x) => x.idNumber },
        { name: 'city_code', type: 'text', value: (x) => x.cityCode },
        { name: 'address', type: 'text', value: (x) => x.address },
        { name: 'declared_on', type: 'date', value: (x) => x.declaredOn },
        { name: 'channel', type: 'text', value: (x) => x.channel },
        { name: 'status', type: 'text', value: (x) => x.status },
        { name: 'approved_on', type: 'date', value: (x) => x.approvedOn },
        { name: 'updated_at', type: 'timestamptz', value: (x) => x.updatedAt },
      ],
      r.registrations,
    );
    await insertUnnest(
      tx,
      'dept_gongan.residence_permits',
      [
        { name: 'permit_id', type: 'uuid', value: (x) => x.permitId },
        { name: 'id_number', type: 'text', value: (x) => x.idNumber },
        { name: 'kind', type: 'text', value: (x) => x.kind },
        { name: 'city_code', type: 'text', value: (x) => x.cityCode },
        { name: 'issued_by', type: 'text', value: (x) => x.issuedBy },
        { name: 'address', type: 'text', value: (x) => x.address },
        { name: 'applied_on', type: 'date', value: (x) => x.appliedOn },
        { name: 'accepted_on', type: 'date', value: (x) => x.acceptedOn },
        { name: 'issued_on', type: 'date', value: (x) => x.issuedOn },
        { name: 'valid_until', type: 'date', value: (x) => x.validUntil },
        { name: 'endorsements', type: 'jsonb', value: (x) => x.endorsements },
        { name: 'progress', type: 'jsonb', value: (x) => x.progress },
        { name: 'updated_at', type: 'timestamptz', value: (x) => x.updatedAt },
      ],
      r.permits,
    );
  });
}

export const householdSeeder: DepartmentSeeder = {
  name: 'population-register (household services)',
  seedBatch: (db, batch, ctx) => insertHouseholdRecords(db, householdRecords(batch, ctx)),
};
