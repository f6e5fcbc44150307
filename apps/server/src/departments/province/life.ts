import type { CityCode } from '@yss/contracts';
import type { RegisteredPerson } from '../population-register/contract.js';
import { type Enterprise, enterprise, poolSize } from './enterprises.js';
import type { SeedContext } from './seed-context.js';

/**
 * A person's working life in the synthetic province, derived only from (seed, person): who employed them,
 * where, from when to when, at what wage. Social insurance contributions, housing-fund deposits and
 * income tax are all computed from this one history, so the departments' records agree with each other
 * (a contribution base follows the wage; the tax withheld follows the same wage; the employer is the same
 * enterprise everywhere).
 */
export interface Job {
  employer: Enterprise;
  cityCode: CityCode;
  /** Gross monthly wage in yuan (integer). */
  monthlyWage: number;
  /** First month worked, YYYY-MM. */
  from: string;
  /** Last month worked, YYYY-MM; null = still working there as of the province's date. */
  to: string | null;
}

export interface Life {
  jobs: Job[];
  /** Retired on a pension (退休) as of the province's date. */
  retired: boolean;
  /** Month of retirement, when retired. */
  retiredIn: string | null;
}

/** Average monthly wage (yuan) by city tier: 广州/深圳 highest, then the Pearl River Delta, then the rest. */
const CITY_WAGE: Partial<Record<CityCode, number>> = {
  '440100': 11_500,
  '440300': 13_500,
  '440400': 8_800,
  '440600': 8_600,
  '441900': 8_200,
  '442000': 7_800,
  '441300': 7_600,
  '440700': 7_200,
  '441200': 6_600,
};
const OTHER_CITY_WAGE = 6_000;

/** Statutory retirement ages before the 2025 reform (60 men; 50 women workers, 55 cadres): simplified to 60/55. */
function retirementAge(person: RegisteredPerson) {
  return person.sex === 'male' ? 60 : 55;
}

const ym = (year: number, month: number) => `${year}-${String(month).padStart(2, '0')}`;

export function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  return (ty - fy) * 12 + (tm - fm);
}

export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const total = y * 12 + (m - 1) + n;
  return ym(Math.floor(total / 12), (total % 12) + 1);
}

/** Deterministic life of a person (no database needed). People under 18 or never employed get no jobs. */
export function lifeOf(person: RegisteredPerson, ctx: SeedContext): Life {
  const rng = ctx.rng('life', person.personId);
  const [asOfYear, asOfMonth] = ctx.asOf.split('-').map(Number) as [number, number];
  const lastMonth = ym(asOfYear, asOfMonth);
  const [by, bm] = person.birthDate.split('-').map(Number) as [number, number];
  const age = asOfYear - by - (asOfMonth < bm ? 1 : 0);
  const city = (person.residenceCityCode ?? person.hukouCityCode) as CityCode | null;
  if (!city || age < 18 || person.status === 'cancelled' || rng.chance(0.12)) {
    return { jobs: [], retired: false, retiredIn: null };
  }
  const retireAt = retirementAge(person);
  const startAge = rng.int(18, 24);
  const start = ym(by + startAge, rng.int(1, 12));
  const retiredIn = age >= retireAt ? ym(by + retireAt, bm) : null;
  const end = retiredIn ? addMonths(retiredIn, -1) : lastMonth;
  if (monthsBetween(start, end) < 1) return { jobs: [], retired: false, retiredIn: null };

  // 1–4 jobs, each in the person's city (sometimes another Delta city early on), wage growing with time.
  const jobs: Job[] = [];
  const base = (CITY_WAGE[city] ?? OTHER_CITY_WAGE) * (0.55 + 0.9 * rng.float());
  let from = start;
  const count = rng.int(1, 4);
  for (let i = 0; i < count && monthsBetween(from, end) >= 0; i++) {
    const last = i === count - 1;
    const span = monthsBetween(from, end);
    const length = last ? span : rng.int(Math.min(6, span), Math.max(6, Math.floor(span / (count - i))));
    const to = last ? end : addMonths(from, length);
    const jobCity: CityCode =
      i < count - 1 && rng.chance(0.15) ? (rng.pick(['440100', '440300', '440600'] as const) as CityCode) : city;
    // Wages of older years are smaller: roughly 8 % a year of nominal growth until 2015, 5 % after.
    const startYear = Number(from.slice(0, 4));
    const growth =
      1.05 ** Math.max(0, asOfYear - Math.max(2015, startYear)) * 1.08 ** Math.max(0, 2015 - Math.max(2000, startYear));
    const wage = Math.max(1_900, Math.round(base / growth / 10) * 10);
    jobs.push({
      employer: enterprise(ctx.seed, jobCity, rng.int(0, poolSize(jobCity) - 1)),
      cityCode: jobCity,
      monthlyWage: wage,
      from,
      to: last && !retiredIn ? null : to,
    });
    if (last) break;
    from = addMonths(to, rng.chance(0.3) ? rng.int(1, 6) : 1); // a gap between jobs, sometimes
  }
  return { jobs, retired: retiredIn !== null, retiredIn };
}

/** The job held in a month (YYYY-MM), if any. */
export function jobIn(life: Life, month: string): Job | undefined {
  return life.jobs.find((j) => month >= j.from && (j.to === null || month <= j.to));
}
