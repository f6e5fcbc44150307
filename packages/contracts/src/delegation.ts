import { z } from 'zod';
import { Pin, RealNameInput, SmsCode } from './identity.js';

/**
 * 为他人办理 (acting for others), issue 3. An agent (代办人) acts for a principal (被代办人) only under a
 * delegation: the principal's consent, limited to chosen services and a period, revocable by either side.
 * A parent acts for a child under 14 by a guardian link (监护关系) taken from the population register.
 * Everything about the other person in these bodies is masked.
 */

export const DELEGATION_STATUSES = ['pending', 'active', 'declined', 'revoked', 'expired'] as const;
export const DelegationStatus = z.enum(DELEGATION_STATUSES).meta({
  id: 'DelegationStatus',
  description: 'pending 待对方确认; active 已生效; declined 对方已拒绝; revoked 已解除; expired 已过期',
});
export type DelegationStatus = z.infer<typeof DelegationStatus>;

export const DELEGATION_STATUS_LABELS: Record<DelegationStatus, string> = {
  pending: '待对方确认',
  active: '已生效',
  declined: '对方已拒绝',
  revoked: '已解除',
  expired: '已过期',
};

/** How the principal agreed: in their own account, or on the agent's phone with their own PIN/passkey/SMS. */
export const CONSENT_METHODS = [
  'principal-account',
  'principal-sms',
  'principal-pin',
  'principal-passkey',
  'guardian',
] as const;
export const ConsentMethod = z.enum(CONSENT_METHODS).meta({ id: 'ConsentMethod' });
export type ConsentMethod = z.infer<typeof ConsentMethod>;

export const CONSENT_METHOD_LABELS: Record<ConsentMethod, string> = {
  'principal-account': '对方在本人账号中确认',
  'principal-sms': '对方登记手机短信验证码确认',
  'principal-pin': '对方输入本人密码确认',
  'principal-passkey': '对方刷脸确认',
  guardian: '监护关系（未满14周岁子女）',
};

/** The periods a citizen can choose; a guardian link lasts until the child's 14th birthday instead. */
export const DELEGATION_VALID_DAYS = [30, 90, 365] as const;

export const AddFamilyMemberInput = z
  .object({
    name: RealNameInput.shape.name,
    idNumber: RealNameInput.shape.idNumber,
    serviceIds: z
      .array(z.string().max(80), { error: '请选择代办的服务' })
      .min(1, '请至少选择一项代办的服务')
      .max(60, '选择的服务过多'),
    validDays: z.literal(DELEGATION_VALID_DAYS, { error: '授权期限只能选择30天、90天或1年' }).default(90),
  })
  .strict()
  .meta({
    id: 'AddFamilyMemberInput',
    description:
      '添加家庭成员: who (name + ID number, matched against the population register), which services, how long',
  });
export type AddFamilyMemberInput = z.input<typeof AddFamilyMemberInput>;

export const ConsentInput = z
  .discriminatedUnion('method', [
    z.object({ method: z.literal('sms'), code: SmsCode }).strict(),
    z.object({ method: z.literal('pin'), pin: Pin }).strict(),
    z
      .object({
        method: z.literal('passkey'),
        response: z.looseObject({ id: z.string().max(1024), response: z.looseObject({}) }),
      })
      .strict(),
  ])
  .meta({ id: 'ConsentInput', description: 'The principal confirms on the agent’s device' });
export type ConsentInput = z.input<typeof ConsentInput>;

export const DelegatedService = z.object({ id: z.string(), name: z.string() });

export const Delegation = z
  .object({
    id: z.string(),
    /** The caller's side: agent = I act for them; principal = they act for me. */
    role: z.enum(['agent', 'principal']),
    kind: z.enum(['consent', 'guardian']),
    otherParty: z.object({
      nameMasked: z.string().meta({ example: '张*国' }),
      idNumberMasked: z.string().nullable().meta({ example: '440***********123X' }),
      /** What the other person is to the caller, per the population register (父亲, 儿子, 配偶 …), or null. */
      relationLabel: z.string().nullable(),
    }),
    status: DelegationStatus,
    statusLabel: z.string(),
    services: z.array(DelegatedService),
    validUntil: z.string().nullable(),
    consentMethod: ConsentMethod.nullable(),
    consentMethodLabel: z.string().nullable(),
    consentedAt: z.string().nullable(),
    createdAt: z.string(),
    /** For the agent of a pending delegation: the ways the principal can confirm. */
    consentOptions: z
      .object({
        account: z.boolean().meta({ description: 'The principal has a 粤省事 account and can confirm there' }),
        smsPhoneMasked: z.string().nullable().meta({ description: 'The principal’s registered phone, masked' }),
        pin: z.boolean(),
        passkey: z.boolean(),
      })
      .nullable(),
  })
  .meta({ id: 'Delegation' });
export type Delegation = z.infer<typeof Delegation>;

export const DelegationList = z
  .object({ asAgent: z.array(Delegation), asPrincipal: z.array(Delegation) })
  .meta({ id: 'DelegationList' });
export type DelegationList = z.infer<typeof DelegationList>;

/** The principal as the agent may see them while acting (masked). */
export const ActingSubject = z
  .object({
    delegationId: z.string(),
    nameMasked: z.string(),
    idNumberMasked: z.string(),
    sex: z.enum(['male', 'female']),
    age: z.number().int(),
    hukouCityCode: z.string().nullable(),
    relationLabel: z.string().nullable(),
    services: z.array(DelegatedService),
    validUntil: z.string().nullable(),
  })
  .meta({ id: 'ActingSubject' });
export type ActingSubject = z.infer<typeof ActingSubject>;
