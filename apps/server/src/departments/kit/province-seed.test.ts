import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ENGINES, type TestApp } from '../../test-support/test-app.js';
import { provinceSeedFingerprint, seedProvinceOnce } from '../province/seed-once.js';
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

  it('a start whose database holds this province already skips seeding; other options or a lost record seed again', async () => {
    const options = { count: 200, seed: 1 };
    const fingerprint = provinceSeedFingerprint(options);
    expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(provinceSeedFingerprint({ ...options })).toBe(fingerprint);
    for (const other of [
      { count: 201, seed: 1 },
      { count: 200, seed: 2 },
      { ...options, asOf: '2026-06-01' },
    ])
      expect(provinceSeedFingerprint(other), JSON.stringify(other)).not.toBe(fingerprint);
    const recorded = () => t.database.db.selectFrom('dept_province_seeds').select(['name', 'fingerprint']).execute();
    // the app's start recorded what it seeded
    expect(await recorded()).toEqual([{ name: 'province', fingerprint }]);
    const before = await counts();
    expect(await seedProvinceOnce(t.database.db, options)).toBe('up-to-date');
    // without the record (a seed that stopped half-way never writes it) the province is seeded again: nothing added
    await t.database.db.deleteFrom('dept_province_seeds').execute();
    const again = await seedProvinceOnce(t.database.db, options);
    expect(again).toMatchObject({ people: 200 });
    expect(await counts()).toEqual(before);
    expect(await recorded()).toEqual([{ name: 'province', fingerprint }]);
  });
});
