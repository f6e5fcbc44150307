import type { Db } from '../../db/database.js';
import { DEFAULT_AS_OF, type PeopleBatch, Rng } from '../population-register/generator.js';

/**
 * What every department's generator gets: the seed, the province's "today", and independent random streams.
 * A stream is keyed by (seed, department stream name, person id), so a department's records for a person
 * do not depend on batch order, on how many people are generated, or on the other departments: adding a
 * department never changes another's data.
 */
export interface SeedContext {
  seed: string;
  /** The day the synthetic province is "as of" (YYYY-MM-DD): histories end here. */
  asOf: string;
  rng(stream: string, key: string): Rng;
}

export function seedContext(seed: number | string, asOf = DEFAULT_AS_OF): SeedContext {
  const s = String(seed);
  return { seed: s, asOf, rng: (stream, key) => new Rng(`${s}:${stream}:${key}`) };
}

/**
 * A sandbox department's part of the synthetic province: writes its records for a batch of people (whole
 * households, demo people included) in its own schema. Must be idempotent (re-seeding the same seed adds
 * nothing) and deterministic (same seed → same rows).
 */
export interface DepartmentSeeder {
  /** Shown in the progress output. */
  name: string;
  seedBatch(db: Db, batch: PeopleBatch, ctx: SeedContext): Promise<void>;
  /** Records not tied to people (enterprises, schools, …), written once per seed before the people. */
  seedReference?(db: Db, ctx: SeedContext): Promise<void>;
}
