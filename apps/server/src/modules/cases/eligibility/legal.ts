import { AppError } from '../../../http/app-error.js';
import type { EligibilityCheck, EligibilityContext } from './types.js';

/**
 * 调解仲裁 (F6), 法律服务 (G3) and 自报燃气读数 (G1): the rules a well-formed form can still fail, each asking the
 * department that holds the record (信用广东 for the employer, the 司法厅's lawyer directory, the gas company's
 * meter readings). A department that does not answer throws DEPARTMENT_UNAVAILABLE from its connector: never a yes.
 */

/** 仲裁审查确认: 自调解协议生效之日起15日内 (劳动人事争议仲裁办案规则). */
export const REVIEW_WINDOW_DAYS = 15;

const DAY_MS = 86_400_000;

/** The calendar day in China (UTC+8) of an instant, as YYYY-MM-DD. */
export function chinaDay(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (both YYYY-MM-DD). */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The employer named in the form is registered under that code in 信用广东 (the public register of entities). */
async function employerIsRegistered(ctx: EligibilityContext): Promise<void> {
  if (ctx.beforeForm) return;
  const uscc = ctx.form.employerUscc ?? '';
  const { enterprise } = await ctx.departments.credit.client.findByUscc({ uscc });
  if (!enterprise) {
    throw new AppError(
      'APPLICATION_NOT_ELIGIBLE',
      `未查询到统一社会信用代码为${uscc}的用人单位，请核对营业执照上的统一社会信用代码。`,
    );
  }
  const named = (ctx.form.employerName ?? '').replace(/[()（）\s]/gu, '');
  if (enterprise.name.replace(/[()（）\s]/gu, '') !== named) {
    throw new AppError(
      'APPLICATION_NOT_ELIGIBLE',
      `用人单位名称与统一社会信用代码登记的名称“${enterprise.name}”不一致，请核对后重新填写。`,
    );
  }
}

const reviewWithinWindow: EligibilityCheck = async (ctx) => {
  if (ctx.beforeForm) return;
  const effective = ctx.form.agreementDate ?? '';
  const age = daysBetween(effective, chinaDay(ctx.now));
  if (age < 0) throw new AppError('APPLICATION_NOT_ELIGIBLE', '调解协议生效日期不能晚于今天，请核对。');
  if (age > REVIEW_WINDOW_DAYS) {
    throw new AppError(
      'APPLICATION_NOT_ELIGIBLE',
      `仲裁审查申请应当自调解协议生效之日起${REVIEW_WINDOW_DAYS}日内提出，该调解协议已超过期限；可直接申请仲裁。`,
    );
  }
  await employerIsRegistered(ctx);
};

/** 聘请律师: a chosen lawyer must be in the 司法厅's directory of practising lawyers. */
const chosenLawyerPractises: EligibilityCheck = async (ctx) => {
  const licenceNumber = ctx.form.lawyerLicence;
  if (!licenceNumber) return;
  const { lawyers } = await ctx.departments.justice.client.searchLawyers({ licenceNumber, page: 1, pageSize: 1 });
  if (lawyers.length === 0) {
    throw new AppError(
      'APPLICATION_NOT_ELIGIBLE',
      `未查询到执业证号为${licenceNumber}的执业律师，请核对执业证号，或不指定律师由司法行政部门为您推荐。`,
    );
  }
};

/** 自报燃气读数: the account exists at 广州燃气, the reading is not below the last one, and not read in the future. */
const gasReadingAccepted: EligibilityCheck = async (ctx) => {
  if (ctx.beforeForm) return;
  if ((ctx.form.readOn ?? '') > chinaDay(ctx.now)) {
    throw new AppError('APPLICATION_NOT_ELIGIBLE', '抄表日期不能晚于今天，请核对。');
  }
  const answer = await ctx.departments.utilities.client.checkMeterReading({
    companyId: 'guangzhou-gas',
    accountNumber: ctx.form.accountNumber ?? '',
    reading: Number(ctx.form.reading),
  });
  if (answer.outcome === 'not-found') {
    throw new AppError(
      'UTILITY_ACCOUNT_NOT_FOUND',
      '未找到该燃气户号，请核对燃气缴费通知单上的户号（广州燃气户号为10位数字）。',
    );
  }
  if (answer.outcome === 'below-last') {
    throw new AppError(
      'APPLICATION_NOT_ELIGIBLE',
      `本次读数不能小于上次读数（${answer.lastReading}立方米，${answer.lastReadOn}），请核对燃气表读数。`,
    );
  }
};

export const LEGAL_ELIGIBILITY: Readonly<Record<string, EligibilityCheck>> = {
  'shenqing-tiaojie': employerIsRegistered,
  'shenqing-zhongcai': employerIsRegistered,
  'zhongcai-shencha-queren': reviewWithinWindow,
  'pinqing-lvshi': chosenLawyerPractises,
  'ranqi-zibao-dushu': gasReadingAccepted,
};
