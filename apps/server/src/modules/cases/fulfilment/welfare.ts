import { maskIdNumber } from '../../privacy/index.js';
import type { FulfilmentContext, FulfilmentEntry, FulfilmentOutcome } from './types.js';

/**
 * 助残 and 老年人服务 (docs/welfare.md): the 残疾人证 issued, reissued or re-graded by the 残联 (then 残疾人证查询 and
 * 我的证照 find it); 残疾人补贴 granted by the 残联 (残疾人证查询 lists it, 发放中); 高龄津贴 puts the applicant on the
 * civil-affairs roll; 老年人优待证 is issued by civil affairs.
 */

const maskCard = (n: string) => `${maskIdNumber(n.slice(0, 18))}${n.slice(18)}`;

function certificate(kind: 'certificate-new' | 'certificate-reissue' | 'grade-change', done: string) {
  return async (ctx: FulfilmentContext): Promise<FulfilmentOutcome> => {
    const category = Number(ctx.form.category);
    const r = await ctx.departments.disabledPersons.client.issueCertificate({
      reference: ctx.caseNumber,
      kind,
      idNumber: ctx.applicant.idNumber,
      name: ctx.applicant.name,
      cityCode: ctx.city,
      ...(kind === 'certificate-new' && category >= 1 && category <= 7 ? { category } : {}),
      ...(kind === 'grade-change' ? { change: ctx.form.direction === 'better' ? 'better' : 'worse' } : {}),
      submittedOn: ctx.submittedOn,
      decidedOn: ctx.decidedOn,
    });
    if (r.outcome === 'refused') return { issued: false, reason: r.reason };
    return {
      issued: true,
      message: `${done}（${r.categoryName}${r.gradeName}，有效期至${r.validUntil}），可在残疾人证查询中查看，领取后可在我的证照中关联残疾人证电子证照。`,
      reference: maskCard(r.certificateNumber),
    };
  };
}

export const WELFARE_FULFILMENTS: Readonly<Record<string, FulfilmentEntry>> = {
  'canjirenzheng-shenqing': { what: '残疾人证', deliver: certificate('certificate-new', '残疾人证已核发') },
  'canjirenzheng-buban': { what: '残疾人证（补办）', deliver: certificate('certificate-reissue', '残疾人证已补发') },
  'canji-dengji-biangeng': {
    what: '残疾人证（等级变更）',
    deliver: certificate('grade-change', '残疾等级已变更，新证已核发'),
  },
  'canjiren-butie-shenqing': {
    what: '残疾人补贴',
    verb: '核准',
    async deliver(ctx) {
      const r = await ctx.departments.disabledPersons.client.grantSubsidy({
        reference: ctx.caseNumber,
        kind: ctx.form.kind === 'care' ? 'care' : 'living',
        idNumber: ctx.applicant.idNumber,
        name: ctx.applicant.name,
        cityCode: ctx.city,
        submittedOn: ctx.submittedOn,
        decidedOn: ctx.decidedOn,
      });
      if (r.outcome === 'refused') return { issued: false, reason: r.reason };
      return {
        issued: true,
        message: `${r.kindName}已核准，自${r.since}起按月发放，每月${r.monthlyAmount}元，可在残疾人证查询中查看。`,
        reference: null,
      };
    },
  },
  'gaoling-jintie-shenqing': {
    what: '高龄津贴发放名册登记',
    verb: '办理',
    async deliver(ctx) {
      const r = await ctx.departments.civilAffairs.client.enrolOldAgeAllowance({
        reference: ctx.caseNumber,
        idNumber: ctx.applicant.idNumber,
        name: ctx.applicant.name,
        cityCode: ctx.city,
        submittedOn: ctx.submittedOn,
        decidedOn: ctx.decidedOn,
      });
      if (r.outcome === 'refused') return { issued: false, reason: r.reason };
      return {
        issued: true,
        message: `您已纳入高龄津贴发放名册，自${r.since}起按月发放，每月${r.monthlyAmount}元。`,
        reference: null,
      };
    },
  },
  'laonianren-youdaizheng-hefa': {
    what: '老年人优待证',
    async deliver(ctx) {
      const r = await ctx.departments.civilAffairs.client.issueSeniorCard({
        reference: ctx.caseNumber,
        idNumber: ctx.applicant.idNumber,
        name: ctx.applicant.name,
        cityCode: ctx.city,
        kind: ctx.form.applyType === 'reissue' ? 'reissue' : 'first',
        decidedOn: ctx.decidedOn,
      });
      if (r.outcome === 'refused') return { issued: false, reason: r.reason };
      return {
        issued: true,
        message: `老年人优待证已制发（证号${r.cardNumber}），请按通知的时间和地点携带身份证原件领取。`,
        reference: r.cardNumber,
      };
    },
  },
};
