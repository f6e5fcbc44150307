import {
  AnnualBonusInput,
  AnnualBonusResult,
  AnnualSettlementInput,
  AnnualSettlementResult,
  annualBonusTax,
  annualSettlement,
  LabourRemunerationInput,
  LabourRemunerationResult,
  labourRemunerationTax,
  OvertimePayInput,
  OvertimePayResult,
  overtimePay,
  Problem,
  RoyaltiesInput,
  RoyaltiesResult,
  royaltiesTax,
  specialChoiceOf,
  WageTaxInput,
  WageTaxResult,
  wageMonthsOf,
  withholdWages,
} from '@yss/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { sendProblem } from '../../http/problem.js';
import {
  presentBonus,
  presentLabour,
  presentOvertime,
  presentRoyalties,
  presentSettlement,
  presentWages,
} from './present.js';

const problems = { 400: Problem, 413: Problem, 415: Problem, 429: Problem, 500: Problem };

/** "months.0.gross" → "第1个月：" so that the sentence says which row is wrong. */
function where(path: string): string {
  const row = /^months\.(\d+)\./.exec(path);
  return row ? `第${Number(row[1]) + 1}个月：` : '';
}

/**
 * 个税计算器 and 加班工资计算器: stateless, no login, rate-limited per client. Bad input (negative,
 * non-numeric, absurd magnitudes, a 13th month) is answered 400 CALCULATOR_INPUT_INVALID with a Chinese
 * sentence and field errors; nothing here answers 500 for any input.
 */
export const calculatorRoutes =
  (options: { perMinute?: number } = {}): FastifyPluginAsyncZod =>
  async (app) => {
    // This plugin's own error handler: schema errors get the calculators' code; anything else goes to the
    // platform's handler (Fastify passes an error thrown here to the parent handler).
    app.setErrorHandler((error, request, reply) => {
      if (!hasZodFastifySchemaValidationErrors(error)) throw error;
      const errors = error.validation.map((v) => {
        const path = (v.instancePath ?? '').replace(/^\//, '').replaceAll('/', '.');
        return { path, message: v.message ?? '取值无效' };
      });
      const first = errors[0];
      const detail = first ? `${where(first.path)}${first.message}` : '计算参数有误，请检查后重试。';
      return sendProblem(reply, request, 'CALCULATOR_INPUT_INVALID', detail, errors);
    });

    const config = { rateLimit: { max: options.perMinute ?? 120, timeWindow: '1 minute' } };
    const base = '/api/v1/calculators';
    const schemaOf = <B, R>(summary: string, body: B, result: R) => ({
      config,
      bodyLimit: 32 * 1024,
      schema: { tags: ['calculators'], summary, body, response: { 200: result, ...problems } },
    });

    app.post(
      `${base}/income-tax/wages`,
      schemaOf('个税计算器 工资薪金: 累计预扣法, month by month', WageTaxInput, WageTaxResult),
      async (req) => presentWages(withholdWages(wageMonthsOf(req.body), specialChoiceOf(req.body.specialDeductions))),
    );
    app.post(
      `${base}/income-tax/annual-bonus`,
      schemaOf('个税计算器 全年一次性奖金: separate vs merged', AnnualBonusInput, AnnualBonusResult),
      async (req) =>
        presentBonus(
          annualBonusTax({
            bonus: req.body.bonus,
            wages: req.body.annualWages,
            socialInsurance: req.body.annualSocialInsurance,
            specialDeductions: req.body.annualSpecialDeductions,
            otherDeductions: req.body.annualOtherDeductions,
          }),
        ),
    );
    app.post(
      `${base}/income-tax/labour-remuneration`,
      schemaOf('个税计算器 劳务报酬: withholding per payment', LabourRemunerationInput, LabourRemunerationResult),
      async (req) => presentLabour(labourRemunerationTax(req.body.amount)),
    );
    app.post(
      `${base}/income-tax/royalties`,
      schemaOf('个税计算器 稿酬: withholding per payment', RoyaltiesInput, RoyaltiesResult),
      async (req) => presentRoyalties(royaltiesTax(req.body.amount)),
    );
    app.post(
      `${base}/income-tax/annual-settlement`,
      schemaOf(
        '个税计算器 年度汇算: annual comprehensive income → refund or payment',
        AnnualSettlementInput,
        AnnualSettlementResult,
      ),
      async (req) => presentSettlement(annualSettlement(req.body)),
    );
    app.post(
      `${base}/overtime-pay`,
      schemaOf('加班工资计算器: 150 % / 200 % / 300 %', OvertimePayInput, OvertimePayResult),
      async (req) =>
        presentOvertime(
          overtimePay({
            monthlyBase: req.body.monthlyBase,
            workdayHoursTenths: req.body.workdayHours,
            restDaysTenths: req.body.restDays,
            holidayDaysTenths: req.body.holidayDays,
            city: req.body.city,
          }),
        ),
    );
  };
