import type { CityCode } from '@yss/contracts';
import type { Db } from '../../db/database.js';
import { insertUnnest } from '../kit/bulk.js';
import { addDays, minDate, momentOn } from '../kit/dates.js';
import { isDemoPerson } from '../kit/demo.js';
import type { RegisteredPerson } from '../population-register/contract.js';
import type { PeopleBatch } from '../population-register/generator.js';
import type { DepartmentSeeder, SeedContext } from '../province/seed-context.js';
import { editionLetter, hospitalsOf, RECORDS_FROM } from './codes.js';
import { DEMO_HEALTH } from './demo.js';

/**
 * Birth medical certificates of the synthetic province: one for every child in the register born from
 * 2014-01-01 who lives in Guangdong and whose mother the register links (born in a hospital of the city
 * the family lives in), naming the mother and the father as the register links them. Measurements from
 * ctx.rng('health', childPersonId): weight around 3.2 kg, length around 50 cm, 37–41 weeks mostly.
 */

export interface BirthCertificateRow {
  certificateNumber: string;
  childIdNumber: string | null;
  childName: string;
  childSex: 'male' | 'female';
  birthDate: string;
  birthTime: string;
  hospital: string;
  cityCode: CityCode;
  weightGrams: number;
  lengthCm: number;
  gestationWeeks: number;
  motherIdNumber: string;
  motherName: string;
  fatherIdNumber: string | null;
  fatherName: string | null;
  issuedOn: string;
  updatedAt: string;
}

export function healthRecords(batch: PeopleBatch, ctx: SeedContext): BirthCertificateRow[] {
  const byId = new Map(batch.people.map((p) => [p.personId, p]));
  const parents = new Map<string, RegisteredPerson[]>();
  for (const r of batch.relations) {
    const parent = byId.get(r.relativeId);
    if (r.relation === 'parent' && parent) parents.set(r.personId, [...(parents.get(r.personId) ?? []), parent]);
  }
  const out: BirthCertificateRow[] = [];
  for (const child of batch.people) {
    if (isDemoPerson(child)) {
      out.push(...(DEMO_HEALTH.get(child.personId) ?? []));
      continue;
    }
    const cityCode = child.residenceCityCode ?? child.hukouCityCode;
    if (child.birthDate < RECORDS_FROM || child.birthDate > ctx.asOf || !cityCode) continue;
    const mother = parents.get(child.personId)?.find((p) => p.sex === 'female');
    const father = parents.get(child.personId)?.find((p) => p.sex === 'male');
    if (!mother) continue;
    const rng = ctx.rng('health', child.personId);
    const weeks = rng.chance(0.07) ? rng.int(32, 36) : rng.int(37, 41);
    const weight = Math.round(3250 + 420 * rng.normal() - (40 - weeks) * 120);
    const issuedOn = minDate(addDays(child.birthDate, rng.int(3, 30)), ctx.asOf);
    out.push({
      certificateNumber: `${editionLetter(child.birthDate)}${String(rng.int(0, 999_999_999)).padStart(9, '0')}`,
      childIdNumber: child.idNumber,
      childName: child.name,
      childSex: child.sex,
      birthDate: child.birthDate,
      birthTime: `${String(rng.int(0, 23)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}`,
      hospital: rng.pick(hospitalsOf(cityCode)),
      cityCode: cityCode as CityCode,
      weightGrams: Math.max(1500, Math.min(5200, weight)),
      lengthCm: Math.round(50 + 2 * rng.normal() - (40 - weeks) * 0.8),
      gestationWeeks: weeks,
      motherIdNumber: mother.idNumber,
      motherName: mother.name,
      fatherIdNumber: father?.idNumber ?? null,
      fatherName: father?.name ?? null,
      issuedOn,
      updatedAt: momentOn(issuedOn, rng.float()),
    });
  }
  return out;
}

export async function insertHealthRecords(db: Db, rows: BirthCertificateRow[]): Promise<void> {
  await insertUnnest(
    db,
    'dept_weijian.birth_certificates',
    [
      { name: 'certificate_number', type: 'text', value: (x) => x.certificateNumber },
      { name: 'child_id_number', type: 'text', value: (x) => x.childIdNumber },
      { name: 'child_name', type: 'text', value: (x) => x.childName },
      { name: 'child_sex', type: 'text', value: (x) => x.childSex },
      { name: 'birth_date', type: 'date', value: (x) => x.birthDate },
      { name: 'birth_time', type: 'text', value: (x) => x.birthTime },
      { name: 'hospital', type: 'text', value: (x) => x.hospital },
      { name: 'city_code', type: 'text', value: (x) => x.cityCode },
      { name: 'weight_grams', type: 'int', value: (x) => x.weightGrams },
      { name: 'length_cm', type: 'int', value: (x) => x.lengthCm },
      { name: 'gestation_weeks', type: 'int', value: (x) => x.gestationWeeks },
      { name: 'mother_id_number', type: 'text', value: (x) => x.motherIdNumber },
      { name: 'mother_name', type: 'text', value: (x) => x.motherName },
      { name: 'father_id_number', type: 'text', value: (x) => x.fatherIdNumber },
      { name: 'father_name', type: 'text', value: (x) => x.fatherName },
      { name: 'issued_on', type: 'date', value: (x) => x.issuedOn },
      { name: 'updated_at', type: 'timestamptz', value: (x) => x.updatedAt },
    ],
    rows,
  );
}

export const healthSeeder: DepartmentSeeder = {
  name: 'health',
  seedBatch: (db, batch, ctx) => insertHealthRecords(db, healthRecords(batch, ctx)),
};
