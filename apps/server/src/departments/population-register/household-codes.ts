/**
 * Reference data of the register's household services (户政业务): ID-card applications (C3), household
 * registration approvals (C4), residence registration and residence permits (C1).
 */

export const ID_CARD_KINDS = {
  'first-issue': '首次申领',
  renewal: '有效期满换领',
  replacement: '损坏换领',
  reissue: '丢失补领',
} as const;
export type IdCardKind = keyof typeof ID_CARD_KINDS;

/** Fees in yuan (首次申领、换领 20; 补领、损坏换领 40). */
export const ID_CARD_FEES: Record<IdCardKind, number> = {
  'first-issue': 20,
  renewal: 20,
  replacement: 40,
  reissue: 40,
};

export const COLLECTION_METHODS = { counter: '受理点领取', mail: '邮寄到家' } as const;
export type CollectionMethod = keyof typeof COLLECTION_METHODS;

export const ID_CARD_STEPS = {
  accepted: '已受理',
  approved: '审核签发',
  produced: '制证完成',
  ready: '待领取',
  collected: '已领取',
  mailed: '已寄出',
  delivered: '已签收',
} as const;
export type IdCardStep = keyof typeof ID_CARD_STEPS;

export const ID_CARD_PATHS: Record<CollectionMethod, readonly IdCardStep[]> = {
  counter: ['accepted', 'approved', 'produced', 'ready', 'collected'],
  mail: ['accepted', 'approved', 'produced', 'mailed', 'delivered'],
};

/** The C4 kinds, in the guide's order (户政审批查询). */
export const APPROVAL_KINDS = {
  birth: '出生审批',
  'move-in': '市外迁入',
  'move-within': '市内移居',
  'restore-elsewhere': '非原址恢复户口',
  cancellation: '户口注销',
  restore: '恢复户口',
  change: '项目变更',
  'non-agri-to-agri': '所内非转农',
} as const;
export type ApprovalKind = keyof typeof APPROVAL_KINDS;

export const APPROVAL_STATUSES = { pending: '审批中', approved: '已批准', rejected: '不予批准' } as const;
export type ApprovalStatus = keyof typeof APPROVAL_STATUSES;

export const APPROVAL_STEPS = {
  submitted: '已提交',
  accepted: '已受理',
  reviewed: '已审核',
  approved: '已批准',
  rejected: '不予批准',
} as const;
export type ApprovalStep = keyof typeof APPROVAL_STEPS;

export const CHANNELS = { online: '粤省事', counter: '窗口办理' } as const;
export type Channel = keyof typeof CHANNELS;

/** The guide (E2): 出生登记 online is not offered in 广州 and 深圳: there it is done at the counter. */
export const NO_ONLINE_BIRTH_REGISTRATION: readonly string[] = ['440100', '440300'];

export const REGISTRATION_STATUSES = { pending: '审核中', approved: '已登记', rejected: '不予登记' } as const;
export type RegistrationStatus = keyof typeof REGISTRATION_STATUSES;

export const PERMIT_KINDS = {
  guangdong: '广东省居住证',
  'hk-macao-taiwan': '港澳台居民居住证',
} as const;
export type PermitKind = keyof typeof PERMIT_KINDS;

export const PERMIT_STATUSES = {
  processing: '办理中',
  valid: '有效',
  'endorsement-due': '待签注',
  expired: '已过期',
} as const;
export type PermitStatus = keyof typeof PERMIT_STATUSES;

export const PERMIT_STEPS = { applied: '已申请', accepted: '已受理', approved: '审核通过', issued: '已发证' } as const;
export type PermitStep = keyof typeof PERMIT_STEPS;

/**
 * The guide (C1): a residence permit may be applied for once the residence registration has been approved
 * for half a year (深圳 excepted), and is issued within 10 working days of acceptance. Validity (an
 * assumption of the sandbox, see the docs): 广东省居住证 3 years with a yearly 签注; 港澳台居民居住证 5 years.
 */
export const PERMIT_WAIT_MONTHS = 6;
export const PERMIT_NO_WAIT_CITIES: readonly string[] = ['440300'];
export const PERMIT_ISSUE_WORKING_DAYS = 10;
export const PERMIT_VALID_YEARS: Record<PermitKind, number> = { guangdong: 3, 'hk-macao-taiwan': 5 };
