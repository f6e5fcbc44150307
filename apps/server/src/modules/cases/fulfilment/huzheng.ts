import { maskIdNumber } from '../../privacy/index.js';
import type { FulfilmentEntry } from './types.js';

/**
 * 户政 (docs/huzheng.md): 申领居住证 → the 广东省居住证 in the population register (then 我的证照 links it);
 * 出生登记 → the child registered in the applying parent's household (then 户政审批查询 shows the 出生审批 已批准);
 * 申报居住登记 → the 居住登记 (申领居住证's half year counts from it); 签注居住证 → the 签注 a year more;
 * 积分申请 / 积分调整 / 积分入户 → the 来穗局's 积分 record scored, re-scored, 准予迁入 (积分查询 shows the record).
 */
export const HUZHENG_FULFILMENTS: Readonly<Record<string, FulfilmentEntry>> = {
  'shenling-juzhuzheng': {
    what: '广东省居住证',
    async deliver(ctx) {
      const r = await ctx.departments.populationRegister.client.issueResidencePermit({
        reference: ctx.caseNumber,
        idNumber: ctx.applicant.idNumber,
        cityCode: ctx.city,
        address: ctx.form.residenceAddress ?? '',
        appliedOn: ctx.submittedOn,
        decidedOn: ctx.decidedOn,
      });
      if (r.outcome === 'refused') return { issued: false, reason: r.reason };
      return {
        issued: true,
        message: `广东省居住证已制发（${r.issuedBy}签发，有效期至${r.validUntil}），领取后可在我的证照中关联居住证电子证照。`,
        reference: null,
      };
    },
  },
  'shenbao-juzhu-dengji': {
    what: '居住登记',
    verb: '办理',
    async deliver(ctx) {
      const r = await ctx.departments.populationRegister.client.registerResidence({
        reference: ctx.caseNumber,
        idNumber: ctx.applicant.idNumber,
        cityCode: ctx.city,
        address: ctx.form.residenceAddress ?? '',
        declaredOn: ctx.submittedOn,
        decidedOn: ctx.decidedOn,
      });
      if (r.outcome === 'refused') return { issued: false, reason: r.reason };
      return {
        issued: true,
        message: `居住登记已办理（${r.authority}，${r.approvedOn}登记），可于${r.permitEligibleFrom}起申领居住证。`,
        reference: null,
      };
    },
  },
  'qianzhu-juzhuzheng': {
    what: '居住证签注',
    verb: '办理',
    async deliver(ctx) {
      const changed = ctx.form.addressChanged === 'yes' && ctx.form.residenceAddress;
      const r = await ctx.departments.populationRegister.client.endorseResidencePermit({
        reference: ctx.caseNumber,
        idNumber: ctx.applicant.idNumber,
        cityCode: ctx.city,
        ...(changed ? { address: ctx.form.residenceAddress } : {}),
        decidedOn: ctx.decidedOn,
      });
      if (r.outcome === 'refused') return { issued: false, reason: r.reason };
      return {
        issued: true,
        message: `居住证已签注，签注有效期至${r.endorsedUntil}（证件有效期至${r.validUntil}），可在我的证照中查看居住证。`,
        reference: null,
      };
    },
  },
  'jifen-shenqing': {
    what: '积分',
    verb: '核准',
    referenceLabel: { zh: '积分记录编号', en: 'Points record number' },
    async deliver(ctx) {
      // The 居住情况 indicator: the first approved 居住登记 in the city, as the register holds it.
      const { registrations } = await ctx.departments.populationRegister.client.residenceRecords({
        idNumber: ctx.applicant.idNumber,
      });
      const first = registrations
        .filter((r) => r.cityCode === ctx.city && r.status === 'approved' && r.approvedOn)
        .map((r) => r.approvedOn as string)
        .sort()[0];
      const f = ctx.form;
      const r = await ctx.departments.migrantServices.client.approvePoints({
        reference: ctx.caseNumber,
        idNumber: ctx.applicant.idNumber,
        education: (f.education ?? 'junior') as 'junior',
        skill: (f.skill ?? 'none') as 'none',
        insuranceYears: Number(f.insuranceYears ?? 0),
        residenceRegisteredOn: first ?? null,
        submittedOn: ctx.submittedOn,
        decidedOn: ctx.decidedOn,
      });
      if (r.outcome === 'refused') return { issued: false, reason: r.reason };
      const reached = r.totalPoints >= r.settlementMinimum ? `，已达到积分入户申请分值${r.settlementMinimum}分` : '';
      return {
        issued: true,
        message: `您的${r.year}年度积分已核准，核准分值${r.totalPoints}分${reached}，可在积分查询中查看。`,
        reference: r.recordNumber,
      };
    },
  },
  'jifen-tiaozheng': {
    what: '积分调整',
    verb: '办理',
    referenceLabel: { zh: '积分记录编号', en: 'Points record number' },
    async deliver(ctx) {
      const r = await ctx.departments.migrantServices.client.adjustPoints({
        reference: ctx.caseNumber,
        idNumber: ctx.applicant.idNumber,
        item: (ctx.form.item ?? 'other') as 'other',
        newSituation: ctx.form.newSituation ?? '',
        decidedOn: ctx.decidedOn,
      });
      if (r.outcome === 'refused') return { issued: false, reason: r.reason };
      return {
        issued: true,
        message: `积分已调整：${r.indicator}（${r.detail}）${r.points}分，核准分值${r.totalPoints}分，可在积分查询中查看。`,
        reference: r.recordNumber,
      };
    },
  },
  'jifen-ruhu': {
    what: '准予迁入证明',
    referenceLabel: { zh: '证明编号', en: 'Permit number' },
    async deliver(ctx) {
      const r = await ctx.departments.migrantServices.client.settle({
        reference: ctx.caseNumber,
        idNumber: ctx.applicant.idNumber,
        settleType: (ctx.form.settleType ?? 'community') as 'community',
        settleAddress: ctx.form.settleAddress ?? '',
        decidedOn: ctx.decidedOn,
      });
      if (r.outcome === 'refused') return { issued: false, reason: r.reason };
      return {
        issued: true,
        message: `积分入户已核准（核准分值${r.totalPoints}分），准予迁入证明编号${r.approvalNumber}；领取后请持证明到拟入户地派出所办理户口迁入。`,
        reference: r.approvalNumber,
      };
    },
  },
  'chusheng-dengji': {
    what: '出生登记（入户）',
    verb: '办理',
    referenceLabel: { zh: '受理编号', en: 'Registration number' },
    async deliver(ctx) {
      const f = ctx.form;
      const r = await ctx.departments.populationRegister.client.registerBirth({
        reference: ctx.caseNumber,
        applicantIdNumber: ctx.applicant.idNumber,
        cityCode: ctx.city,
        childName: f.childName ?? '',
        childSex: f.childSex === 'male' ? 'male' : 'female',
        birthDate: f.birthDate ?? '',
        motherIdNumber: f.motherIdNumber ?? '',
        ...(f.fatherIdNumber ? { fatherIdNumber: f.fatherIdNumber } : {}),
        householdAddress: f.householdAddress ?? '',
        submittedOn: ctx.submittedOn,
        decidedOn: ctx.decidedOn,
      });
      if (r.outcome === 'refused') return { issued: false, reason: r.reason };
      return {
        issued: true,
        message: `新生儿已登记入户，公民身份号码${maskIdNumber(r.childIdNumber)}（${r.authority}，受理编号${r.approvalNumber}）；请按通知携带户口簿到派出所办理户口簿登记。`,
        reference: r.approvalNumber,
      };
    },
  },
};
