import { type Kysely, sql } from 'kysely';
import type { RegisteredPerson } from '../population-register/contract.js';
import type { PeopleBatch, Rng } from '../population-register/generator.js';
import { lifeOf } from '../province/life.js';
import type { DepartmentSeeder, SeedContext } from '../province/seed-context.js';
import { DEMO_CANDIDATE_PASSWORD, DEMO_EDUCATION } from './demo.js';
import { type GaokaoCandidate, gaokaoOf, type ZhongkaoCandidate, zhongkaoOf } from './exams.js';
import { type Graduate, graduateOf } from './graduates.js';
import { hashPassword } from './passwords.js';
import { schoolDirectory } from './schools.js';
import { type EducationTables, educationDb } from './tables.js';

/**
 * The education part of the synthetic province. Per person (own random streams, so nothing depends on
 * batch order or on other departments): a 中考 record for 佛山 teenagers, a 高考 record for Guangdong-hukou
 * candidates from 2006 on, a 报到证 and archive record for the classes of 2006–2016 (following the 高考
 * admission and the person's lifeOf job). Written per batch with one unnest() insert per table, `on conflict
 * do nothing` on the natural keys, so seeding again adds nothing.
 */

export interface EducationRecords {
  zhongkao: (ZhongkaoCandidate & { person: RegisteredPerson; password: string; salt: Buffer })[];
  gaokao: (GaokaoCandidate & { person: RegisteredPerson; password: string; salt: Buffer })[];
  graduates: (Graduate & { person: RegisteredPerson })[];
}

function salt(rng: Rng): Buffer {
  const bytes = Buffer.alloc(16);
  for (let i = 0; i < 4; i++) bytes.writeUInt32BE(rng.next(), i * 4);
  return bytes;
}

/**
 * The query password a generated candidate chose: 8 digits from the person's own stream (the demo people
 * use DEMO_CANDIDATE_PASSWORD). Exported for tests and for finding a sandbox candidate's password.
 */
export function sandboxCandidatePassword(
  ctx: SeedContext,
  personId: string,
  exam: 'zhongkao' | 'gaokao',
): { password: string; salt: Buffer } {
  const rng = ctx.rng(`jiaoyu-${exam}-password`, personId);
  const password = DEMO_EDUCATION[personId] ? DEMO_CANDIDATE_PASSWORD : String(rng.int(0, 99_999_999)).padStart(8, '0');
  return { password, salt: salt(rng) };
}

/** What the education systems hold about a batch of people (pure: no database). */
export function educationRecords(batch: PeopleBatch, ctx: SeedContext): EducationRecords {
  const records: EducationRecords = { zhongkao: [], gaokao: [], graduates: [] };
  for (const person of batch.people) {
    const demo = DEMO_EDUCATION[person.personId];
    const zhongkao = zhongkaoOf(person, ctx.rng('jiaoyu-zhongkao', person.personId), ctx.asOf);
    if (zhongkao)
      records.zhongkao.push({ ...zhongkao, person, ...sandboxCandidatePassword(ctx, person.personId, 'zhongkao') });
    const gaokao = gaokaoOf(person, ctx.rng('jiaoyu-gaokao', person.personId), ctx.asOf, demo?.gaokao);
    if (gaokao) records.gaokao.push({ ...gaokao, person, ...sandboxCandidatePassword(ctx, person.personId, 'gaokao') });
    const born = Number(person.birthDate.slice(0, 4));
    // Only the cohorts that can have graduated in 2006–2016 need their working life.
    if (born >= 1975 && born <= 1996) {
      const graduate = graduateOf(
        person,
        gaokao,
        lifeOf(person, ctx),
        ctx.rng('jiaoyu-graduate', person.personId),
        ctx.asOf,
        demo?.graduate,
      );
      if (graduate) records.graduates.push({ ...graduate, person });
    }
  }
  return records;
}

/** The school directory, once per database (the same rows for every seed). */
export async function seedSchools<DB extends EducationTables>(handle: Kysely<DB>): Promise<void> {
  const db = educationDb(handle);
  const schools = schoolDirectory();
  const col = <K extends keyof (typeof schools)[number]>(k: K) => schools.map((s) => s[k]);
  await sql`
    insert into dept_jiaoyu.schools (code, name, city_code, region_code, district_name, address, stage, ownership, phone)
    select * from unnest(${col('code')}::text[], ${col('name')}::text[], ${col('cityCode')}::text[],
      ${col('regionCode')}::text[], ${col('districtName')}::text[], ${col('address')}::text[], ${col('stage')}::text[],
      ${col('ownership')}::text[], ${col('phone')}::text[])
    on conflict do nothing`.execute(db);
}

export async function insertEducationRecords<DB extends EducationTables>(
  handle: Kysely<DB>,
  records: EducationRecords,
): Promise<void> {
  const db = educationDb(handle);
  // Hash every password of the batch at once: scrypt runs on the libuv pool, in parallel.
  const [zhongkaoHashes, gaokaoHashes] = await Promise.all([
    Promise.all(records.zhongkao.map((r) => hashPassword(r.password, r.salt))),
    Promise.all(records.gaokao.map((r) => hashPassword(r.password, r.salt))),
  ]);
  await db.transaction().execute(async (tx) => {
    const z = records.zhongkao;
    if (z.length > 0) {
      await sql`
        insert into dept_jiaoyu.zhongkao_candidates (ticket_number, person_id, id_number, name, exam_year, school_code,
          password_hash, scores, total, updated_at)
        select t, p, i, n, y, s, h, sc::jsonb, tot, u from unnest(
          ${z.map((r) => r.ticketNumber)}::text[], ${z.map((r) => r.person.personId)}::uuid[],
          ${z.map((r) => r.person.idNumber)}::text[], ${z.map((r) => r.person.name)}::text[],
          ${z.map((r) => r.examYear)}::int[], ${z.map((r) => r.schoolCode)}::text[], ${zhongkaoHashes}::text[],
          ${z.map((r) => JSON.stringify(r.scores))}::text[], ${z.map((r) => r.total)}::int[],
          ${z.map((r) => r.updatedAt)}::timestamptz[]) as x(t, p, i, n, y, s, h, sc, tot, u)
        on conflict do nothing`.execute(tx);
    }
    const g = records.gaokao;
    if (g.length > 0) {
      await sql`
        insert into dept_jiaoyu.gaokao_candidates (candidate_number, ticket_number, person_id, id_number, name, exam_year,
          track, subjects, exam_centre_code, password_hash, scores, total, admission_status, admission_institution,
          admission_major, admission_level, updated_at)
        select c, t, p, i, n, y, tr, su::jsonb, ec, h, sc::jsonb, tot, st, ins, ma, lv, u from unnest(
          ${g.map((r) => r.candidateNumber)}::text[], ${g.map((r) => r.ticketNumber)}::text[],
          ${g.map((r) => r.person.personId)}::uuid[], ${g.map((r) => r.person.idNumber)}::text[],
          ${g.map((r) => r.person.name)}::text[], ${g.map((r) => r.examYear)}::int[], ${g.map((r) => r.track)}::text[],
          ${g.map((r) => JSON.stringify(r.subjects))}::text[], ${g.map((r) => r.examCentreCode)}::text[],
          ${gaokaoHashes}::text[], ${g.map((r) => (r.scores ? JSON.stringify(r.scores) : null))}::text[],
          ${g.map((r) => r.total)}::int[], ${g.map((r) => r.admission.status)}::text[],
          ${g.map((r) => r.admission.institution)}::text[], ${g.map((r) => r.admission.major)}::text[],
          ${g.map((r) => r.admission.level)}::text[], ${g.map((r) => r.updatedAt)}::timestamptz[])
          as x(c, t, p, i, n, y, tr, su, ec, h, sc, tot, st, ins, ma, lv, u)
        on conflict do nothing`.execute(tx);
    }
    const d = records.graduates;
    if (d.length > 0) {
      await sql`
        insert into dept_jiaoyu.graduates (certificate_number, person_id, id_number, name, graduation_year, institution,
          authority, major, level, report_to, report_to_uscc, archive_destination, archive_receiver, archive_address,
          archive_sent_on, archive_method, archive_tracking_number, archive_received_on, updated_at)
        select * from unnest(
          ${d.map((r) => r.certificateNumber)}::text[], ${d.map((r) => r.person.personId)}::uuid[],
          ${d.map((r) => r.person.idNumber)}::text[], ${d.map((r) => r.person.name)}::text[],
          ${d.map((r) => r.graduationYear)}::int[], ${d.map((r) => r.institution)}::text[],
          ${d.map((r) => r.authority)}::text[], ${d.map((r) => r.major)}::text[], ${d.map((r) => r.level)}::text[],
          ${d.map((r) => r.reportTo)}::text[], ${d.map((r) => r.reportToUscc)}::text[],
          ${d.map((r) => r.archive.destination)}::text[], ${d.map((r) => r.archive.receiver)}::text[],
          ${d.map((r) => r.archive.address)}::text[], ${d.map((r) => r.archive.sentOn)}::date[],
          ${d.map((r) => r.archive.method)}::text[], ${d.map((r) => r.archive.trackingNumber)}::text[],
          ${d.map((r) => r.archive.receivedOn)}::date[], ${d.map((r) => r.updatedAt)}::timestamptz[])
        on conflict do nothing`.execute(tx);
    }
  });
}

export const educationSeeder: DepartmentSeeder = {
  name: 'education',
  seedReference: (db) => seedSchools(db),
  seedBatch: (db, batch, ctx) => insertEducationRecords(db, educationRecords(batch, ctx)),
};
