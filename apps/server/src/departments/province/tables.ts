import type { Generated } from 'kysely';

/** What the sandbox province's start-up seeding last completed (seed-once.ts). */
export interface ProvinceSeedTables {
  dept_province_seeds: {
    name: string;
    fingerprint: string;
    seeded_at: Generated<Date>;
  };
}
