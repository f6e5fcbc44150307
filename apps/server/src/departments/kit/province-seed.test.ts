import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ENGINES, type TestApp } from '../../test-support/test-app.js';
import { seedProvince } from '../province/seed-province.js';

/** The tables of the police-and-family departments (traffic, exit-entry, household services, 民政, 残联, 卫健, 志愿者, 来穗局). */
const TABLES = [
  'dept_jiaoguan.driving_licences',
  'dept_jiaoguan.vehicles',
  'dept_jiaoguan.violations',
  'dept_churujing.documents',
  'dept_churujing.endorsements',
  'dept_churujing.appointments',
  'dept_gongan.id_card_applications',
  'dept_gongan.household_approvals',
  'dept_gongan.residence_registrations',
  'dept_gongan.residence_permits',
  'dept_minzheng.marriage_records',
  'dept_minzheng.old_age_allowances',
  'dept_minzheng.assistance_cases',
  'dept_canlian.certificates',
  'dept_canlian.subsidies',
  'dept_canlian.applications',
  'dept_weijian.birth_certificates',
  'dept_zhiyuan.volunteers',
  'dept_laisui.points_records',
];

describe.each(ENGINES)('the demo province seeds these departments idempotently on %s', (engine) => {
  let t: TestApp;
  const counts = async () => {
    const out: Record<string, number> = {};
    for (const table of TABLES) {
      const r = await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(t.database.db);
      out[table] = Number(r.rows[0]?.n);
    }
    return out;
  };
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(() => t?.close());

  it('every table has rows after the app starts, and seeding the same province again adds none', async () => {
    const before = await counts();
    for (const table of TABLES) expect(before[table], table).toBeGreaterThan(0);
    await seedProvince(t.database.db, { count: 200, seed: 1 });
    expect(await counts()).toEqual(before);
  });
});
