import { type Kysely, sql } from 'kysely';
import type { DepartmentSeeder } from '../province/seed-context.js';
import { justiceDirectory } from './directory.js';
import { type JusticeTables, justiceDb } from './tables.js';

/**
 * The justice directory is reference data: written once per database (the same rows for every seed) with
 * one unnest() insert per table; `on conflict do nothing` makes it idempotent. Nothing per person.
 */
export async function seedJusticeDirectory<DB extends JusticeTables>(handle: Kysely<DB>): Promise<void> {
  const db = justiceDb(handle);
  const { firms, lawyers, centres } = justiceDirectory();
  await db.transaction().execute(async (tx) => {
    const f = <T>(fn: (x: (typeof firms)[number]) => T) => firms.map(fn);
    await sql`
      insert into dept_sifa.law_firms (licence_number, uscc, name, city_code, region_code, address, phone, form,
        established_on)
      select * from unnest(${f((x) => x.licenceNumber)}::text[], ${f((x) => x.uscc)}::text[], ${f((x) => x.name)}::text[],
        ${f((x) => x.cityCode)}::text[], ${f((x) => x.regionCode)}::text[], ${f((x) => x.address)}::text[],
        ${f((x) => x.phone)}::text[], ${f((x) => x.form)}::text[], ${f((x) => x.establishedOn)}::date[])
      on conflict do nothing`.execute(tx);
    const l = <T>(fn: (x: (typeof lawyers)[number]) => T) => lawyers.map(fn);
    await sql`
      insert into dept_sifa.lawyers (licence_number, name, sex, firm_licence_number, city_code, category,
        first_licensed_year, practice_areas, duty_weekdays)
      select n, na, s, fl, c, ca, y, pa::jsonb, dw::jsonb from unnest(${l((x) => x.licenceNumber)}::text[],
        ${l((x) => x.name)}::text[], ${l((x) => x.sex)}::text[], ${l((x) => x.firmLicenceNumber)}::text[],
        ${l((x) => x.cityCode)}::text[], ${l((x) => x.category)}::text[], ${l((x) => x.firstLicensedYear)}::int[],
        ${l((x) => JSON.stringify(x.practiceAreas))}::text[], ${l((x) => JSON.stringify(x.dutyWeekdays))}::text[])
        as t(n, na, s, fl, c, ca, y, pa, dw)
      on conflict do nothing`.execute(tx);
    const c = <T>(fn: (x: (typeof centres)[number]) => T) => centres.map(fn);
    await sql`
      insert into dept_sifa.legal_aid_centres (city_code, name, address, phone, hours)
      select * from unnest(${c((x) => x.cityCode)}::text[], ${c((x) => x.name)}::text[], ${c((x) => x.address)}::text[],
        ${c((x) => x.phone)}::text[], ${c((x) => x.hours)}::text[])
      on conflict do nothing`.execute(tx);
  });
}

export const justiceSeeder: DepartmentSeeder = {
  name: 'justice',
  seedReference: (db) => seedJusticeDirectory(db),
  // Lawyers are public listings, not people of the register: nothing per batch.
  seedBatch: async () => {},
};
