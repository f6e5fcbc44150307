import { type CityCode, findCity } from '@yss/contracts';
import { type Kysely, sql } from 'kysely';
import type { RegisteredPerson } from '../population-register/contract.js';
import { DEMO_PEOPLE, type PeopleBatch, type Rng } from '../population-register/generator.js';
import { addMonths } from '../province/life.js';
import type { DepartmentSeeder, SeedContext } from '../province/seed-context.js';
import { seededUpdatedAt } from '../social-insurance/generator.js';
import { type InsuranceProfile, insuranceProfile, lastSettledMonth } from '../social-insurance/profile.js';
import { amountFen } from '../social-insurance/rates.js';
import { PAYMENT_ACTIVATION_CITIES } from './contract.js';
import { DEMO_ACTIVATIONS } from './demo.js';
import { type MedicalInsuranceTables, medicalInsuranceDb } from './tables.js';

/**
 * The 医保 part of the synthetic province. Employees and pensioners of the 人社 record (social-insurance
 * profile.ts, so the two departments agree) are in the employee scheme with a personal account; other
 * people living in Guangdong mostly in the resident scheme (no personal account). Personal-account credits
 * follow the 门诊共济 reform (since 2023 in Guangdong): in service, the personal 2 % of the contribution
 * base; retired, 2 % of the pension (simplified from the province's fixed amount). Transactions are kept for
 * the last 12 settled months; the balance is the opening balance plus them.
 */

export interface AccountRow {
  idNumber: string;
  name: string;
  scheme: 'employee' | 'resident';
  status: 'active' | 'suspended' | 'terminated';
  insuredCityCode: string;
  balanceFen: number | null;
  updatedAt: string;
}

export interface ActivationRow {
  idNumber: string;
  cityCode: string;
  activatedAt: string;
  channel: string;
}

export interface TransactionRow {
  idNumber: string;
  seq: number;
  occurredAt: string;
  kind: 'credit' | 'pharmacy' | 'outpatient' | 'inpatient';
  description: string;
  place: string | null;
  amountFen: number;
  balanceAfterFen: number;
}

export interface MedicalInsuranceRows {
  accounts: AccountRow[];
  activations: ActivationRow[];
  transactions: TransactionRow[];
}

const pad2 = (n: number) => String(n).padStart(2, '0');
/** Demo people always have their account (the README promises what they show). */
const DEMO_IDS = new Set(DEMO_PEOPLE.map((p) => p.personId));

const PHARMACIES: Partial<Record<CityCode, readonly string[]>> = {
  '440300': ['海王星辰健康药房'],
  '440100': ['大参林药店', '健民医药连锁'],
};
const OTHER_PHARMACIES = ['大参林药店', '老百姓大药房', '国大药房', '益丰大药房'] as const;
const HOSPITALS: Partial<Record<CityCode, readonly string[]>> = {
  '440100': ['广东省人民医院', '广州市第一人民医院'],
  '440300': ['深圳市中医院', '深圳市人民医院'],
};

function hospitalsOf(city: CityCode): readonly string[] {
  return HOSPITALS[city] ?? [`${findCity(city)?.name ?? ''}市人民医院`];
}

/** The rows of a batch (pure: the determinism tests compare these). */
export function medicalInsuranceRows(batch: PeopleBatch, ctx: SeedContext): MedicalInsuranceRows {
  const rows: MedicalInsuranceRows = { accounts: [], activations: [], transactions: [] };
  const updatedAt = seededUpdatedAt(ctx.asOf);
  for (const person of batch.people) {
    const rng = ctx.rng('yibao', person.personId);
    const profile = insuranceProfile(person, ctx);
    const account =
      profile && profile.scheme !== 'resident'
        ? employeeAccount(person, profile, rng, ctx, rows.transactions)
        : residentAccount(person, rng);
    if (!account) continue;
    rows.accounts.push({ ...account, updatedAt });
    const activation = activationOf(person, account, rng, ctx.asOf);
    if (activation) rows.activations.push(activation);
  }
  return rows;
}

type Account = Omit<AccountRow, 'updatedAt'>;

function employeeAccount(
  person: RegisteredPerson,
  profile: InsuranceProfile,
  rng: Rng,
  ctx: SeedContext,
  out: TransactionRow[],
): Account {
  const status =
    profile.status === 'terminated' ? 'terminated' : profile.status === 'suspended' ? 'suspended' : 'active';
  const city = profile.insuredCityCode;
  const settled = lastSettledMonth(ctx.asOf);
  const creditOf = (month: string): number => {
    if (profile.status === 'retired' && profile.pension) return Math.round(profile.pension.monthlyFen * 0.02);
    const span = profile.spans.find((s) => s.from <= month && month <= s.to);
    return span && profile.status !== 'terminated' ? amountFen(span.base, 200) : 0;
  };
  const lastSpan = profile.spans.at(-1);
  const typical = profile.pension
    ? Math.round(profile.pension.monthlyFen * 0.02)
    : lastSpan
      ? amountFen(lastSpan.base, 200)
      : 0;
  let balance = rng.chance(0.05) ? 0 : typical * rng.int(0, 60);
  if (status === 'terminated')
    return {
      idNumber: person.idNumber,
      name: person.name,
      scheme: 'employee',
      status,
      insuredCityCode: city,
      balanceFen: balance,
    };

  const events: Omit<TransactionRow, 'seq' | 'balanceAfterFen'>[] = [];
  for (let i = 11; i >= 0; i--) {
    const month = addMonths(settled, -i);
    const credit = creditOf(month);
    if (credit > 0) {
      events.push({
        idNumber: person.idNumber,
        occurredAt: `${month}-10T03:00:00+08:00`,
        kind: 'credit',
        description: `${month.slice(0, 4)}年${month.slice(5)}月个人账户划入`,
        place: null,
        amountFen: credit,
      });
    }
    const spends = rng.chance(0.45) ? (rng.chance(0.3) ? 2 : 1) : 0;
    for (let n = 0; n < spends; n++) {
      const roll = rng.float();
      const kind = roll < 0.7 ? 'pharmacy' : roll < 0.95 ? 'outpatient' : 'inpatient';
      const yuan =
        kind === 'pharmacy' ? rng.int(15, 300) : kind === 'outpatient' ? rng.int(20, 400) : rng.int(200, 3_000);
      events.push({
        idNumber: person.idNumber,
        occurredAt: `${month}-${pad2(rng.int(1, 28))}T${pad2(rng.int(8, 21))}:${pad2(rng.int(0, 59))}:${pad2(rng.int(0, 59))}+08:00`,
        kind,
        description: kind === 'pharmacy' ? '药店购药' : kind === 'outpatient' ? '普通门诊' : '住院个人自付',
        place: rng.pick(kind === 'pharmacy' ? (PHARMACIES[city] ?? OTHER_PHARMACIES) : hospitalsOf(city)),
        amountFen: -(yuan * 100 + rng.int(0, 99)),
      });
    }
  }
  events.sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
  let seq = 0;
  for (const e of events) {
    // A payment takes what the account holds; the rest is paid otherwise (not recorded here).
    const amount = e.amountFen < 0 ? -Math.min(-e.amountFen, balance) : e.amountFen;
    if (amount === 0) continue;
    balance += amount;
    out.push({ ...e, amountFen: amount, seq: seq++, balanceAfterFen: balance });
  }
  return {
    idNumber: person.idNumber,
    name: person.name,
    scheme: 'employee',
    status,
    insuredCityCode: city,
    balanceFen: balance,
  };
}

/** 城乡居民医保: most living people of Guangdong not in the employee scheme, where they live. */
function residentAccount(person: RegisteredPerson, rng: Rng): Account | null {
  const city = person.residenceCityCode ?? person.hukouCityCode;
  const insured = rng.chance(0.93) || DEMO_IDS.has(person.personId);
  if (person.status !== 'normal' || !city || !insured) return null;
  return {
    idNumber: person.idNumber,
    name: person.name,
    scheme: 'resident',
    status: 'active',
    insuredCityCode: city,
    balanceFen: null,
  };
}

/** 开通医保支付: about a third of active employees (a seventh of residents) insured in 广州 or 深圳. */
function activationOf(person: RegisteredPerson, account: Account, rng: Rng, asOf: string): ActivationRow | null {
  const offered =
    account.status === 'active' && (PAYMENT_ACTIVATION_CITIES as readonly string[]).includes(account.insuredCityCode);
  if (!offered) return null;
  const demo = DEMO_ACTIVATIONS.get(person.personId);
  const at =
    demo !== undefined
      ? demo
      : rng.chance(account.scheme === 'employee' ? 0.35 : 0.15)
        ? `${rng.int(2019, Number(asOf.slice(0, 4)) - 1)}-${pad2(rng.int(1, 12))}-${pad2(rng.int(1, 28))}T${pad2(rng.int(8, 22))}:${pad2(rng.int(0, 59))}:00+08:00`
        : null;
  return at
    ? { idNumber: person.idNumber, cityCode: account.insuredCityCode, activatedAt: at, channel: '粤省事' }
    : null;
}

/** Write a batch in one transaction; child rows only for accounts inserted now (see social-insurance). */
export async function insertMedicalInsuranceRows<DB extends MedicalInsuranceTables>(
  handle: Kysely<DB>,
  rows: MedicalInsuranceRows,
): Promise<number> {
  const db = medicalInsuranceDb(handle);
  if (rows.accounts.length === 0) return 0;
  return db.transaction().execute(async (tx) => {
    const a = <K extends keyof AccountRow>(k: K) => rows.accounts.map((r) => r[k]);
    const inserted = await sql<{ id_number: string }>`
      insert into dept_yibao.accounts (id_number, name, scheme, status, insured_city_code, balance_fen, updated_at)
      select * from unnest(${a('idNumber')}::text[], ${a('name')}::text[], ${a('scheme')}::text[], ${a('status')}::text[],
        ${a('insuredCityCode')}::text[], ${a('balanceFen')}::int[], ${a('updatedAt')}::timestamptz[])
      on conflict do nothing
      returning id_number`.execute(tx);
    const fresh = new Set(inserted.rows.map((r) => r.id_number));
    const activations = rows.activations.filter((r) => fresh.has(r.idNumber));
    if (activations.length > 0) {
      const c = <K extends keyof ActivationRow>(k: K) => activations.map((r) => r[k]);
      await sql`
        insert into dept_yibao.payment_activations (id_number, city_code, activated_at, channel)
        select * from unnest(${c('idNumber')}::text[], ${c('cityCode')}::text[], ${c('activatedAt')}::timestamptz[],
          ${c('channel')}::text[])
        on conflict do nothing`.execute(tx);
    }
    const transactions = rows.transactions.filter((r) => fresh.has(r.idNumber));
    if (transactions.length > 0) {
      const c = <K extends keyof TransactionRow>(k: K) => transactions.map((r) => r[k]);
      await sql`
        insert into dept_yibao.account_transactions (id_number, seq, occurred_at, kind, description, place, amount_fen,
          balance_after_fen)
        select * from unnest(${c('idNumber')}::text[], ${c('seq')}::int[], ${c('occurredAt')}::timestamptz[],
          ${c('kind')}::text[], ${c('description')}::text[], ${c('place')}::text[], ${c('amountFen')}::int[],
          ${c('balanceAfterFen')}::int[])
        on conflict do nothing`.execute(tx);
    }
    return fresh.size;
  });
}

export const medicalInsuranceSeeder: DepartmentSeeder = {
  name: 'medical-insurance',
  async seedBatch(db, batch, ctx) {
    await insertMedicalInsuranceRows(db, medicalInsuranceRows(batch, ctx));
  },
};
