import type { ColumnType, Generated, Kysely } from 'kysely';

/**
 * Tables of the sandbox population register (公安户政), schema `dept_gongan`
 * (migrations/0003_dept_population-register.sql). They belong to the sandbox department, not to the
 * platform: only the sandbox connector (sandbox.ts) and the generator (generator.ts) read or write them.
 */
export interface PopulationRegisterTables {
  'dept_gongan.people': {
    person_id: string;
    id_number: string;
    name: string;
    sex: 'male' | 'female';
    /** A `date`: written as 'YYYY-MM-DD'; read it as text (to_char), drivers differ in what they return. */
    birth_date: ColumnType<Date, string, string>;
    hukou_city_code: string | null;
    hukou_region_code: string;
    address: string;
    residence_city_code: string | null;
    residence_address: string | null;
    phone: string | null;
    status: 'normal' | 'deceased' | 'cancelled';
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
  };
  /** One row per direction: (A, B, 'child') says B is A's child; (B, A, 'parent') says the converse. */
  'dept_gongan.family_relations': {
    person_id: string;
    relative_id: string;
    relation: 'spouse' | 'child' | 'parent';
  };
}

/** A database handle that can see (at least) the population register's tables. */
export type PopulationRegisterDb = Kysely<PopulationRegisterTables>;

/**
 * Narrow a handle whose database includes the register's tables (the platform's `Db` does) to one that sees
 * only them. Kysely's database type is invariant, so this needs a cast; the constraint keeps it honest.
 */
export function populationRegisterDb<DB extends PopulationRegisterTables>(db: Kysely<DB>): PopulationRegisterDb {
  return db as unknown as PopulationRegisterDb;
}
