import { ActingQuery, type CityCode, Problem, RecordSource, RecordSubject } from '@yss/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../http/app-error.js';
import type { PersonalLookupGate } from '../lookups/personal-gate.js';
import { CityParam } from '../lookups/query-params.js';
import { COUNTER_SERVICE_ID, type HousingFundWithdrawals, SERVICE_ID } from './service.js';

const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 502: Problem, 503: Problem };

export const WithdrawalView = z
  .object({
    id: z.uuid(),
    cityCode: z.string(),
    centreName: z.string(),
    reason: z.enum(['rent', 'loan-repayment']),
    reasonName: z.string(),
    amount: z.number().meta({ description: '提取金额（元，两位小数）' }),
    bankName: z.string(),
    bankCardMasked: z.string().meta({ description: '收款银行卡号（仅显示后4位）' }),
    status: z.enum(['in-progress', 'completed', 'rejected']).meta({ description: '办理中 / 已办结 / 不予受理' }),
    applicationNumber: z.string().meta({ description: '公积金中心受理号' }),
    refusalNote: z.string().nullable(),
    completedOn: z.string().nullable(),
    submittedAt: z.string(),
  })
  .meta({ id: 'HousingFundWithdrawalView', description: '公积金再次提取申请' });

export const WithdrawalConditionsView = z
  .object({
    subject: RecordSubject,
    /** null: no account at the chosen city's centre. */
    conditions: z
      .object({
        accountNumberMasked: z.string(),
        accountStatus: z.enum(['normal', 'sealed']),
        maxAmount: z.number().meta({ description: '可提取金额（元）：不超过账户余额' }),
        boundPhoneMasked: z.string().nullable().meta({ description: '绑定公积金账户的手机号（脱敏）' }),
        reasons: z.array(z.object({ code: z.enum(['rent', 'loan-repayment']), name: z.string() })),
        /** What the centre would answer an application now: the problem code and its words; null: may apply. */
        refusal: z.object({ code: z.string(), message: z.string() }).nullable(),
      })
      .nullable(),
    /** 前台提取预约: the service to book when the centre sends the citizen to the counter. */
    counterServiceId: z.string(),
    source: RecordSource,
  })
  .meta({ id: 'HousingFundWithdrawalConditions', description: '公积金再次提取条件 (B6)' });

export const SubmitWithdrawalInput = z
  .object({
    /** Chosen by the app once per filled-in form: the same id again answers the first application. */
    submissionId: z.uuid('提交编号有误'),
    city: CityParam,
    reason: z.enum(['rent', 'loan-repayment'], { error: '请选择提取事项' }),
    /** Yuan as a string (e.g. "1234.50"): exact to the fen. */
    amount: z
      .string()
      .trim()
      .regex(/^\d{1,7}(\.\d{1,2})?$/, '请输入正确的提取金额（元，最多两位小数）'),
    bankName: z.string().trim().min(2, '请选择收款银行').max(30, '银行名称过长'),
    cardNumber: z.string().trim().min(1, '请输入收款银行卡号').max(30, '银行卡号应为16至19位数字'),
  })
  .meta({ id: 'SubmitHousingFundWithdrawal' });

/**
 * 公积金再次提取 (B6): the conditions (what the centre would say, the amount limit), the application, and the
 * citizen's applications with the centre's decision. Personal routes (fresh verification), self only.
 */
export const housingFundWithdrawalRoutes =
  ({ gate, withdrawals }: { gate: PersonalLookupGate; withdrawals: HousingFundWithdrawals }): FastifyPluginAsyncZod =>
  async (app) => {
    const open = async (req: FastifyRequest, city: CityCode | undefined, forDelegation?: string) => {
      const opened = await gate.open(req, { serviceId: SERVICE_ID, city, forDelegation });
      if (!opened.subject.self) throw new AppError('SERVICE_NOT_DELEGABLE', '公积金再次提取仅限本人办理。');
      return opened;
    };

    app.get(
      '/api/v1/me/housing-fund/withdrawal-conditions',
      {
        schema: {
          tags: ['lookups', 'personal'],
          summary: '公积金再次提取条件 (B6): 可提取金额, 提取事项 and what the centre would answer now (audited)',
          querystring: ActingQuery.extend({ city: CityParam }),
          response: { 200: WithdrawalConditionsView, ...problems },
        },
      },
      async (req) => {
        const opened = await open(req, req.query.city, req.query.for);
        const answer = await withdrawals.conditions(opened, req.query.city);
        await gate.recordRead(opened, SERVICE_ID);
        return {
          subject: { self: true, nameMasked: opened.subject.nameMasked },
          conditions: answer.conditions,
          counterServiceId: COUNTER_SERVICE_ID,
          source: answer.source,
        };
      },
    );

    app.post(
      '/api/v1/me/housing-fund/withdrawals',
      {
        schema: {
          tags: ['lookups', 'personal'],
          summary: '公积金再次提取 (B6): apply; the centre decides. Same submissionId → 200 with the same application',
          querystring: ActingQuery,
          body: SubmitWithdrawalInput,
          response: { 200: WithdrawalView, 201: WithdrawalView, ...problems },
        },
      },
      async (req, reply) => {
        const opened = await open(req, req.body.city, req.query.for);
        const { created, withdrawal } = await withdrawals.submit(opened, req.body);
        return reply.code(created ? 201 : 200).send(withdrawal);
      },
    );

    app.get(
      '/api/v1/me/housing-fund/withdrawals',
      {
        schema: {
          tags: ['lookups', 'personal'],
          summary: '我的公积金提取: the citizen’s online applications, newest first, with the centre’s decision',
          querystring: ActingQuery,
          response: { 200: z.object({ items: z.array(WithdrawalView) }), ...problems },
        },
      },
      async (req) => {
        const opened = await open(req, undefined, req.query.for);
        return { items: await withdrawals.list(opened) };
      },
    );

    app.get(
      '/api/v1/me/housing-fund/withdrawals/:id',
      {
        schema: {
          tags: ['lookups', 'personal'],
          summary: '公积金提取进度: one application, asked again at the centre while 办理中',
          params: z.object({ id: z.string().max(64) }),
          querystring: ActingQuery,
          response: { 200: WithdrawalView, ...problems },
        },
      },
      async (req) => {
        const opened = await open(req, undefined, req.query.for);
        if (!z.uuid().safeParse(req.params.id).success) {
          throw new AppError('HOUSING_FUND_WITHDRAWAL_NOT_FOUND', '找不到该提取申请。');
        }
        return withdrawals.detail(opened, req.params.id);
      },
    );
  };
