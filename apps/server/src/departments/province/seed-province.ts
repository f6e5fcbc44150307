import type { Db } from '../../db/database.js';
import { DEMO_BATCH, generatePeople, insertPeopleBatch } from '../population-register/generator.js';
import { DEPARTMENTS, type SandboxDepartment } from '../registry.js';
import { type DepartmentSeeder, seedContext } from './seed-context.js';

export interface ProvinceSeedOptions {
  /** Generated citizens (the demo people come on top). */
  count: number;
  seed: number | string;
  asOf?: string;
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface ProvinceSeedResult {
  people: number;
  departments: string[];
}

/**
 * Fill the sandbox province: reference records of each department (enterprises, schools …), then the demo
 * people and `count` generated people batch by batch, each department writing its records for the batch in
 * its own schema. Deterministic and idempotent: the same seed gives the same province, and seeding again
 * adds nothing.
 */
export async function seedProvince(db: Db, options: ProvinceSeedOptions): Promise<ProvinceSeedResult> {
  const ctx = seedContext(options.seed, options.asOf);
  const seeders: DepartmentSeeder[] = Object.values(DEPARTMENTS).flatMap((d) => {
    const seeder = (d as SandboxDepartment).seeder;
    return seeder ? [seeder] : [];
  });
  for (const s of seeders) await s.seedReference?.(db, ctx);
  await insertPeopleBatch(db, DEMO_BATCH);
  for (const s of seeders) await s.seedBatch(db, DEMO_BATCH, ctx);
  let done = 0;
  for (const batch of generatePeople({
    count: options.count,
    seed: options.seed,
    asOf: options.asOf,
    batchSize: options.batchSize,
  })) {
    await insertPeopleBatch(db, batch);
    for (const s of seeders) await s.seedBatch(db, batch, ctx);
    done += batch.people.length;
    options.onProgress?.(done, options.count);
  }
  return { people: done, departments: ['population-register', ...seeders.map((s) => s.name)] };
}
