import { ActingQuery, CITY_CODES, Problem, RecordSource, RecordSubject } from '@yss/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Departments } from '../../departments/registry.js';
import { IncomeTaxDetails, MAX_PERIOD_MONTHS, SocialInsuranceFeeDetails } from '../../departments/tax/contract.js';
import { AppError } from '../../http/app-error.js';
import { askedPeriod } from './period.js';
import type { PersonalLookupGate } from './personal-gate.js';

const INCOME_TAX = 'geshui-jiaona-mingxi';
const INSURANCE_FEES = 'shebaofei-jiaofei-mingxi';
/** Without a period: this many months up to the last month the tax system holds. */
const DEFAULT_MONTHS = 12;
const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为YYYY-MM，如2025-01');
const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 502: Problem, 503: Problem };

const PeriodQuery = ActingQuery.extend({
  /** The city the citizen has chosen (both services are offered everywhere; checked like every personal lookup). */
  city: z.enum(CITY_CODES, { error: '请选择广东省的地级市' }).optional(),
  from: Month.optional(),
  to: Month.optional(),
});

export const IncomeTaxLookup = z
  .object({
    subject: RecordSubject,
    /** null: the tax system holds nothing for the person (e.g. a child, or retired before 2016). */
    details: IncomeTaxDetails.nullable(),
    source: RecordSource,
  })
  .meta({ id: 'IncomeTaxLookup', description: '个税缴纳明细 (F4)' });

export const InsuranceFeeLookup = z
  .object({
    subject: RecordSubject,
    details: SocialInsuranceFeeDetails.nullable(),
    source: RecordSource,
  })
  .meta({ id: 'InsuranceFeeLookup', description: '社会保险费缴费明细 (F4)' });

const index = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
const monthOf = (i: number) => `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;

/** This month in China (UTC+8), YYYY-MM. */
export function chinaMonth(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 7);
}

/** The period asked, checked (PERIOD_* codes), or null for the default (the last months on record). */
export const checkedPeriod = (q: { from?: string; to?: string }, now = new Date()) =>
  askedPeriod(q, { max: MAX_PERIOD_MONTHS, now });

/** The widest window one department call covers, ending this month: where the default period is looked for. */
function searchWindow(now = new Date()) {
  const to = chinaMonth(now);
  return { from: monthOf(index(to) - (MAX_PERIOD_MONTHS - 1)), to };
}

/** The last DEFAULT_MONTHS months up to the last one with a record (or up to this month when there is none). */
function defaultPeriod(records: { month: string }[], now = new Date()) {
  const to = records.length > 0 ? (records.at(-1) as { month: string }).month : chinaMonth(now);
  return { from: monthOf(index(to) - (DEFAULT_MONTHS - 1)), to };
}

const fen = (yuan: number) => Math.round(yuan * 100);
const sumYuan = <T>(rows: T[], pick: (r: T) => number) => rows.reduce((s, r) => s + fen(pick(r)), 0) / 100;

/**
 * 个税缴纳明细 and 社会保险费缴费明细 (F4) from 国家税务总局广东省税务局, behind the personal lookup gate: a chosen
 * period (at most 60 months; not reversed; not in the future) or, by default, the last 12 months on record.
 */
export const taxLookupRoutes =
  ({ gate, departments }: { gate: PersonalLookupGate; departments: Pick<Departments, 'tax'> }): FastifyPluginAsyncZod =>
  async (app) => {
    const tax = departments.tax;

    app.get(
      '/api/v1/lookups/tax/income-tax',
      {
        schema: {
          tags: ['lookups', 'personal'],
          summary: '个税缴纳明细 (F4): income tax withheld on wages, month by month (fresh verification; audited)',
          querystring: PeriodQuery,
          response: { 200: IncomeTaxLookup, ...problems },
        },
      },
      async (req) => {
        const asked = checkedPeriod(req.query);
        const opened = await gate.open(req, {
          serviceId: INCOME_TAX,
          ...(req.query.city ? { city: req.query.city } : {}),
          ...(req.query.for ? { forDelegation: req.query.for } : {}),
        });
        const idNumber = opened.subject.idNumber;
        let { details } = await tax.client.incomeTaxDetails({ idNumber, ...(asked ?? searchWindow()) });
        if (details && !asked) {
          const period = defaultPeriod(details.records);
          const records = details.records.filter((r) => r.month >= period.from && r.month <= period.to);
          details = {
            ...details,
            ...period,
            records,
            totalIncome: sumYuan(records, (r) => r.income),
            totalTax: sumYuan(records, (r) => r.tax),
          };
        }
        await gate.recordRead(opened, INCOME_TAX);
        return {
          subject: { self: opened.subject.self, nameMasked: opened.subject.nameMasked },
          details,
          source: { department: tax.spec.name, updatedAt: details?.updatedAt ?? null },
        };
      },
    );

    app.get(
      '/api/v1/lookups/tax/social-insurance-fees',
      {
        schema: {
          tags: ['lookups', 'personal'],
          summary:
            '社会保险费缴费明细 (F4): fees collected by the tax bureau, month by month (fresh verification; audited)',
          querystring: PeriodQuery,
          response: { 200: InsuranceFeeLookup, ...problems },
        },
      },
      async (req) => {
        const asked = checkedPeriod(req.query);
        const opened = await gate.open(req, {
          serviceId: INSURANCE_FEES,
          ...(req.query.city ? { city: req.query.city } : {}),
          ...(req.query.for ? { forDelegation: req.query.for } : {}),
        });
        const idNumber = opened.subject.idNumber;
        let { details } = await tax.client.socialInsuranceFeeDetails({ idNumber, ...(asked ?? searchWindow()) });
        if (details && !asked) {
          const period = defaultPeriod(details.records);
          const records = details.records.filter((r) => r.month >= period.from && r.month <= period.to);
          details = {
            ...details,
            ...period,
            records,
            unitTotal: sumYuan(records, (r) => r.unitTotal),
            personalTotal: sumYuan(records, (r) => r.personalTotal),
          };
        }
        await gate.recordRead(opened, INSURANCE_FEES);
        return {
          subject: { self: opened.subject.self, nameMasked: opened.subject.nameMasked },
          details,
          source: { department: tax.spec.name, updatedAt: details?.updatedAt ?? null },
        };
      },
    );
  };
