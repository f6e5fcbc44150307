import type { CityCode } from '@yss/contracts';
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { insertUnnest } from '../kit/bulk.js';
import { addDays, addYears, ageOn, dayBetween, maxDate, minDate, momentOn } from '../kit/dates.js';
import { isDemoPerson } from '../kit/demo.js';
import { cityShortName, guangdongCity } from '../kit/places.js';
import type { RegisteredPerson } from '../population-register/contract.js';
import type { PeopleBatch, Rng } from '../population-register/generator.js';
import { ROADS } from '../population-register/generator.js';
import type { DepartmentSeeder, SeedContext } from '../province/seed-context.js';
import {
  type EnergyType,
  type LicenceClass,
  type LicenceStatus,
  type PlateType,
  VEHICLE_MODELS,
  type VehicleStatus,
  type VehicleType,
  VIOLATION_CODES,
  type ViolationCode,
} from './codes.js';
import { scoringCycle } from './cycle.js';
import { DEMO_TRAFFIC } from './demo.js';
import { authorityLetter, makeEngineNumber, makeVin, newEnergySerial, ordinarySerial } from './identifiers.js';

/**
 * The traffic-management records of the synthetic province, derived per person from ctx.rng('traffic',
 * personId): licences for adults (more often men and people of working age), vehicles registered in the
 * city where the owner lives (粤A 广州 … 粤W 云浮), new-energy plates for part of the cars registered since
 * mid-2017, violations of the last three years, older ones mostly handled. Points charged to a licence in
 * its current cycle stay under 12. The demo people get the hand-picked records of demo.ts.
 */

export interface LicenceRecord {
  idNumber: string;
  name: string;
  licenceClass: LicenceClass;
  firstIssuedOn: string;
  validFrom: string;
  validUntil: string | null;
  issuedBy: string;
  archiveNumber: string;
  status: LicenceStatus;
  updatedAt: string;
}

export interface VehicleRecord {
  vehicleId: string;
  plate: string;
  plateType: PlateType;
  cityCode: CityCode | null;
  ownerIdNumber: string;
  ownerName: string;
  ownerAddress: string;
  vehicleType: VehicleType;
  brandModel: string;
  energy: EnergyType;
  vin: string;
  engineNumber: string;
  seats: number;
  registeredOn: string;
  issuedOn: string;
  inspectionValidUntil: string;
  status: VehicleStatus;
  updatedAt: string;
  /** The owner's mobile number as registered with the traffic police (一键移车), or null. */
  ownerPhone: string | null;
  /** 未处理完毕的交通事故 (0 for most). */
  unresolvedAccidents: number;
}

export interface ViolationRecord {
  violationId: string;
  vehicleId: string;
  /** 'YYYY-MM-DD HH:mm' Beijing time */
  occurredAt: string;
  place: string;
  cityCode: CityCode;
  code: string;
  description: string;
  fine: number;
  points: number;
  authority: string;
  status: 'unhandled' | 'handled';
  handledOn: string | null;
  decisionNumber: string | null;
  driverIdNumber: string | null;
  updatedAt: string;
}

export interface TrafficRecords {
  licences: LicenceRecord[];
  vehicles: VehicleRecord[];
  violations: ViolationRecord[];
}

/** Licences are issued by the traffic police detachment of the city (发证机关). */
export const licenceAuthority = (cityCode: CityCode) => `广东省${guangdongCity(cityCode).fullName}公安局交通警察支队`;

/** Whether a person has records at all: living, registered, and (for vehicles) living in Guangdong. */
function eligible(person: RegisteredPerson, asOf: string): boolean {
  return person.status === 'normal' && ageOn(person.birthDate, asOf) >= 18 && person.residenceCityCode !== null;
}

function licenceChance(person: RegisteredPerson, age: number): number {
  if (age < 25) return 0.3;
  if (age < 60) return person.sex === 'male' ? 0.72 : 0.52;
  if (age < 70) return 0.35;
  return 0.12;
}

function pickClass(rng: Rng, person: RegisteredPerson, firstIssuedOn: string): LicenceClass {
  const x = rng.float();
  if (person.sex === 'male' && x < 0.06) return 'B2';
  if (person.sex === 'male' && x < 0.075) return 'A1';
  if (x < 0.1) return 'E';
  if (firstIssuedOn >= '2010-01-01' && x < 0.3) return 'C2';
  return 'C1';
}

function licenceOf(person: RegisteredPerson, rng: Rng, ctx: SeedContext): LicenceRecord | undefined {
  const age = ageOn(person.birthDate, ctx.asOf);
  if (!rng.chance(licenceChance(person, age))) return undefined;
  const earliest = maxDate(addYears(person.birthDate, 18), '1990-01-01');
  const latest = addDays(ctx.asOf, -30);
  if (earliest > latest) return undefined;
  // Most people take the test in their twenties: the first issue date leans early.
  const firstIssuedOn = dayBetween(earliest, minDate(latest, addYears(earliest, 25)), rng.float() ** 1.6);
  // 6 years at first, then 10, then long-term (长期); some let a period lapse (逾期未换证).
  let validFrom = firstIssuedOn;
  let validUntil: string | null = addYears(firstIssuedOn, 6);
  let status: LicenceStatus = 'normal';
  for (const next of [10, null] as const) {
    if (validUntil === null || validUntil > ctx.asOf) break;
    if (rng.chance(0.04)) {
      status = 'overdue-renewal';
      break;
    }
    validFrom = validUntil;
    validUntil = next === null ? null : addYears(validUntil, next);
  }
  if (status === 'normal') status = rng.chance(0.006) ? 'suspended' : rng.chance(0.003) ? 'revoked' : 'normal';
  const cityCode = person.residenceCityCode as CityCode;
  return {
    idNumber: person.idNumber,
    name: person.name,
    licenceClass: pickClass(rng, person, firstIssuedOn),
    firstIssuedOn,
    validFrom,
    validUntil,
    issuedBy: licenceAuthority(cityCode),
    archiveNumber: `${cityCode}${String(rng.int(0, 999_999)).padStart(6, '0')}`,
    status,
    updatedAt: momentOn(validFrom, rng.float()),
  };
}

/**
 * 检验有效期 of a private small passenger car (2022 rules): no inspection for 10 years (the 6th-year check
 * is a label applied for online: 六年免检), then every 2 years until 15, then every year. The date is the
 * last day of the registration month in the year the next check is due.
 */
export function inspectionDue(registeredOn: string, asOf: string): { due: string; previous: string | null } {
  const years = [6, 10, 12, 14];
  for (let y = 15; y <= 40; y++) years.push(y);
  let previous: string | null = null;
  for (const y of years) {
    const last = lastDayOfMonth(addYears(registeredOn, y));
    if (last >= asOf) return { due: last, previous };
    previous = last;
  }
  throw new Error('vehicle older than 40 years');
}

export function lastDayOfMonth(iso: string): string {
  const [y, m] = iso.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

function vehicleOf(
  person: RegisteredPerson,
  licence: LicenceRecord | undefined,
  rng: Rng,
  ctx: SeedContext,
  index: number,
): VehicleRecord | undefined {
  const cityCode = person.residenceCityCode as CityCode;
  const from = maxDate(licence?.firstIssuedOn ?? addYears(person.birthDate, 20), addYears(ctx.asOf, -18));
  const to = addDays(ctx.asOf, -20);
  if (from > to) return undefined;
  const registeredOn = dayBetween(from, to, index === 0 ? rng.float() : 0.5 + rng.float() / 2);
  const year = Number(registeredOn.slice(0, 4));
  // New-energy share of new registrations rises after 2017; Shenzhen and Guangzhou lead.
  const nevShare = cityCode === '440300' ? 0.55 : cityCode === '440100' ? 0.42 : 0.3;
  const wantsNev = registeredOn >= '2017-06-01' && rng.chance(nevShare * Math.min(1, (year - 2016) / 6));
  const models = VEHICLE_MODELS.filter((m) => m.since <= year && (m.energy !== 'petrol') === wantsNev);
  const model = rng.pick(models.length > 0 ? models : VEHICLE_MODELS.filter((m) => m.energy === 'petrol'));
  const nev = model.energy !== 'petrol';
  const serial = nev ? newEnergySerial(rng, model.energy === 'electric', registeredOn) : ordinarySerial(rng);
  const { due, previous } = inspectionDue(registeredOn, ctx.asOf);
  const overdue = previous !== null && rng.chance(0.05);
  return {
    vehicleId: rng.uuid(),
    plate: `粤${authorityLetter(cityCode)}${serial}`,
    plateType: nev ? 'small-new-energy' : 'small-car',
    cityCode,
    ownerIdNumber: person.idNumber,
    ownerName: person.name,
    ownerAddress: person.residenceAddress ?? person.address,
    vehicleType: model.vehicleType,
    brandModel: model.brandModel,
    energy: model.energy,
    vin: makeVin(rng, model.wmi, year),
    engineNumber: makeEngineNumber(rng),
    seats: model.seats,
    registeredOn,
    issuedOn: registeredOn,
    inspectionValidUntil: overdue ? (previous as string) : due,
    status: overdue ? 'overdue-inspection' : rng.chance(0.03) ? 'mortgaged' : 'normal',
    updatedAt: momentOn(registeredOn, rng.float()),
    ownerPhone: person.phone,
    unresolvedAccidents: 0,
  };
}

const CODE_TOTAL = VIOLATION_CODES.reduce((s, c) => s + c.weight, 0);
function pickCode(rng: Rng): ViolationCode {
  let x = rng.float() * CODE_TOTAL;
  for (const c of VIOLATION_CODES) {
    x -= c.weight;
    if (x < 0) return c;
  }
  return VIOLATION_CODES[0] as ViolationCode;
}

const COUNT_WEIGHTS = [0.45, 0.28, 0.15, 0.08, 0.04];

function violationsOf(
  vehicle: VehicleRecord,
  licence: LicenceRecord | undefined,
  rng: Rng,
  ctx: SeedContext,
  charged: { points: number },
): ViolationRecord[] {
  let x = rng.float();
  let count = 0;
  while (count < COUNT_WEIGHTS.length - 1 && x >= (COUNT_WEIGHTS[count] as number)) {
    x -= COUNT_WEIGHTS[count] as number;
    count++;
  }
  const from = maxDate(vehicle.registeredOn, addYears(ctx.asOf, -3));
  const to = addDays(ctx.asOf, -1);
  const cycle = licence ? scoringCycle(licence.firstIssuedOn, ctx.asOf) : undefined;
  const out: ViolationRecord[] = [];
  for (let i = 0; i < count && from <= to; i++) {
    const day = dayBetween(from, to, rng.float());
    const hour = rng.int(7, 22);
    const occurredAt = `${day} ${String(hour).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}`;
    const code = pickCode(rng);
    const cityCode: CityCode =
      rng.chance(0.9) || !vehicle.cityCode ? (vehicle.cityCode ?? '440300') : rng.pick(['440100', '440300', '440600']);
    const city = guangdongCity(cityCode);
    const district = rng.pick(city.districts);
    const road = rng.pick(ROADS);
    const place = rng.chance(0.5)
      ? `${city.fullName}${district.name}${road}与${rng.pick(ROADS.filter((r) => r !== road))}交叉路口`
      : `${city.fullName}${district.name}${road}${rng.int(1, 400)}号附近`;
    const recent = day > addDays(ctx.asOf, -60);
    let handled = rng.chance(recent ? 0.4 : 0.92);
    const handledOn = handled ? minDate(addDays(day, rng.int(2, 40)), addDays(ctx.asOf, -1)) : null;
    // A handled violation with points is charged to the owner's licence; keep the current cycle under 12.
    const inCycle = cycle && handledOn && handledOn >= cycle.start && handledOn <= cycle.end;
    if (handled && code.points > 0 && licence && inCycle) {
      if (charged.points + code.points >= 12) handled = false;
      else charged.points += code.points;
    }
    out.push({
      violationId: rng.uuid(),
      vehicleId: vehicle.vehicleId,
      occurredAt,
      place,
      cityCode,
      code: code.code,
      description: code.description,
      fine: code.fine,
      points: code.points,
      authority: `${cityShortName(cityCode)}市公安局交通警察支队${district.name.replace(/(街道|镇)$/, '')}大队`,
      status: handled ? 'handled' : 'unhandled',
      handledOn: handled ? handledOn : null,
      decisionNumber: handled ? `${cityCode}${String(rng.int(0, 999_999_999)).padStart(9, '0')}` : null,
      driverIdNumber: handled && code.points > 0 && licence ? licence.idNumber : null,
      updatedAt: momentOn(handled ? (handledOn as string) : day, rng.float()),
    });
  }
  return out;
}

/** The records of one person (demo people: their hand-picked records). Pure: no database. */
export function trafficRecordsOf(person: RegisteredPerson, ctx: SeedContext): TrafficRecords {
  const empty: TrafficRecords = { licences: [], vehicles: [], violations: [] };
  if (isDemoPerson(person)) return DEMO_TRAFFIC.get(person.personId) ?? empty;
  if (!eligible(person, ctx.asOf)) return empty;
  const rng = ctx.rng('traffic', person.personId);
  const licence = licenceOf(person, rng, ctx);
  const age = ageOn(person.birthDate, ctx.asOf);
  const vehicleCount = licence
    ? rng.chance(0.55)
      ? rng.chance(0.12)
        ? 2
        : 1
      : 0
    : age >= 25 && age < 70 && rng.chance(0.03)
      ? 1
      : 0;
  const records: TrafficRecords = { licences: licence ? [licence] : [], vehicles: [], violations: [] };
  const charged = { points: 0 };
  for (let i = 0; i < vehicleCount; i++) {
    const vehicle = vehicleOf(person, licence, rng, ctx, i);
    if (!vehicle) continue;
    records.vehicles.push(vehicle);
    records.violations.push(...violationsOf(vehicle, licence, rng, ctx, charged));
  }
  return records;
}

export function trafficRecords(batch: PeopleBatch, ctx: SeedContext): TrafficRecords {
  const all: TrafficRecords = { licences: [], vehicles: [], violations: [] };
  for (const person of batch.people) {
    const r = trafficRecordsOf(person, ctx);
    all.licences.push(...r.licences);
    all.vehicles.push(...r.vehicles);
    all.violations.push(...r.violations);
  }
  return all;
}

/**
 * Writes a batch's records in one transaction. A generated plate may already belong to another vehicle
 * (the plate space is finite): that vehicle is then not inserted, and the violations keep only rows whose
 * vehicle id exists — so a violation can never attach to someone else's car.
 */
export async function insertTrafficRecords(db: Db, records: TrafficRecords): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await insertUnnest(
      tx,
      'dept_jiaoguan.driving_licences',
      [
        { name: 'id_number', type: 'text', value: (r) => r.idNumber },
        { name: 'name', type: 'text', value: (r) => r.name },
        { name: 'licence_class', type: 'text', value: (r) => r.licenceClass },
        { name: 'first_issued_on', type: 'date', value: (r) => r.firstIssuedOn },
        { name: 'valid_from', type: 'date', value: (r) => r.validFrom },
        { name: 'valid_until', type: 'date', value: (r) => r.validUntil },
        { name: 'issued_by', type: 'text', value: (r) => r.issuedBy },
        { name: 'archive_number', type: 'text', value: (r) => r.archiveNumber },
        { name: 'status', type: 'text', value: (r) => r.status },
        { name: 'updated_at', type: 'timestamptz', value: (r) => r.updatedAt },
      ],
      records.licences,
    );
    await insertUnnest(
      tx,
      'dept_jiaoguan.vehicles',
      [
        { name: 'vehicle_id', type: 'uuid', value: (r) => r.vehicleId },
        { name: 'plate', type: 'text', value: (r) => r.plate },
        { name: 'plate_type', type: 'text', value: (r) => r.plateType },
        { name: 'city_code', type: 'text', value: (r) => r.cityCode },
        { name: 'owner_id_number', type: 'text', value: (r) => r.ownerIdNumber },
        { name: 'owner_name', type: 'text', value: (r) => r.ownerName },
        { name: 'owner_address', type: 'text', value: (r) => r.ownerAddress },
        { name: 'vehicle_type', type: 'text', value: (r) => r.vehicleType },
        { name: 'brand_model', type: 'text', value: (r) => r.brandModel },
        { name: 'energy', type: 'text', value: (r) => r.energy },
        { name: 'vin', type: 'text', value: (r) => r.vin },
        { name: 'engine_number', type: 'text', value: (r) => r.engineNumber },
        { name: 'seats', type: 'int', value: (r) => r.seats },
        { name: 'registered_on', type: 'date', value: (r) => r.registeredOn },
        { name: 'issued_on', type: 'date', value: (r) => r.issuedOn },
        { name: 'inspection_valid_until', type: 'date', value: (r) => r.inspectionValidUntil },
        { name: 'status', type: 'text', value: (r) => r.status },
        { name: 'updated_at', type: 'timestamptz', value: (r) => r.updatedAt },
        { name: 'owner_phone', type: 'text', value: (r) => r.ownerPhone },
        { name: 'unresolved_accidents', type: 'int', value: (r) => r.unresolvedAccidents },
      ],
      records.vehicles,
    );
    await insertUnnest(
      tx,
      'dept_jiaoguan.violations',
      [
        { name: 'violation_id', type: 'uuid', value: (r) => r.violationId },
        { name: 'vehicle_id', type: 'uuid', value: (r) => r.vehicleId },
        { name: 'occurred_at', type: 'timestamp', value: (r) => r.occurredAt },
        { name: 'place', type: 'text', value: (r) => r.place },
        { name: 'city_code', type: 'text', value: (r) => r.cityCode },
        { name: 'code', type: 'text', value: (r) => r.code },
        { name: 'description', type: 'text', value: (r) => r.description },
        { name: 'fine', type: 'int', value: (r) => r.fine },
        { name: 'points', type: 'int', value: (r) => r.points },
        { name: 'authority', type: 'text', value: (r) => r.authority },
        { name: 'status', type: 'text', value: (r) => r.status },
        { name: 'handled_on', type: 'date', value: (r) => r.handledOn },
        { name: 'decision_number', type: 'text', value: (r) => r.decisionNumber },
        { name: 'driver_id_number', type: 'text', value: (r) => r.driverIdNumber },
        { name: 'updated_at', type: 'timestamptz', value: (r) => r.updatedAt },
      ],
      records.violations,
      sql`exists (select 1 from dept_jiaoguan.vehicles v where v.vehicle_id = u.vehicle_id)`,
    );
  });
}

export const trafficSeeder: DepartmentSeeder = {
  name: 'traffic',
  seedBatch: (db, batch, ctx) => insertTrafficRecords(db, trafficRecords(batch, ctx)),
};
