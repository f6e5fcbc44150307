import type { CityCode } from '@yss/contracts';
import type { RegisteredPerson } from '../population-register/contract.js';
import { addMonths, type Life, lifeOf, monthsBetween } from '../province/life.js';
import type { SeedContext } from '../province/seed-context.js';
import { contributionBase, injuryRate, provinceAverageWage, RECORDS_FROM } from './rates.js';
import { laterOf } from './shared-schemas.js';

/**
 * A person's social-insurance standing as the 人社 system records it, derived only from the population
 * register record and the shared life model (province/life.ts): the same jobs, employers, cities and wages
 * that the housing-fund and tax sandboxes use. The 医保 sandbox reads it too (employee vs resident scheme).
 */

export const PENSION_SCHEMES = ['enterprise', 'institution', 'resident'] as const;
export type PensionScheme = (typeof PENSION_SCHEMES)[number];
export const INSURED_STATUSES = ['contributing', 'suspended', 'retired', 'terminated'] as const;
export type InsuredStatus = (typeof INSURED_STATUSES)[number];

/**
 * A run of months of one job at one base: the unit the sandbox stores (see tables.ts). The base is declared
 * yearly, so a run never spans two years at different bases; years at the same base are one run.
 */
export interface ContributionSpan {
  from: string;
  to: string;
  cityCode: CityCode;
  unit: { name: string; uscc: string };
  /** Contribution base, yuan: the job's wage clamped to the city's bounds of that year. */
  base: number;
  /** 工伤 employer rate of the unit's industry, basis points. */
  injuryRateBp: number;
}

export interface InsuranceProfile {
  scheme: PensionScheme;
  status: InsuredStatus;
  /** Where contributions are (or were last) paid; for the resident scheme, the hukou city. */
  insuredCityCode: CityCode;
  spans: ContributionSpan[];
  /** Months worked before records began (RECORDS_FROM): 视同缴费. */
  deemedMonths: number;
  firstInsuredMonth: string | null;
  lastContributionMonth: string | null;
  currentUnit: { name: string; uscc: string } | null;
  /** Monthly pension (fen) and its first month, for people drawing one. */
  pension: { monthlyFen: number; since: string } | null;
}

/** Contributions of a month are settled during that month: as of the 1st, the last one is the month before. */
export function lastSettledMonth(asOf: string): string {
  return addMonths(asOf.slice(0, 7), -1);
}

const ym = (year: number, month: number) => `${year}-${String(month).padStart(2, '0')}`;

function ageOn(birthDate: string, asOf: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = asOf.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** Split a run of months into calendar-year pieces (the base is declared once a year). */
export function byYear(from: string, to: string): [string, string][] {
  const pieces: [string, string][] = [];
  let start = from;
  while (start <= to) {
    const yearEnd = `${start.slice(0, 4)}-12`;
    const end = yearEnd < to ? yearEnd : to;
    pieces.push([start, end]);
    start = addMonths(end, 1);
  }
  return pieces;
}

export const spanMonths = (s: { from: string; to: string }) => monthsBetween(s.from, s.to) + 1;

/**
 * The person's record, or null when 人社 knows nothing of them (children, people who never worked and are
 * not in the resident scheme, emigrated registrations). Deterministic in (seed, person).
 */
export function insuranceProfile(
  person: RegisteredPerson,
  ctx: SeedContext,
  life: Life = lifeOf(person, ctx),
): InsuranceProfile | null {
  const settled = lastSettledMonth(ctx.asOf);
  if (life.jobs.length > 0) return employeeProfile(person, life, settled, ctx);
  return residentProfile(person, ctx);
}

function employeeProfile(person: RegisteredPerson, life: Life, settled: string, ctx: SeedContext): InsuranceProfile {
  const spans: ContributionSpan[] = [];
  let deemedMonths = 0;
  for (const job of life.jobs) {
    const end = job.to === null || job.to > settled ? settled : job.to;
    if (job.from < RECORDS_FROM) {
      const deemedEnd = end < RECORDS_FROM ? end : addMonths(RECORDS_FROM, -1);
      deemedMonths += monthsBetween(job.from, deemedEnd) + 1;
    }
    const start = laterOf(job.from, RECORDS_FROM);
    for (const [from, to] of start <= end ? byYear(start, end) : []) {
      const base = contributionBase(job.monthlyWage, job.cityCode, Number(from.slice(0, 4)));
      const previous = spans.at(-1);
      // A year at the same base as the one before continues the run (one row instead of one per year).
      if (
        previous &&
        previous.base === base &&
        previous.unit.uscc === job.employer.uscc &&
        addMonths(previous.to, 1) === from
      ) {
        previous.to = to;
        continue;
      }
      spans.push({
        from,
        to,
        cityCode: job.cityCode,
        unit: { name: job.employer.name, uscc: job.employer.uscc },
        base,
        injuryRateBp: injuryRate(job.employer.industry),
      });
    }
  }
  const last = life.jobs[life.jobs.length - 1] as Life['jobs'][number];
  const status: InsuredStatus =
    person.status === 'deceased'
      ? 'terminated'
      : life.retired
        ? 'retired'
        : last.to === null
          ? 'contributing'
          : 'suspended';
  return {
    scheme: last.employer.kind === 'institution' ? 'institution' : 'enterprise',
    status,
    insuredCityCode: last.cityCode,
    spans,
    deemedMonths,
    firstInsuredMonth: spans[0]?.from ?? null,
    lastContributionMonth: spans[spans.length - 1]?.to ?? null,
    currentUnit: status === 'contributing' ? { name: last.employer.name, uscc: last.employer.uscc } : null,
    pension:
      life.retired && life.retiredIn && person.status !== 'deceased'
        ? {
            monthlyFen: employeePensionFen(person, spans, deemedMonths, life.retiredIn, ctx.asOf),
            since: life.retiredIn,
          }
        : null,
  };
}

/**
 * 城乡居民基本养老保险 for adults with a Guangdong hukou who never had a job in the life model: most people of
 * 60 and over draw its pension, about half of the younger ones contribute. Their yearly contributions are
 * not modelled (no monthly records).
 */
function residentProfile(person: RegisteredPerson, ctx: SeedContext): InsuranceProfile | null {
  if (person.status !== 'normal' || !person.hukouCityCode) return null;
  const age = ageOn(person.birthDate, ctx.asOf);
  if (age < 18) return null;
  const rng = ctx.rng('shebao-resident', person.personId);
  const drawing = age >= 60;
  if (!rng.chance(drawing ? 0.9 : 0.55)) return null;
  const [by, bm] = person.birthDate.split('-').map(Number) as [number, number];
  const since = ym(by + 60, bm);
  return {
    scheme: 'resident',
    status: drawing ? 'retired' : 'contributing',
    insuredCityCode: person.hukouCityCode,
    spans: [],
    deemedMonths: 0,
    firstInsuredMonth: null,
    lastContributionMonth: null,
    currentUnit: null,
    // 基础养老金 (Guangdong's minimum, about 220 yuan) plus a small personal-account part: illustrative.
    pension: drawing ? { monthlyFen: (220 + rng.int(10, 150)) * 100, since } : null,
  };
}

/**
 * A simplified 国发〔2005〕38号 pension: basic part = last year's province average × (1 + average
 * contribution index) / 2 × 1 % per year of contributions (deemed years included); personal-account part =
 * the personal 8 % contributions ÷ the months divisor (139 at 60, 170 at 55); raised about 5 % a year until
 * 2015 and 3 % after (the yearly 调待). No transitional pension, no account interest.
 */
function employeePensionFen(
  person: RegisteredPerson,
  spans: ContributionSpan[],
  deemedMonths: number,
  retiredIn: string,
  asOf: string,
): number {
  const retiredYear = Number(retiredIn.slice(0, 4));
  let recorded = 0;
  let indexSum = 0;
  let accountYuan = 0;
  for (const s of spans) {
    for (const [from, to] of byYear(s.from, s.to)) {
      const months = spanMonths({ from, to });
      recorded += months;
      indexSum += months * (s.base / provinceAverageWage(Number(from.slice(0, 4))));
      accountYuan += months * s.base * 0.08;
    }
  }
  const index = recorded > 0 ? Math.min(3, Math.max(0.6, indexSum / recorded)) : 1;
  const years = (recorded + deemedMonths) / 12;
  const basic = ((provinceAverageWage(retiredYear - 1) * (1 + index)) / 2) * years * 0.01;
  const account = accountYuan / (person.sex === 'male' ? 139 : 170);
  const asOfYear = Number(asOf.slice(0, 4));
  const before2016 = Math.max(0, Math.min(asOfYear, 2016) - retiredYear);
  const after2015 = Math.max(0, asOfYear - Math.max(retiredYear, 2016));
  return Math.round((basic + account) * 1.05 ** before2016 * 1.03 ** after2015 * 100);
}
