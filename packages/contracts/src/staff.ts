import { z } from 'zod';
import { CITY_CODES } from './cities.js';
import { FEEDBACK_CATEGORIES } from './feedback.js';

/**
 * Staff and operator accounts of the console (issue 3): username + password, then a TOTP code (RFC 6238)
 * as the second factor. Sessions are server-side in their own HttpOnly cookie; no body carries a token.
 */

export const STAFF_ROLES = [
  'reviewer',
  'slot_manager',
  'catalog_editor',
  'service_desk',
  'auditor',
  'platform_operator',
  'verifier_admin',
] as const;
export const StaffRole = z.enum(STAFF_ROLES).meta({
  id: 'StaffRole',
  description:
    'reviewer 审核人员; slot_manager 号源管理员; catalog_editor 事项管理员; service_desk 客服人员; auditor 审计人员; platform_operator 平台运维人员; verifier_admin 核验单位管理员',
});
export type StaffRole = z.infer<typeof StaffRole>;

export const StaffUsername = z
  .string({ error: '请输入用户名' })
  .trim()
  .toLowerCase()
  .min(1, '请输入用户名')
  .max(40, '用户名不能超过40个字符');

export const TotpCode = z
  .string({ error: '请输入动态验证码' })
  .trim()
  .regex(/^\d{6}$/, '动态验证码为6位数字');

export const StaffLoginInput = z
  .object({
    username: StaffUsername,
    password: z.string({ error: '请输入密码' }).min(1, '请输入密码').max(200, '密码过长'),
  })
  .strict()
  .meta({ id: 'StaffLoginInput' });
export type StaffLoginInput = z.input<typeof StaffLoginInput>;

export const StaffLoginStep = z
  .object({
    /** totp: enter the authenticator's code; enrol: set up the authenticator first (first login). */
    next: z.enum(['totp', 'enrol']),
    /** The pending login lapses after this many seconds; then start again with the password. */
    expiresInSeconds: z.number().int(),
  })
  .meta({ id: 'StaffLoginStep' });
export type StaffLoginStep = z.infer<typeof StaffLoginStep>;

export const StaffTotpInput = z.object({ code: TotpCode }).strict().meta({ id: 'StaffTotpInput' });

export const StaffTotpEnrolment = z
  .object({
    /** otpauth://totp/… for authenticator apps. */
    uri: z.string(),
    /** The same URI as a QR code (PNG data URL). */
    qrDataUrl: z.string(),
    /** The base32 secret, for typing into an authenticator by hand. */
    secret: z.string(),
  })
  .meta({ id: 'StaffTotpEnrolment' });
export type StaffTotpEnrolment = z.infer<typeof StaffTotpEnrolment>;

export const StaffGrant = z
  .object({
    role: StaffRole,
    roleName: z.string(),
    permissions: z.array(z.object({ id: z.string(), name: z.string() })),
    departmentId: z.string(),
    departmentName: z.string(),
    /** null: the whole province (全省). */
    cityCode: z.string().nullable(),
    cityName: z.string(),
  })
  .meta({ id: 'StaffGrant' });
export type StaffGrant = z.infer<typeof StaffGrant>;

export const StaffProfile = z
  .object({
    username: z.string(),
    displayName: z.string(),
    passwordChangeRequired: z.boolean(),
    grants: z.array(StaffGrant),
  })
  .meta({ id: 'StaffProfile' });
export type StaffProfile = z.infer<typeof StaffProfile>;

export const StaffPasswordInput = z
  .object({
    currentPassword: z.string({ error: '请输入当前密码' }).min(1, '请输入当前密码').max(200, '密码过长'),
    newPassword: z
      .string({ error: '请输入新密码' })
      .min(12, '新密码至少需要12个字符')
      .max(200, '新密码不能超过200个字符'),
  })
  .strict()
  .meta({ id: 'StaffPasswordInput' });

// ---- console: 意见反馈 ----

export const FEEDBACK_STATUSES = ['new', 'read', 'answered', 'closed'] as const;
export const FeedbackStatus = z.enum(FEEDBACK_STATUSES).meta({
  id: 'FeedbackStatus',
  description: 'new 待处理; read 已查看; answered 已答复; closed 已关闭',
});
export type FeedbackStatus = z.infer<typeof FeedbackStatus>;

export const ConsoleFeedbackQuery = z
  .object({
    cityCode: z.enum(CITY_CODES, '城市代码无效').optional(),
    status: FeedbackStatus.optional(),
  })
  .strict();

export const ConsoleFeedbackItem = z
  .object({
    id: z.string(),
    category: z.enum(FEEDBACK_CATEGORIES),
    /** What the citizen typed, with the phone and ID numbers in it masked (138****8000, 440***********031X). */
    content: z.string(),
    /** Whether `content` has numbers masked: `POST /api/v1/console/feedback/:id/content/reveal` (audited) gives it all. */
    contentMasked: z.boolean(),
    /** Masked only (138****8000); the console never shows a citizen's contact in clear. */
    contactMasked: z.string().nullable(),
    serviceId: z.string().nullable(),
    serviceName: z.string().nullable(),
    departmentId: z.string(),
    departmentName: z.string(),
    cityCode: z.string().nullable(),
    cityName: z.string().nullable(),
    status: FeedbackStatus,
    createdAt: z.string(),
  })
  .meta({ id: 'ConsoleFeedbackItem' });
export type ConsoleFeedbackItem = z.infer<typeof ConsoleFeedbackItem>;

/** 显示: the whole text of one 意见反馈, numbers included (audited console.feedback.reveal). */
export const RevealedFeedbackContent = z
  .object({ id: z.string(), content: z.string() })
  .meta({ id: 'RevealedFeedbackContent' });
export type RevealedFeedbackContent = z.infer<typeof RevealedFeedbackContent>;

export const ConsoleFeedbackStatusInput = z
  .object({ status: FeedbackStatus })
  .strict()
  .meta({ id: 'ConsoleFeedbackStatusInput' });
