import { findCity, parseResidentId } from '@yss/contracts';
import { AppError } from '../../../http/app-error.js';
import type { EligibilityCheck, EligibilityContext } from './types.js';

/**
 * Who may apply, for 助残 (B8, the disabled persons' federation's records) and 老年人服务 (E4: the age from the ID
 * number, the hukou from the population register, the allowance roll from civil affairs). A department that does
 * not answer throws DEPARTMENT_UNAVAILABLE from its connector: never a yes. docs/welfare.md lists the rules and
 * where each comes from.
 */

const notEligible = (detail: string) => new AppError('APPLICATION_NOT_ELIGIBLE', detail);

/** Statuses of an own case that is still running (or approved and not yet collected). */
const RUNNING = new Set(['submitted', 'supplement_requested', 'accepted', 'approved']);

async function noRunningCase(ctx: EligibilityContext, what: string) {
  const own = await ctx.ownCases(ctx.serviceId);
  if (own.some((c) => RUNNING.has(c.status)))
    throw notEligible(`您已提交${what}，正在办理中，请勿重复申请；可在“我的办件”查看进度。`);
}

/** Full years of age on `now` (China time), from the ID number's birth date. */
export function ageOn(idNumber: string, now: Date): number {
  const parsed = parseResidentId(idNumber);
  if (!parsed.ok) return 0;
  const today = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  const [by, bm, bd] = parsed.birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

const cityName = (code: string) => findCity(code)?.name ?? code;

// --------------------------------------------------------------------------------------------------------------
// 助残 (B8): the 残疾人证 decides
// --------------------------------------------------------------------------------------------------------------

async function certificateOf(ctx: EligibilityContext) {
  const { certificate } = await ctx.departments.disabledPersons.client.certificate({
    idNumber: ctx.applicant.idNumber,
  });
  return certificate;
}

/** 补办, 等级变更 and 补贴 need a valid 残疾人证 (an expired one is 换领 at the counter first). */
async function requireValidCertificate(ctx: EligibilityContext) {
  const certificate = await certificateOf(ctx);
  if (!certificate || certificate.status === 'cancelled')
    throw notEligible('未查询到您的残疾人证信息，请先申请办理残疾人证。');
  if (certificate.status === 'expired')
    throw notEligible(
      `您的残疾人证已于${certificate.validUntil}到期，请先到当地残联窗口办理换领，再申请${serviceWords[ctx.serviceId] ?? '本业务'}。`,
    );
  return certificate;
}

const serviceWords: Record<string, string> = {
  'canjirenzheng-buban': '补办',
  'canji-dengji-biangeng': '残疾等级变更',
  'canjiren-butie-shenqing': '补贴',
};

const LOW_INCOME_KINDS = new Set(['dibao', 'low-income']);
const GRANTED = new Set(['approved', 'paid']);

export const WELFARE_ELIGIBILITY: Readonly<Record<string, EligibilityCheck>> = {
  'canjirenzheng-shenqing': async (ctx) => {
    const certificate = await certificateOf(ctx);
    if (certificate && certificate.status !== 'cancelled')
      throw notEligible(
        `您已持有残疾人证（${certificate.categoryName}${certificate.gradeName}），无需重复申请；证件遗失或损毁的请申请补办，残疾状况变化的请申请残疾等级变更。`,
      );
    await noRunningCase(ctx, '残疾人证申请');
  },

  'canjirenzheng-buban': async (ctx) => {
    await requireValidCertificate(ctx);
    await noRunningCase(ctx, '残疾人证补办申请');
  },

  'canji-dengji-biangeng': async (ctx) => {
    await requireValidCertificate(ctx);
    await noRunningCase(ctx, '残疾等级变更申请');
  },

  'canjiren-butie-shenqing': async (ctx) => {
    const certificate = await requireValidCertificate(ctx);
    const kind = ctx.form.kind;
    const { subsidies } = await ctx.departments.disabledPersons.client.subsidies({ idNumber: ctx.applicant.idNumber });
    const current = subsidies.find((s) => s.kind === kind && s.status === 'receiving');
    if (current) throw notEligible(`您已在领取${current.kindName}，无需重复申请。`);
    if (kind === 'care' && certificate.grade > 2)
      throw notEligible(
        `重度残疾人护理补贴面向残疾等级为一级、二级的残疾人，您的残疾人证记载为${certificate.gradeName}。`,
      );
    if (kind === 'living') {
      const { cases } = await ctx.departments.civilAffairs.client.assistanceCases({ idNumber: ctx.applicant.idNumber });
      if (!cases.some((c) => LOW_INCOME_KINDS.has(c.kind) && GRANTED.has(c.status)))
        throw notEligible(
          '困难残疾人生活补贴面向最低生活保障家庭或低收入家庭中的残疾人；民政部门未查询到您家庭的低保或低收入家庭认定。',
        );
    }
    const own = await ctx.ownCases(ctx.serviceId);
    if (own.some((c) => RUNNING.has(c.status)))
      throw notEligible('您已提交残疾人补贴申请，正在办理中，请勿重复申请；可在“我的办件”查看进度。');
  },

  // ------------------------------------------------------------------------------------------------------------
  // 老年人服务 (E4)
  // ------------------------------------------------------------------------------------------------------------

  'gaoling-jintie-shenqing': async (ctx) => {
    const age = ageOn(ctx.applicant.idNumber, ctx.now);
    if (age < 80)
      throw notEligible(`高龄津贴发放对象为年满80周岁的本省户籍老年人，您目前${age}周岁，暂不符合申请条件。`);
    const { person } = await ctx.departments.populationRegister.client.getPerson({ idNumber: ctx.applicant.idNumber });
    if (!person?.hukouCityCode) throw notEligible('高龄津贴发放对象为年满80周岁的本省户籍老年人，您的户籍不在广东省。');
    if (person.hukouCityCode !== ctx.city)
      throw notEligible(
        `高龄津贴由户籍所在地发放，请向户籍所在地${cityName(person.hukouCityCode)}申请（当前城市为${cityName(ctx.city)}）。`,
      );
    const { allowance } = await ctx.departments.civilAffairs.client.oldAgeAllowance({
      idNumber: ctx.applicant.idNumber,
    });
    if (allowance?.status === 'receiving') throw notEligible('您已在领取高龄津贴，无需重复申请。');
    if (allowance?.status === 'pending') throw notEligible('您的高龄津贴申请正在审核中，请勿重复申请。');
    await noRunningCase(ctx, '高龄津贴申请');
  },

  'laonianren-youdaizheng-hefa': async (ctx) => {
    const card = ctx.city === '440600' ? '老人卡' : '老年人优待证';
    const age = ageOn(ctx.applicant.idNumber, ctx.now);
    if (age < 60) throw notEligible(`${card}发放对象为年满60周岁的老年人，您目前${age}周岁，暂不符合申请条件。`);
    const own = await ctx.ownCases(ctx.serviceId);
    if (ctx.form.applyType === 'first' && own.some((c) => c.status === 'completed'))
      throw notEligible(`您已领取${card}，无需重复申请；证件遗失或损坏的，请选择“遗失或损坏补领”。`);
    if (own.some((c) => RUNNING.has(c.status)))
      throw notEligible(`您已提交${card}申请，正在办理中，请勿重复申请；可在“我的办件”查看进度。`);
  },
};
