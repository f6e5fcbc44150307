import { type Kysely, sql } from 'kysely';
import type { DepartmentImplementation } from '../framework/contract.js';
import { electronicFrom } from './codes.js';
import type { BirthCertificate, HealthSpec } from './contract.js';
import { type HealthDb, type HealthTables, healthDb } from './tables.js';

const ROLE_ORDER = { child: 0, mother: 1, father: 2 } as const;

/** The embedded sandbox of the health commission system: reads its own schema only. */
export class SandboxHealth<DB extends HealthTables = HealthTables> {
  private readonly db: HealthDb;

  constructor(db: Kysely<DB>) {
    this.db = healthDb(db);
  }

  operations(): DepartmentImplementation<HealthSpec> {
    return { birthCertificates: async ({ idNumber }) => ({ certificates: await this.certificates(idNumber) }) };
  }

  private async certificates(idNumber: string): Promise<BirthCertificate[]> {
    const select = () =>
      this.db
        .selectFrom('dept_weijian.birth_certificates')
        .selectAll()
        .select([
          sql<string>`to_char(birth_date, 'YYYY-MM-DD')`.as('birth'),
          sql<string>`to_char(issued_on, 'YYYY-MM-DD')`.as('issued'),
        ]);
    // Three indexed lookups: as the child, as the mother, as the father.
    const [asChild, asMother, asFather] = await Promise.all([
      select().where('child_id_number', '=', idNumber).execute(),
      select().where('mother_id_number', '=', idNumber).execute(),
      select().where('father_id_number', '=', idNumber).execute(),
    ]);
    const tagged = [
      ...asChild.map((r) => ({ r, role: 'child' as const })),
      ...asMother.map((r) => ({ r, role: 'mother' as const })),
      ...asFather.map((r) => ({ r, role: 'father' as const })),
    ];
    return tagged
      .map(({ r, role }) => {
        const from = electronicFrom(r.city_code);
        return {
          certificateNumber: r.certificate_number,
          role,
          childName: r.child_name,
          childSex: r.child_sex as 'male' | 'female',
          childIdNumber: r.child_id_number,
          birthDate: r.birth,
          birthTime: r.birth_time,
          hospital: r.hospital,
          cityCode: r.city_code as BirthCertificate['cityCode'],
          weightGrams: r.weight_grams,
          lengthCm: r.length_cm,
          gestationWeeks: r.gestation_weeks,
          motherName: r.mother_name,
          motherIdNumber: r.mother_id_number,
          fatherName: r.father_name,
          fatherIdNumber: r.father_id_number,
          issuedOn: r.issued,
          electronicLicence: { available: r.birth >= from, coversBirthsFrom: from },
          updatedAt: new Date(r.updated_at).toISOString(),
        };
      })
      .sort(
        (a, b) =>
          b.birthDate.localeCompare(a.birthDate) ||
          ROLE_ORDER[a.role] - ROLE_ORDER[b.role] ||
          a.certificateNumber.localeCompare(b.certificateNumber),
      );
  }
}
