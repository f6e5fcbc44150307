import { ActingQuery, type CityCode, findCity, Problem, RecordSource, RecordSubject } from '@yss/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  centreName,
  DepositMonth,
  HousingFundAccount,
  HousingFundLoan,
  LOAN_METHOD_NAMES,
  LOAN_STATUS_NAMES,
  MAX_DEPOSIT_MONTHS,
  NOT_CONNECTED_MESSAGE,
} from '../../departments/housing-fund/contract.js';
import type { Departments } from '../../departments/registry.js';
import { AppError } from '../../http/app-error.js';
import { choosePeriod } from './period.js';
import type { PersonalLookupGate } from './personal-gate.js';
import { CityParam, monthlyLookupQuery } from './query-params.js';

const SERVICE_ID = 'gongjijin-jiaocun-xinxi';
const DEPOSITS_SERVICE_ID = 'gongjijin-jiaocun-mingxi';
const LOAN_SERVICE_ID = 'gongjijin-daikuan-chaxun';
const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 502: Problem, 503: Problem };

/** A5: the guide's advice when the fund cannot be found in the chosen city. */
export const SWITCH_CITY_ADVICE = '请尝试在“粤省事”首页把左上角的地市切换为您所缴纳公积金的城市，并再次尝试。';

const OtherAccount = z.object({
  cityCode: z.string(),
  cityName: z.string(),
  centreName: z.string(),
  status: z.enum(['normal', 'sealed']),
});

export const HousingFundAccountDetails = z
  .object({
    subject: RecordSubject,
    /** null: no account at the chosen city's centre (switch the city to where the fund is paid: A5). */
    account: HousingFundAccount.omit({ accountNumber: true })
      .extend({ accountNumberMasked: z.string().meta({ description: '个人公积金账号（部分隐藏）' }) })
      .nullable(),
    /** The person's accounts at the other connected centres: the cities to switch to (A5). */
    elsewhere: z.array(OtherAccount),
    source: RecordSource,
  })
  .meta({ id: 'HousingFundAccountDetails', description: '公积金缴存信息 (B5)' });

export const HousingFundDeposits = z
  .object({
    subject: RecordSubject,
    /** null: no account at the chosen city's centre. */
    statement: z
      .object({
        accountNumberMasked: z.string(),
        from: z.string(),
        to: z.string(),
        /** Months with a deposit, oldest first, each with the month-end balance. */
        months: z.array(DepositMonth),
        totals: z.object({ employee: z.number(), employer: z.number(), total: z.number() }),
      })
      .nullable(),
    source: RecordSource,
  })
  .meta({ id: 'HousingFundDeposits', description: '公积金缴存明细 (B5)' });

export const HousingFundLoanDetails = z
  .object({
    subject: RecordSubject,
    /** null: no housing-fund loan at the chosen city's centre. */
    loan: HousingFundLoan.omit({ contractNumber: true })
      .extend({
        contractNumberMasked: z.string().meta({ description: '借款合同号（部分隐藏）' }),
        repaymentMethodName: z.string(),
        statusName: z.string(),
      })
      .nullable(),
    source: RecordSource,
  })
  .meta({ id: 'HousingFundLoanDetails', description: '公积金贷款查询' });

/** 4401********1234: an account number as pages show it. */
export const maskAccountNumber = (n: string) =>
  `${n.slice(0, 4)}${'*'.repeat(Math.max(0, n.length - 8))}${n.slice(-4)}`;

/**
 * 公积金缴存信息 and 公积金缴存明细 (B5) at the chosen city's centre, behind the personal lookup gate; not in
 * 东莞/惠州/揭阳 (the guide's words, with its advice to switch the city: A5).
 */
export const housingFundLookupRoutes =
  ({
    gate,
    departments,
  }: {
    gate: PersonalLookupGate;
    departments: Pick<Departments, 'housingFund'>;
  }): FastifyPluginAsyncZod =>
  async (app) => {
    const hf = departments.housingFund;
    const notConnected = (city: string) =>
      new AppError(
        'SERVICE_NOT_IN_CITY',
        `${NOT_CONNECTED_MESSAGE}（当前城市为${findCity(city)?.name ?? city}）。${SWITCH_CITY_ADVICE}`,
      );
    /** The gate, with A5's advice added to the catalog's 暂不支持东莞、惠州、揭阳. */
    const open = async (req: FastifyRequest, serviceId: string, city: CityCode, forDelegation?: string) => {
      try {
        return await gate.open(req, { serviceId, city, forDelegation });
      } catch (e) {
        if (e instanceof AppError && e.code === 'SERVICE_NOT_IN_CITY') {
          throw new AppError(e.code, `${e.detail}${SWITCH_CITY_ADVICE}`);
        }
        throw e;
      }
    };

    app.get(
      '/api/v1/lookups/housing-fund/account',
      {
        schema: {
          tags: ['lookups', 'personal'],
          summary: '公积金缴存信息 (B5): account number, balance, monthly deposit (fresh verification; audited)',
          querystring: ActingQuery.extend({ city: CityParam }),
          response: { 200: HousingFundAccountDetails, ...problems },
        },
      },
      async (req) => {
        const city = req.query.city;
        const opened = await open(req, SERVICE_ID, city, req.query.for);
        const idNumber = opened.subject.idNumber;
        const [answer, { accounts }] = await Promise.all([
          hf.client.account({ idNumber, cityCode: city }),
          hf.client.accounts({ idNumber }),
        ]);
        // The catalog and the department agree on the three unconnected cities; if they ever differ, say so.
        if (!answer.connected) throw notConnected(city);
        await gate.recordRead(opened, SERVICE_ID);
        return {
          subject: { self: opened.subject.self, nameMasked: opened.subject.nameMasked },
          account:
            answer.account &&
            (({ accountNumber, ...rest }) => ({
              ...rest,
              accountNumberMasked: maskAccountNumber(accountNumber),
            }))(answer.account),
          elsewhere: accounts
            .filter((a) => a.cityCode !== city)
            .map((a) => ({
              cityCode: a.cityCode,
              cityName: findCity(a.cityCode)?.name ?? a.cityCode,
              centreName: a.centreName,
              status: a.status,
            })),
          source: {
            department: answer.account?.centreName ?? hf.spec.name,
            updatedAt: answer.account?.updatedAt ?? null,
          },
        };
      },
    );

    app.get(
      '/api/v1/lookups/housing-fund/deposits',
      {
        schema: {
          tags: ['lookups', 'personal'],
          summary:
            '公积金缴存明细 (B5): deposits month by month with the month-end balance, at most 36 months (fresh verification; audited)',
          querystring: monthlyLookupQuery(MAX_DEPOSIT_MONTHS),
          response: { 200: HousingFundDeposits, ...problems },
        },
      },
      async (req) => {
        const city = req.query.city;
        const opened = await open(req, DEPOSITS_SERVICE_ID, city, req.query.for);
        const idNumber = opened.subject.idNumber;
        const explicit = Boolean(req.query.from || req.query.to);
        // Check an asked period before any department call; else end at the last deposit (缴至年月).
        let period = explicit ? choosePeriod(req.query, { max: MAX_DEPOSIT_MONTHS, last: null }) : null;
        if (!period) {
          const answer = await hf.client.account({ idNumber, cityCode: city });
          if (!answer.connected) throw notConnected(city);
          period = choosePeriod(req.query, { max: MAX_DEPOSIT_MONTHS, last: answer.account?.lastDepositMonth ?? null });
        }
        const answer = await hf.client.deposits({ idNumber, cityCode: city, ...period });
        if (!answer.connected) throw notConnected(city);
        await gate.recordRead(opened, DEPOSITS_SERVICE_ID);
        const s = answer.statement;
        return {
          subject: { self: opened.subject.self, nameMasked: opened.subject.nameMasked },
          statement: s
            ? {
                accountNumberMasked: maskAccountNumber(s.accountNumber),
                from: s.from,
                to: s.to,
                months: s.months,
                totals: s.totals,
              }
            : null,
          source: { department: centreName(city), updatedAt: s?.updatedAt ?? null },
        };
      },
    );

    app.get(
      '/api/v1/lookups/housing-fund/loan',
      {
        schema: {
          tags: ['lookups', 'personal'],
          summary:
            '公积金贷款查询: the loan at the chosen city’s centre — amount, term, rate, repaid, remaining principal, next instalment (fresh verification; audited)',
          querystring: ActingQuery.extend({ city: CityParam }),
          response: { 200: HousingFundLoanDetails, ...problems },
        },
      },
      async (req) => {
        const city = req.query.city;
        const opened = await open(req, LOAN_SERVICE_ID, city, req.query.for);
        const answer = await hf.client.loan({ idNumber: opened.subject.idNumber, cityCode: city });
        if (!answer.connected) throw notConnected(city);
        await gate.recordRead(opened, LOAN_SERVICE_ID);
        const l = answer.loan;
        return {
          subject: { self: opened.subject.self, nameMasked: opened.subject.nameMasked },
          loan:
            l &&
            (({ contractNumber, ...rest }) => ({
              ...rest,
              contractNumberMasked: maskAccountNumber(contractNumber),
              repaymentMethodName: LOAN_METHOD_NAMES[rest.repaymentMethod],
              statusName: LOAN_STATUS_NAMES[rest.status],
            }))(l),
          source: { department: centreName(city), updatedAt: l?.updatedAt ?? null },
        };
      },
    );
  };
