/**
 * Reference data of the sandbox disabled persons' federation system (残联): the categories and grades of
 * GB/T 26341-2010 as the third-generation 残疾人证 encodes them (the card number is the holder's ID number,
 * then one digit for the category and one for the grade), subsidies and application kinds. Amounts are
 * illustrative (cities set their own).
 */

/** 残疾类别, by the digit in the card number. */
export const CATEGORIES = {
  1: '视力残疾',
  2: '听力残疾',
  3: '言语残疾',
  4: '肢体残疾',
  5: '智力残疾',
  6: '精神残疾',
  7: '多重残疾',
} as const;
export type Category = keyof typeof CATEGORIES;

/** 残疾等级: 一级 is the most severe. */
export const GRADES = { 1: '一级', 2: '二级', 3: '三级', 4: '四级' } as const;
export type Grade = keyof typeof GRADES;

export const CERTIFICATE_STATUSES = { valid: '有效', expired: '已过期', cancelled: '已注销' } as const;
export type CertificateStatus = keyof typeof CERTIFICATE_STATUSES;

/** Validity of a card (an assumption of the sandbox): 10 years, 5 for children under 16 at issue. */
export const validYears = (ageAtIssue: number) => (ageAtIssue < 16 ? 5 : 10);

export const SUBSIDY_KINDS = { living: '困难残疾人生活补贴', care: '重度残疾人护理补贴' } as const;
export type SubsidyKind = keyof typeof SUBSIDY_KINDS;

export const SUBSIDY_STATUSES = { receiving: '发放中', stopped: '已停发' } as const;
export type SubsidyStatus = keyof typeof SUBSIDY_STATUSES;

/** Monthly amounts in yuan (illustrative). 护理补贴 only for grades 一级 and 二级. */
export function subsidyAmount(kind: SubsidyKind, grade: Grade): number {
  if (kind === 'living') return 200;
  return grade === 1 ? 300 : 200;
}

export const APPLICATION_KINDS = {
  'certificate-new': '残疾人证新办',
  'certificate-reissue': '残疾人证补办',
  'certificate-renewal': '残疾人证换领',
  'grade-change': '残疾类别/等级变更',
  'living-subsidy': '困难残疾人生活补贴申请',
  'care-subsidy': '重度残疾人护理补贴申请',
} as const;
export type ApplicationKind = keyof typeof APPLICATION_KINDS;

export const APPLICATION_STEPS = {
  submitted: '已提交',
  accepted: '已受理',
  assessed: '残疾评定完成',
  reviewed: '审核通过',
  approved: '审批通过',
  rejected: '不予通过',
  issued: '已发证',
} as const;
export type ApplicationStep = keyof typeof APPLICATION_STEPS;

export const APPLICATION_PATHS: Record<ApplicationKind, readonly ApplicationStep[]> = {
  'certificate-new': ['submitted', 'accepted', 'assessed', 'reviewed', 'issued'],
  'certificate-reissue': ['submitted', 'accepted', 'reviewed', 'issued'],
  'certificate-renewal': ['submitted', 'accepted', 'reviewed', 'issued'],
  'grade-change': ['submitted', 'accepted', 'assessed', 'reviewed', 'issued'],
  'living-subsidy': ['submitted', 'accepted', 'reviewed', 'approved'],
  'care-subsidy': ['submitted', 'accepted', 'reviewed', 'approved'],
};

export const APPLICATION_STATUSES = { processing: '办理中', completed: '已办结', rejected: '不予通过' } as const;
export type ApplicationStatus = keyof typeof APPLICATION_STATUSES;
