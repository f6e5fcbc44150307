import { type Kysely, sql } from 'kysely';
import type { RegisteredPerson } from '../population-register/contract.js';
import type { PeopleBatch, Rng } from '../population-register/generator.js';
import { addMonths } from '../province/life.js';
import type { DepartmentSeeder, SeedContext } from '../province/seed-context.js';
import { DEMO_CARDS, DEMO_CERTIFICATIONS } from './demo.js';
import { type InsuranceProfile, insuranceProfile, spanMonths } from './profile.js';
import { type SocialInsuranceTables, socialInsuranceDb } from './tables.js';

/**
 * The 人社 part of the synthetic province: for each person of a batch, the insured-person record, the
 * contribution spans (from the shared life model: province/life.ts), the social-security card and, for
 * pensioners, the last 养老资格认证. Deterministic (streams keyed by person id), idempotent (natural keys,
 * `on conflict do nothing`), one unnest() insert per table per batch.
 */

const BANKS = [
  ['中国工商银行', '622202'],
  ['中国农业银行', '622848'],
  ['中国银行', '621661'],
  ['中国建设银行', '621700'],
  ['交通银行', '622262'],
  ['中国邮政储蓄银行', '621799'],
  ['招商银行', '621483'],
  ['广州银行', '622467'],
  ['广东农信', '621728'],
] as const;
const CARD_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const CERTIFICATION_CHANNELS = ['粤省事', '粤省事', '社区服务站', '广东人社APP'] as const;

export interface InsuredPersonRow {
  idNumber: string;
  socialSecurityNumber: string;
  name: string;
  hkMacau: 'hong-kong' | 'macau' | null;
  scheme: InsuranceProfile['scheme'];
  status: InsuranceProfile['status'];
  insuredCityCode: string;
  firstInsuredMonth: string | null;
  lastContributionMonth: string | null;
  contributionMonths: number;
  deemedMonths: number;
  currentUnitName: string | null;
  currentUnitUscc: string | null;
  pensionFen: number | null;
  pensionSince: string | null;
  updatedAt: string;
}

export interface SpanRow {
  idNumber: string;
  from: string;
  to: string;
  cityCode: string;
  unitName: string;
  unitUscc: string;
  base: number;
  injuryRateBp: number;
}

export interface CardRow {
  idNumber: string;
  cardNumber: string;
  generation: 1 | 2;
  bankName: string | null;
  bankAccount: string | null;
  issuingCityCode: string;
  issuedOn: string;
  status: 'normal' | 'lost' | 'cancelled';
  updatedAt: string;
}

export interface CertificationRow {
  idNumber: string;
  certifiedAt: string;
  agentIdNumber: string | null;
  channel: string;
}

export interface SocialInsuranceRows {
  persons: InsuredPersonRow[];
  spans: SpanRow[];
  cards: CardRow[];
  certifications: CertificationRow[];
}

/** The nightly batch that last touched the records: 02:00 on the day before the province's date. */
export function seededUpdatedAt(asOf: string): string {
  const t = Date.parse(`${asOf}T02:00:00+08:00`) - 86_400_000;
  return `${new Date(t + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
}

const digits = (rng: Rng, n: number) => Array.from({ length: n }, () => rng.int(0, 9)).join('');
const pad2 = (n: number) => String(n).padStart(2, '0');

/** The rows of a batch (pure: the determinism tests compare these). */
export function socialInsuranceRows(batch: PeopleBatch, ctx: SeedContext): SocialInsuranceRows {
  const rows: SocialInsuranceRows = { persons: [], spans: [], cards: [], certifications: [] };
  const updatedAt = seededUpdatedAt(ctx.asOf);
  const byId = new Map(batch.people.map((p) => [p.personId, p]));
  for (const person of batch.people) {
    const profile = insuranceProfile(person, ctx);
    if (!profile) continue;
    const rng = ctx.rng('shebao', person.personId);
    const hkMacau = person.idNumber.startsWith('81') ? 'hong-kong' : person.idNumber.startsWith('82') ? 'macau' : null;
    rows.persons.push({
      idNumber: person.idNumber,
      // For Hong Kong and Macau residents, a number the department generates by its own rule (B4).
      socialSecurityNumber: hkMacau
        ? `${hkMacau === 'hong-kong' ? 'H' : 'M'}${person.birthDate.replaceAll('-', '')}${digits(rng, 8)}`
        : person.idNumber,
      name: person.name,
      hkMacau,
      scheme: profile.scheme,
      status: profile.status,
      insuredCityCode: profile.insuredCityCode,
      firstInsuredMonth: profile.firstInsuredMonth,
      lastContributionMonth: profile.lastContributionMonth,
      contributionMonths: profile.spans.reduce((n, s) => n + spanMonths(s), 0),
      deemedMonths: profile.deemedMonths,
      currentUnitName: profile.currentUnit?.name ?? null,
      currentUnitUscc: profile.currentUnit?.uscc ?? null,
      pensionFen: profile.pension?.monthlyFen ?? null,
      pensionSince: profile.pension?.since ?? null,
      updatedAt,
    });
    for (const s of profile.spans) {
      rows.spans.push({
        idNumber: person.idNumber,
        from: s.from,
        to: s.to,
        cityCode: s.cityCode,
        unitName: s.unit.name,
        unitUscc: s.unit.uscc,
        base: s.base,
        injuryRateBp: s.injuryRateBp,
      });
    }
    rows.cards.push(cardOf(person, profile, rng, updatedAt));
    if (profile.pension) {
      const children = batch.relations
        .filter((r) => r.personId === person.personId && r.relation === 'child')
        .map((r) => byId.get(r.relativeId))
        .filter((c): c is RegisteredPerson => c?.status === 'normal');
      rows.certifications.push(certificationOf(person, children, rng, ctx.asOf));
    }
  }
  return rows;
}

/**
 * The current card. First issued where the first recorded job was (or the insured city), not before 2002;
 * cards first issued from 2015 on are second generation; older ones were replaced by a second-generation
 * card in the insured city with probability 0.75, else the person still holds a first-generation card.
 */
function cardOf(person: RegisteredPerson, profile: InsuranceProfile, rng: Rng, updatedAt: string): CardRow {
  const firstCity = profile.spans[0]?.cityCode ?? profile.insuredCityCode;
  const firstMonth =
    profile.firstInsuredMonth && profile.firstInsuredMonth > '2002-01' ? profile.firstInsuredMonth : null;
  const issued = firstMonth ?? `${rng.int(2002, 2014)}-${pad2(rng.int(1, 12))}`;
  let generation: 1 | 2 = 2;
  let city = firstCity;
  let month = addMonths(issued, rng.int(0, 3));
  if (month < '2015-01') {
    if (rng.chance(0.75)) {
      city = profile.insuredCityCode;
      month = `${rng.int(2015, 2024)}-${pad2(rng.int(1, 12))}`;
    } else {
      generation = 1;
    }
  }
  let issuedOn = `${month}-${pad2(rng.int(1, 28))}`;
  let bank: (typeof BANKS)[number] | null = generation === 2 ? rng.pick(BANKS) : null;
  const demo = DEMO_CARDS.get(person.personId);
  if (demo) {
    generation = demo.generation;
    city = demo.issuingCityCode as typeof city;
    issuedOn = demo.issuedOn;
    bank = demo.bankName ? (BANKS.find((b) => b[0] === demo.bankName) ?? null) : null;
  }
  const cardNumber = `${rng.pick([...CARD_LETTERS])}${digits(rng, 8)}`;
  const bankAccount = bank ? `${bank[1]}${digits(rng, 13)}` : null;
  return {
    idNumber: person.idNumber,
    cardNumber,
    generation,
    bankName: bank?.[0] ?? null,
    bankAccount,
    issuingCityCode: city,
    issuedOn,
    status: person.status === 'deceased' ? 'cancelled' : rng.chance(0.01) ? 'lost' : 'normal',
    updatedAt,
  };
}

/**
 * The last 养老资格认证: a day in the 14 months before the province's date (so about one pensioner in seven
 * is overdue), by a child of theirs in the batch a quarter of the time (为他人办理), else by themselves.
 */
function certificationOf(
  person: RegisteredPerson,
  children: RegisteredPerson[],
  rng: Rng,
  asOf: string,
): CertificationRow {
  const demo = DEMO_CERTIFICATIONS.get(person.personId);
  if (demo)
    return { idNumber: person.idNumber, certifiedAt: demo.at, agentIdNumber: demo.agentIdNumber, channel: '粤省事' };
  const asOfMs = Date.parse(`${asOf}T00:00:00+08:00`);
  const day = new Date(asOfMs - rng.int(1, 425) * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
  const agent = children.length > 0 && rng.chance(0.25) ? rng.pick(children) : null;
  return {
    idNumber: person.idNumber,
    certifiedAt: `${day}T${pad2(rng.int(8, 19))}:${pad2(rng.int(0, 59))}:${pad2(rng.int(0, 59))}+08:00`,
    agentIdNumber: agent?.idNumber ?? null,
    channel: agent ? '粤省事' : rng.pick(CERTIFICATION_CHANNELS),
  };
}

/**
 * Write a batch's rows in one transaction. Child rows are written only for the insured persons inserted
 * now: a re-seed adds nothing, and a person whose ID number is already held (another seed) gets no rows
 * mixed into the other record.
 */
export async function insertSocialInsuranceRows<DB extends SocialInsuranceTables>(
  handle: Kysely<DB>,
  rows: SocialInsuranceRows,
): Promise<number> {
  const db = socialInsuranceDb(handle);
  if (rows.persons.length === 0) return 0;
  return db.transaction().execute(async (tx) => {
    const col = <K extends keyof InsuredPersonRow>(k: K) => rows.persons.map((r) => r[k]);
    const inserted = await sql<{ id_number: string }>`
      insert into dept_shebao.insured_persons (id_number, social_security_number, name, hk_macau, scheme, status,
        insured_city_code, first_insured_month, last_contribution_month, contribution_months, deemed_months,
        current_unit_name, current_unit_uscc, pension_fen, pension_since, updated_at)
      select * from unnest(${col('idNumber')}::text[], ${col('socialSecurityNumber')}::text[], ${col('name')}::text[],
        ${col('hkMacau')}::text[], ${col('scheme')}::text[], ${col('status')}::text[], ${col('insuredCityCode')}::text[],
        ${col('firstInsuredMonth')}::text[], ${col('lastContributionMonth')}::text[], ${col('contributionMonths')}::int[],
        ${col('deemedMonths')}::int[], ${col('currentUnitName')}::text[], ${col('currentUnitUscc')}::text[],
        ${col('pensionFen')}::int[], ${col('pensionSince')}::text[], ${col('updatedAt')}::timestamptz[])
      on conflict do nothing
      returning id_number`.execute(tx);
    const fresh = new Set(inserted.rows.map((r) => r.id_number));
    if (fresh.size === 0) return 0;
    const spans = rows.spans.filter((r) => fresh.has(r.idNumber));
    if (spans.length > 0) {
      const c = <K extends keyof SpanRow>(k: K) => spans.map((r) => r[k]);
      await sql`
        insert into dept_shebao.contribution_spans (id_number, from_month, to_month, city_code, unit_name, unit_uscc,
          base_yuan, injury_rate_bp)
        select * from unnest(${c('idNumber')}::text[], ${c('from')}::text[], ${c('to')}::text[], ${c('cityCode')}::text[],
          ${c('unitName')}::text[], ${c('unitUscc')}::text[], ${c('base')}::int[], ${c('injuryRateBp')}::smallint[])
        on conflict do nothing`.execute(tx);
    }
    const cards = rows.cards.filter((r) => fresh.has(r.idNumber));
    if (cards.length > 0) {
      const c = <K extends keyof CardRow>(k: K) => cards.map((r) => r[k]);
      await sql`
        insert into dept_shebao.cards (id_number, card_number, generation, bank_name, bank_account, issuing_city_code,
          issued_on, status, updated_at)
        select * from unnest(${c('idNumber')}::text[], ${c('cardNumber')}::text[], ${c('generation')}::smallint[],
          ${c('bankName')}::text[], ${c('bankAccount')}::text[], ${c('issuingCityCode')}::text[], ${c('issuedOn')}::date[],
          ${c('status')}::text[], ${c('updatedAt')}::timestamptz[])
        on conflict do nothing`.execute(tx);
    }
    const certifications = rows.certifications.filter((r) => fresh.has(r.idNumber));
    if (certifications.length > 0) {
      const c = <K extends keyof CertificationRow>(k: K) => certifications.map((r) => r[k]);
      await sql`
        insert into dept_shebao.pension_certifications (id_number, certified_at, agent_id_number, channel)
        select * from unnest(${c('idNumber')}::text[], ${c('certifiedAt')}::timestamptz[], ${c('agentIdNumber')}::text[],
          ${c('channel')}::text[])
        on conflict do nothing`.execute(tx);
    }
    return fresh.size;
  });
}

export const socialInsuranceSeeder: DepartmentSeeder = {
  name: 'social-insurance',
  async seedBatch(db, batch, ctx) {
    await insertSocialInsuranceRows(db, socialInsuranceRows(batch, ctx));
  },
};
