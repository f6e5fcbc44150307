import { parseResidentId, parseUscc } from '@yss/contracts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../db/database.js';
import { migrate } from '../../db/migrate.js';
import { DEMO_BATCH, GUANGDONG_CITIES, generatePeople, insertPeopleBatch } from '../population-register/generator.js';
import { lifeOf } from '../province/life.js';
import { seedContext } from '../province/seed-context.js';
import { FOSHAN, gaokaoYear, undergraduateLine, zhongkaoYear } from './exams.js';
import { educationRecords, educationSeeder, sandboxCandidatePassword } from './generator.js';
import { jobAfterGraduation } from './graduates.js';
import { INSTITUTIONS } from './institutions.js';
import { verifyPassword } from './passwords.js';
import { SCHOOL_STAGES, schoolDirectory } from './schools.js';
import { educationDb } from './tables.js';

const ctx = seedContext(42);
const people = [...generatePeople({ count: 20_000, seed: 42 })];
const records = people.map((b) => educationRecords(b, ctx));
const all = {
  zhongkao: records.flatMap((r) => r.zhongkao),
  gaokao: records.flatMap((r) => r.gaokao),
  graduates: records.flatMap((r) => r.graduates),
};
const schoolCodes = new Set(schoolDirectory().map((s) => s.code));
const schoolByCode = new Map(schoolDirectory().map((s) => [s.code, s]));

describe('the school directory', () => {
  it('has unique codes and names, and every stage in every district', () => {
    const schools = schoolDirectory();
    expect(schools.length).toBeGreaterThan(1500);
    expect(schoolCodes.size).toBe(schools.length);
    expect(new Set(schools.map((s) => s.name)).size).toBe(schools.length);
    for (const city of GUANGDONG_CITIES) {
      for (const district of city.districts) {
        const here = schools.filter((s) => s.cityCode === city.code && s.districtName === district.name);
        for (const stage of SCHOOL_STAGES)
          expect(
            here.some((s) => s.stage === stage),
            district.name,
          ).toBe(true);
        expect(here.every((s) => s.address.startsWith(`广东省${city.fullName}${district.name}`))).toBe(true);
      }
    }
    expect(schools.filter((s) => s.ownership === 'private' && s.stage === 'kindergarten').length).toBeGreaterThan(100);
  });
});

describe('education generator: determinism', () => {
  it('gives the same records for the same seed and other records for another', () => {
    expect(people.slice(0, 3).map((b) => educationRecords(b, seedContext(42)))).toEqual(records.slice(0, 3));
    const other = educationRecords(people[0] as (typeof people)[0], seedContext(43));
    expect(other.gaokao.map((g) => g.total)).not.toEqual(records[0]?.gaokao.map((g) => g.total));
  });

  it('gives a person the same records whatever batch they come in (per-person streams)', () => {
    const rebatched = [...generatePeople({ count: 20_000, seed: 42, batchSize: 333 })].map((b) =>
      educationRecords(b, ctx),
    );
    expect(rebatched.flatMap((r) => r.gaokao)).toEqual(all.gaokao);
    expect(rebatched.flatMap((r) => r.graduates)).toEqual(all.graduates);
    expect(rebatched.flatMap((r) => r.zhongkao)).toEqual(all.zhongkao);
  });
});

describe('education generator: validity', () => {
  it('issues unique numbers of the documented shapes', () => {
    const unique = (xs: string[]) => new Set(xs).size === xs.length;
    expect(all.zhongkao.length).toBeGreaterThan(10);
    expect(all.gaokao.length).toBeGreaterThan(2000);
    expect(all.graduates.length).toBeGreaterThan(1000);
    expect(unique(all.zhongkao.map((z) => z.ticketNumber))).toBe(true);
    expect(unique(all.gaokao.map((g) => g.candidateNumber))).toBe(true);
    expect(unique(all.gaokao.map((g) => g.ticketNumber))).toBe(true);
    expect(unique(all.graduates.map((g) => g.certificateNumber))).toBe(true);
    for (const z of all.zhongkao) {
      expect(z.ticketNumber).toMatch(
        new RegExp(`^${String(z.examYear % 100).padStart(2, '0')}${z.person.idNumber.slice(0, 6)}\\d{6}$`),
      );
    }
    for (const g of all.gaokao) {
      expect(g.candidateNumber).toMatch(new RegExp(`^${String(g.examYear % 100).padStart(2, '0')}\\d{12}$`));
      expect(g.ticketNumber.slice(0, 2)).toBe(g.candidateNumber.slice(0, 2));
    }
    for (const d of all.graduates) expect(d.certificateNumber.slice(0, 4)).toBe(String(d.graduationYear));
  });

  it('gives every record a valid ID number, an existing school and a valid employer code', () => {
    for (const r of [...all.zhongkao, ...all.gaokao, ...all.graduates]) {
      expect(parseResidentId(r.person.idNumber, { now: new Date('2026-01-01') }).ok).toBe(true);
    }
    for (const z of all.zhongkao)
      expect(schoolByCode.get(z.schoolCode)).toMatchObject({ cityCode: FOSHAN, stage: 'junior' });
    for (const g of all.gaokao) {
      expect(schoolByCode.get(g.examCentreCode)).toMatchObject({ cityCode: g.person.hukouCityCode, stage: 'senior' });
    }
    for (const d of all.graduates) if (d.reportToUscc) expect(parseUscc(d.reportToUscc).ok).toBe(true);
    const names = new Set(INSTITUTIONS.map((i) => i.name));
    for (const d of all.graduates) expect(names.has(d.institution)).toBe(true);
  });

  it('keeps scores within the marks, totals as their sums, 750 for the 高考 and 830 for the 佛山 中考', () => {
    for (const r of [...all.zhongkao, ...all.gaokao]) {
      if (!r.scores) continue;
      for (const s of r.scores) expect(s.score >= 0 && s.score <= s.fullMarks).toBe(true);
      expect(r.total).toBe(r.scores.reduce((sum, s) => sum + s.score, 0));
    }
    for (const g of all.gaokao) expect(g.scores?.reduce((s, x) => s + x.fullMarks, 0)).toBe(750);
    for (const z of all.zhongkao) expect(z.scores.reduce((s, x) => s + x.fullMarks, 0)).toBe(830);
  });
});

describe('education generator: consistency rules', () => {
  it('gives 中考 records only to 佛山 residents of the last five exam years', () => {
    for (const z of all.zhongkao) {
      expect(z.person.residenceCityCode).toBe(FOSHAN);
      expect(z.examYear).toBe(zhongkaoYear(z.person.birthDate));
      expect(z.examYear).toBeGreaterThanOrEqual(2021);
      expect(z.examYear).toBeLessThanOrEqual(2025);
    }
    const foshanTeens = people
      .flatMap((b) => b.people)
      .filter((p) => p.residenceCityCode === FOSHAN && p.status === 'normal')
      .filter((p) => zhongkaoYear(p.birthDate) >= 2021 && zhongkaoYear(p.birthDate) <= 2025);
    expect(all.zhongkao.length).toBeGreaterThan(foshanTeens.length * 0.85);
  });

  it('gives 高考 records to Guangdong-hukou candidates of their cohort year, 2006–2025', () => {
    for (const g of all.gaokao) {
      expect(g.person.hukouCityCode).not.toBeNull();
      expect(g.examYear).toBe(gaokaoYear(g.person.birthDate));
      expect(g.examYear).toBeGreaterThanOrEqual(2006);
      expect(g.examYear).toBeLessThanOrEqual(2025);
      expect(g.track === 'physics' || g.track === 'history').toBe(g.examYear >= 2021);
    }
  });

  it('admits to 本科 only at or above the line, and nobody below the 专科 line', () => {
    for (const g of all.gaokao) {
      const total = g.total as number;
      if (g.admission.level === 'undergraduate') {
        expect(total).toBeGreaterThanOrEqual(undergraduateLine(g.examYear, g.track));
      }
      if (total < 200) expect(g.admission.status).toBe('not-admitted');
    }
  });

  it('graduates 2006–2016 follow their 高考 admission and their archive follows their lifeOf job', () => {
    const gaokaoOf = new Map(all.gaokao.map((g) => [g.person.personId, g]));
    const seen = new Set<string>();
    for (const d of all.graduates) {
      expect(d.graduationYear).toBeGreaterThanOrEqual(2006);
      expect(d.graduationYear).toBeLessThanOrEqual(2016);
      const g = gaokaoOf.get(d.person.personId);
      if (g) {
        expect(g.admission.status).toBe('admitted');
        expect(d.major).toBe(g.admission.major);
        if (d.level === 'undergraduate' || d.level === 'vocational') {
          expect(d.institution).toBe(g.admission.institution);
          expect(d.level).toBe(g.admission.level);
        }
        expect(d.graduationYear).toBeGreaterThan(g.examYear);
      } else {
        expect(/^8[1-3]/.test(d.person.hukouRegionCode)).toBe(false);
      }
      const job = jobAfterGraduation(lifeOf(d.person, ctx), d.graduationYear);
      seen.add(d.archive.destination);
      if (d.archive.destination === 'employer') {
        expect(job?.employer.kind).toBe('institution');
        expect(d.archive.receiver).toBe(job?.employer.name);
      } else if (d.archive.destination === 'talent-market') {
        expect(job && job.employer.kind !== 'institution').toBe(true);
        expect(d.reportTo).toBe(job?.employer.name);
        expect(d.reportToUscc).toBe(job?.employer.uscc);
        expect(d.archive.receiver.endsWith('人才交流服务中心')).toBe(true);
      } else {
        expect(job).toBeUndefined();
        expect(d.archive.receiver.endsWith('人力资源和社会保障局')).toBe(true);
        expect(d.reportToUscc).toBeNull();
      }
      expect(d.archive.sentOn.startsWith(`${d.graduationYear}-07-`)).toBe(true);
    }
    expect(seen).toEqual(new Set(['employer', 'talent-market', 'origin']));
  });
});

describe('education seeder on PGlite', () => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await openDatabase({ pgliteDataDir: 'memory://' });
    await migrate(database.db);
  });
  afterAll(() => database?.close());

  it('seeds the demo people and 200 generated people, stores hashes that verify, and is idempotent', async () => {
    const seed1 = seedContext(1);
    const batches = [DEMO_BATCH, ...generatePeople({ count: 200, seed: 1 })];
    for (const b of batches) await insertPeopleBatch(database.db, b);
    await educationSeeder.seedReference?.(database.db, seed1);
    for (const b of batches) await educationSeeder.seedBatch(database.db, b, seed1);

    const db = educationDb(database.db);
    const count = async () => {
      const n = async (table: 'schools' | 'gaokao_candidates' | 'zhongkao_candidates' | 'graduates') =>
        Number(
          (await sql<{ n: string }>`select count(*) as n from ${sql.table(`dept_jiaoyu.${table}`)}`.execute(db)).rows[0]
            ?.n,
        );
      return [await n('schools'), await n('gaokao_candidates'), await n('zhongkao_candidates'), await n('graduates')];
    };
    const before = await count();
    const expected = batches.map((b) => educationRecords(b, seed1));
    expect(before).toEqual([
      schoolDirectory().length,
      expected.flatMap((r) => r.gaokao).length,
      expected.flatMap((r) => r.zhongkao).length,
      expected.flatMap((r) => r.graduates).length,
    ]);

    const rows = await db.selectFrom('dept_jiaoyu.gaokao_candidates').select(['person_id', 'password_hash']).execute();
    for (const row of rows.slice(0, 10)) {
      const { password } = sandboxCandidatePassword(seed1, row.person_id, 'gaokao');
      expect(row.password_hash).toMatch(/^scrypt\$256\$8\$1\$/);
      expect(row.password_hash).not.toContain(password);
      expect(await verifyPassword(password, row.password_hash)).toBe(true);
      expect(await verifyPassword(`${password}0`, row.password_hash)).toBe(false);
    }

    await educationSeeder.seedReference?.(database.db, seed1);
    for (const b of batches) await educationSeeder.seedBatch(database.db, b, seed1);
    expect(await count()).toEqual(before);
  });
});
