import { AppError } from '../../../http/app-error.js';
import type { EligibilityCheck, EligibilityContext } from './types.js';

/**
 * 行驶驾驶 (D3) and 智慧出行 (D5): who may apply, decided from the traffic police's records (the traffic connector). A
 * department that does not answer throws DEPARTMENT_UNAVAILABLE from the connector: never a yes.
 */

const refuse = (detail: string): never => {
  throw new AppError('APPLICATION_NOT_ELIGIBLE', detail);
};

const OPEN = new Set(['submitted', 'supplement_requested', 'accepted']);

/** One application of a service at a time (a second would be the same vehicle or licence twice). */
async function noOpenCase(ctx: EligibilityContext, what: string): Promise<void> {
  const open = (await ctx.ownCases(ctx.serviceId)).some((c) => OPEN.has(c.status));
  if (open) refuse(`您已有一件${what}申请正在办理中，请等待办理结果后再申请。`);
}

/** The China date of an instant (YYYY-MM-DD). */
function chinaDate(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

const dayNumber = (iso: string) => Math.round(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);
const fromDay = (n: number) => new Date(n * 86_400_000).toISOString().slice(0, 10);

/** 六年免检: the traffic police decide from the vehicle's record (their own date and rule, in their words). */
const sixYearExemption: EligibilityCheck = async (ctx) => {
  await noOpenCase(ctx, '六年免检');
  if (ctx.beforeForm) return;
  const answer = await ctx.departments.traffic.client.exemptionCheck({
    idNumber: ctx.applicant.idNumber,
    plate: ctx.form.plate ?? '',
  });
  if (!answer.eligible) refuse(answer.message);
};

/**
 * 驾驶证换证: the licence must be on record and usable (not 暂扣, 吊销 or 超分); 期满换证 in the 90 days before the end of
 * its validity (and up to a year after: beyond that it is cancelled); 损毁/遗失 at any time.
 */
const drivingLicenceRenewal: EligibilityCheck = async (ctx) => {
  await noOpenCase(ctx, '驾驶证换证');
  const { licence } = await ctx.departments.traffic.client.drivingLicence({ idNumber: ctx.applicant.idNumber });
  if (!licence) return refuse('未查询到您的驾驶证信息，请到公安交通管理部门窗口办理。');
  if (licence.status === 'revoked') refuse('您的驾驶证已被吊销，不能申请换证。');
  if (licence.status === 'suspended') refuse('您的驾驶证处于暂扣状态，不能申请换证。');
  if (licence.status === 'over-points')
    refuse('您的驾驶证累积记分已达到12分，请先参加道路交通安全法律法规学习和考试，再申请换证。');
  if (ctx.form.reason !== 'expiring') return;
  if (licence.validUntil === null)
    refuse('您的驾驶证有效期为长期，无需期满换证；如驾驶证损毁或遗失，请选择相应的换证原因。');
  const until = dayNumber(licence.validUntil as string);
  const today = dayNumber(chinaDate(ctx.now));
  if (today < until - 90)
    refuse(
      `驾驶证有效期满前90日内方可申请期满换证。您的驾驶证有效期至${licence.validUntil}，可于${fromDay(until - 90)}起申请。`,
    );
  if (today > until + 365) refuse('驾驶证超过有效期一年以上未换证的，将被注销，请到公安交通管理部门窗口办理。');
};

/** 行驶证换证: a vehicle registered to the applicant and not overdue for inspection. */
const vehicleLicenceRenewal: EligibilityCheck = async (ctx) => {
  await noOpenCase(ctx, '行驶证换证');
  const { vehicles } = await ctx.departments.traffic.client.vehicles({ idNumber: ctx.applicant.idNumber });
  if (ctx.beforeForm) {
    if (vehicles.length === 0) refuse('未找到您名下的机动车。');
    return;
  }
  const vehicle = vehicles.find((v) => v.plate === ctx.form.plate);
  if (!vehicle) return refuse('未找到您名下该号牌的机动车，请核对号牌号码。');
  if (vehicle.status === 'overdue-inspection' || vehicle.inspectionValidUntil < chinaDate(ctx.now))
    refuse('该车辆已逾期未检验，请先到机动车安全技术检验机构完成检验，再申请换领行驶证。');
};

/** 快速理赔: minor accidents only (nobody hurt), within the last 30 days, not in the future. */
const quickClaim: EligibilityCheck = async (ctx) => {
  if (ctx.beforeForm) return;
  if (ctx.form.injuries !== 'none')
    refuse('有人员伤亡或车辆无法移动的事故不适用快速理赔，请立即拨打122或110报警，由交警到现场处理。');
  const today = dayNumber(chinaDate(ctx.now));
  const day = dayNumber(ctx.form.accidentDate ?? '');
  if (day > today) refuse('事故日期不能晚于今天，请重新选择。');
  if (day < today - 30) refuse('快速理赔仅受理30日内发生的事故，请联系保险公司或到公安交通管理部门处理。');
};

/** 道路救援: one open request at a time (the dispatcher is already on it). */
const roadRescue: EligibilityCheck = async (ctx) => {
  await noOpenCase(ctx, '道路救援');
};

export const TRANSPORT_ELIGIBILITY: Readonly<Record<string, EligibilityCheck>> = {
  'liunian-mianjian-shenqing': sixYearExemption,
  'jiashizheng-huanzheng': drivingLicenceRenewal,
  'xingshizheng-huanzheng': vehicleLicenceRenewal,
  'kuaisu-lipei': quickClaim,
  'daolu-jiuyuan': roadRescue,
};
