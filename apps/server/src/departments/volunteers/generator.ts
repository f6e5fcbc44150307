import type { CityCode } from '@yss/contracts';
import type { Db } from '../../db/database.js';
import { insertUnnest } from '../kit/bulk.js';
import { addDays, addYears, ageOn, dayBetween, daysBetween, maxDate, momentOn } from '../kit/dates.js';
import { isDemoPerson } from '../kit/demo.js';
import { cityOfRegion, guangdongCity } from '../kit/places.js';
import type { RegisteredPerson } from '../population-register/contract.js';
import type { PeopleBatch, Rng } from '../population-register/generator.js';
import type { DepartmentSeeder, SeedContext } from '../province/seed-context.js';
import { MIN_REGISTRATION_AGE, type VolunteerStatus } from './codes.js';
import { DEMO_VOLUNTEERS } from './demo.js';

/**
 * The volunteer registry of the synthetic province, per person from ctx.rng('volunteers', personId): about
 * one person in ten aged 14 or more is a registered volunteer (more among students and young adults, fewer
 * among the old), registered where they live (else where their hukou is) since 2010 with a city-level
 * association, the 青年志愿者协会 or a district association; hours from years registered × a yearly rate that
 * is mostly small (most volunteers are occasional, a few give hundreds of hours a year), so star levels
 * thin out as they rise. The registry cancels the registration of people who died; 2 % cancelled their own.
 */

export interface VolunteerRow {
  volunteerNumber: string;
  idNumber: string;
  name: string;
  registeredOn: string;
  organisation: string;
  cityCode: CityCode;
  serviceHours: number;
  lastServiceOn: string | null;
  status: VolunteerStatus;
  cancelledOn: string | null;
  updatedAt: string;
}

/** The i志愿 system (and the registrations this sandbox draws) start in 2010. */
export const REGISTRATION_FROM = '2010-01-01';

/** Share of people registered, by age on the province's date (assumption: ~10 % overall; see the doc). */
export function registrationRate(age: number): number {
  if (age < MIN_REGISTRATION_AGE) return 0;
  return age < 18 ? 0.12 : age < 25 ? 0.18 : age < 35 ? 0.13 : age < 60 ? 0.08 : 0.04;
}

/** 深圳's city-wide association keeps its historic name (深圳市义工联合会, since 1990). */
const cityAssociation = (cityCode: CityCode) =>
  cityCode === '440300' ? '深圳市义工联合会' : `${guangdongCity(cityCode).fullName}志愿者协会`;

function organisationOf(person: RegisteredPerson, cityCode: CityCode, youngAtRegistration: boolean, rng: Rng) {
  const city = guangdongCity(cityCode);
  const x = rng.float();
  if (x < (youngAtRegistration ? 0.5 : 0.2)) return `${city.fullName}青年志愿者协会`;
  if (x < (youngAtRegistration ? 0.7 : 0.5)) return cityAssociation(cityCode);
  // A district association: the person's own district when their hukou is in that city, else any.
  const own = cityOfRegion(person.hukouRegionCode) === cityCode;
  const district =
    (own ? city.districts.find((d) => d.code === person.hukouRegionCode) : undefined) ?? rng.pick(city.districts);
  return `${city.fullName}${district.name}志愿者协会`;
}

/** Hours a year: most volunteers serve a little, a few a great deal. */
function yearlyHours(rng: Rng): number {
  const x = rng.float();
  if (x < 0.45) return rng.float() * 4;
  if (x < 0.8) return 4 + rng.float() * 26;
  if (x < 0.95) return 30 + rng.float() * 90;
  return 120 + rng.float() * 180;
}

function recordOf(person: RegisteredPerson, ctx: SeedContext): VolunteerRow | undefined {
  if (person.status === 'cancelled') return undefined;
  const cityCode = person.residenceCityCode ?? person.hukouCityCode;
  if (!cityCode) return undefined;
  const rng = ctx.rng('volunteers', person.personId);
  if (!rng.chance(registrationRate(ageOn(person.birthDate, ctx.asOf)))) return undefined;
  const from = maxDate(addYears(person.birthDate, MIN_REGISTRATION_AGE), REGISTRATION_FROM);
  const to = addDays(ctx.asOf, -7);
  if (from > to) return undefined;
  const registeredOn = dayBetween(from, to, rng.float());
  const organisation = organisationOf(person, cityCode, ageOn(person.birthDate, registeredOn) < 25, rng);
  // Cancelled: by the registry for the dead, by the volunteer for 2 % of the living.
  let status: VolunteerStatus = 'normal';
  let cancelledOn: string | null = null;
  if (person.status === 'deceased' || rng.chance(0.02)) {
    status = 'cancelled';
    cancelledOn = dayBetween(addDays(registeredOn, 1), ctx.asOf, rng.float());
  }
  const end = cancelledOn ?? ctx.asOf;
  const rate = yearlyHours(rng);
  const serviceHours = Math.min(9999, Math.round(((daysBetween(registeredOn, end) / 365) * rate) / 0.5) * 0.5);
  // Regular volunteers served lately; the others some time since they registered.
  const lastServiceOn =
    serviceHours === 0
      ? null
      : rate >= 30
        ? dayBetween(maxDate(registeredOn, addDays(end, -90)), end, rng.float())
        : dayBetween(registeredOn, end, rng.float());
  return {
    volunteerNumber: `${cityCode.slice(0, 4)}${registeredOn.slice(0, 4)}${String(rng.int(0, 99_999_999)).padStart(8, '0')}`,
    idNumber: person.idNumber,
    name: person.name,
    registeredOn,
    organisation,
    cityCode,
    serviceHours,
    lastServiceOn,
    status,
    cancelledOn,
    updatedAt: momentOn(cancelledOn ?? lastServiceOn ?? registeredOn, rng.float()),
  };
}

export function volunteerRecords(batch: PeopleBatch, ctx: SeedContext): VolunteerRow[] {
  return batch.people.flatMap((person) => {
    const r = isDemoPerson(person) ? DEMO_VOLUNTEERS.get(person.personId) : recordOf(person, ctx);
    return r ? [r] : [];
  });
}

export async function insertVolunteerRecords(db: Db, rows: readonly VolunteerRow[]): Promise<void> {
  // A drawn volunteer number that clashes with another (8 random digits per city and year: rare) loses its
  // row to `on conflict do nothing`, as a re-seed does; the generator test checks the numbers are unique.
  await insertUnnest(
    db,
    'dept_zhiyuan.volunteers',
    [
      { name: 'volunteer_number', type: 'text', value: (x) => x.volunteerNumber },
      { name: 'id_number', type: 'text', value: (x) => x.idNumber },
      { name: 'name', type: 'text', value: (x) => x.name },
      { name: 'registered_on', type: 'date', value: (x) => x.registeredOn },
      { name: 'organisation', type: 'text', value: (x) => x.organisation },
      { name: 'city_code', type: 'text', value: (x) => x.cityCode },
      { name: 'service_hours', type: 'numeric', value: (x) => x.serviceHours },
      { name: 'last_service_on', type: 'date', value: (x) => x.lastServiceOn },
      { name: 'status', type: 'text', value: (x) => x.status },
      { name: 'cancelled_on', type: 'date', value: (x) => x.cancelledOn },
      { name: 'updated_at', type: 'timestamptz', value: (x) => x.updatedAt },
    ],
    rows,
  );
}

export const volunteersSeeder: DepartmentSeeder = {
  name: 'volunteers',
  seedBatch: (db, batch, ctx) => insertVolunteerRecords(db, volunteerRecords(batch, ctx)),
};
