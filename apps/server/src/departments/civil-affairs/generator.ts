import { type CityCode, makeResidentId } from '@yss/contracts';
import type { Db } from '../../db/database.js';
import { insertUnnest } from '../kit/bulk.js';
import { addDays, addYears, ageOn, dayBetween, maxDate, minDate, momentOn } from '../kit/dates.js';
import { isDemoPerson } from '../kit/demo.js';
import { cityOfRegion, districtOf, guangdongCity } from '../kit/places.js';
import type { RegisteredPerson } from '../population-register/contract.js';
import { OTHER_PROVINCE_DISTRICTS, type PeopleBatch, type Rng, SURNAMES } from '../population-register/generator.js';
import { lifeOf } from '../province/life.js';
import type { DepartmentSeeder, SeedContext } from '../province/seed-context.js';
import {
  ALLOWANCE_MIN_AGE,
  ALLOWANCE_ONLINE_CITIES,
  type AllowanceStatus,
  ASSISTANCE_REJECTION_REASONS,
  type AssistanceKind,
  type AssistanceStatus,
  type AssistanceStep,
  CERTIFICATE_PREFIX,
  dibaoStandard,
  MARRIAGE_AGE,
  type MarriageKind,
  type MarriageStatus,
} from './codes.js';
import { DEMO_CIVIL_AFFAIRS } from './demo.js';

/**
 * The civil-affairs records of the synthetic province, consistent with the population register:
 * - a marriage registration for every spouse link of the register where at least one spouse has a
 *   Guangdong hukou (a couple both registered elsewhere married in their home province), after both
 *   reached the legal age and mostly before their first child; some people were married before and
 *   divorced — their former spouse is not in this province's register (ID numbers with sequences 996/997,
 *   which the register's generator never issues, so they cannot be anyone's there);
 * - the roll of the elderly (Guangdong hukou, 80+) with their 高龄津贴, applied for online only in the
 *   guide's cities (肇庆、清远、韶关), at the counter elsewhere;
 * - social assistance for people without work or pension (lifeOf) with a Guangdong hukou.
 */

export interface MarriageRecordRow {
  recordId: string;
  kind: MarriageKind;
  certificateNumber: string;
  registeredOn: string;
  registry: string;
  husbandIdNumber: string;
  husbandName: string;
  wifeIdNumber: string;
  wifeName: string;
  status: MarriageStatus;
  updatedAt: string;
}

export interface AllowanceRow {
  idNumber: string;
  name: string;
  cityCode: CityCode;
  status: AllowanceStatus;
  sinceMonth: string | null;
  appliedOn: string | null;
  channel: 'online' | 'counter' | null;
  updatedAt: string;
}

export interface AssistanceRow {
  caseId: string;
  caseNumber: string;
  idNumber: string;
  kind: AssistanceKind;
  cityCode: CityCode;
  householdSize: number;
  channel: 'online' | 'counter';
  appliedOn: string;
  status: AssistanceStatus;
  monthlyAmount: number | null;
  oneOffAmount: number | null;
  /** The 不予批准 step carries the decision's reason (`note`). */
  progress: { step: AssistanceStep; on: string; note?: string }[];
  updatedAt: string;
}

/** A 老年人优待证 as 民政 records it (`dept_minzheng.senior_cards`); the generated province has none, the demo one. */
export interface SeniorCardRow {
  cardNumber: string;
  idNumber: string;
  name: string;
  cityCode: CityCode;
  kind: 'first' | 'reissue';
  issuedOn: string;
  status: 'valid' | 'cancelled';
  updatedAt: string;
}

export interface CivilAffairsRecords {
  marriages: MarriageRecordRow[];
  allowances: AllowanceRow[];
  cases: AssistanceRow[];
  /** Issued at the counter (no platform reference): the online ones are written back by approved cases. */
  seniorCards: SeniorCardRow[];
}

/** 婚姻登记处 of a county-level region, e.g. 广州市天河区民政局婚姻登记处 (东莞、中山: the city's). */
export function registryOf(regionCode: string): string {
  const city = cityOfRegion(regionCode);
  if (!city) throw new Error(`not a Guangdong region: ${regionCode}`);
  const district = regionCode === city ? undefined : districtOf(regionCode);
  return `${guangdongCity(city).fullName}${district?.name ?? ''}民政局婚姻登记处`;
}

export function certificateNumber(kind: MarriageKind, regionCode: string, on: string, rng: Rng): string {
  return `${CERTIFICATE_PREFIX[kind]}${regionCode}-${on.slice(0, 4)}-${String(rng.int(1, 999_999)).padStart(6, '0')}`;
}

const EX_GIVEN = { male: '伟强军明华志文斌涛杰', female: '芳丽敏静燕玲娟霞红婷' } as const;

/** Someone outside this province's register: another province's ID number, sequence 996/997. */
function formerSpouse(person: RegisteredPerson, rng: Rng): { idNumber: string; name: string } {
  const sex = person.sex === 'male' ? 'female' : 'male';
  // Old enough when they married: a former husband 2–6 years older, a former wife up to a year younger.
  const birth =
    sex === 'male' ? addYears(person.birthDate, -rng.int(2, 6)) : addDays(person.birthDate, rng.int(-4 * 365, 365));
  const region = rng.pick(OTHER_PROVINCE_DISTRICTS).code;
  const idNumber = makeResidentId(region, birth, sex === 'male' ? 997 : 996);
  const name = rng.pick(SURNAMES.slice(0, 60)) + rng.pick(Array.from(EX_GIVEN[sex]));
  return { idNumber, name };
}

/** The Guangdong hukou region where a couple registers: the husband's if he has one, else the wife's. */
function registryRegion(a: RegisteredPerson, b?: RegisteredPerson): string | undefined {
  for (const p of [a, b]) if (p?.hukouCityCode) return p.hukouRegionCode;
  return undefined;
}

function row(
  kind: MarriageKind,
  region: string,
  on: string,
  husband: { idNumber: string; name: string },
  wife: { idNumber: string; name: string },
  status: MarriageStatus,
  rng: Rng,
): MarriageRecordRow {
  return {
    recordId: rng.uuid(),
    kind,
    certificateNumber: certificateNumber(kind, region, on, rng),
    registeredOn: on,
    registry: registryOf(region),
    husbandIdNumber: husband.idNumber,
    husbandName: husband.name,
    wifeIdNumber: wife.idNumber,
    wifeName: wife.name,
    status,
    updatedAt: momentOn(on, rng.float()),
  };
}

/** A past marriage of `person` to someone outside the register, registered and dissolved before `before`. */
function pastMarriage(person: RegisteredPerson, before: string, rng: Rng): MarriageRecordRow[] {
  const region = person.hukouRegionCode;
  const from = addYears(person.birthDate, MARRIAGE_AGE[person.sex] + rng.int(0, 4));
  const divorceBy = addDays(before, -180);
  if (!person.hukouCityCode || from > addYears(divorceBy, -1)) return [];
  const married = dayBetween(from, addYears(divorceBy, -1), rng.float());
  const divorced = dayBetween(addYears(married, 1), divorceBy, rng.float());
  const ex = formerSpouse(person, rng);
  const me = { idNumber: person.idNumber, name: person.name };
  const [husband, wife] = person.sex === 'male' ? [me, ex] : [ex, me];
  return [
    row('marriage', region, married, husband, wife, 'dissolved', rng),
    row('divorce', region, divorced, husband, wife, 'valid', rng),
  ];
}

function marriagesOf(batch: PeopleBatch, ctx: SeedContext): MarriageRecordRow[] {
  const byId = new Map(batch.people.map((p) => [p.personId, p]));
  const spouses = new Map<string, RegisteredPerson>();
  const children = new Map<string, RegisteredPerson[]>();
  for (const r of batch.relations) {
    const relative = byId.get(r.relativeId);
    if (!relative) continue;
    if (r.relation === 'spouse') spouses.set(r.personId, relative);
    if (r.relation === 'child') children.set(r.personId, [...(children.get(r.personId) ?? []), relative]);
  }
  const out: MarriageRecordRow[] = [];
  for (const person of batch.people) {
    if (isDemoPerson(person)) continue;
    const spouse = spouses.get(person.personId);
    if (spouse && person.sex === 'male') {
      const rng = ctx.rng('civil-marriage', person.personId);
      const region = registryRegion(person, spouse);
      if (!region) continue; // both registered outside Guangdong: married there
      const earliest = maxDate(
        maxDate(addYears(person.birthDate, MARRIAGE_AGE.male), addYears(spouse.birthDate, MARRIAGE_AGE.female)),
        '1950-05-01',
      );
      const common = (children.get(person.personId) ?? []).filter((c) =>
        (children.get(spouse.personId) ?? []).some((d) => d.personId === c.personId),
      );
      const firstChild = common.map((c) => c.birthDate).sort()[0];
      const latest = minDate(firstChild ? addDays(firstChild, -60) : addDays(ctx.asOf, -1), addDays(ctx.asOf, -1));
      // The register links a few couples in which the husband is not yet 22 (its generator allows 20):
      // no registration can exist for them yet, so none is made (reported in the docs).
      if (earliest >= ctx.asOf) continue;
      const on = latest <= earliest ? earliest : minDate(latest, addDays(earliest, rng.int(0, 8 * 365)));
      const husband = { idNumber: person.idNumber, name: person.name };
      const wife = { idNumber: spouse.idNumber, name: spouse.name };
      out.push(row('marriage', region, on, husband, wife, 'married', rng));
      // Some were married before (one of the two, a divorce registered in Guangdong).
      if (rng.chance(0.08)) out.push(...pastMarriage(rng.chance(0.5) ? person : spouse, on, rng));
    } else if (!spouse && person.status === 'normal' && ageOn(person.birthDate, ctx.asOf) >= 35) {
      const rng = ctx.rng('civil-marriage', person.personId);
      if (rng.chance(0.07)) out.push(...pastMarriage(person, addDays(ctx.asOf, -30), rng));
    }
  }
  return out;
}

function allowanceOf(person: RegisteredPerson, ctx: SeedContext): AllowanceRow | undefined {
  const cityCode = person.hukouCityCode;
  const age = ageOn(person.birthDate, ctx.asOf);
  if (!cityCode || age < ALLOWANCE_MIN_AGE || person.status === 'cancelled') return undefined;
  const rng = ctx.rng('civil-allowance', person.personId);
  const eightieth = addYears(person.birthDate, ALLOWANCE_MIN_AGE);
  const recent = eightieth > addDays(ctx.asOf, -60);
  const applied = rng.chance(recent ? 0.5 : 0.93);
  const appliedOn = applied ? minDate(addDays(eightieth, rng.int(0, 60)), addDays(ctx.asOf, -1)) : null;
  const online =
    appliedOn !== null && ALLOWANCE_ONLINE_CITIES.includes(cityCode) && appliedOn >= '2020-01-01' && rng.chance(0.6);
  const since = appliedOn && !recent ? addDays(appliedOn, 31).slice(0, 7) : null;
  const status: AllowanceStatus =
    person.status === 'deceased'
      ? since
        ? 'stopped'
        : 'not-applied'
      : !appliedOn
        ? 'not-applied'
        : since
          ? 'receiving'
          : 'pending';
  if (person.status === 'deceased' && status === 'not-applied') return undefined;
  return {
    idNumber: person.idNumber,
    name: person.name,
    cityCode,
    status,
    sinceMonth: since,
    appliedOn,
    channel: appliedOn ? (online ? 'online' : 'counter') : null,
    updatedAt: momentOn(appliedOn ?? eightieth, rng.float()),
  };
}

const ASSISTANCE_PATH: readonly AssistanceStep[] = ['accepted', 'investigated', 'reviewed', 'approved', 'paid'];

function assistanceOf(person: RegisteredPerson, household: number, alone: boolean, ctx: SeedContext): AssistanceRow[] {
  const cityCode = person.hukouCityCode;
  const age = ageOn(person.birthDate, ctx.asOf);
  if (!cityCode || person.status !== 'normal' || age < 30) return [];
  const rng = ctx.rng('civil-assistance', person.personId);
  const life = lifeOf(person, ctx);
  const working = life.jobs.some((j) => j.to === null);
  const inNeed = !working && !life.retired;
  if (!rng.chance(inNeed ? 0.12 : 0.003)) return [];
  const kind: AssistanceKind = !inNeed
    ? 'temporary'
    : age >= 60 && alone && rng.chance(0.5)
      ? 'tekun'
      : rng.pick(['dibao', 'dibao', 'low-income', 'temporary'] as const);
  const out = [caseOf(person, kind, cityCode, kind === 'tekun' ? 1 : household, rng, ctx)];
  const first = out[0] as AssistanceRow;
  if ((kind === 'dibao' || kind === 'tekun') && first.status === 'paid' && rng.chance(0.3)) {
    out.push(caseOf(person, 'medical', cityCode, first.householdSize, rng, ctx, first.appliedOn));
  }
  return out;
}

function caseOf(
  person: RegisteredPerson,
  kind: AssistanceKind,
  cityCode: CityCode,
  householdSize: number,
  rng: Rng,
  ctx: SeedContext,
  after = addYears(ctx.asOf, -3),
): AssistanceRow {
  const appliedOn = dayBetween(after, addDays(ctx.asOf, -1), rng.float());
  const online = rng.chance(0.4);
  const progress: AssistanceRow['progress'] = online ? [{ step: 'appointment', on: appliedOn }] : [];
  let on = appliedOn;
  const rejected = rng.chance(0.1);
  for (const step of ASSISTANCE_PATH) {
    if (step !== 'accepted' || online)
      on = addDays(on, rng.int(step === 'accepted' ? 1 : 5, step === 'accepted' ? 5 : 15));
    if (on > ctx.asOf) break;
    if (rejected && step === 'approved') {
      // a stream of its own, so that the reason leaves every other generated value as it was
      const note = ctx
        .rng('civil-assistance-reason', `${person.personId}:${appliedOn}`)
        .pick(ASSISTANCE_REJECTION_REASONS[kind]);
      progress.push({ step: 'rejected', on, note });
      break;
    }
    progress.push({ step, on });
  }
  const last = progress.at(-1) as { step: AssistanceStep; on: string };
  const status: AssistanceStatus =
    last.step === 'rejected'
      ? 'rejected'
      : last.step === 'paid'
        ? 'paid'
        : last.step === 'approved'
          ? 'approved'
          : 'processing';
  const decided = status === 'approved' || status === 'paid';
  const standard = dibaoStandard(cityCode);
  const monthly =
    kind === 'dibao'
      ? Math.round(standard * householdSize * (0.25 + 0.45 * rng.float()))
      : kind === 'tekun'
        ? Math.round(standard * 1.3)
        : null;
  const oneOff =
    kind === 'temporary'
      ? rng.int(5, 50) * 100
      : kind === 'medical'
        ? Math.round(rng.int(100_000, 3_000_000)) / 100
        : null;
  return {
    caseId: rng.uuid(),
    caseNumber: `${cityCode}${appliedOn.slice(0, 4)}${String(rng.int(0, 999_999)).padStart(6, '0')}`,
    idNumber: person.idNumber,
    kind,
    cityCode,
    householdSize,
    channel: online ? 'online' : 'counter',
    appliedOn,
    status,
    monthlyAmount: decided ? monthly : null,
    oneOffAmount: decided ? oneOff : null,
    progress,
    updatedAt: momentOn(last.on, rng.float()),
  };
}

/** People in a household with them that the register links: themselves, a living spouse, children under 18. */
function householdSizes(batch: PeopleBatch, ctx: SeedContext): Map<string, number> {
  const byId = new Map(batch.people.map((p) => [p.personId, p]));
  const household = new Map<string, number>();
  for (const r of batch.relations) {
    const relative = byId.get(r.relativeId);
    const dependant =
      relative?.status === 'normal' &&
      (r.relation === 'spouse' || (r.relation === 'child' && ageOn(relative.birthDate, ctx.asOf) < 18));
    if (dependant) household.set(r.personId, (household.get(r.personId) ?? 1) + 1);
  }
  return household;
}

/** The social-assistance cases of a batch alone (the 残联 generator uses them to agree on who is assisted). */
export function assistanceCases(batch: PeopleBatch, ctx: SeedContext): AssistanceRow[] {
  const household = householdSizes(batch, ctx);
  return batch.people.flatMap((person) => {
    if (isDemoPerson(person)) return DEMO_CIVIL_AFFAIRS.get(person.personId)?.cases ?? [];
    const size = household.get(person.personId) ?? 1;
    return assistanceOf(person, size, size === 1, ctx);
  });
}

export function civilAffairsRecords(batch: PeopleBatch, ctx: SeedContext): CivilAffairsRecords {
  const out: CivilAffairsRecords = {
    marriages: marriagesOf(batch, ctx),
    allowances: [],
    cases: assistanceCases(batch, ctx),
    seniorCards: [],
  };
  for (const person of batch.people) {
    if (isDemoPerson(person)) {
      const demo = DEMO_CIVIL_AFFAIRS.get(person.personId);
      if (demo) {
        out.marriages.push(...demo.marriages);
        out.allowances.push(...demo.allowances);
        out.seniorCards.push(...demo.seniorCards);
      }
      continue;
    }
    const allowance = allowanceOf(person, ctx);
    if (allowance) out.allowances.push(allowance);
  }
  return out;
}

export async function insertCivilAffairsRecords(db: Db, r: CivilAffairsRecords): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await insertUnnest(
      tx,
      'dept_minzheng.marriage_records',
      [
        { name: 'record_id', type: 'uuid', value: (x) => x.recordId },
        { name: 'kind', type: 'text', value: (x) => x.kind },
        { name: 'certificate_number', type: 'text', value: (x) => x.certificateNumber },
        { name: 'registered_on', type: 'date', value: (x) => x.registeredOn },
        { name: 'registry', type: 'text', value: (x) => x.registry },
        { name: 'husband_id_number', type: 'text', value: (x) => x.husbandIdNumber },
        { name: 'husband_name', type: 'text', value: (x) => x.husbandName },
        { name: 'wife_id_number', type: 'text', value: (x) => x.wifeIdNumber },
        { name: 'wife_name', type: 'text', value: (x) => x.wifeName },
        { name: 'status', type: 'text', value: (x) => x.status },
        { name: 'updated_at', type: 'timestamptz', value: (x) => x.updatedAt },
      ],
      r.marriages,
    );
    await insertUnnest(
      tx,
      'dept_minzheng.old_age_allowances',
      [
        { name: 'id_number', type: 'text', value: (x) => x.idNumber },
        { name: 'name', type: 'text', value: (x) => x.name },
        { name: 'city_code', type: 'text', value: (x) => x.cityCode },
        { name: 'status', type: 'text', value: (x) => x.status },
        { name: 'since_month', type: 'text', value: (x) => x.sinceMonth },
        { name: 'applied_on', type: 'date', value: (x) => x.appliedOn },
        { name: 'channel', type: 'text', value: (x) => x.channel },
        { name: 'updated_at', type: 'timestamptz', value: (x) => x.updatedAt },
      ],
      r.allowances,
    );
    await insertUnnest(
      tx,
      'dept_minzheng.assistance_cases',
      [
        { name: 'case_id', type: 'uuid', value: (x) => x.caseId },
        { name: 'case_number', type: 'text', value: (x) => x.caseNumber },
        { name: 'id_number', type: 'text', value: (x) => x.idNumber },
        { name: 'kind', type: 'text', value: (x) => x.kind },
        { name: 'city_code', type: 'text', value: (x) => x.cityCode },
        { name: 'household_size', type: 'int', value: (x) => x.householdSize },
        { name: 'channel', type: 'text', value: (x) => x.channel },
        { name: 'applied_on', type: 'date', value: (x) => x.appliedOn },
        { name: 'status', type: 'text', value: (x) => x.status },
        { name: 'monthly_amount', type: 'numeric', value: (x) => x.monthlyAmount },
        { name: 'one_off_amount', type: 'numeric', value: (x) => x.oneOffAmount },
        { name: 'progress', type: 'jsonb', value: (x) => x.progress },
        { name: 'updated_at', type: 'timestamptz', value: (x) => x.updatedAt },
      ],
      r.cases,
    );
    await insertUnnest(
      tx,
      'dept_minzheng.senior_cards',
      [
        { name: 'card_number', type: 'text', value: (x) => x.cardNumber },
        { name: 'id_number', type: 'text', value: (x) => x.idNumber },
        { name: 'name', type: 'text', value: (x) => x.name },
        { name: 'city_code', type: 'text', value: (x) => x.cityCode },
        { name: 'kind', type: 'text', value: (x) => x.kind },
        { name: 'issued_on', type: 'date', value: (x) => x.issuedOn },
        { name: 'status', type: 'text', value: (x) => x.status },
        { name: 'updated_at', type: 'timestamptz', value: (x) => x.updatedAt },
      ],
      r.seniorCards,
    );
  });
}

export const civilAffairsSeeder: DepartmentSeeder = {
  name: 'civil-affairs',
  seedBatch: (db, batch, ctx) => insertCivilAffairsRecords(db, civilAffairsRecords(batch, ctx)),
};
