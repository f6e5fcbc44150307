import type { FulfilmentEntry } from './types.js';

/**
 * 行驶驾驶 (D3, docs/departments/traffic.md): the traffic police's records changed by an approved case — 六年免检's
 * inspection label (检验有效期 to the 10th year; 违法查询 and 我的证照's 行驶证 show it), the renewed or replaced 驾驶证
 * (期满换证: 6 → 10 → 长期), the new 行驶证. What is posted is posted by the department (the form's address).
 */
export const TRANSPORT_FULFILMENTS: Readonly<Record<string, FulfilmentEntry>> = {
  'liunian-mianjian-shenqing': {
    what: '机动车检验标志',
    verb: '核发',
    referenceLabel: { zh: '号牌号码', en: 'Plate number' },
    async deliver(ctx) {
      const r = await ctx.departments.traffic.client.issueInspectionLabel({
        reference: ctx.caseNumber,
        idNumber: ctx.applicant.idNumber,
        plate: ctx.form.plate ?? '',
        decidedOn: ctx.decidedOn,
      });
      if (r.outcome === 'refused') return { issued: false, reason: r.reason };
      return {
        issued: true,
        message: `${r.plate}的检验标志已核发，检验有效期至${r.inspectionValidUntil}，检验标志将邮寄至您填写的地址。`,
        reference: r.plate,
      };
    },
  },
  'jiashizheng-huanzheng': {
    what: '机动车驾驶证',
    async deliver(ctx) {
      const reason = ctx.form.reason;
      const r = await ctx.departments.traffic.client.renewDrivingLicence({
        reference: ctx.caseNumber,
        idNumber: ctx.applicant.idNumber,
        reason: reason === 'lost' ? 'lost' : reason === 'damaged' ? 'damaged' : 'expiring',
        decidedOn: ctx.decidedOn,
      });
      if (r.outcome === 'refused') return { issued: false, reason: r.reason };
      const validity = r.validUntil === null ? `${r.validFrom}起长期有效` : `${r.validFrom}至${r.validUntil}`;
      return {
        issued: true,
        message: `驾驶证已${reason === 'lost' ? '补发' : '换发'}（${r.issuedBy}，有效期${validity}），新证将邮寄至您填写的地址。`,
        reference: null,
      };
    },
  },
  'xingshizheng-huanzheng': {
    what: '机动车行驶证',
    referenceLabel: { zh: '号牌号码', en: 'Plate number' },
    async deliver(ctx) {
      const r = await ctx.departments.traffic.client.renewVehicleLicence({
        reference: ctx.caseNumber,
        idNumber: ctx.applicant.idNumber,
        plate: ctx.form.plate ?? '',
        reason: ctx.form.reason === 'lost' ? 'lost' : ctx.form.reason === 'full' ? 'full' : 'damaged',
        decidedOn: ctx.decidedOn,
      });
      if (r.outcome === 'refused') return { issued: false, reason: r.reason };
      return {
        issued: true,
        message: `${r.plate}的行驶证已换发（发证日期${r.issuedOn}，检验有效期至${r.inspectionValidUntil}），新证将邮寄至您填写的地址。`,
        reference: r.plate,
      };
    },
  },
};
