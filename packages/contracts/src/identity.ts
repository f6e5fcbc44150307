import { z } from 'zod';

/**
 * Identity and trust contracts (issue 3): real-name accounts, login methods, step-up verification.
 * Sessions are server-side, carried in an HttpOnly cookie; these bodies never contain tokens.
 * Personal data in responses is always masked (440***********123X, 138****0000, 张*).
 */

export const MOBILE_PHONE_PATTERN = /^1[3-9]\d{9}$/;

export const MobilePhone = z
  .string({ error: '请输入手机号码' })
  .trim()
  .regex(MOBILE_PHONE_PATTERN, '请输入正确的11位手机号码')
  .meta({ example: '13800138000' });

export const SmsCode = z
  .string({ error: '请输入短信验证码' })
  .trim()
  .regex(/^\d{6}$/, '短信验证码为6位数字');

export const Pin = z.string({ error: '请输入6位数字密码' }).regex(/^\d{6}$/, '密码为6位数字');

export const LOGIN_METHODS = ['passkey', 'pin', 'sms'] as const;
export const LoginMethod = z.enum(LOGIN_METHODS).meta({
  id: 'LoginMethod',
  description: 'passkey = 刷脸/指纹 (WebAuthn with user verification); pin = 6位数字密码; sms = 短信验证码',
});
export type LoginMethod = z.infer<typeof LoginMethod>;

export const SMS_PURPOSES = ['login', 'verify'] as const;

export const SmsSendInput = z
  .object({ phone: MobilePhone, purpose: z.enum(SMS_PURPOSES).default('login') })
  .strict()
  .meta({ id: 'SmsSendInput' });
export type SmsSendInput = z.input<typeof SmsSendInput>;

export const SmsSendReceipt = z
  .object({
    /** The same answer whether or not the phone has an account (no enumeration). */
    message: z.string(),
    resendAfterSeconds: z.number().int(),
    expiresInSeconds: z.number().int(),
  })
  .meta({ id: 'SmsSendReceipt' });
export type SmsSendReceipt = z.infer<typeof SmsSendReceipt>;

export const SmsLoginInput = z.object({ phone: MobilePhone, code: SmsCode }).strict().meta({ id: 'SmsLoginInput' });
export type SmsLoginInput = z.input<typeof SmsLoginInput>;

export const PinLoginInput = z.object({ phone: MobilePhone, pin: Pin }).strict().meta({ id: 'PinLoginInput' });
export type PinLoginInput = z.input<typeof PinLoginInput>;

export const RealNameInput = z
  .object({
    name: z.string({ error: '请输入姓名' }).trim().min(2, '请输入完整的姓名').max(30, '姓名过长'),
    idNumber: z
      .string({ error: '请输入身份证号码' })
      .trim()
      .toUpperCase()
      .regex(/^\d{17}[\dX]$/, '请输入18位居民身份证号码'),
  })
  .strict()
  .meta({
    id: 'RealNameInput',
    description: '实名认证: name + resident ID number, matched against the population register',
  });
export type RealNameInput = z.input<typeof RealNameInput>;

export const SetPinInput = z.object({ pin: Pin, currentPin: Pin.optional() }).strict().meta({ id: 'SetPinInput' });
export type SetPinInput = z.input<typeof SetPinInput>;

export const DefaultLoginMethodInput = z
  .object({ method: LoginMethod })
  .strict()
  .meta({ id: 'DefaultLoginMethodInput' });

export const PasskeySummary = z
  .object({
    id: z.string(),
    nickname: z.string(),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
  })
  .meta({ id: 'PasskeySummary' });
export type PasskeySummary = z.infer<typeof PasskeySummary>;

export const RenamePasskeyInput = z
  .object({ nickname: z.string().trim().min(1, '请输入名称').max(30, '名称不能超过30个字') })
  .strict();

export const AccountProfile = z
  .object({
    id: z.string(),
    phoneMasked: z.string().meta({ example: '138****8000' }),
    realName: z
      .object({
        nameMasked: z.string().meta({ example: '张*' }),
        idNumberMasked: z.string().meta({ example: '440***********123X' }),
        cityCode: z.string().nullable(),
      })
      .nullable()
      .meta({ description: 'null until 实名认证 is done' }),
    defaultLoginMethod: LoginMethod,
    hasPin: z.boolean(),
    passkeyCount: z.number().int(),
    /** ISO time until which personal data may be shown without a new verification, or null. */
    verifiedUntil: z.string().nullable(),
  })
  .meta({ id: 'AccountProfile' });
export type AccountProfile = z.infer<typeof AccountProfile>;

export const SessionInfo = z
  .object({ account: AccountProfile, method: LoginMethod, expiresAt: z.string() })
  .meta({ id: 'SessionInfo' });
export type SessionInfo = z.infer<typeof SessionInfo>;

/** The unmasked values, only for the verified owner who asked to reveal them. */
export const RevealedIdentity = z
  .object({ name: z.string(), idNumber: z.string(), phone: z.string() })
  .meta({ id: 'RevealedIdentity' });
export type RevealedIdentity = z.infer<typeof RevealedIdentity>;

export const AccessLogEntry = z
  .object({
    at: z.string(),
    action: z.string().meta({ description: 'Stable action id, e.g. auth.login, identity.reveal' }),
    actionLabel: z.string().meta({ description: 'What happened, in Chinese' }),
    actor: z.string().meta({ description: 'Who acted: 本人, or the masked name of an agent or staff member' }),
    result: z.enum(['success', 'denied', 'failure']),
    detail: z.string().nullable(),
  })
  .meta({ id: 'AccessLogEntry', description: '我的访问记录' });
export type AccessLogEntry = z.infer<typeof AccessLogEntry>;
