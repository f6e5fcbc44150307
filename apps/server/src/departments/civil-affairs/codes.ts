/**
 * Reference data of the sandbox civil-affairs system (民政): marriage registration, the old-age allowance
 * (高龄津贴) and social assistance (社会救助). Amounts are illustrative, not published standards: the
 * cities set their own and change them yearly (docs/departments/civil-affairs.md).
 */

export const MARRIAGE_KINDS = { marriage: '结婚登记', divorce: '离婚登记' } as const;
export type MarriageKind = keyof typeof MARRIAGE_KINDS;

/** 结婚证 / 离婚证 字号 prefixes. */
export const CERTIFICATE_PREFIX: Record<MarriageKind, string> = { marriage: 'J', divorce: 'L' };
export const CERTIFICATE_NAMES: Record<MarriageKind, string> = { marriage: '结婚证', divorce: '离婚证' };

export const MARRIAGE_STATUSES = { married: '婚姻存续', dissolved: '已离婚', valid: '有效' } as const;
export type MarriageStatus = keyof typeof MARRIAGE_STATUSES;

/** Legal minimum ages for marriage (婚姻法 1980, 民法典 第1047条): men 22, women 20. */
export const MARRIAGE_AGE = { male: 22, female: 20 } as const;

export const ALLOWANCE_STATUSES = {
  receiving: '发放中',
  pending: '审核中',
  'not-applied': '未申请',
  stopped: '已停发',
} as const;
export type AllowanceStatus = keyof typeof ALLOWANCE_STATUSES;

export const ALLOWANCE_MIN_AGE = 80;

/** The guide (E4): 高龄津贴申请 online only in 肇庆、清远、韶关. */
export const ALLOWANCE_ONLINE_CITIES: readonly string[] = ['441200', '441800', '440200'];
export const ALLOWANCE_ONLINE_MESSAGE = '高龄津贴申请暂仅支持肇庆、清远、韶关地区';

export type AgeBracket = '80-89' | '90-99' | '100+';
export const bracketOf = (age: number): AgeBracket | null =>
  age >= 100 ? '100+' : age >= 90 ? '90-99' : age >= 80 ? '80-89' : null;

/** Monthly allowance in yuan by bracket (illustrative): 广州 and 深圳 pay more than the other cities. */
export function allowanceAmount(cityCode: string, bracket: AgeBracket): number {
  const high = cityCode === '440100' || cityCode === '440300';
  const table: Record<AgeBracket, number> = high
    ? { '80-89': 100, '90-99': 200, '100+': 500 }
    : { '80-89': 50, '90-99': 100, '100+': 300 };
  return table[bracket];
}

export const ASSISTANCE_KINDS = {
  dibao: '最低生活保障',
  'low-income': '低收入家庭',
  tekun: '特困人员救助供养',
  temporary: '临时救助',
  medical: '医疗救助',
} as const;
export type AssistanceKind = keyof typeof ASSISTANCE_KINDS;

export const ASSISTANCE_STEPS = {
  appointment: '已预约',
  accepted: '已受理',
  investigated: '入户调查',
  reviewed: '乡镇（街道）审核',
  approved: '县级民政部门审批通过',
  rejected: '不予批准',
  paid: '已发放',
} as const;
export type AssistanceStep = keyof typeof ASSISTANCE_STEPS;

export const ASSISTANCE_STATUSES = {
  processing: '办理中',
  approved: '已批准',
  rejected: '不予批准',
  paid: '已发放',
} as const;
export type AssistanceStatus = keyof typeof ASSISTANCE_STATUSES;

/**
 * 不予批准 reasons as a county 民政 writes them in its decision (illustrative; the sandbox picks one per refused case).
 * The applicant is owed the reason: 《社会救助暂行办法》 has a refusal explained in writing.
 */
export const ASSISTANCE_REJECTION_REASONS: Record<AssistanceKind, readonly string[]> = {
  dibao: [
    '经入户调查和家庭经济状况核对，申请家庭月人均收入高于当地最低生活保障标准。',
    '经家庭经济状况核对，申请家庭拥有的金融资产超过当地规定的限额。',
  ],
  'low-income': [
    '经家庭经济状况核对，申请家庭月人均收入高于当地低收入家庭认定标准。',
    '经家庭经济状况核对，申请家庭财产状况不符合当地低收入家庭认定条件。',
  ],
  tekun: [
    '经核查，申请人有法定赡养、扶养义务人且义务人具有履行义务能力，不符合特困人员认定条件。',
    '经核查，申请人具有劳动能力，不符合特困人员认定条件。',
  ],
  temporary: [
    '经入户调查核实，申请家庭未因突发事件、意外伤害或重大疾病导致基本生活陷入困境。',
    '经核查，申请家庭的困难已通过其他社会救助制度或保险得到保障。',
  ],
  medical: [
    '经核查，申请费用不属于医疗救助范围。',
    '经核查，申请费用已由基本医疗保险、大病保险等足额报销，个人负担部分未达到救助起付标准。',
  ],
};

/** Monthly 低保 standard per person in yuan (illustrative: the Pearl River Delta highest). */
export function dibaoStandard(cityCode: string): number {
  const standards: Record<string, number> = {
    '440100': 1500,
    '440300': 1500,
    '440400': 1400,
    '440600': 1400,
    '441900': 1400,
    '442000': 1300,
  };
  return standards[cityCode] ?? 1100;
}
