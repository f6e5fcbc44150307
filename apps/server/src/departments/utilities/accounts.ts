import type { CityCode } from '@yss/contracts';
import type { RegisteredPerson } from '../population-register/contract.js';
import type { PeopleBatch, Rng } from '../population-register/generator.js';
import { addMonths } from '../province/life.js';
import type { SeedContext } from '../province/seed-context.js';
import { COMPANIES, type Company, charge, POWER_CITIES, type TierCharge } from './companies.js';

/**
 * Utility accounts and monthly bills of the synthetic province. A household is the people of a batch who
 * share a residence address (households never span batches); its holder is the first living adult of it
 * in register order (the household's head, as the population generator writes heads first). Each company
 * that serves the household's city has an account for it (piped gas in 广州 for most households, power in
 * the 19 cities of 广东电网, water in 阳江), with the last 24 monthly bills.
 */

export interface Household {
  cityCode: CityCode;
  address: string;
  holder: RegisteredPerson;
  /** Living members: the consumption scales with them. */
  size: number;
}

export interface GeneratedBill {
  /** YYYY-MM */
  period: string;
  previousReading: number;
  currentReading: number;
  consumption: number;
  charges: TierCharge[];
  amountFen: number;
  issuedOn: string;
  dueOn: string;
  paid: boolean;
  /** ISO date-time (+08:00) of the payment, for paid bills. */
  paidAt: string | null;
}

export interface GeneratedAccount {
  company: Company;
  household: Household;
  openedOn: string;
  bills: GeneratedBill[];
}

const pad = (n: number) => String(n).padStart(2, '0');

function ageOn(birthDate: string, asOf: string): number {
  const years = Number(asOf.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return asOf.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/** The batch's households (living in Guangdong, with at least one living adult), in register order. */
export function householdsOf(batch: PeopleBatch, asOf: string): Household[] {
  const byAddress = new Map<string, RegisteredPerson[]>();
  for (const p of batch.people) {
    if (!p.residenceCityCode || !p.residenceAddress) continue;
    const key = `${p.residenceCityCode}|${p.residenceAddress}`;
    const members = byAddress.get(key) ?? [];
    members.push(p);
    byAddress.set(key, members);
  }
  const households: Household[] = [];
  for (const members of byAddress.values()) {
    const living = members.filter((p) => p.status === 'normal');
    const holder = living.find((p) => ageOn(p.birthDate, asOf) >= 18);
    if (!holder?.residenceCityCode || !holder.residenceAddress) continue;
    households.push({
      cityCode: holder.residenceCityCode,
      address: holder.residenceAddress,
      holder,
      size: living.length,
    });
  }
  return households;
}

/** Seasonal factors by month (January first): power peaks with air conditioning, gas with hot water in winter. */
const SEASON: Readonly<Record<'gas' | 'power' | 'water', readonly number[]>> = {
  power: [1.1, 1.0, 0.9, 0.95, 1.2, 1.5, 1.8, 1.8, 1.5, 1.1, 0.95, 1.05],
  gas: [1.4, 1.3, 1.1, 1.0, 0.9, 0.8, 0.75, 0.75, 0.8, 0.9, 1.0, 1.3],
  water: [0.9, 0.9, 0.95, 1.0, 1.05, 1.15, 1.2, 1.2, 1.1, 1.0, 0.95, 0.9],
};
/** Monthly base use for a household of n: power kWh, gas and water m³. */
const BASE = {
  power: (n: number) => 60 + 55 * n,
  gas: (n: number) => 8 + 3.5 * n,
  water: (n: number) => 4 + 3.2 * n,
};

/** The last month with an issued bill: bills of month M are issued on the 5th of M+1. */
export function lastBilledPeriod(asOf: string): string {
  const month = asOf.slice(0, 7);
  return addMonths(month, asOf.slice(8) >= '05' ? -1 : -2);
}

export const BILL_MONTHS = 24;

function billsOf(company: Company, household: Household, rng: Rng, asOf: string, demo: boolean): GeneratedBill[] {
  const last = lastBilledPeriod(asOf);
  const first = addMonths(last, 1 - BILL_MONTHS);
  // Yearly tiers need the year's use before the first bill shown: start in January of that year.
  const start = `${first.slice(0, 4)}-01`;
  const habit = 0.6 + rng.float(); // how much this household uses compared with the typical one
  let reading = rng.int(500, 20_000);
  let yearSoFar = 0;
  const bills: GeneratedBill[] = [];
  for (let period = start; period <= last; period = addMonths(period, 1)) {
    const month = Number(period.slice(5, 7));
    if (month === 1) yearSoFar = 0;
    const season = (SEASON[company.utility][month - 1] as number) * habit * (0.9 + 0.2 * rng.float());
    const consumption = Math.max(0, Math.round(BASE[company.utility](household.size) * season));
    const before = company.tariff.period === 'year' ? yearSoFar : 0;
    const charges = charge(company.tariff.tiers(month), consumption, before);
    yearSoFar += consumption;
    const previousReading = reading;
    reading += consumption;
    const next = addMonths(period, 1);
    const issuedOn = `${next}-05`;
    const dueOn = `${addMonths(next, 1)}-05`;
    // Bills due before the province's date are nearly all paid; the open one about half the time.
    const open = dueOn >= asOf;
    const paid = demo ? !open : open ? rng.chance(0.45) : rng.chance(0.985);
    // Paid between the issue date and the end of that month (before the due date).
    const paidAt = paid
      ? `${next}-${pad(rng.int(5, 28))}T${pad(rng.int(8, 21))}:${pad(rng.int(0, 59))}:00+08:00`
      : null;
    if (period >= first) {
      bills.push({
        period,
        previousReading,
        currentReading: reading,
        consumption,
        charges,
        amountFen: charges.reduce((s, c) => s + c.amountFen, 0),
        issuedOn,
        dueOn,
        // A payment dated after the province's date has not happened yet.
        paid: paid && (paidAt as string) < asOf,
        paidAt: paid && (paidAt as string) < asOf ? paidAt : null,
      });
    }
  }
  return bills;
}

/** Demo holders (person ids) whose households always have every account their city offers. */
export type DemoHolders = ReadonlySet<string>;

/** The accounts of a household, with their bills (the account numbers are assigned when inserting). */
export function accountsOf(household: Household, ctx: SeedContext, demoHolders: DemoHolders): GeneratedAccount[] {
  const demo = demoHolders.has(household.holder.personId);
  const accounts: GeneratedAccount[] = [];
  for (const company of COMPANIES) {
    if (!(company.cityCodes as readonly string[]).includes(household.cityCode)) continue;
    const rng = ctx.rng(`gongyong-${company.id}`, household.holder.personId);
    const share = company.utility === 'gas' ? 0.85 : company.utility === 'power' ? 0.98 : 0.95;
    if (!rng.chance(share) && !demo) continue;
    const opened = addMonths(lastBilledPeriod(ctx.asOf), -BILL_MONTHS - rng.int(0, 120));
    accounts.push({
      company,
      household,
      openedOn: `${opened}-${pad(rng.int(1, 28))}`,
      bills: billsOf(company, household, rng, ctx.asOf, demo),
    });
  }
  return accounts;
}

/**
 * An account number of the company's format for a holder: digits from the holder's own stream, `attempt`
 * giving another draw when the number is taken (the insert retries; see generator.ts).
 */
export function accountNumber(account: GeneratedAccount, ctx: SeedContext, attempt: number): string {
  const { company, household } = account;
  const rng = ctx.rng(`gongyong-number-${company.id}`, `${household.holder.personId}:${attempt}`);
  const digits = (n: number) => Array.from({ length: n }, () => String(rng.int(0, 9))).join('');
  switch (company.utility) {
    case 'gas':
      return `2${digits(9)}`;
    case 'power':
      return `05${pad(POWER_CITIES.indexOf(household.cityCode) + 1)}${digits(9)}`;
    case 'water':
      return `7${digits(7)}`;
  }
}
