import { findCity } from '@yss/contracts';
import { addDays, addMonthsToDate } from '../../../departments/kit/dates.js';
import { PERMIT_NO_WAIT_CITIES, PERMIT_WAIT_MONTHS } from '../../../departments/population-register/household-codes.js';
import { AppError } from '../../../http/app-error.js';
import type { EligibilityCheck, EligibilityContext } from './types.js';

/**
 * 户政 (C1 居住证服务, E2 出生登记), 积分服务 (C2) and 婚姻登记记录证明 (E1): who may apply, asked of the department
 * that holds the record (population register, 来穗局, health commission, civil affairs). A department that does
 * not answer throws DEPARTMENT_UNAVAILABLE from its connector: never a yes. docs/huzheng.md has the rules.
 */

const notEligible = (detail: string) => new AppError('APPLICATION_NOT_ELIGIBLE', detail);
/** The calendar day in China (UTC+8) of a moment. */
export const chinaDay = (at: Date) => new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
const cityName = (code: string) => findCity(code)?.name ?? code;
/** Open cases: submitted, accepted or waiting for 补正. */
const OPEN = new Set(['submitted', 'accepted', 'supplement_requested']);
/** The staff decided yes (approved, then completed). */
const GRANTED = new Set(['approved', 'completed']);

const WAIT_RULE = '“申报居住登记”审批通过，满半年〔深圳除外〕后方可申领居住证';

/** The register's record of the applicant: their hukou city (null for people from outside Guangdong). */
async function hukouCity(ctx: EligibilityContext): Promise<string | null> {
  const { person } = await ctx.departments.populationRegister.client.getPerson({ idNumber: ctx.applicant.idNumber });
  return person?.hukouCityCode ?? null;
}

/** The guide: 居住证服务 are for 离开常住户口所在地，到其他城市居住的用户. */
async function requireNotLocal(ctx: EligibilityContext, what: string) {
  if ((await hukouCity(ctx)) === ctx.city) {
    throw notEligible(
      `${what}面向离开常住户口所在地、到其他城市居住的人员；您的常住户口在${cityName(ctx.city)}，无需办理。`,
    );
  }
}

/** The first day a 居住证 may be applied for after a registration approved on `approvedOn` in `city`. */
export function permitFrom(city: string, approvedOn: string): string {
  return PERMIT_NO_WAIT_CITIES.includes(city) ? approvedOn : addMonthsToDate(approvedOn, PERMIT_WAIT_MONTHS);
}

const shenbaoJuzhuDengji: EligibilityCheck = async (ctx) => {
  await requireNotLocal(ctx, '申报居住登记');
  const { registrations } = await ctx.departments.populationRegister.client.residenceRecords({
    idNumber: ctx.applicant.idNumber,
  });
  const pendingThere = registrations.some((r) => r.cityCode === ctx.city && r.status === 'pending');
  const openCase = (await ctx.ownCases('shenbao-juzhu-dengji')).some(
    (c) => c.cityCode === ctx.city && OPEN.has(c.status),
  );
  if (pendingThere || openCase) {
    throw notEligible(`您在${cityName(ctx.city)}申报的居住登记正在审核中，请等待审核结果，无需重复申报。`);
  }
};

const shenlingJuzhuzheng: EligibilityCheck = async (ctx) => {
  await requireNotLocal(ctx, '居住证');
  const today = chinaDay(ctx.now);
  const here = cityName(ctx.city);
  const { registrations, permits } = await ctx.departments.populationRegister.client.residenceRecords({
    idNumber: ctx.applicant.idNumber,
  });
  const permitHere = permits.find(
    (p) => p.kind === 'guangdong' && p.cityCode === ctx.city && (!p.validUntil || p.validUntil >= today),
  );
  if (permitHere && !permitHere.issuedOn) throw notEligible(`您在${here}申领的居住证正在办理中，请勿重复申请。`);
  if (permitHere) {
    throw notEligible(
      `您已持有${here}签发、有效期至${permitHere.validUntil}的广东省居住证，如需继续使用请办理签注居住证。`,
    );
  }
  // Approved: the permit is being made (发放 within 10 working days), not yet in the register.
  const applied = await ctx.ownCases('shenling-juzhuzheng');
  if (applied.some((c) => c.cityCode === ctx.city && (OPEN.has(c.status) || c.status === 'approved'))) {
    throw notEligible(`您在${here}的居住证申请正在办理中，请勿重复申请。`);
  }
  // The approval dates: the register's, and an approved online 申报居住登记 case here (the day of its last
  // step, approval or 办结: never earlier than the real approval, so the half year is never shortened).
  const approvals = registrations
    .filter((r) => r.cityCode === ctx.city && r.status === 'approved' && r.approvedOn)
    .map((r) => r.approvedOn as string);
  for (const c of await ctx.ownCases('shenbao-juzhu-dengji')) {
    if (c.cityCode === ctx.city && GRANTED.has(c.status)) approvals.push(chinaDay(c.updatedAt));
  }
  if (approvals.length === 0) {
    const pending = registrations.some((r) => r.cityCode === ctx.city && r.status === 'pending');
    throw notEligible(
      pending
        ? `${WAIT_RULE}；您在${here}申报的居住登记尚在审核中。`
        : `${WAIT_RULE}；未查询到您在${here}审批通过的居住登记，请先申报居住登记。`,
    );
  }
  const first = approvals.sort()[0] as string;
  const from = permitFrom(ctx.city, first);
  if (from > today) {
    throw notEligible(`${WAIT_RULE}；您的居住登记于${first}审批通过，可于${from}起申领。`);
  }
};

/** How long before the 签注 runs out one may ask for the next (an assumption, docs/huzheng.md). */
export const ENDORSE_DAYS_BEFORE = 30;

const qianzhuJuzhuzheng: EligibilityCheck = async (ctx) => {
  const today = chinaDay(ctx.now);
  const here = cityName(ctx.city);
  const { permits } = await ctx.departments.populationRegister.client.residenceRecords({
    idNumber: ctx.applicant.idNumber,
  });
  const mine = permits.filter((p) => p.kind === 'guangdong' && p.cityCode === ctx.city && p.issuedOn);
  if (mine.length === 0) {
    // Someone whose hukou is here never holds one: "请先申领居住证" would send them to a refusal.
    await requireNotLocal(ctx, '签注居住证');
    throw notEligible(`未查询到您在${here}签发的广东省居住证，请先申领居住证。`);
  }
  const valid = mine.filter((p) => p.validUntil && p.validUntil >= today);
  if (valid.length === 0) throw notEligible('您的居住证已超过有效期，无法签注，请重新申领居住证。');
  const permit = valid.sort((a, b) => (b.validUntil as string).localeCompare(a.validUntil as string))[0];
  const until = permit?.endorsedUntil ?? null;
  if (!permit || until === null) throw notEligible('您的居住证无需签注。');
  if (until >= (permit.validUntil as string)) {
    throw notEligible(`您的居住证签注已至证件有效期（${permit.validUntil}），无需再签注，有效期满后请重新申领居住证。`);
  }
  const opens = addDays(until, -ENDORSE_DAYS_BEFORE);
  if (today < opens) {
    throw notEligible(`您的居住证签注有效期至${until}，请在签注有效期届满前30日内（${opens}起）申请签注。`);
  }
  if ((await ctx.ownCases('qianzhu-juzhuzheng')).some((c) => c.cityCode === ctx.city && OPEN.has(c.status))) {
    throw notEligible('您的签注居住证申请正在办理中，请勿重复申请。');
  }
};

// -------------------------------------------------------------------------------------------------------------
// C2 积分服务 (广州)
// -------------------------------------------------------------------------------------------------------------

const POINTS_FOR = '积分服务面向持有在本市办理且有效期内《广东省居住证》的外来人员';

const jifenShenqing: EligibilityCheck = async (ctx) => {
  const today = chinaDay(ctx.now);
  const { permits } = await ctx.departments.populationRegister.client.residenceRecords({
    idNumber: ctx.applicant.idNumber,
  });
  const valid = permits.some(
    (p) => p.kind === 'guangdong' && p.cityCode === ctx.city && p.issuedOn && p.validUntil && p.validUntil >= today,
  );
  if (!valid) {
    throw notEligible(`${POINTS_FOR}；未查询到您在${cityName(ctx.city)}办理且在有效期内的广东省居住证。`);
  }
  const { record } = await ctx.departments.migrantServices.client.pointsRecord({ idNumber: ctx.applicant.idNumber });
  const open = (await ctx.ownCases('jifen-shenqing')).some((c) => OPEN.has(c.status));
  if (record?.status === 'pending' || open) throw notEligible('您的积分申请正在审核中，请勿重复申请。');
};

/** The applicant's approved 积分 record, or the refusal in words. */
async function approvedPoints(ctx: EligibilityContext) {
  const { record } = await ctx.departments.migrantServices.client.pointsRecord({ idNumber: ctx.applicant.idNumber });
  if (!record) throw notEligible('未查询到您的积分记录，请先办理积分申请。');
  if (record.status !== 'approved') throw notEligible('您的积分申请尚在审核中，核准后方可办理。');
  return record;
}

const jifenTiaozheng: EligibilityCheck = async (ctx) => {
  await approvedPoints(ctx);
  if ((await ctx.ownCases('jifen-tiaozheng')).some((c) => OPEN.has(c.status))) {
    throw notEligible('您的积分调整申请正在审核中，请勿重复申请。');
  }
};

const jifenRuhu: EligibilityCheck = async (ctx) => {
  const record = await approvedPoints(ctx);
  if (record.totalPoints < record.settlementMinimum) {
    throw notEligible(
      `积分入户核准分值得到一定值后，即可申请落户；您的核准分值为${record.totalPoints}分，未达到${record.settlementMinimum}分。`,
    );
  }
  if ((await ctx.ownCases('jifen-ruhu')).some((c) => OPEN.has(c.status) || c.status === 'approved')) {
    throw notEligible('您的积分入户申请正在办理中，请勿重复申请。');
  }
};

// -------------------------------------------------------------------------------------------------------------
// E2 出生登记
// -------------------------------------------------------------------------------------------------------------

const chushengDengji: EligibilityCheck = async (ctx) => {
  const f = ctx.form;
  const me = ctx.applicant.idNumber;
  if (!ctx.beforeForm && f.motherIdNumber !== me && f.fatherIdNumber !== me) {
    throw notEligible('出生登记须由新生儿的父亲或母亲本人申报；请核对填写的父母身份证号码。');
  }
  if ((await hukouCity(ctx)) !== ctx.city) {
    throw notEligible(`出生登记在父亲或母亲的常住户口所在地申报；您的常住户口不在${cityName(ctx.city)}。`);
  }
  if (!ctx.beforeForm && f.birthKind === 'guangdong') {
    const { certificates } = await ctx.departments.health.client.birthCertificates({ idNumber: me });
    const cert = certificates.find((c) => c.certificateNumber === f.certificateNumber && c.role !== 'child');
    if (!cert) {
      throw notEligible('未查询到该出生医学证明：请核对出生医学证明编号；申请人须为出生医学证明上登记的父亲或母亲。');
    }
    if (cert.childIdNumber) throw notEligible('该新生儿已办理出生登记，无需重复申报。');
    const differs: string[] = [];
    if (cert.childName !== f.childName) differs.push('新生儿姓名');
    if (cert.birthDate !== f.birthDate) differs.push('出生日期');
    if (cert.childSex !== f.childSex) differs.push('性别');
    if (cert.motherIdNumber !== f.motherIdNumber) differs.push('母亲身份证号码');
    if ((cert.fatherIdNumber ?? '') !== (f.fatherIdNumber ?? '')) differs.push('父亲身份证号码');
    if (differs.length > 0) throw notEligible(`填写的${differs.join('、')}与出生医学证明不一致，请核对后重新填写。`);
  }
  const open = (await ctx.ownCases('chusheng-dengji')).some((c) => OPEN.has(c.status));
  if (open) throw notEligible('您已提交的出生登记申请正在办理中，请等待办理结果。');
};

// -------------------------------------------------------------------------------------------------------------
// E1 婚姻登记记录证明
// -------------------------------------------------------------------------------------------------------------

const hunyinDengjiJiluZhengming: EligibilityCheck = async (ctx) => {
  const { records } = await ctx.departments.civilAffairs.client.marriageRecords({ idNumber: ctx.applicant.idNumber });
  if (records.length === 0) {
    throw notEligible(
      '未查询到您在广东省的婚姻登记记录，无法开具婚姻登记记录证明（婚姻登记机关不出具无婚姻登记记录证明）。',
    );
  }
};

export const HUZHENG_RULES: Readonly<Record<string, EligibilityCheck>> = {
  'shenbao-juzhu-dengji': shenbaoJuzhuDengji,
  'shenling-juzhuzheng': shenlingJuzhuzheng,
  'qianzhu-juzhuzheng': qianzhuJuzhuzheng,
  'jifen-shenqing': jifenShenqing,
  'jifen-tiaozheng': jifenTiaozheng,
  'jifen-ruhu': jifenRuhu,
  'chusheng-dengji': chushengDengji,
  'hunyin-dengji-jilu-zhengming': hunyinDengjiJiluZhengming,
};
