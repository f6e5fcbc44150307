import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from '../../db/database.js';
import { MIGRATIONS_DIR } from '../../db/migrate.js';
import { type ProvinceSeedOptions, type ProvinceSeedResult, seedProvince } from './seed-province.js';

/** The one sandbox province a demo deployment holds. */
const PROVINCE = 'province';

/** Source files only: maps and declarations do not change what is written. */
const CODE = /\.(js|mjs|ts|json|sql)$/;
const NOT_CODE = /\.(d\.ts|map)$/;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && CODE.test(e.name) && !NOT_CODE.test(e.name) && !e.name.includes('.test.'))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

/**
 * What the seeded province depends on: the seed options, and the code that writes it — every department's
 * generators and seeders (this folder's parent, `departments/`), the shared contracts they read (cities, the
 * catalog's ids) and the migrations (the tables it writes, and any data a migration changes). Any change to these
 * gives another fingerprint, so upgraded code seeds again. Files are hashed
 * with their paths relative to their folder, so the same build gives the same fingerprint wherever it is installed.
 */
export function provinceSeedFingerprint(options: Pick<ProvinceSeedOptions, 'count' | 'seed' | 'asOf'>): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ count: options.count, seed: String(options.seed), asOf: options.asOf ?? null }));
  const folders: [string, string][] = [
    ['departments', fileURLToPath(new URL('..', import.meta.url))],
    ['migrations', MIGRATIONS_DIR],
  ];
  try {
    folders.push(['contracts', path.dirname(createRequire(import.meta.url).resolve('@yss/contracts'))]);
  } catch {
    // contracts not built (a development run from the sources): a fingerprint no start matches, so it seeds
    hash.update(`contracts unresolved ${Date.now()} ${Math.random()}`);
  }
  for (const [label, dir] of folders) {
    for (const file of filesUnder(dir)) {
      hash.update(`\0${label}/${path.relative(dir, file)}\0`);
      hash.update(readFileSync(file));
    }
  }
  return hash.digest('hex');
}

/**
 * Seed the sandbox province unless this database already holds the one these options and this code write.
 * Seeding is idempotent, so skipping changes nothing but the time a start takes (~3 s on PGlite). The row is
 * written only after a complete seed: a start that stopped half-way seeds again.
 */
export async function seedProvinceOnce(
  db: Db,
  options: ProvinceSeedOptions,
): Promise<ProvinceSeedResult | 'up-to-date'> {
  const fingerprint = provinceSeedFingerprint(options);
  const done = await db
    .selectFrom('dept_province_seeds')
    .select('fingerprint')
    .where('name', '=', PROVINCE)
    .executeTakeFirst();
  if (done?.fingerprint === fingerprint) return 'up-to-date';
  const result = await seedProvince(db, options);
  await db
    .insertInto('dept_province_seeds')
    .values({ name: PROVINCE, fingerprint })
    .onConflict((oc) => oc.column('name').doUpdateSet({ fingerprint, seeded_at: new Date() }))
    .execute();
  return result;
}
