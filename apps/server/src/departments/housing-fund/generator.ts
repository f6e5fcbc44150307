import type { CityCode } from '@yss/contracts';
import { type Kysely, sql } from 'kysely';
import type { RegisteredPerson } from '../population-register/contract.js';
import type { PeopleBatch, Rng } from '../population-register/generator.js';
import { addMonths, lifeOf } from '../province/life.js';
import type { DepartmentSeeder, SeedContext } from '../province/seed-context.js';
import { seededUpdatedAt } from '../social-insurance/generator.js';
import { byYear, lastSettledMonth } from '../social-insurance/profile.js';
import { laterOf } from '../social-insurance/shared-schemas.js';
import { NOT_CONNECTED_CITIES } from './contract.js';
import { DEMO_HOUSING, DEMO_LOANS, type DemoLoan, type DemoWithdrawal } from './demo.js';
import { DEPOSIT_RATES_BP, DEPOSITS_FROM, depositBase, depositFen } from './deposit-rules.js';
import { type HousingFundTables, housingFundDb } from './tables.js';

/**
 * The housing-fund part of the synthetic province, from the shared life model: a job deposits (always for
 * institutions, 75 % of companies, 20 % of sole proprietors, always for the demo people), at one rate per
 * job, on a base that follows the wage; a person has one account per city whose centre they deposited at,
 * 正常 where their current job deposits, else 封存. Retired, deceased and emigrated people's accounts are
 * closed (销户) and absent. Jobs in 东莞, 惠州, 揭阳 leave no records: those centres are not connected.
 * Balance = deposits − completed withdrawals (interest not modelled), so every figure can be checked.
 */

export interface HousingAccountRow {
  idNumber: string;
  cityCode: string;
  accountNumber: string;
  status: 'normal' | 'sealed';
  unitName: string;
  unitUscc: string;
  base: number;
  employeeRateBp: number;
  employerRateBp: number;
  openedOn: string;
  lastDepositMonth: string;
  balanceFen: number;
  boundPhone: string | null;
  updatedAt: string;
}

export interface DepositSpanRow {
  idNumber: string;
  cityCode: string;
  from: string;
  to: string;
  unitName: string;
  unitUscc: string;
  base: number;
  employeeRateBp: number;
  employerRateBp: number;
}

export interface WithdrawalRow {
  idNumber: string;
  cityCode: string;
  applicationNumber: string;
  reason: 'rent' | 'house-purchase' | 'loan-repayment';
  amountFen: number;
  status: 'completed' | 'in-progress';
  channel: 'counter' | 'online' | 'yueshengshi';
  appliedAt: string;
  completedOn: string | null;
}

export interface LoanRow extends DemoLoan {
  idNumber: string;
}

export interface HousingFundRows {
  accounts: HousingAccountRow[];
  spans: DepositSpanRow[];
  withdrawals: WithdrawalRow[];
  loans: LoanRow[];
}

const pad2 = (n: number) => String(n).padStart(2, '0');
const digits = (rng: Rng, n: number) => Array.from({ length: n }, () => rng.int(0, 9)).join('');
const DAY_MS = 86_400_000;
const dayPlus = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
const NOT_CONNECTED: readonly string[] = NOT_CONNECTED_CITIES;

/** The rows of a batch (pure: the determinism tests compare these). */
export function housingFundRows(batch: PeopleBatch, ctx: SeedContext): HousingFundRows {
  const rows: HousingFundRows = { accounts: [], spans: [], withdrawals: [], loans: [] };
  for (const person of batch.people) personRows(person, ctx, rows);
  return rows;
}

function personRows(person: RegisteredPerson, ctx: SeedContext, rows: HousingFundRows): void {
  if (person.status !== 'normal') return;
  const life = lifeOf(person, ctx);
  if (life.retired || life.jobs.length === 0) return;
  const rng = ctx.rng('gjj', person.personId);
  const demo = DEMO_HOUSING.get(person.personId);
  const settled = lastSettledMonth(ctx.asOf);
  const byCity = new Map<CityCode, DepositSpanRow[]>();
  let currentCity: CityCode | null = null;
  for (const job of life.jobs) {
    const share = job.employer.kind === 'institution' ? 1 : job.employer.kind === 'company' ? 0.75 : 0.2;
    const deposits = rng.chance(share) || demo !== undefined;
    const rate = job.employer.kind === 'institution' ? 1_200 : rng.pick(DEPOSIT_RATES_BP);
    const end = job.to === null || job.to > settled ? settled : job.to;
    const start = laterOf(job.from, DEPOSITS_FROM);
    if (!deposits || NOT_CONNECTED.includes(job.cityCode) || start > end) continue;
    const spans = byCity.get(job.cityCode) ?? [];
    for (const [from, to] of byYear(start, end)) {
      const base = depositBase(job.monthlyWage, job.cityCode, Number(from.slice(0, 4)));
      const previous = spans.at(-1);
      // A year at the same base, unit and rate continues the run (one row instead of one per year).
      if (
        previous &&
        previous.base === base &&
        previous.unitUscc === job.employer.uscc &&
        previous.employeeRateBp === rate &&
        addMonths(previous.to, 1) === from
      ) {
        previous.to = to;
        continue;
      }
      spans.push({
        idNumber: person.idNumber,
        cityCode: job.cityCode,
        from,
        to,
        unitName: job.employer.name,
        unitUscc: job.employer.uscc,
        base,
        employeeRateBp: rate,
        employerRateBp: rate,
      });
    }
    byCity.set(job.cityCode, spans);
    if (job.to === null) currentCity = job.cityCode;
  }
  for (const [city, spans] of byCity) {
    const status = city === currentCity ? 'normal' : 'sealed';
    const ledger = new Ledger(spans);
    const withdrawals =
      demo && status === 'normal'
        ? demoWithdrawals(person, city, demo, ledger, rng, ctx.asOf)
        : randomWithdrawals(person, city, status, ledger, rng, ctx.asOf);
    const last = spans.at(-1) as DepositSpanRow;
    const accountNumber = `${city.slice(0, 4)}${digits(rng, 10)}`;
    const openedOn = `${spans[0]?.from}-${pad2(rng.int(1, 28))}`;
    const boundPhone = demo
      ? (demo.boundPhone ?? person.phone)
      : person.phone && rng.chance(0.93)
        ? person.phone
        : `1${rng.pick(['35', '36', '37', '39', '50', '58', '86', '88'])}${digits(rng, 8)}`;
    rows.accounts.push({
      idNumber: person.idNumber,
      cityCode: city,
      accountNumber,
      status,
      unitName: last.unitName,
      unitUscc: last.unitUscc,
      base: last.base,
      employeeRateBp: last.employeeRateBp,
      employerRateBp: last.employerRateBp,
      openedOn,
      lastDepositMonth: last.to,
      balanceFen: ledger.balanceAfterAll(),
      boundPhone,
      updatedAt: seededUpdatedAt(ctx.asOf),
    });
    rows.spans.push(...spans);
    rows.withdrawals.push(...withdrawals);
    const loan = DEMO_LOANS.get(person.personId);
    if (loan && loan.cityCode === city) rows.loans.push({ ...loan, idNumber: person.idNumber });
  }
}

/** Deposits month by month and the withdrawals taken so far: what can be withdrawn at a given month. */
class Ledger {
  readonly months: { month: string; fen: number }[] = [];
  private withdrawn = 0;

  constructor(spans: DepositSpanRow[]) {
    for (const s of spans) {
      const fen = depositFen(s.base, s.employeeRateBp) + depositFen(s.base, s.employerRateBp);
      for (let m = s.from; m <= s.to; m = addMonths(m, 1)) this.months.push({ month: m, fen });
    }
  }

  /** Deposited up to and including `month`, less what was withdrawn. */
  availableAt(month: string): number {
    let sum = 0;
    for (const m of this.months) if (m.month <= month) sum += m.fen;
    return sum - this.withdrawn;
  }

  withdraw(fen: number): void {
    this.withdrawn += fen;
  }

  balanceAfterAll(): number {
    return this.months.reduce((s, m) => s + m.fen, 0) - this.withdrawn;
  }
}

/** A share of what is available, in whole hundreds of yuan (0 when under 100 yuan). */
const shareOf = (available: number, share: number) => Math.floor((available * share) / 10_000) * 10_000;

function applicationNumber(city: string, day: string, rng: Rng): string {
  return `${city.slice(0, 4)}${day.replaceAll('-', '')}${digits(rng, 6)}`;
}

/**
 * Withdrawals over the account's life: in a year after the first, with probability 0.18, a share of what
 * is available; the first at the counter (a first withdrawal always is), later ones by any channel of the
 * time. Normal accounts have an unfinished one (applied in the last 60 days through another channel) with
 * probability 0.02.
 */
function randomWithdrawals(
  person: RegisteredPerson,
  city: string,
  status: 'normal' | 'sealed',
  ledger: Ledger,
  rng: Rng,
  asOf: string,
): WithdrawalRow[] {
  const out: WithdrawalRow[] = [];
  const first = ledger.months[0]?.month as string;
  const lastDay = dayPlus(asOf, -1);
  let purchased = false;
  for (let year = Number(first.slice(0, 4)) + 1; year <= Number(lastDay.slice(0, 4)); year++) {
    if (!rng.chance(0.18)) continue;
    const month = `${year}-${pad2(rng.int(1, 12))}`;
    const day = `${month}-${pad2(rng.int(1, 28))}`;
    const amount = shareOf(ledger.availableAt(month), 0.3 + 0.6 * rng.float());
    if (day > lastDay || month < addMonths(first, 12) || amount <= 0) continue;
    const reason: WithdrawalRow['reason'] = purchased
      ? 'loan-repayment'
      : out.length === 0 && rng.chance(0.3)
        ? 'house-purchase'
        : 'rent';
    purchased ||= reason === 'house-purchase';
    const channel =
      out.length === 0
        ? 'counter'
        : month >= '2018-06'
          ? rng.pick(['counter', 'online', 'yueshengshi'] as const)
          : month >= '2012-01'
            ? rng.pick(['counter', 'online'] as const)
            : 'counter';
    ledger.withdraw(amount);
    out.push({
      idNumber: person.idNumber,
      cityCode: city,
      applicationNumber: applicationNumber(city, day, rng),
      reason,
      amountFen: amount,
      status: 'completed',
      channel,
      appliedAt: `${day}T${pad2(rng.int(9, 17))}:${pad2(rng.int(0, 59))}:00+08:00`,
      completedOn: [dayPlus(day, rng.int(1, 10)), lastDay].sort()[0] as string,
    });
  }
  if (status === 'normal' && rng.chance(0.02)) {
    const day = dayPlus(asOf, -rng.int(1, 60));
    const amount = shareOf(ledger.availableAt(day.slice(0, 7)), 0.2 + 0.4 * rng.float());
    if (amount > 0) {
      out.push({
        idNumber: person.idNumber,
        cityCode: city,
        applicationNumber: applicationNumber(city, day, rng),
        reason: purchased ? 'loan-repayment' : 'rent',
        amountFen: amount,
        status: 'in-progress',
        // A first withdrawal is always at the counter; later ones also through the centre's own website.
        channel: out.length > 0 ? rng.pick(['counter', 'online'] as const) : 'counter',
        appliedAt: `${day}T${pad2(rng.int(9, 17))}:${pad2(rng.int(0, 59))}:00+08:00`,
        completedOn: null,
      });
    }
  }
  return out;
}

function demoWithdrawals(
  person: RegisteredPerson,
  city: string,
  demo: { completed: DemoWithdrawal[]; unfinished: DemoWithdrawal | null },
  ledger: Ledger,
  rng: Rng,
  asOf: string,
): WithdrawalRow[] {
  const out: WithdrawalRow[] = [];
  const entries = [
    ...demo.completed.map((w) => ({ w, done: true })),
    ...(demo.unfinished ? [{ w: demo.unfinished, done: false }] : []),
  ];
  for (const { w, done } of entries) {
    const day = w.at.slice(0, 10);
    const amount = shareOf(ledger.availableAt(day.slice(0, 7)), w.share);
    if (amount <= 0) continue; // the life model of another seed may start the account later
    if (done) ledger.withdraw(amount);
    out.push({
      idNumber: person.idNumber,
      cityCode: city,
      applicationNumber: applicationNumber(city, day, rng),
      reason: w.reason,
      amountFen: amount,
      status: done ? 'completed' : 'in-progress',
      channel: w.channel,
      appliedAt: w.at,
      completedOn: done ? ([dayPlus(day, 5), dayPlus(asOf, -1)].sort()[0] as string) : null,
    });
  }
  return out;
}

/** Write a batch in one transaction; child rows only for accounts inserted now (see social-insurance). */
export async function insertHousingFundRows<DB extends HousingFundTables>(
  handle: Kysely<DB>,
  rows: HousingFundRows,
): Promise<number> {
  const db = housingFundDb(handle);
  if (rows.accounts.length === 0) return 0;
  return db.transaction().execute(async (tx) => {
    const a = <K extends keyof HousingAccountRow>(k: K) => rows.accounts.map((r) => r[k]);
    const inserted = await sql<{ id_number: string; city_code: string }>`
      insert into dept_gjj.accounts (id_number, city_code, account_number, status, unit_name, unit_uscc, base_yuan,
        employee_rate_bp, employer_rate_bp, opened_on, last_deposit_month, balance_fen, bound_phone, updated_at)
      select * from unnest(${a('idNumber')}::text[], ${a('cityCode')}::text[], ${a('accountNumber')}::text[],
        ${a('status')}::text[], ${a('unitName')}::text[], ${a('unitUscc')}::text[], ${a('base')}::int[],
        ${a('employeeRateBp')}::smallint[], ${a('employerRateBp')}::smallint[], ${a('openedOn')}::date[],
        ${a('lastDepositMonth')}::text[], ${a('balanceFen')}::int[], ${a('boundPhone')}::text[],
        ${a('updatedAt')}::timestamptz[])
      on conflict do nothing
      returning id_number, city_code`.execute(tx);
    const fresh = new Set(inserted.rows.map((r) => `${r.id_number}:${r.city_code}`));
    const mine = <T extends { idNumber: string; cityCode: string }>(list: T[]) =>
      list.filter((r) => fresh.has(`${r.idNumber}:${r.cityCode}`));
    const spans = mine(rows.spans);
    if (spans.length > 0) {
      const c = <K extends keyof DepositSpanRow>(k: K) => spans.map((r) => r[k]);
      await sql`
        insert into dept_gjj.deposit_spans (id_number, city_code, from_month, to_month, unit_name, unit_uscc, base_yuan,
          employee_rate_bp, employer_rate_bp)
        select * from unnest(${c('idNumber')}::text[], ${c('cityCode')}::text[], ${c('from')}::text[], ${c('to')}::text[],
          ${c('unitName')}::text[], ${c('unitUscc')}::text[], ${c('base')}::int[], ${c('employeeRateBp')}::smallint[],
          ${c('employerRateBp')}::smallint[])
        on conflict do nothing`.execute(tx);
    }
    const withdrawals = mine(rows.withdrawals);
    if (withdrawals.length > 0) {
      const c = <K extends keyof WithdrawalRow>(k: K) => withdrawals.map((r) => r[k]);
      await sql`
        insert into dept_gjj.withdrawals (id_number, city_code, application_number, reason, amount_fen, status, channel,
          applied_at, completed_on)
        select * from unnest(${c('idNumber')}::text[], ${c('cityCode')}::text[], ${c('applicationNumber')}::text[],
          ${c('reason')}::text[], ${c('amountFen')}::int[], ${c('status')}::text[], ${c('channel')}::text[],
          ${c('appliedAt')}::timestamptz[], ${c('completedOn')}::date[])
        on conflict do nothing`.execute(tx);
    }
    for (const l of mine(rows.loans)) {
      await tx
        .insertInto('dept_gjj.loans')
        .values({
          id_number: l.idNumber,
          city_code: l.cityCode,
          contract_number: l.contractNumber,
          principal_fen: l.principalFen,
          term_months: l.termMonths,
          annual_rate_bp: l.annualRateBp,
          repayment_method: l.method,
          first_repayment_month: l.firstRepaymentMonth,
          repayment_day: l.repaymentDay,
          lending_bank: l.lendingBank,
          overdue_periods: l.overduePeriods,
          settled_on: null,
        })
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
    return fresh.size;
  });
}

export const housingFundSeeder: DepartmentSeeder = {
  name: 'housing-fund',
  async seedBatch(db, batch, ctx) {
    await insertHousingFundRows(db, housingFundRows(batch, ctx));
  },
};
