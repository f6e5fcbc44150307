import { findCity, Problem, RecordSource, RecordSubject } from '@yss/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  BALANCE_NOT_OFFERED_NOTICE,
  BALANCE_QUERY_CITIES,
  MAX_TRANSACTION_MONTHS,
  MedicalTransaction,
  TRANSACTION_KIND_NAMES,
} from '../../departments/medical-insurance/contract.js';
import type { Departments } from '../../departments/registry.js';
import { AppError } from '../../http/app-error.js';
import { choosePeriod } from '../lookups/period.js';
import type { PersonalLookupGate } from '../lookups/personal-gate.js';
import { monthlyLookupQuery } from '../lookups/query-params.js';
import { insuredRecords, MedicalAccountSummary, summarise } from './routes.js';

export const BALANCE_SERVICE = 'yibao-zhanghu-yue';
const GUANGZHOU = '440100';
const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 502: Problem, 503: Problem };
const cityName = (code: string) => findCity(code)?.name ?? code;

export const MedicalBalance = z
  .object({
    subject: RecordSubject,
    /** null: no medical-insurance record. */
    account: MedicalAccountSummary.extend({
      /** 个人账户余额; null for 城乡居民医保 (no personal account). */
      balance: z.number().nullable(),
    }).nullable(),
    /** 个人账户明细 of the period, oldest first; null without a personal account. */
    statement: z
      .object({
        from: z.string(),
        to: z.string(),
        transactions: z.array(MedicalTransaction.extend({ kindName: z.string() })),
      })
      .nullable(),
    source: RecordSource,
  })
  .meta({ id: 'MedicalBalance', description: '医保账户余额及个人账户明细 (B3)' });

/**
 * 医保账户余额查询 (B3): where the guide offers it (广州 after 开通医保支付, 肇庆, 潮州, 清远: the catalog's city
 * rule, and the insured person's 参保地), the personal-account balance and its transactions (≤ 12 months per
 * query, the department's limit).
 */
export const medicalBalanceRoutes =
  (d: {
    gate: PersonalLookupGate;
    departments: Pick<Departments, 'medicalInsurance' | 'socialInsurance'>;
  }): FastifyPluginAsyncZod =>
  async (app) => {
    const mi = d.departments.medicalInsurance;
    app.get(
      '/api/v1/lookups/medical-insurance/balance',
      {
        schema: {
          tags: ['lookups', 'personal'],
          summary:
            '医保账户余额查询 (B3): balance and 个人账户明细, at most 12 months (广州 after 开通医保支付, 肇庆, 潮州, 清远; fresh verification; audited)',
          querystring: monthlyLookupQuery(MAX_TRANSACTION_MONTHS),
          response: { 200: MedicalBalance, ...problems },
        },
      },
      async (req) => {
        const city = req.query.city;
        const opened = await d.gate.open(req, { serviceId: BALANCE_SERVICE, city, forDelegation: req.query.for });
        // An asked period is checked before any department call; else the last months up to the month of
        // the department's data (its 数据更新于), where the ledger ends.
        const asked =
          req.query.from || req.query.to ? choosePeriod(req.query, { max: MAX_TRANSACTION_MONTHS, last: null }) : null;
        const { account } = await insuredRecords(d, opened, BALANCE_SERVICE);
        const subject = { self: opened.subject.self, nameMasked: opened.subject.nameMasked };
        if (!account) {
          await d.gate.recordRead(opened, BALANCE_SERVICE);
          return { subject, account: null, statement: null, source: { department: mi.spec.name, updatedAt: null } };
        }
        const insured = account.insuredCityCode;
        const refuse = async (code: 'MEDICAL_BALANCE_NOT_OFFERED' | 'MEDICAL_PAYMENT_NOT_ACTIVATED', msg: string) => {
          await d.gate.recordRead(opened, BALANCE_SERVICE, 'failure');
          throw new AppError(code, msg);
        };
        // The balance belongs to the 参保地: the guide's cities are where one is insured.
        if (!(BALANCE_QUERY_CITIES as readonly string[]).includes(insured)) {
          await refuse(
            'MEDICAL_BALANCE_NOT_OFFERED',
            `${BALANCE_NOT_OFFERED_NOTICE}您的参保地为${cityName(insured)}，暂无法查询医保余额。`,
          );
        }
        if (insured !== city) {
          await refuse(
            'MEDICAL_BALANCE_NOT_OFFERED',
            `您的医保参保地为${cityName(insured)}，请把左上角的地市切换为${cityName(insured)}后再查询医保余额。`,
          );
        }
        if (insured === GUANGZHOU && !account.paymentActivation.activated) {
          await refuse(
            'MEDICAL_PAYMENT_NOT_ACTIVATED',
            '目前暂支持广州（需开通医保支付）、肇庆、潮州、清远地区医保账户余额查询。请先开通医保支付，再查询医保余额。',
          );
        }
        const { statement } =
          account.balance === null
            ? { statement: null }
            : await mi.client.transactions({
                idNumber: opened.subject.idNumber,
                ...(asked ??
                  choosePeriod(req.query, { max: MAX_TRANSACTION_MONTHS, last: account.updatedAt.slice(0, 7) })),
              });
        await d.gate.recordRead(opened, BALANCE_SERVICE);
        return {
          subject,
          account: { ...summarise(account), balance: account.balance },
          statement: statement
            ? {
                from: statement.from,
                to: statement.to,
                transactions: statement.transactions.map((t) => ({ ...t, kindName: TRANSACTION_KIND_NAMES[t.kind] })),
              }
            : null,
          source: { department: mi.spec.name, updatedAt: statement?.updatedAt ?? account.updatedAt },
        };
      },
    );
  };
