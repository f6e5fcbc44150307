import { maskIdNumber } from '../../privacy/index.js';
import type { FulfilmentEntry } from './types.js';

/**
 * 户政 (docs/huzheng.md): 申领居住证 → the 广东省居住证 in the population register (then 我的证照 links it);
 * 出生登记 → the child registered in the applying parent's household (then 户政审批查询 shows the 出生审批 已批准).
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
  'chusheng-dengji': {
    what: '出生登记（入户）',
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
