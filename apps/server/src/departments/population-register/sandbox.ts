import { parseResidentId } from '@yss/contracts';
import { type Kysely, sql } from 'kysely';
import {
  type FamilyRelation,
  type IdentityMatch,
  type IdentityMatchInput,
  normaliseRegisteredName,
  type PopulationRegister,
  type RegisteredPerson,
} from './contract.js';
import { type PopulationRegisterDb, type PopulationRegisterTables, populationRegisterDb } from './tables.js';

const PERSON_COLUMNS = [
  'p.person_id',
  'p.name',
  'p.id_number',
  'p.sex',
  'p.hukou_city_code',
  'p.hukou_region_code',
  'p.address',
  'p.residence_city_code',
  'p.residence_address',
  'p.phone',
  'p.status',
] as const;

const RELATION_ORDER: Record<FamilyRelation['relation'], number> = { spouse: 0, parent: 1, child: 2 };

interface PersonRow {
  person_id: string;
  name: string;
  id_number: string;
  sex: 'male' | 'female';
  birth_date: string;
  hukou_city_code: string | null;
  hukou_region_code: string;
  address: string;
  residence_city_code: string | null;
  residence_address: string | null;
  phone: string | null;
  status: RegisteredPerson['status'];
}

/**
 * The embedded sandbox of the provincial population register: the department's own system, answering from
 * its own schema (dept_gongan). It narrows the handle it is given to one that sees only its own tables.
 */
export class SandboxPopulationRegister<DB extends PopulationRegisterTables = PopulationRegisterTables>
  implements PopulationRegister
{
  private readonly db: PopulationRegisterDb;

  constructor(db: Kysely<DB>) {
    this.db = populationRegisterDb(db);
  }

  async matchIdentity(input: IdentityMatchInput): Promise<IdentityMatch> {
    const idNumber = normaliseIdNumber(input.idNumber);
    const name = normaliseRegisteredName(input.name);
    // One answer for a malformed number, an unknown number, a wrong name and a person no longer registered.
    const row =
      idNumber && name
        ? await this.db
            .selectFrom('dept_gongan.people')
            .select(['person_id', 'name', 'status'])
            .where('id_number', '=', idNumber)
            .executeTakeFirst()
        : undefined;
    if (row?.status !== 'normal' || normaliseRegisteredName(row.name) !== name) return { matched: false };
    return { matched: true, personId: row.person_id };
  }

  async getPerson(idNumber: string): Promise<RegisteredPerson | undefined> {
    const normalised = normaliseIdNumber(idNumber);
    if (!normalised) return undefined;
    const row = await this.selectPeople().where('p.id_number', '=', normalised).executeTakeFirst();
    return row ? toPerson(row) : undefined;
  }

  async familyOf(idNumber: string): Promise<FamilyRelation[]> {
    const normalised = normaliseIdNumber(idNumber);
    if (!normalised) return [];
    const rows = await this.selectPeople()
      .innerJoin('dept_gongan.family_relations as r', 'r.relative_id', 'p.person_id')
      .innerJoin('dept_gongan.people as me', 'me.person_id', 'r.person_id')
      .where('me.id_number', '=', normalised)
      .select('r.relation')
      .execute();
    return rows
      .map((row) => ({ relation: row.relation, person: toPerson(row) }))
      .sort(
        (a, b) =>
          RELATION_ORDER[a.relation] - RELATION_ORDER[b.relation] ||
          a.person.birthDate.localeCompare(b.person.birthDate) ||
          a.person.personId.localeCompare(b.person.personId),
      );
  }

  async countByName(name: string): Promise<{ male: number; female: number }> {
    const normalised = normaliseRegisteredName(name);
    if (!normalised) return { male: 0, female: 0 };
    const rows = await this.db
      .selectFrom('dept_gongan.people')
      .select(['sex', (eb) => eb.fn.countAll<string>().as('n')])
      .where('name', '=', normalised)
      .where('status', '=', 'normal')
      .groupBy('sex')
      .execute();
    const count = (sex: string) => Number(rows.find((r) => r.sex === sex)?.n ?? 0);
    return { male: count('male'), female: count('female') };
  }

  async findByPhone(phone: string): Promise<RegisteredPerson[]> {
    const normalised = phone.trim();
    if (!/^1[3-9]\d{9}$/.test(normalised)) return [];
    const rows = await this.selectPeople()
      .where('p.phone', '=', normalised)
      .orderBy('p.birth_date')
      .orderBy('p.person_id')
      .execute();
    return rows.map(toPerson);
  }

  private selectPeople() {
    return this.db
      .selectFrom('dept_gongan.people as p')
      .select(PERSON_COLUMNS)
      .select(sql<string>`to_char(p.birth_date, 'YYYY-MM-DD')`.as('birth_date'));
  }
}

/** The ID number in register form, or undefined when it cannot be one (format only: the register decides). */
function normaliseIdNumber(idNumber: string): string | undefined {
  const parsed = parseResidentId(idNumber);
  return parsed.ok ? parsed.idNumber : undefined;
}

function toPerson(row: PersonRow): RegisteredPerson {
  return {
    personId: row.person_id,
    name: row.name,
    idNumber: row.id_number,
    sex: row.sex,
    birthDate: row.birth_date,
    hukouCityCode: row.hukou_city_code as RegisteredPerson['hukouCityCode'],
    hukouRegionCode: row.hukou_region_code,
    address: row.address,
    residenceCityCode: row.residence_city_code as RegisteredPerson['residenceCityCode'],
    residenceAddress: row.residence_address,
    phone: row.phone,
    status: row.status,
  };
}
