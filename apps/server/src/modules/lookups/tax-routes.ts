import { ActingQuery, Problem, RecordSource, RecordSubject } from '@yss/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Departments } from '../../departments/registry.js';
import { currentChinaMonth } from '../../departments/social-insurance/shared-schemas.js';
import { IncomeTaxDetails, MAX_PERIOD_MONTHS, SocialInsuranceFeeDetails } from '../../departments/tax/contract.js';
import { askedPeriod, shiftMonth } from './period.js';
import type { PersonalLookupGate } from './personal-gate.js';
import { CityParam, MonthParam } from './query-params.js';

const INCOME_TAX = 'geshui-jiaona-mingxi';
const INSURANCE_FEES = 'shebaofei-jiaofei-mingxi';
/** Without a period: this many months up to the last month the tax system holds. */
const DEFAULT_MONTHS = 12;
const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 502: Problem, 503: Problem };

const PeriodQuery = ActingQuery.extend({
  /** The city the citizen has chosen (both services are offered everywhere; checked like every personal lookup). */
  city: CityParam.optional(),
  from: MonthParam.optional(),
  to: MonthParam.optional(),
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

/** The period asked, checked (PERIOD_* codes), or null for the default (the last months on record). */
export const checkedPeriod = (q: { from?: string; to?: string }, now = new Date()) =>
  askedPeriod(q, { max: MAX_PERIOD_MONTHS, now });

/** The widest window one department call covers, ending this month: where the default period is looked for. */
function searchWindow(now = new Date()) {
  const to = currentChinaMonth(now);
  return { from: shiftMonth(to, -(MAX_PERIOD_MONTHS - 1)), to };
}

/** The last DEFAULT_MONTHS months up to the last one with a record (or up to this month when there is none). */
function defaultPeriod(records: { month: string }[], now = new Date()) {
  const to = records.length > 0 ? (records.at(-1) as { month: string }).month : currentChinaMonth(now);
  return { from: shiftMonth(to, -(DEFAULT_MONTHS - 1)), to };
}

const fen = (yuan: number) => Math.round(yuan * 100);
const sumYuan = <T>(rows: T[], pick: (r: T) => number) => rows.reduce((s, r) => s + fen(pick(r)), 0) / 100;

/** What both lookups' details share: the period they cover, its months and when the department last updated them. */
interface MonthlyDetails {
  from: string;
  to: string;
  records: { month: string }[];
  updatedAt: string;
}

/**
 * 个税缴纳明细 and 社会保险费缴费明细 (F4) from 国家税务总局广东省税务局, behind the personal lookup gate: a chosen
 * period (at most 60 months; not reversed; not in the future) or, by default, the last 12 months on record.
 */
export const taxLookupRoutes =
  ({ gate, departments }: { gate: PersonalLookupGate; departments: Pick<Departments, 'tax'> }): FastifyPluginAsyncZod =>
  async (app) => {
    const tax = departments.tax;

    /**
     * One month-by-month lookup: the asked period checked before anything else, the gate, the department
     * asked for that period or (by default) its widest window cut down to the last months on record with
     * `totals` summed again over what is left, and the read audited.
     */
    async function monthlyLookup<D extends MonthlyDetails>(
      req: FastifyRequest,
      query: z.infer<typeof PeriodQuery>,
      serviceId: string,
      ask: (q: { idNumber: string; from: string; to: string }) => Promise<{ details: D | null }>,
      totals: (records: D['records']) => Partial<D>,
    ) {
      const asked = checkedPeriod(query);
      const opened = await gate.open(req, {
        serviceId,
        ...(query.city ? { city: query.city } : {}),
        ...(query.for ? { forDelegation: query.for } : {}),
      });
      const idNumber = opened.subject.idNumber;
      let { details } = await ask({ idNumber, ...(asked ?? searchWindow()) });
      if (details && !asked) {
        const period = defaultPeriod(details.records);
        const records = details.records.filter((r) => r.month >= period.from && r.month <= period.to);
        details = { ...details, ...period, records, ...totals(records) };
      }
      await gate.recordRead(opened, serviceId);
      return {
        subject: { self: opened.subject.self, nameMasked: opened.subject.nameMasked },
        details,
        source: { department: tax.spec.name, updatedAt: details?.updatedAt ?? null },
      };
    }

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
      async (req) =>
        monthlyLookup(
          req,
          req.query,
          INCOME_TAX,
          (q) => tax.client.incomeTaxDetails(q),
          (records) => ({ totalIncome: sumYuan(records, (r) => r.income), totalTax: sumYuan(records, (r) => r.tax) }),
        ),
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
      async (req) =>
        monthlyLookup(
          req,
          req.query,
          INSURANCE_FEES,
          (q) => tax.client.socialInsuranceFeeDetails(q),
          (records) => ({
            unitTotal: sumYuan(records, (r) => r.unitTotal),
            personalTotal: sumYuan(records, (r) => r.personalTotal),
          }),
        ),
    );
  };
