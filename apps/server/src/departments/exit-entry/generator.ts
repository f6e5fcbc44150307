import { type CityCode, PROVINCE_NAMES } from '@yss/contracts';
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { insertUnnest } from '../kit/bulk.js';
import { addDays, addMonthsToDate, addYears, ageOn, dayBetween, maxDate, minDate, momentOn } from '../kit/dates.js';
import { isDemoPerson } from '../kit/demo.js';
import type { RegisteredPerson } from '../population-register/contract.js';
import type { PeopleBatch, Rng } from '../population-register/generator.js';
import { lifeOf } from '../province/life.js';
import type { DepartmentSeeder, SeedContext } from '../province/seed-context.js';
import { issuingAuthority, officeOf } from './authorities.js';
import {
  type AppointmentBusiness,
  type AppointmentStatus,
  CHANNEL_STEPS,
  type Destination,
  type DocumentKind,
  type DocumentStatus,
  ENDORSEMENT_FEES,
  type EndorsementChannel,
  type EndorsementKind,
  type EndorsementStep,
  type EndorsementTrips,
  SHENZHEN,
  TAIWAN_ONLINE_CITIES,
} from './codes.js';
import { DEMO_EXIT_ENTRY } from './demo.js';

/**
 * The exit-entry records of the synthetic province, per person from ctx.rng('exit-entry', personId):
 * permits and passports (held more often by people with a Guangdong hukou), their endorsements with the
 * progress of each, and the appointments that preceded recent documents. Rules from the guide:
 * - online re-endorsement (粤省事) only for Guangdong hukou or permits issued in Guangdong;
 * - Taiwan endorsements online only for permits issued in 广州、深圳、惠州、中山、汕头、梅州、潮州、揭阳;
 * - appointments through this system: Guangdong hukou except 深圳 (深圳 has its own), and non-Guangdong
 *   residents who are over 60 or in work in Guangdong (lifeOf) — others have none.
 */

export interface DocumentRecord {
  documentNumber: string;
  idNumber: string;
  kind: DocumentKind;
  name: string;
  issuedOn: string;
  validUntil: string;
  issuedBy: string;
  issuePlace: string;
  issuedCityCode: CityCode | null;
  status: DocumentStatus;
  updatedAt: string;
}

export interface EndorsementRecord {
  endorsementId: string;
  documentNumber: string;
  idNumber: string;
  destination: Destination;
  kind: EndorsementKind;
  trips: EndorsementTrips;
  stayDays: number;
  channel: EndorsementChannel;
  appliedOn: string;
  validFrom: string | null;
  validUntil: string | null;
  fee: number;
  status: EndorsementStep;
  progress: { step: EndorsementStep; on: string }[];
  updatedAt: string;
}

export interface AppointmentRecord {
  appointmentId: string;
  idNumber: string;
  applicantName: string;
  bookedByIdNumber: string;
  business: AppointmentBusiness;
  documentKind: Exclude<DocumentKind, 'hk-macao-resident-permit'>;
  office: string;
  cityCode: CityCode;
  appointmentDate: string;
  timeSlot: string;
  bookedOn: string;
  status: AppointmentStatus;
  updatedAt: string;
}

export interface ExitEntryRecords {
  documents: DocumentRecord[];
  endorsements: EndorsementRecord[];
  appointments: AppointmentRecord[];
}

/** Number series by era: e-passports from 2012-05-15 (E + 8 digits, E + letter + 7 from 2022), cards from 2014/2016. */
export function documentNumber(rng: Rng, kind: Exclude<DocumentKind, 'hk-macao-resident-permit'>, issuedOn: string) {
  const digits = (n: number) => String(rng.int(0, 10 ** n - 1)).padStart(n, '0');
  if (kind === 'passport') {
    if (issuedOn < '2012-05-15') return `G${digits(8)}`;
    return issuedOn >= '2022-01-01' ? `E${rng.pick(Array.from('ABCDEFGHJK'))}${digits(7)}` : `E${digits(8)}`;
  }
  if (kind === 'hk-macao-permit') return `${issuedOn < '2014-09-15' ? 'W' : 'C'}${digits(8)}`;
  return `${issuedOn < '2016-12-26' ? 'T' : 'L'}${digits(8)}`;
}

const TIME_SLOTS = ['09:00-10:00', '10:00-11:00', '11:00-12:00', '14:00-15:00', '15:00-16:00', '16:00-17:00'];

interface Issuer {
  cityCode: CityCode | null;
  place: string;
}

function issuerFor(person: RegisteredPerson, rng: Rng, issuedOn: string): Issuer {
  if (person.hukouCityCode) {
    // Mostly where the hukou is; since 2019 anywhere (全国通办), e.g. where one lives.
    const city =
      issuedOn >= '2019-04-01' && person.residenceCityCode && rng.chance(0.15)
        ? person.residenceCityCode
        : person.hukouCityCode;
    return { cityCode: city, place: '广东' };
  }
  if (issuedOn >= '2019-04-01' && person.residenceCityCode && rng.chance(0.4)) {
    return { cityCode: person.residenceCityCode, place: '广东' };
  }
  return { cityCode: null, place: PROVINCE_NAMES[person.hukouRegionCode.slice(0, 2)] ?? '其他' };
}

function documentsOf(person: RegisteredPerson, rng: Rng, ctx: SeedContext): DocumentRecord[] {
  const age = ageOn(person.birthDate, ctx.asOf);
  const local = person.hukouCityCode !== null;
  const childFactor = age < 16 ? 0.4 : 1;
  const chances: [Exclude<DocumentKind, 'hk-macao-resident-permit'>, number][] = [
    ['hk-macao-permit', (local ? 0.45 : 0.25) * childFactor],
    ['passport', (local ? 0.22 : 0.12) * childFactor],
    ['taiwan-permit', 0.04 * childFactor],
  ];
  const out: DocumentRecord[] = [];
  for (const [kind, chance] of chances) {
    if (age < 1 || !rng.chance(chance)) continue;
    const earliest = maxDate(addDays(person.birthDate, 60), addYears(ctx.asOf, -11));
    const issuedOn = dayBetween(earliest, addDays(ctx.asOf, -7), rng.float());
    const validYears = ageOn(person.birthDate, issuedOn) < 16 ? 5 : 10;
    const validUntil = addDays(addYears(issuedOn, validYears), -1);
    const issuer = issuerFor(person, rng, issuedOn);
    const current: DocumentRecord = {
      documentNumber: documentNumber(rng, kind, issuedOn),
      idNumber: person.idNumber,
      kind,
      name: person.name,
      issuedOn,
      validUntil,
      issuedBy: issuingAuthority(issuedOn),
      issuePlace: issuer.place,
      issuedCityCode: issuer.cityCode,
      status: validUntil < ctx.asOf ? 'expired' : 'valid',
      updatedAt: momentOn(issuedOn, rng.float()),
    };
    // Some had one before: replaced near its expiry and cancelled (作废) when the new one was issued.
    const prevIssued = addDays(addYears(issuedOn, -10), -rng.int(0, 300));
    if (ageOn(person.birthDate, prevIssued) >= 16 && rng.chance(0.35)) {
      out.push({
        ...current,
        documentNumber: documentNumber(rng, kind, prevIssued),
        issuedOn: prevIssued,
        validUntil: addDays(addYears(prevIssued, 10), -1),
        issuedBy: issuingAuthority(prevIssued),
        status: 'cancelled',
        updatedAt: momentOn(issuedOn, rng.float()),
      });
    }
    out.push(current);
  }
  return out;
}

function progressOf(channel: EndorsementChannel, appliedOn: string, rng: Rng, asOf: string, rejected: boolean) {
  const steps = CHANNEL_STEPS[channel];
  const progress: { step: EndorsementStep; on: string }[] = [];
  let on = appliedOn;
  for (const step of steps) {
    if (progress.length > 0) on = addDays(on, step === 'paid' ? 0 : rng.int(1, 3));
    if (on > asOf) break;
    if (rejected && step === 'approved') {
      progress.push({ step: 'rejected', on });
      break;
    }
    progress.push({ step, on });
  }
  return progress;
}

function endorsementsOf(
  person: RegisteredPerson,
  documents: DocumentRecord[],
  rng: Rng,
  ctx: SeedContext,
): EndorsementRecord[] {
  const out: EndorsementRecord[] = [];
  const guangdongHukou = person.hukouCityCode !== null;
  for (const doc of documents) {
    if (doc.status !== 'valid' || doc.kind === 'passport') continue;
    const taiwan = doc.kind === 'taiwan-permit';
    const count = taiwan ? rng.int(0, 2) : rng.int(0, 5);
    const from = maxDate(doc.issuedOn, addYears(ctx.asOf, -3));
    const days = Array.from({ length: count }, () => dayBetween(from, addDays(ctx.asOf, -1), rng.float())).sort();
    for (const appliedOn of days) {
      const onlineAllowed = taiwan
        ? doc.issuedCityCode !== null && TAIWAN_ONLINE_CITIES.includes(doc.issuedCityCode)
        : guangdongHukou || doc.issuedCityCode !== null;
      const channel: EndorsementChannel =
        onlineAllowed && rng.chance(0.6) ? 'online' : taiwan || rng.chance(0.25) ? 'counter' : 'machine';
      const destination: Destination = taiwan ? 'taiwan' : rng.chance(0.65) ? 'hong-kong' : 'macao';
      // 深圳 hukou: one-year multiple-entry endorsements to Hong Kong again from 2024-12-01 (一签多行).
      const multiple =
        destination === 'hong-kong' &&
        person.hukouCityCode === SHENZHEN &&
        appliedOn >= '2024-12-01' &&
        rng.chance(0.5);
      const kind: EndorsementKind = taiwan
        ? rng.chance(0.7)
          ? 'visiting-relatives'
          : 'business'
        : rng.chance(0.85)
          ? 'tourism-individual'
          : rng.chance(0.6)
            ? 'visiting-relatives'
            : 'business';
      const trips: EndorsementTrips = multiple ? 'multiple' : taiwan || rng.chance(0.6) ? 'once' : 'twice';
      const progress = progressOf(channel, appliedOn, rng, ctx.asOf, rng.chance(0.01));
      const approved = progress.find((p) => p.step === 'approved' || (channel === 'machine' && p.step === 'issued'));
      const validFrom = approved?.on ?? null;
      const months = multiple ? 12 : taiwan ? 6 : 3;
      out.push({
        endorsementId: rng.uuid(),
        documentNumber: doc.documentNumber,
        idNumber: person.idNumber,
        destination,
        kind,
        trips,
        stayDays: taiwan ? 15 : 7,
        channel,
        appliedOn,
        validFrom,
        validUntil: validFrom ? addDays(addMonthsToDate(validFrom, months), -1) : null,
        fee: ENDORSEMENT_FEES[trips],
        status: (progress.at(-1) as { step: EndorsementStep }).step,
        progress,
        updatedAt: momentOn((progress.at(-1) as { on: string }).on, rng.float()),
      });
    }
  }
  return out;
}

/** The guide's eligibility for appointments through this system (see the module comment). */
export function mayBookHere(person: RegisteredPerson, ctx: SeedContext): boolean {
  if (person.hukouCityCode) return person.hukouCityCode !== SHENZHEN;
  if (!person.residenceCityCode) return false;
  return ageOn(person.birthDate, ctx.asOf) >= 60 || lifeOf(person, ctx).jobs.some((j) => j.to === null);
}

function appointmentsOf(
  person: RegisteredPerson,
  documents: DocumentRecord[],
  booker: string,
  rng: Rng,
  ctx: SeedContext,
): AppointmentRecord[] {
  if (!mayBookHere(person, ctx)) return [];
  const out: AppointmentRecord[] = [];
  const make = (
    kind: AppointmentRecord['documentKind'],
    business: AppointmentBusiness,
    cityCode: CityCode,
    date: string,
    status: AppointmentStatus,
  ): AppointmentRecord => {
    const bookedOn = minDate(addDays(date, -rng.int(1, 10)), ctx.asOf);
    return {
      appointmentId: rng.uuid(),
      idNumber: person.idNumber,
      applicantName: person.name,
      bookedByIdNumber: booker,
      business,
      documentKind: kind,
      office: officeOf(cityCode),
      cityCode,
      appointmentDate: date,
      timeSlot: rng.pick(TIME_SLOTS),
      bookedOn,
      status,
      updatedAt: momentOn(status === 'booked' ? bookedOn : minDate(date, ctx.asOf), rng.float()),
    };
  };
  // Documents issued by a Guangdong office in the last two years were applied for by appointment.
  for (const doc of documents) {
    if (doc.kind === 'hk-macao-resident-permit' || !doc.issuedCityCode || doc.status === 'cancelled') continue;
    if (doc.issuedOn < addYears(ctx.asOf, -2) || doc.issuedOn < '2019-01-01') continue;
    const replaced = documents.some((d) => d.kind === doc.kind && d.status === 'cancelled');
    const applied = addDays(doc.issuedOn, -rng.int(7, 12));
    out.push(make(doc.kind, replaced ? 'renewal' : 'first-issue', doc.issuedCityCode, applied, 'attended'));
  }
  // Some have one coming up, or cancelled one (cancellable online, as the guide says).
  const city = (person.hukouCityCode ?? person.residenceCityCode) as CityCode;
  if (rng.chance(0.04)) {
    const kind = rng.pick(['hk-macao-permit', 'passport'] as const);
    const held = documents.some((d) => d.kind === kind);
    const status: AppointmentStatus = rng.chance(0.7) ? 'booked' : 'cancelled';
    out.push(make(kind, held ? 'renewal' : 'first-issue', city, addDays(ctx.asOf, rng.int(1, 20)), status));
  }
  return out;
}

export function exitEntryRecordsOf(person: RegisteredPerson, ctx: SeedContext, booker: string): ExitEntryRecords {
  const empty: ExitEntryRecords = { documents: [], endorsements: [], appointments: [] };
  if (isDemoPerson(person)) return DEMO_EXIT_ENTRY.get(person.personId) ?? empty;
  if (person.status !== 'normal') return empty;
  const rng = ctx.rng('exit-entry', person.personId);
  const documents = documentsOf(person, rng, ctx);
  return {
    documents,
    endorsements: endorsementsOf(person, documents, rng, ctx),
    appointments: appointmentsOf(person, documents, booker, rng, ctx),
  };
}

/** Children under 16 are booked for by a parent in the register (the mother if both), others book themselves. */
function bookers(batch: PeopleBatch, ctx: SeedContext): Map<string, string> {
  const byId = new Map(batch.people.map((p) => [p.personId, p]));
  const out = new Map<string, string>();
  for (const r of batch.relations) {
    if (r.relation !== 'parent') continue;
    const child = byId.get(r.personId);
    const parent = byId.get(r.relativeId);
    if (!child || !parent || parent.status !== 'normal' || ageOn(child.birthDate, ctx.asOf) >= 16) continue;
    if (!out.has(child.personId) || parent.sex === 'female') out.set(child.personId, parent.idNumber);
  }
  return out;
}

export function exitEntryRecords(batch: PeopleBatch, ctx: SeedContext): ExitEntryRecords {
  const all: ExitEntryRecords = { documents: [], endorsements: [], appointments: [] };
  const bookedBy = bookers(batch, ctx);
  for (const person of batch.people) {
    const r = exitEntryRecordsOf(person, ctx, bookedBy.get(person.personId) ?? person.idNumber);
    all.documents.push(...r.documents);
    all.endorsements.push(...r.endorsements);
    all.appointments.push(...r.appointments);
  }
  return all;
}

/**
 * One transaction per batch. A document number drawn twice (the series are finite) keeps its first holder;
 * endorsements are written only where the document exists for the same person.
 */
export async function insertExitEntryRecords(db: Db, r: ExitEntryRecords): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await insertUnnest(
      tx,
      'dept_churujing.documents',
      [
        { name: 'document_number', type: 'text', value: (d) => d.documentNumber },
        { name: 'id_number', type: 'text', value: (d) => d.idNumber },
        { name: 'kind', type: 'text', value: (d) => d.kind },
        { name: 'name', type: 'text', value: (d) => d.name },
        { name: 'issued_on', type: 'date', value: (d) => d.issuedOn },
        { name: 'valid_until', type: 'date', value: (d) => d.validUntil },
        { name: 'issued_by', type: 'text', value: (d) => d.issuedBy },
        { name: 'issue_place', type: 'text', value: (d) => d.issuePlace },
        { name: 'issued_city_code', type: 'text', value: (d) => d.issuedCityCode },
        { name: 'status', type: 'text', value: (d) => d.status },
        { name: 'updated_at', type: 'timestamptz', value: (d) => d.updatedAt },
      ],
      r.documents,
    );
    await insertUnnest(
      tx,
      'dept_churujing.endorsements',
      [
        { name: 'endorsement_id', type: 'uuid', value: (e) => e.endorsementId },
        { name: 'document_number', type: 'text', value: (e) => e.documentNumber },
        { name: 'id_number', type: 'text', value: (e) => e.idNumber },
        { name: 'destination', type: 'text', value: (e) => e.destination },
        { name: 'kind', type: 'text', value: (e) => e.kind },
        { name: 'trips', type: 'text', value: (e) => e.trips },
        { name: 'stay_days', type: 'int', value: (e) => e.stayDays },
        { name: 'channel', type: 'text', value: (e) => e.channel },
        { name: 'applied_on', type: 'date', value: (e) => e.appliedOn },
        { name: 'valid_from', type: 'date', value: (e) => e.validFrom },
        { name: 'valid_until', type: 'date', value: (e) => e.validUntil },
        { name: 'fee', type: 'numeric', value: (e) => e.fee },
        { name: 'status', type: 'text', value: (e) => e.status },
        { name: 'progress', type: 'jsonb', value: (e) => e.progress },
        { name: 'updated_at', type: 'timestamptz', value: (e) => e.updatedAt },
      ],
      r.endorsements,
      sql`exists (select 1 from dept_churujing.documents d
        where d.document_number = u.document_number and d.id_number = u.id_number)`,
    );
    await insertUnnest(
      tx,
      'dept_churujing.appointments',
      [
        { name: 'appointment_id', type: 'uuid', value: (a) => a.appointmentId },
        { name: 'id_number', type: 'text', value: (a) => a.idNumber },
        { name: 'applicant_name', type: 'text', value: (a) => a.applicantName },
        { name: 'booked_by_id_number', type: 'text', value: (a) => a.bookedByIdNumber },
        { name: 'business', type: 'text', value: (a) => a.business },
        { name: 'document_kind', type: 'text', value: (a) => a.documentKind },
        { name: 'office', type: 'text', value: (a) => a.office },
        { name: 'city_code', type: 'text', value: (a) => a.cityCode },
        { name: 'appointment_date', type: 'date', value: (a) => a.appointmentDate },
        { name: 'time_slot', type: 'text', value: (a) => a.timeSlot },
        { name: 'booked_on', type: 'date', value: (a) => a.bookedOn },
        { name: 'status', type: 'text', value: (a) => a.status },
        { name: 'updated_at', type: 'timestamptz', value: (a) => a.updatedAt },
      ],
      r.appointments,
    );
  });
}

export const exitEntrySeeder: DepartmentSeeder = {
  name: 'exit-entry',
  seedBatch: (db, batch, ctx) => insertExitEntryRecords(db, exitEntryRecords(batch, ctx)),
};
